"""Data-subject rights: staff with the data-protection permission find, export and erase."""

import io
import json
import zipfile

import pytest

from appointments.models import Booking
from complaints.models import Attachment, Complaint, TimelineEntry, TimelineKind
from complaints.retention import complaint_anonymise
from complaints.services import complaint_accept, complaint_request_information
from portal.models import AuditEntry
from portal.roles import Role
from portal.uploads import check_upload
from tests.appointments.factories import BookingFactory
from tests.complaints.factories import submitted_complaint
from tests.complaints.helpers import png_upload
from tests.portal.factories import staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

URL = "/admin/portal/auditentry/personal-data/"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def held():
    """One citizen's complaint (with a photo and a message) and booking; another's too."""
    complaint, _secret = submitted_complaint(
        citizen_email="Eleni@Example.gr",
        citizen_phone="2310 123456",
        attachments=[check_upload(png_upload("lakkouva.png"))],
    )
    officer = staff_user(roles=(Role.TRANSPARENCY_STAFF,))
    complaint = complaint_accept(complaint=complaint, actor=officer)
    complaint_request_information(complaint=complaint, question="Πού ακριβώς;", actor=officer)
    from complaints.services import complaint_add_citizen_message

    complaint_add_citizen_message(complaint=complaint, text="Απέναντι από τον φούρνο μου.")
    booking = BookingFactory(email="", phone="+30 2310 123456", name="Ελένη Δημητρίου")
    other, _ = submitted_complaint(citizen_email="kostas@example.gr")
    return complaint, booking, other


def test_only_the_data_protection_permission_opens_the_tool(client):
    sign_in(client, staff_user(roles=(Role.DEPARTMENT_STAFF,)))
    assert client.get(URL).status_code == 403
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))
    assert client.get(URL).status_code == 200


def test_the_search_is_taken_by_post_and_never_from_the_query_string(client, held):
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))

    by_get = client.get(URL, {"email": "eleni@example.gr", "action": "export"})
    by_post = client.post(URL, {"email": "eleni@example.gr", "action": "find"})

    assert by_get.status_code == 200 and by_get["Content-Type"].startswith("text/html")
    assert not by_get.context["form"].is_bound and by_get.context["found"] is None
    assert "eleni@example.gr" not in by_get.content.decode()
    assert not AuditEntry.objects.filter(action="portal.personal_data.exported").exists()
    assert by_post.context["found"]["complaints"].records
    assert 'method="post"' in by_post.content.decode()


def test_export_gathers_complaints_messages_files_and_bookings_in_one_zip(client, held):
    complaint, booking, other = held
    officer = staff_user(roles=(Role.TRANSPARENCY_STAFF,))
    sign_in(client, officer)

    response = client.post(
        URL, {"email": "eleni@example.gr", "phone": "231 012 3456", "action": "export"}
    )

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert [c["protocol_number"] for c in data["complaints"]] == [complaint.protocol_number]
    assert data["complaints"][0]["messages"][0]["text"] == "Απέναντι από τον φούρνο μου."
    assert [b["reference"] for b in data["appointments"]] == [booking.reference]
    photos = [name for name in archive.namelist() if name.startswith("files/complaints/")]
    assert len(photos) == 1 and photos[0].endswith("lakkouva.png")
    assert archive.read(photos[0])[:4] == b"\x89PNG"
    assert other.protocol_number not in response.content.decode("latin-1")
    entry = AuditEntry.objects.get(action="portal.personal_data.exported")
    assert entry.actor == officer
    assert entry.data["rows"] == {"complaints": 1, "appointments": 1, "accounts": 0, "alerts": 0}
    assert "eleni" not in json.dumps(entry.data)


def test_erasure_anonymises_on_request_and_keeps_the_statistics(client, held):
    complaint, booking, other = held
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))

    unconfirmed = client.post(URL, {"email": "eleni@example.gr", "action": "erase"})
    assert "Επιβεβαιώστε" in unconfirmed.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).anonymised_at is None

    client.post(
        URL,
        {"email": "eleni@example.gr", "phone": "2310123456", "action": "erase", "confirm": "on"},
    )

    complaint.refresh_from_db()
    booking.refresh_from_db()
    assert complaint.anonymised_at is not None and complaint.citizen_email == ""
    assert complaint.category_id and complaint.status  # statistics stay
    assert booking.phone == "" and booking.name != "Ελένη Δημητρίου"
    assert Booking.objects.count() == 1 and Complaint.objects.count() == 2
    assert not Attachment.objects.filter(complaint=complaint).exists()
    assert Complaint.objects.get(pk=other.pk).citizen_email == "kostas@example.gr"
    assert AuditEntry.objects.get(action="portal.personal_data.erased").data["rows"] == {
        "complaints": 1,
        "appointments": 1,
        "accounts": 0,
        "alerts": 0,
    }


def test_retention_scrubs_free_text_that_can_name_the_citizen(held):
    complaint, _booking, _other = held
    subject = complaint.subject

    complaint_anonymise(complaint=complaint)

    complaint.refresh_from_db()
    assert subject not in complaint.subject and "φανάρι" not in complaint.description
    message = TimelineEntry.objects.get(complaint=complaint, kind=TimelineKind.CITIZEN_MESSAGE)
    assert "φούρνο" not in message.text
    names = AuditEntry.objects.filter(object_id=str(complaint.pk)).values_list(
        "object_repr", flat=True
    )
    assert names and not any(subject in name for name in names)


def test_retention_keeps_what_staff_published(held):
    complaint, _booking, _other = held
    Complaint.objects.filter(pk=complaint.pk).update(
        is_published=True, public_summary="Λακκούβα στην Τσιμισκή"
    )

    complaint_anonymise(complaint=complaint)

    complaint.refresh_from_db()
    assert complaint.public_summary == "Λακκούβα στην Τσιμισκή"
    assert complaint.subject == "Σπασμένο φανάρι"
