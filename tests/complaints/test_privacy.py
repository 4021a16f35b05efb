"""Citizens' personal data never leaves the building: not on any public page, feed or dataset."""

from decimal import Decimal

import pytest
from django.urls import reverse

from complaints import services
from tests.complaints.factories import submitted_complaint
from tests.portal.factories import staff_user

pytestmark = pytest.mark.django_db

NAME = "Ζηνοβία Πλανταγενέτη-Ξυλουργού"
EMAIL = "zinovia.planted.7731@example.gr"
PHONE = "+306944123987"
ADDRESS_NUMBER = "Κασσάνδρου 173"
DESCRIPTION = "Ιδιωτική περιγραφή με λέξη φυτευμένηλέξη που δεν δημοσιεύεται."


@pytest.fixture
def planted(category):
    complaint, _secret = submitted_complaint(
        category=category,
        citizen_name=NAME,
        citizen_email=EMAIL,
        citizen_phone=PHONE,
        address=f"{NAME}, {ADDRESS_NUMBER}",
        description=DESCRIPTION,
        latitude=Decimal("40.638765"),
        longitude=Decimal("22.951234"),
    )
    clerk = staff_user(department=category.department)
    services.complaint_accept(complaint=complaint, actor=clerk)
    services.complaint_reply(
        complaint=complaint, text=f"Κυρία {NAME}, θα έρθει συνεργείο.", actor=clerk
    )
    services.complaint_publish(  # with the area suggested, as staff find it
        complaint=complaint,
        public_summary="Λακκούβα στην οδό Κασσάνδρου.",
        public_area=complaint.public_area,
        actor=clerk,
    )
    return complaint


def _public_responses(client, complaint):
    register = reverse("complaints:index")
    return {
        "register": client.get(register),
        "register search": client.get(register, {"q": "Κασσάνδρου"}),
        "register map": client.get(register, {"view": "map"}),
        "map points": client.get(reverse("complaints:map_points")),
        "detail": client.get(complaint.get_absolute_url()),
        "csv": client.get(reverse("complaints:data_csv")),
        "json": client.get(reverse("complaints:data_json")),
        "catalogue": client.get(reverse("portal:data_catalogue")),
        "home": client.get(reverse("portal:home")),
        "open311 json": client.get("/open311/v2/requests.json"),
        "open311 xml": client.get("/open311/v2/requests.xml"),
    }


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_planted_personal_data_is_on_no_public_page_feed_or_dataset(client, planted):
    for name, response in _public_responses(client, planted).items():
        assert response.status_code == 200, name
        body = _body(response)
        for secret in (NAME, EMAIL, PHONE, "6944123987", ADDRESS_NUMBER, "φυτευμένηλέξη"):
            assert secret not in body, f"{secret!r} leaked on {name}"
        assert "40.638765" not in body and "22.951234" not in body, name
        assert "40.63876" not in body and "22.95123" not in body, name


def test_the_public_pages_do_show_the_moderated_summary(client, planted):
    responses = _public_responses(client, planted)

    assert "Λακκούβα στην οδό Κασσάνδρου." in _body(responses["register"])
    assert "Λακκούβα στην οδό Κασσάνδρου." in _body(responses["csv"])
    assert planted.protocol_number in _body(responses["json"])
    assert '"lat": 40.639' in _body(responses["map points"])


def test_public_search_does_not_match_private_text(client, planted):
    response = client.get(reverse("complaints:index"), {"q": "φυτευμένηλέξη"})

    assert planted.protocol_number not in response.content.decode()


def test_unpublished_complaints_appear_nowhere_public(client, category):
    complaint, _secret = submitted_complaint(category=category, subject="Αδημοσίευτο θέμα 4411")

    for name, response in _public_responses(client, complaint).items():
        if name == "detail":
            assert response.status_code == 404
            continue
        body = _body(response)
        assert complaint.protocol_number not in body, name
        assert "Αδημοσίευτο θέμα 4411" not in body, name
