from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from appointments.availability import holiday_name
from appointments.models import Booking, OpeningHours, Service, Slot
from portal.tokens import token_hash
from tests.portal.factories import DepartmentFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Γκισέ Δοκιμών {n}")
    slug = factory.Sequence(lambda n: f"gkise-{n}")
    department = factory.SubFactory(DepartmentFactory)
    location = "Δημαρχείο, ισόγειο, γραφείο 5"
    directions = "Είσοδος από τη Βασ. Γεωργίου."
    what_to_bring = "Αστυνομική ταυτότητα\nΒεβαίωση γέννησης"
    slot_minutes = 15
    capacity = 2
    horizon_days = 30
    min_notice_minutes = 120

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        """Mon–Fri 08:00–14:00 unless given [(weekday, start, end), …]."""
        ranges = extracted if extracted is not None else [(d, time(8), time(14)) for d in range(5)]
        OpeningHours.objects.bulk_create(
            [OpeningHours(service=self, weekday=d, start=s, end=e) for d, s, e in ranges]
        )


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def open_day(after_days: int = 2) -> date:
    """The first weekday, not a holiday, at least `after_days` from today."""
    day = timezone.localdate() + timedelta(days=after_days)
    while day.weekday() >= 5 or holiday_name(day):
        day += timedelta(days=1)
    return day


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    service = factory.SubFactory(ServiceFactory)
    starts_at = factory.LazyFunction(lambda: local(open_day(), 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=15))
    capacity = 2
    booked = 1


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking row as it stands; its slot's count is the factory caller's business."""

    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    service = factory.SelfAttribute("slot.service")
    day = factory.LazyAttribute(lambda o: timezone.localdate(o.slot.starts_at))
    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    name = "Ευδοκία Πολυχρονιάδου"
    email = factory.Sequence(lambda n: f"politis{n}@example.gr")
    phone = "+30 694 555 1234"
    reason = "Πιστοποιητικό οικογενειακής κατάστασης"
    cancel_token_hash = factory.Sequence(lambda n: token_hash(f"t{n}"))
