"""Figures for the desk: utilisation over a period."""

from datetime import date

import pytest

from appointments import selectors
from appointments.models import BookingSource, BookingStatus, Closure
from tests.appointments.factories import BookingFactory, ServiceFactory, SlotFactory, local

pytestmark = pytest.mark.django_db


def test_utilisation_counts_places_offered_and_taken_over_the_period():
    service = ServiceFactory(capacity=2)
    # Monday 7 to Friday 11 June 2027; Friday closed by staff.
    Closure.objects.create(service=service, date=date(2027, 6, 11), reason="Απογραφή")
    slot = SlotFactory(service=service, starts_at=local(date(2027, 6, 8), 9), capacity=2, booked=2)
    BookingFactory(slot=slot, status=BookingStatus.ARRIVED)
    BookingFactory(slot=slot, status=BookingStatus.NO_SHOW, source=BookingSource.PHONE)
    BookingFactory(slot=slot, status=BookingStatus.CANCELLED)
    [row] = selectors.utilisation(start=date(2027, 6, 7), end=date(2027, 6, 13))
    assert row.places_offered == 4 * 24 * 2
    assert (row.taken, row.arrived, row.no_shows, row.cancelled, row.by_phone) == (2, 1, 1, 1, 1)
    assert row.percent == 1
