"""Back office: department staff see their own services' lines; edits are audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget.imports import HEADER
from budget.models import Execution
from portal.models import AuditEntry
from portal.roles import Role
from tests.budget.factories import make_line, make_service, make_year
from tests.portal.factories import DepartmentFactory, staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_department_staff_see_only_their_services_lines(client):
    cleaning, works = DepartmentFactory(), DepartmentFactory()
    year = make_year(2026)
    ours = make_line(
        year,
        "6641.0001",
        title="Καύσιμα απορριμματοφόρων",
        service=make_service("20", "Καθαριότητα", cleaning),
    )
    theirs = make_line(
        year, "7323.0001", title="Ασφαλτοστρώσεις", service=make_service("30", "Τεχνικές", works)
    )
    revenue = make_line(year, "0311.0001", title="Τέλος ακίνητης περιουσίας")
    sign_in(client, staff_user(department=cleaning, roles=(Role.DEPARTMENT_STAFF,)))
    page = client.get(reverse("admin:budget_line_changelist"))
    assert page.status_code == 200
    assert ours.title in page.text
    assert theirs.title not in page.text
    assert revenue.title not in page.text
    assert client.get(reverse("admin:budget_line_change", args=[theirs.pk])).status_code == 302


def test_transparency_staff_edit_a_line_and_it_is_audited(client):
    year = make_year(2026)
    line = make_line(year, "6641.0001", "1000.00")
    user = staff_user(department=DepartmentFactory(), roles=(Role.TRANSPARENCY_STAFF,))
    sign_in(client, user)
    url = reverse("admin:budget_line_change", args=[line.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "year": year.pk,
            "kind": "expenditure",
            "service": line.service_id,
            "kae": "6641.0001",
            "title": "Καύσιμα",
            "initial": "1500.00",
            "executions-TOTAL_FORMS": "0",
            "executions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    line.refresh_from_db()
    assert str(line.initial) == "1500.00"
    assert AuditEntry.objects.filter(action="budget.line.changed", actor=user).exists()


def test_execution_import_page_dry_runs_then_writes(client):
    year = make_year(2026)
    make_line(year, "6641.0001", "1000.00")
    user = staff_user(department=DepartmentFactory(), roles=(Role.TRANSPARENCY_STAFF,))
    sign_in(client, user)
    url = reverse("admin:budget_execution_import", args=[year.pk])
    assert client.get(reverse("admin:budget_year_change", args=[year.pk])).text.count(url) == 1
    body = ";".join(HEADER) + "\n20-6641.0001;Καύσιμα;1000;0;0;400;300;500\n"

    def upload(dry_run):
        data = {"month": "4", "file": SimpleUploadedFile("m.csv", body.encode(), "text/csv")}
        return client.post(url, {**data, **({"dry_run": "on"} if dry_run else {})})

    checked = upload(dry_run=True)
    assert checked.status_code == 200
    assert "Ο έλεγχος πέρασε: 1 γραμμή" in checked.text
    assert "τα πληρωθέντα υπερβαίνουν τα ενταλματοποιηθέντα" in checked.text
    assert not Execution.objects.exists()
    assert upload(dry_run=False).status_code == 302
    assert Execution.objects.get().paid == 500
    assert AuditEntry.objects.filter(action="budget.execution.imported", actor=user).exists()


def test_department_staff_cannot_import(client):
    year = make_year(2026)
    sign_in(client, staff_user(department=DepartmentFactory(), roles=(Role.DEPARTMENT_STAFF,)))
    response = client.get(reverse("admin:budget_execution_import", args=[year.pk]))
    assert response.status_code == 403
