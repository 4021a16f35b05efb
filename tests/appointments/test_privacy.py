"""A citizen's booking details reach no public page, API, open-data file or feed.

Plant recognisable personal data in a booking, then fetch everything public about
appointments; a positive control proves the booking itself is counted there.
"""

import json

import pytest
from django.urls import reverse

from tests.appointments.factories import BookingFactory, SlotFactory, local, open_day

pytestmark = pytest.mark.django_db

PLANTED = {
    "name": "Ξανθίππη Κρυφοπούλου",
    "email": "xanthippi.kryfo@example.gr",
    "phone": "+30 697 123 9876",
    "reason": "Διαζύγιο-Χ7Κ",
}


def test_planted_booking_details_appear_on_no_public_page_api_or_dataset(client):
    day = open_day()
    slot = SlotFactory(starts_at=local(day, 9), capacity=2, booked=1)
    booking = BookingFactory(slot=slot, **PLANTED)
    service = slot.service
    public = [
        reverse("appointments:index"),
        reverse("appointments:service", args=[service.slug]),
        f"/en{reverse('appointments:service', args=[service.slug])}",
        reverse("appointments:api_slots", args=[service.slug]) + f"?from={day}&to={day}",
        reverse("appointments:statistics_csv"),
        reverse("appointments:statistics_json"),
        reverse("appointments:confirmation", args=[booking.reference]),
        reverse("portal:data_catalogue"),
    ]

    bodies = {}
    for path in public:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies[path] = body.decode()

    for path, body in bodies.items():
        for value in (*PLANTED.values(), "Κρυφοπούλου", "697 123 9876", "6971239876"):
            assert value not in body, (path, value)
    # Positive control: the booking is there, seen as a taken place, not as a person.
    offers = {
        offer["start"]: offer["remaining"]
        for day_offers in json.loads(bodies[public[3]])["days"]
        for offer in day_offers["slots"]
    }
    assert offers[slot.starts_at.isoformat()] == 1
    assert service.name in bodies[public[1]]
