"""The raw semester export: streamed, scoped, contact data only with the permission."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import StreamingHttpResponse

from complaints.models import Status
from portal.roles import Role
from tests.complaints.backoffice import clerk_of, revoke, transparency_officer
from tests.complaints.factories import CategoryFactory, ComplaintFactory
from tests.portal.factories import DepartmentFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

EXPORT = "/admin/complaints/complaint/export/"
H1_2026 = {"year": 2026, "half": 1, "download": "1"}
ATHENS = ZoneInfo("Europe/Athens")


def rows_of(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


@pytest.fixture
def tickets(category):
    inside = ComplaintFactory(
        category=category,
        protocol_number="2026-000101",
        submitted_at=datetime(2026, 3, 2, 9, 15, tzinfo=ATHENS),
        subject="=cmd|' /C calc'!A0",
        citizen_name="Ξενοφών Ιδιωτικός",
        citizen_email="xenofon@example.gr",
        citizen_phone="+302310111222",
        status=Status.IN_PROGRESS,
    )
    ComplaintFactory(
        category=category,
        protocol_number="2026-000900",
        submitted_at=datetime(2026, 7, 1, 0, 5, tzinfo=ATHENS),
    )
    ComplaintFactory(
        category=CategoryFactory(),
        protocol_number="2026-000102",
        submitted_at=datetime(2026, 3, 3, tzinfo=ATHENS),
    )
    return inside


def test_the_export_streams_the_semesters_tickets_of_the_department(client, category, tickets):
    sign_in(client, clerk_of(category.department, Role.DEPARTMENT_STAFF, Role.DEPARTMENT_HEAD))

    response = client.get(EXPORT, H1_2026)

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="complaints-2026-h1.csv"'
    rows = rows_of(response)
    assert [row["Αριθμός πρωτοκόλλου"] for row in rows] == ["2026-000101"]
    assert rows[0]["Κατάσταση"] == "Σε εξέλιξη"
    assert rows[0]["Υποβλήθηκε"] == "2026-03-02 09:15"


def test_every_export_is_audited_with_who_what_and_how_many_rows(client, tickets):
    from portal.models import AuditEntry

    officer = transparency_officer(DepartmentFactory())
    sign_in(client, officer)
    rows = rows_of(client.get(EXPORT, H1_2026))
    entry = AuditEntry.objects.get(action="complaints.complaint.exported")
    assert entry.actor_username == officer.username
    assert entry.data["rows"] == len(rows) == 2
    assert entry.data["what"] == "semester CSV 2026-h1"


def test_contact_data_leaves_only_with_the_permission(client, category, tickets):
    sign_in(client, clerk_of(category.department, Role.DEPARTMENT_STAFF, Role.DEPARTMENT_HEAD))

    body = b"".join(client.get(EXPORT, H1_2026).streaming_content).decode()

    for private in ("Ξενοφών Ιδιωτικός", "xenofon@example.gr", "+302310111222", "Εγνατίας 45"):
        assert private not in body


def test_transparency_staff_export_every_department_with_contact_data(client, tickets):
    sign_in(client, transparency_officer(DepartmentFactory()))

    rows = rows_of(client.get(EXPORT, H1_2026))

    assert [row["Αριθμός πρωτοκόλλου"] for row in rows] == ["2026-000101", "2026-000102"]
    assert rows[0]["Email"] == "xenofon@example.gr"
    assert rows[0]["Ονοματεπώνυμο"] == "Ξενοφών Ιδιωτικός"


def test_without_the_contact_permission_transparency_gets_no_contact_columns(client, tickets):
    revoke(Role.TRANSPARENCY_STAFF, "view_contact_data")
    sign_in(client, transparency_officer(DepartmentFactory()))

    rows = rows_of(client.get(EXPORT, H1_2026))

    assert "Email" not in rows[0]
    assert "Ονοματεπώνυμο" not in rows[0]


def test_formulas_are_neutralised(client, tickets):
    sign_in(client, transparency_officer(DepartmentFactory()))

    rows = rows_of(client.get(EXPORT, H1_2026))

    assert rows[0]["Θέμα"] == "'=cmd|' /C calc'!A0"


def test_clerks_without_the_export_permission_are_refused(client, category):
    sign_in(client, clerk_of(category.department))

    assert client.get(EXPORT, H1_2026).status_code == 403


def test_the_export_page_explains_what_it_contains(client, category):
    sign_in(client, clerk_of(category.department, Role.DEPARTMENT_STAFF, Role.DEPARTMENT_HEAD))

    page = client.get(EXPORT).content.decode()

    assert "Χωρίς στοιχεία επικοινωνίας" in page
    assert 'name="year"' in page


def test_the_export_query_count_does_not_grow_with_rows(
    client, category, django_assert_max_num_queries
):
    for _index in range(60):
        ComplaintFactory(category=category, submitted_at=datetime(2026, 2, 2, tzinfo=ATHENS))
    sign_in(client, transparency_officer(DepartmentFactory()))

    # +2: the sign-in checks (verified device, session generation); +3: the audit entry's
    # row count and insert. None grow with rows.
    with django_assert_max_num_queries(11):
        rows = rows_of(client.get(EXPORT, H1_2026))

    assert len(rows) == 60


def test_a_bad_semester_shows_the_form_again(client, category):
    sign_in(client, transparency_officer(DepartmentFactory()))

    response = client.get(EXPORT, {"year": "1999", "half": "3", "download": "1"})

    assert response.status_code == 200
    assert not isinstance(response, StreamingHttpResponse)
    assert "errorlist" in response.content.decode()
