"""Nothing of a citizen's account reaches a public page, feed, API or open-data file.

Plant a recognisable account (names from TAXISnet, email, phone) with a published
complaint and a booking, then fetch every public page of the portal, in another
browser and in the citizen's own; a positive control shows the planted values are
on the citizen's own dashboard, so the search can find them.
"""

import pytest
from django.test import Client

from accounts.identity import afm_hash
from complaints.models import Complaint
from tests.accounts.factories import TaxisCitizenFactory
from tests.accounts.signin import sign_in_citizen
from tests.appointments.factories import BookingFactory
from tests.complaints.factories import submitted_complaint

pytestmark = pytest.mark.django_db

AFM = "131860915"
PLANTED = {
    "first_name": "ΞΑΝΘΙΠΠΗ",
    "last_name": "ΚΡΥΦΟΠΟΥΛΟΥ",
    "email": "xanthippi.kryfo@example.gr",
    "phone": "+306971239876",
}
PUBLIC = [
    "/",
    "/en/",
    "/complaints/",
    "/complaints/map.json",
    "/complaints/data/complaints.csv",
    "/complaints/data/complaints.json",
    "/open311/v2/requests.json",
    "/appointments/",
    "/appointments/data/daily-statistics.csv",
    "/data/",
    "/data/catalogue.jsonld",
    "/account/",
    "/en/account/",
]


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_planted_account_data_appears_on_no_public_page(client):
    citizen = TaxisCitizenFactory(afm_hash=afm_hash(AFM), **PLANTED)
    complaint, _secret = submitted_complaint(
        citizen=citizen,
        citizen_name="ΞΑΝΘΙΠΠΗ ΚΡΥΦΟΠΟΥΛΟΥ",
        citizen_email=PLANTED["email"],
        citizen_phone=PLANTED["phone"],
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        is_published=True, public_summary="Σπασμένο φανάρι στην Εγνατία"
    )
    booking = BookingFactory(citizen=citizen, name="ΞΑΝΘΙΠΠΗ ΚΡΥΦΟΠΟΥΛΟΥ", email=PLANTED["email"])
    pages = [
        *PUBLIC,
        f"/complaints/{complaint.protocol_number}/",
        booking.service.get_absolute_url(),
    ]
    secrets = (*PLANTED.values(), "6971239876", AFM, citizen.afm_hash)

    anonymous = Client()
    for path in pages:
        response = anonymous.get(path)
        assert response.status_code == 200, path
        body = _body(response)
        for value in secrets:
            assert value not in body, (path, value)
    # Positive control: the citizen's own dashboard shows them, never the ΑΦΜ.
    own = Client()
    sign_in_citizen(own, citizen)
    dashboard = own.get("/account/").content.decode()
    assert "ΚΡΥΦΟΠΟΥΛΟΥ" in dashboard and PLANTED["email"] in dashboard
    assert booking.reference in dashboard and complaint.protocol_number in dashboard
    assert AFM not in dashboard and citizen.afm_hash not in dashboard
    # Public pages seen from the citizen's own session show only the header's link.
    for path in pages:
        body = _body(own.get(path))
        if path.endswith("account/"):
            continue
        for value in secrets:
            assert value not in body, (path, value)
