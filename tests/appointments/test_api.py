"""The availability JSON API and the open-data statistics: useful, bounded, anonymous."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.availability import holiday_name
from appointments.models import BookingStatus, Closure
from tests.appointments.factories import (
    BookingFactory,
    ServiceFactory,
    SlotFactory,
    local,
    open_day,
)

pytestmark = pytest.mark.django_db


def slots_url(service):
    return reverse("appointments:api_slots", kwargs={"slug": service.slug})


def test_the_api_lists_free_slots_with_remaining_places(client):
    service = ServiceFactory(capacity=2)
    day = open_day()
    SlotFactory(service=service, starts_at=local(day, 8), capacity=2, booked=2)
    SlotFactory(service=service, starts_at=local(day, 8, 15), capacity=2, booked=1)
    response = client.get(slots_url(service), {"from": day.isoformat(), "to": day.isoformat()})
    assert response.status_code == 200
    data = response.json()
    assert data["service"]["slug"] == service.slug
    [entry] = data["days"]
    assert entry["slots"][0] == {
        "start": local(day, 8, 15).isoformat(),
        "end": local(day, 8, 30).isoformat(),
        "remaining": 1,
    }
    assert len(entry["slots"]) == 23


def test_the_api_reports_closed_days_with_their_reason(client):
    service = ServiceFactory()
    day = open_day()
    Closure.objects.create(date=day, reason="Απολύμανση χώρων")
    data = client.get(slots_url(service), {"from": day.isoformat(), "to": day.isoformat()}).json()
    assert data["days"] == [
        {"date": day.isoformat(), "closed": True, "closed_reason": "Απολύμανση χώρων", "slots": []}
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13-01"}, "ΕΕΕΕ-ΜΜ-ΗΗ"),
        ({"from": "χθες"}, "ΕΕΕΕ-ΜΜ-ΗΗ"),
        ({"from": "2027-03-10", "to": "2027-03-01"}, "μεταγενέστερη"),
        ({"from": "2027-01-01", "to": "2027-12-31"}, "62 ημέρες"),
        ({"from": "9999-12-31"}, "ΕΕΕΕ-ΜΜ-ΗΗ"),
        ({"from": "9999-12-25", "to": "9999-12-31"}, "ΕΕΕΕ-ΜΜ-ΗΗ"),
    ],
)
def test_bad_parameters_get_a_greek_json_error(client, params, message):
    response = client.get(slots_url(ServiceFactory()), params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_an_unknown_service_is_a_json_404(client):
    response = client.get(reverse("appointments:api_slots", kwargs={"slug": "den-yparxei"}))
    assert response.status_code == 404
    assert "error" in response.json()


def test_the_api_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    service = ServiceFactory()
    day = open_day()
    for hour in range(8, 14):
        SlotFactory(service=service, starts_at=local(day, hour))
    with django_assert_max_num_queries(4):
        client.get(
            slots_url(service),
            {"from": day.isoformat(), "to": (day + timedelta(days=40)).isoformat()},
        )


def _past_bookings():
    service = ServiceFactory(slug="lixiarxeio-test", capacity=2)
    yesterday = timezone.localdate() - timedelta(days=1)
    slot = SlotFactory(service=service, starts_at=local(yesterday, 9), capacity=2, booked=2)
    BookingFactory(slot=slot, status=BookingStatus.ARRIVED, name="Ιφιγένεια Μυστικού")
    BookingFactory(slot=slot, status=BookingStatus.NO_SHOW, email="mystiko@example.gr")
    BookingFactory(slot=slot, status=BookingStatus.CANCELLED, phone="+30 697 000 1111")
    return service, yesterday


def test_the_daily_statistics_csv_counts_without_naming_anyone(client):
    service, yesterday = _past_bookings()
    response = client.get(reverse("appointments:statistics_csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    row = rows[0]
    assert row["date"] == yesterday.isoformat()
    assert row["service"] == service.slug
    assert (row["bookings"], row["cancelled"], row["arrived"], row["no_shows"]) == (
        "3",
        "1",
        "1",
        "1",
    )
    working_day = yesterday.weekday() < 5 and not holiday_name(yesterday)
    assert row["places_offered"] == ("48" if working_day else "0")
    for secret in ["Ιφιγένεια", "mystiko@example.gr", "697 000 1111", "TEST-"]:
        assert secret not in text


def test_the_daily_statistics_json_matches_the_csv(client):
    _past_bookings()
    response = client.get(reverse("appointments:statistics_json"))
    data = json.loads(b"".join(response.streaming_content))
    assert data[0]["bookings"] == 3 and data[0]["no_shows"] == 1


def test_today_and_future_days_are_not_published(client):
    service = ServiceFactory()
    BookingFactory(slot=SlotFactory(service=service, starts_at=local(open_day(), 9)))
    text = b"".join(client.get(reverse("appointments:statistics_csv")).streaming_content).decode()
    assert text.count("\n") == 1


def test_the_open_data_catalogue_lists_the_statistics(client):
    page = client.get(reverse("portal:data_catalogue")).content.decode()
    assert "ημερήσια στατιστικά" in page
    assert reverse("appointments:statistics_csv") in page
    assert reverse("appointments:statistics_json") in page


def test_personal_data_never_appears_on_public_pages_the_api_or_the_dataset(client):
    service = ServiceFactory()
    day = open_day()
    slot = SlotFactory(service=service, starts_at=local(day, 9))
    booking = BookingFactory(
        slot=slot,
        name="Θεοπίστη Ανωνυμοπούλου",
        email="theopisti@example.gr",
        phone="+30 698 765 4321",
        reason="Ιδιωτική υπόθεση κληρονομιάς",
    )
    past_slot = SlotFactory(service=service, starts_at=local(date.today() - timedelta(days=3), 9))
    BookingFactory(slot=past_slot, name="Θεοπίστη Ανωνυμοπούλου", email="theopisti@example.gr")
    urls = [
        reverse("appointments:index"),
        service.get_absolute_url(),
        reverse("appointments:api_slots", kwargs={"slug": service.slug}) + f"?from={day}&to={day}",
        reverse("portal:data_catalogue"),
    ]
    bodies = [client.get(url).content.decode() for url in urls]
    for url in [reverse("appointments:statistics_csv"), reverse("appointments:statistics_json")]:
        bodies.append(b"".join(client.get(url).streaming_content).decode("utf-8-sig"))
    for body in bodies:
        for secret in [
            booking.name,
            booking.email,
            "698 765 4321",
            booking.reason,
            booking.reference,
        ]:
            assert secret not in body
