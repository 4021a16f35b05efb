"""Which days and times a service offers: hours, holidays, closures, notice, horizon."""

from datetime import date, time, timedelta

import pytest

from appointments import selectors
from appointments.models import Closure
from tests.appointments.factories import ServiceFactory, SlotFactory, local

pytestmark = pytest.mark.django_db

# A Tuesday morning; Orthodox Easter Monday 2027 is 3 May, Αγίου Δημητρίου a Tuesday.
NOW = local(date(2027, 4, 27), 9)


def offers_on(service, day, now=NOW):
    days = selectors.service_days(service, start=day, end=day, now=now)
    return days[0] if days else None


def test_default_hours_offer_24_quarter_hour_slots_from_eight_to_two():
    service = ServiceFactory()
    day = offers_on(service, date(2027, 4, 29))
    starts = [offer.starts_at for offer in day.offers]
    assert len(starts) == 24
    assert starts[0] == local(date(2027, 4, 29), 8)
    assert starts[-1] == local(date(2027, 4, 29), 13, 45)


def test_weekends_are_not_listed():
    service = ServiceFactory()
    days = selectors.service_days(service, start=date(2027, 5, 1), end=date(2027, 5, 2), now=NOW)
    assert days == []


def test_orthodox_easter_monday_offers_no_slots():
    service = ServiceFactory()
    day = offers_on(service, date(2027, 5, 3))
    assert day.offers == []
    assert "Πάσχα" in day.closed_reason


def test_saint_demetrius_day_in_thessaloniki_offers_no_slots():
    service = ServiceFactory(horizon_days=366)
    day = offers_on(service, date(2027, 10, 26))
    assert day.offers == []
    assert "Δημητρίου" in day.closed_reason
    assert "Δημητρίου" in selectors.booking_refusal(service, local(date(2027, 10, 26), 9), NOW)


def test_a_whole_day_closure_of_all_services_offers_no_slots_and_shows_the_reason():
    service = ServiceFactory()
    Closure.objects.create(date=date(2027, 4, 29), reason="Απεργία")
    day = offers_on(service, date(2027, 4, 29))
    assert day.offers == []
    assert day.closed_reason == "Απεργία"


def test_a_partial_closure_removes_only_the_overlapping_times():
    service = ServiceFactory()
    Closure.objects.create(
        service=service,
        date=date(2027, 4, 29),
        start_time=time(12),
        end_time=time(13, 10),
        reason="Συντήρηση",
    )
    starts = {
        o.starts_at.astimezone(local(date(2027, 4, 29), 0).tzinfo).time()
        for o in offers_on(service, date(2027, 4, 29)).offers
    }
    assert time(11, 45) in starts
    assert time(12) not in starts and time(13) not in starts
    assert time(13, 15) in starts
    refusal = selectors.booking_refusal(service, local(date(2027, 4, 29), 12, 30), NOW)
    assert "ωραρίου" in refusal


def test_another_services_closure_does_not_close_this_one():
    service, other = ServiceFactory(), ServiceFactory()
    Closure.objects.create(service=other, date=date(2027, 4, 29), reason="Απογραφή")
    assert len(offers_on(service, date(2027, 4, 29)).offers) == 24


def test_several_ranges_on_one_weekday():
    service = ServiceFactory(hours=[(3, time(8), time(10)), (3, time(17), time(19))])
    starts = [o.starts_at for o in offers_on(service, date(2027, 4, 29)).offers]
    assert len(starts) == 16
    assert local(date(2027, 4, 29), 17) in starts


def test_the_notice_period_and_the_past_are_not_offered():
    service = ServiceFactory(min_notice_minutes=120)
    day = offers_on(service, date(2027, 4, 27))
    assert day.offers[0].starts_at == local(date(2027, 4, 27), 11)
    assert "περάσει" in selectors.booking_refusal(service, local(date(2027, 4, 27), 8), NOW)
    assert "τουλάχιστον 2 ώρες" in selectors.booking_refusal(
        service, local(date(2027, 4, 27), 10, 45), NOW
    )


def test_nothing_is_offered_beyond_the_horizon():
    service = ServiceFactory(horizon_days=10)
    days = selectors.service_days(service, start=date(2027, 4, 27), end=date(2027, 5, 31), now=NOW)
    assert days[-1].date == date(2027, 5, 7)
    assert "10 ημέρες" in selectors.booking_refusal(service, local(date(2027, 5, 10), 9), NOW)


def test_times_off_the_slot_grid_are_refused():
    service = ServiceFactory()
    assert "ωραρίου" in selectors.booking_refusal(service, local(date(2027, 4, 29), 9, 7), NOW)
    assert "ωραρίου" in selectors.booking_refusal(service, local(date(2027, 4, 29), 14), NOW)


def test_full_slots_are_listed_with_no_remaining_places():
    service = ServiceFactory(capacity=2)
    SlotFactory(service=service, starts_at=local(date(2027, 4, 29), 9), capacity=2, booked=2)
    day = offers_on(service, date(2027, 4, 29))
    assert local(date(2027, 4, 29), 9) not in [o.starts_at for o in day.free_offers]
    assert len(day.free_offers) == 23


def test_computing_a_month_of_slots_takes_a_fixed_number_of_queries(django_assert_num_queries):
    service = ServiceFactory()
    for hour in range(8, 14):
        SlotFactory(service=service, starts_at=local(date(2027, 4, 29), hour), booked=1)
    service = selectors.service_detail_queryset().get(pk=service.pk)
    list(service.hours.all())
    with django_assert_num_queries(2):
        days = selectors.service_days(
            service, start=date(2027, 4, 27), end=date(2027, 4, 27) + timedelta(days=30), now=NOW
        )
    assert len(days) == 23


def test_a_closure_of_several_days_closes_each_of_them():
    service = ServiceFactory()
    Closure.objects.create(
        service=service, date=date(2027, 5, 10), end_date=date(2027, 5, 12), reason="Μετακόμιση"
    )
    days = selectors.service_days(service, start=date(2027, 5, 7), end=date(2027, 5, 14), now=NOW)
    closed = {day.date: day.closed_reason for day in days if not day.offers}
    assert closed == {date(2027, 5, d): "Μετακόμιση" for d in (10, 11, 12)}


def test_a_closure_of_several_days_cannot_carry_hours():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Closure.objects.create(
            date=date(2027, 4, 28),
            end_date=date(2027, 4, 30),
            start_time=time(9),
            end_time=time(10),
            reason="Λάθος",
        )
