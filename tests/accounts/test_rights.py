"""A citizen's own data-subject rights: download everything (JSON), delete the account."""

import json

import pytest

from accounts.models import Citizen
from appointments.models import BookingStatus
from complaints.models import Complaint
from portal.models import AuditEntry
from tests.accounts.factories import CitizenFactory, TaxisCitizenFactory
from tests.accounts.signin import sign_in_citizen
from tests.appointments.factories import BookingFactory
from tests.complaints.factories import submitted_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(client):
    """A signed-in citizen with a complaint and a booking; someone else's of each too."""
    citizen = sign_in_citizen(
        client, CitizenFactory(email="eleni@example.gr", phone="+302310123456")
    )
    complaint, _secret = submitted_complaint(
        citizen=citizen, citizen_name="Ελένη Δημητρίου", citizen_email="eleni@example.gr"
    )
    booking = BookingFactory(citizen=citizen, name="Ελένη Δημητρίου", email="eleni@example.gr")
    other_complaint, _ = submitted_complaint(citizen_email="kostas@example.gr")
    other_booking = BookingFactory(email="kostas@example.gr", name="Κώστας Παππάς")
    return citizen, complaint, booking, other_complaint, other_booking


def test_my_data_downloads_as_json_with_everything_of_mine_and_nothing_else(client, held):
    _citizen, complaint, booking, _other_complaint, other_booking = held
    client.post("/account/contact/", {"email": "eleni@example.gr", "phone": "2310 123456"})

    response = client.get("/account/data.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )
    data = json.loads(response.content)
    assert data["accounts"][0]["email"] == "eleni@example.gr"
    assert data["accounts"][0]["phone"] == "+302310123456"
    assert [c["protocol_number"] for c in data["complaints"]] == [complaint.protocol_number]
    assert [b["reference"] for b in data["appointments"]] == [booking.reference]
    text = response.content.decode()
    assert "kostas@example.gr" not in text and other_booking.reference not in text
    assert AuditEntry.objects.filter(action="accounts.citizen.exported").exists()


def test_the_download_never_holds_the_afm(client):
    citizen = sign_in_citizen(client, TaxisCitizenFactory())
    data = json.loads(client.get("/account/data.json").content)
    record = data["accounts"][0]
    assert record["signed_in_with_taxisnet"] is True
    assert citizen.afm_hash not in json.dumps(data)


def test_the_download_needs_a_session(client):
    response = client.get("/account/data.json")
    assert response.status_code == 302 and response["Location"] == "/account/"


def test_deleting_the_account_keeps_the_protocol_entry_detached_and_anonymised(client, held):
    citizen, complaint, booking, other_complaint, other_booking = held

    unconfirmed = client.post("/account/delete/", {})
    assert unconfirmed.status_code == 400
    assert "Επιβεβαιώστε" in unconfirmed.content.decode()
    response = client.post("/account/delete/", {"confirm": "on"})

    assert response.status_code == 200 and "Ο λογαριασμός διαγράφηκε" in response.content.decode()
    assert not Citizen.objects.filter(pk=citizen.pk).exists()
    complaint.refresh_from_db()
    assert complaint.protocol_number and complaint.citizen is None
    assert complaint.anonymised_at is not None and complaint.citizen_email == ""
    assert complaint.citizen_name == ""
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.citizen is None
    assert booking.email == "" and booking.name == "—"
    booking.slot.refresh_from_db()
    other_complaint.refresh_from_db()
    other_booking.refresh_from_db()
    assert other_complaint.citizen_email == "kostas@example.gr"
    assert other_booking.name == "Κώστας Παππάς"
    assert Complaint.objects.count() == 2
    assert "Σύνδεση με TAXISnet" in client.get("/account/").content.decode()
    assert AuditEntry.objects.filter(action="accounts.citizen.deleted").exists()


def test_a_deleted_accounts_other_sessions_end(client, held):
    from django.test import Client

    citizen = held[0]
    other_browser = Client()
    sign_in_citizen(other_browser, citizen)

    client.post("/account/delete/", {"confirm": "on"})

    assert "Σύνδεση με TAXISnet" in other_browser.get("/account/").content.decode()
    assert other_browser.get("/account/data.json").status_code == 302


def test_deleting_twice_raises_nothing(client, held):
    client.post("/account/delete/", {"confirm": "on"})
    response = client.post("/account/delete/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/account/"


def test_staff_find_and_erase_citizen_accounts_with_the_data_protection_tool(client, held):
    from portal.roles import Role
    from tests.portal.factories import staff_user
    from tests.signin import sign_in

    citizen = held[0]
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))
    url = "/admin/portal/auditentry/personal-data/"

    client.post(url, {"email": "eleni@example.gr", "action": "erase", "confirm": "on"})

    assert not Citizen.objects.filter(pk=citizen.pk).exists()
