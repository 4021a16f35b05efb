"""The .ics file: valid iCalendar, Europe/Athens, stable UID, right across DST."""

from datetime import UTC, date, timedelta

import pytest
from icalendar import Calendar

from appointments.ics import booking_ics
from appointments.models import BookingStatus
from tests.appointments.factories import BookingFactory, SlotFactory, local

pytestmark = pytest.mark.django_db


def event_of(booking):
    calendar = Calendar.from_ical(booking_ics(booking))
    timezones = calendar.walk("VTIMEZONE")
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, timezones, events[0]


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (date(2027, 10, 29), 6),  # Friday before the change: EEST, UTC+3
        (date(2027, 11, 1), 7),  # Monday after the last Sunday of October: EET, UTC+2
    ],
)
def test_the_ics_keeps_nine_oclock_local_on_both_sides_of_the_dst_change(day, utc_hour):
    slot = SlotFactory(starts_at=local(day, 9), ends_at=local(day, 9) + timedelta(minutes=15))
    booking = BookingFactory(slot=slot, reference="ABCD-7K3P")
    _calendar, timezones, event = event_of(booking)
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Athens"]
    start = event.decoded("DTSTART")
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Athens"
    assert (start.hour, start.minute) == (9, 0)
    assert start.astimezone(UTC).hour == utc_hour
    assert event.decoded("DTEND") - start == timedelta(minutes=15)
    assert str(event["UID"]) == "ABCD-7K3P@thessaloniki.gr"
    assert "Αστυνομική ταυτότητα" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == booking.service.location


def test_a_cancelled_booking_cancels_the_same_event():
    booking = BookingFactory(reference="WXYZ-3479", status=BookingStatus.CANCELLED, sequence=2)
    calendar, _timezones, event = event_of(booking)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "WXYZ-3479@thessaloniki.gr"
    assert int(event["SEQUENCE"]) == 2


def test_the_ics_carries_no_personal_data():
    booking = BookingFactory()
    text = booking_ics(booking)
    assert booking.name not in text
    assert booking.email not in text
    assert booking.phone not in text
