"""The guide's back office: each unit sees and edits its own procedures; history; import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guide.models import Procedure, ProcedureVersion, Status
from portal.roles import Role
from tests.admin_forms import admin_form_data
from tests.guide.factories import ChannelFactory, EvidenceFactory, ProcedureFactory
from tests.portal.factories import DepartmentFactory, staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:guide_procedure_changelist")


@pytest.fixture
def units():
    return DepartmentFactory(name="Τμήμα Ληξιαρχείου"), DepartmentFactory(name="Τμήμα Καθαριότητας")


@pytest.fixture
def editor(client, units):
    user = staff_user(department=units[0], roles=(Role.DEPARTMENT_STAFF,), username="lixiarxis")
    sign_in(client, user)
    return user


def test_a_units_staff_see_only_their_units_procedures(client, units, editor):
    ProcedureFactory(department=units[0], title="Δήλωση γέννησης")
    theirs = ProcedureFactory(department=units[1], title="Αποκομιδή ογκωδών")

    html = client.get(CHANGELIST).content.decode()
    assert "Δήλωση γέννησης" in html and "Αποκομιδή ογκωδών" not in html
    response = client.get(reverse("admin:guide_procedure_change", args=[theirs.pk]))
    assert response.status_code == 302  # the admin's «does not exist» redirect
    assert client.get(reverse("admin:guide_procedure_history", args=[theirs.pk])).status_code == 404


def test_the_unit_field_offers_only_the_editors_own_unit(client, units, editor):
    response = client.get(reverse("admin:guide_procedure_add"))
    field = response.context["adminform"].form.fields["department"]
    assert list(field.queryset) == [units[0]]


def test_transparency_staff_see_every_unit(client, units):
    sign_in(client, staff_user(department=units[1], roles=(Role.TRANSPARENCY_STAFF,)))
    ProcedureFactory(department=units[0], title="Δήλωση γέννησης")
    ProcedureFactory(department=units[1], title="Αποκομιδή ογκωδών")
    html = client.get(CHANGELIST).content.decode()
    assert "Δήλωση γέννησης" in html and "Αποκομιδή ογκωδών" in html


def test_saving_in_the_admin_keeps_a_version_and_the_history_shows_it(client, units, editor):
    procedure = ProcedureFactory(department=units[0], title="Δήλωση γέννησης", duration="P5D")
    url = reverse("admin:guide_procedure_change", args=[procedure.pk])
    data = admin_form_data(client.get(url))
    data["duration"] = "P1D"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    version = ProcedureVersion.objects.get(procedure=procedure)
    assert version.saved_by == editor and version.snapshot["duration"] == "P1D"
    data = admin_form_data(client.get(url))
    data["title"] = "Δήλωση γέννησης παιδιού"
    client.post(url, data)

    history = client.get(reverse("admin:guide_procedure_history", args=[procedure.pk]))
    html = history.content.decode()
    assert "lixiarxis" in html and "title" in html
    page = client.get(reverse("admin:guide_procedure_version", args=[procedure.pk, 2]))
    html = page.content.decode()
    assert "Δήλωση γέννησης <ins>παιδιού</ins>" in html
    first = client.get(reverse("admin:guide_procedure_version", args=[procedure.pk, 1]))
    assert "Δήλωση γέννησης" in first.content.decode()


def test_a_bad_duration_is_a_greek_message_not_an_error(client, units, editor):
    procedure = ProcedureFactory(department=units[0])
    url = reverse("admin:guide_procedure_change", args=[procedure.pk])
    data = admin_form_data(client.get(url))
    data["duration"] = "δέκα ημέρες"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ISO 8601" in response.content.decode()


def test_publishing_from_the_list_follows_the_transition_map(client, units, editor):
    draft = ProcedureFactory(department=units[0], status=Status.DRAFT)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "δεν μπορεί να γίνει" in response.content.decode()


def test_the_import_page_shows_row_numbered_errors_and_imports_nothing(client, units, editor):
    bad = [
        {"process_official_title": "Α", "process_provision_org_directory": units[0].name},
        {"process_official_title": ""},
    ]
    upload = SimpleUploadedFile("mitos.json", json.dumps(bad).encode(), "application/json")
    response = client.post(reverse("admin:guide_procedure_import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Γραμμή 2, process_official_title: λείπει ο τίτλος" in html
    assert not Procedure.objects.exists()


@pytest.mark.parametrize("rows", [1, 12])
def test_the_change_page_runs_a_fixed_number_of_queries(
    client, units, editor, django_assert_max_num_queries, rows
):
    procedure = ProcedureFactory(department=units[0])
    EvidenceFactory.create_batch(rows, procedure=procedure)
    ChannelFactory.create_batch(rows, procedure=procedure)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("admin:guide_procedure_change", args=[procedure.pk]))
    assert response.status_code == 200
