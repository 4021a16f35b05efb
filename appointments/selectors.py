"""Reads of the appointments app."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from appointments import availability
from appointments.models import (
    Booking,
    BookingStatus,
    Closure,
    Service,
    Slot,
)
from portal.tokens import token_hash

# The widest range the public pages and the JSON API compute at once.
MAX_RANGE_DAYS = 62


def service_list() -> QuerySet[Service]:
    """Return the services open to online booking, with their department."""
    return Service.objects.filter(is_active=True).select_related("department")


def unit_services(department) -> QuerySet[Service]:
    """The desks of a unit open to online booking (a block of the unit's public page)."""
    return Service.objects.filter(is_active=True, department=department).order_by(
        "position", "name"
    )


def service_detail_queryset() -> QuerySet[Service]:
    """Return active services ready for their booking page."""
    return service_list().prefetch_related("hours")


def next_free_offers(services: list[Service]) -> dict[int, availability.Offer]:
    """Return each service's first free time, in a fixed number of queries.

    Only full slots change the answer, so only those are fetched; the
    services must come with their opening hours prefetched.
    """
    if not services:
        return {}
    now = timezone.now()
    start = timezone.localdate(now)
    end = start + timedelta(days=min(max(s.horizon_days for s in services), MAX_RANGE_DAYS))
    closures = list(closures_between(start, end))
    full: dict[int, dict[datetime, tuple[int, int]]] = {}
    for service_id, starts_at, capacity, booked in Slot.objects.filter(
        service__in=services, starts_at__gte=now, booked__gte=F("capacity")
    ).values_list("service_id", "starts_at", "capacity", "booked"):
        full.setdefault(service_id, {})[starts_at] = (capacity, booked)
    result = {}
    for service in services:
        calendar = availability.Calendar(
            service=service,
            hours=list(service.hours.all()),
            closures=closures,
            slots=full.get(service.pk, {}),
        )
        for day in availability.days(calendar, start, end, now):
            if day.free_offers:
                result[service.pk] = day.free_offers[0]
                break
    return result


def closures_between(start: date, end: date) -> QuerySet[Closure]:
    """Return the closures that cover at least one day from start to end inclusive."""
    return Closure.objects.filter(
        Q(end_date__gte=start) | Q(end_date__isnull=True, date__gte=start), date__lte=end
    ).order_by()


def calendar_for(service: Service, start: date, end: date) -> availability.Calendar:
    """Fetch what availability of a service from start to end depends on (3 queries)."""
    tz = timezone.get_default_timezone()
    first = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    last = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    closures = closures_between(start, end).filter(Q(service=service) | Q(service__isnull=True))
    slots = Slot.objects.filter(
        service=service, starts_at__gte=first, starts_at__lt=last
    ).values_list("starts_at", "capacity", "booked")
    return availability.Calendar(
        service=service,
        hours=list(service.hours.all()),
        closures=list(closures),
        slots={starts_at: (capacity, booked) for starts_at, capacity, booked in slots},
    )


def service_days(
    service: Service, *, start: date, end: date, now: datetime | None = None
) -> list[availability.Day]:
    """Return the service's working days from start to end with their offers."""
    now = now or timezone.now()
    start = max(start, timezone.localdate(now))
    end = min(end, start + timedelta(days=MAX_RANGE_DAYS - 1))
    return availability.days(calendar_for(service, start, end), start, end, now)


def booking_refusal(service: Service, starts_at: datetime, now: datetime | None = None) -> str:
    """Return why this start time of the service cannot be booked now, or ''."""
    day = timezone.localdate(starts_at)
    calendar = calendar_for(service, day, day)
    return availability.refusal(calendar, starts_at, now or timezone.now())


def slot_is_full(service: Service, starts_at: datetime) -> bool:
    """Tell whether every place at this time is already taken."""
    return Slot.objects.filter(
        service=service, starts_at=starts_at, booked__gte=F("capacity")
    ).exists()


def booking_by_token(token: str) -> Booking | None:
    """Return the active, upcoming booking a private link points to, or None.

    A cancelled or past booking answers None, like a forged link: the link
    reveals nothing once it can no longer be used.
    """
    if not token or len(token) > 100:
        return None
    return (
        Booking.objects.select_related("service", "service__department", "slot")
        .filter(
            cancel_token_hash=token_hash(token),
            status=BookingStatus.BOOKED,
            slot__starts_at__gt=timezone.now(),
        )
        .first()
    )


def future_booking_count(email: str, now: datetime | None = None) -> int:
    """Count an email's active bookings that have not started yet."""
    return (
        bookings_of_email(email)
        .filter(status=BookingStatus.BOOKED, slot__starts_at__gt=now or timezone.now())
        .count()
    )


def bookings_of_email(email: str) -> QuerySet[Booking]:
    """Return an email's bookings, case-insensitively, through the lower(email) index."""
    return Booking.objects.alias(email_lower=Lower("email")).filter(email_lower=email.lower())


def day_agenda(service: Service, day: date) -> QuerySet[Booking]:
    """Return a service's bookings of one day, cancelled ones last, for the desk."""
    return (
        Booking.objects.filter(service=service, day=day)
        .select_related("slot", "created_by")
        .order_by("slot__starts_at", "status", "id")
    )


def bookings_affected_by(closure: Closure) -> QuerySet[Booking]:
    """Return the active bookings that fall on a closure's days (and hours)."""
    bookings = Booking.objects.filter(
        day__gte=closure.date, day__lte=closure.last_date, status=BookingStatus.BOOKED
    ).select_related("slot", "service")
    if closure.service_id is not None:
        bookings = bookings.filter(service_id=closure.service_id)
    if not closure.is_whole_day:
        tz = timezone.get_default_timezone()
        bookings = bookings.filter(
            slot__starts_at__lt=datetime.combine(
                closure.date, closure.end_time or time.max, tzinfo=tz
            ),
            slot__ends_at__gt=datetime.combine(
                closure.date, closure.start_time or time.min, tzinfo=tz
            ),
        )
    return bookings.order_by("slot__starts_at", "id")


@dataclass(frozen=True)
class DailyFigures:
    """Anonymised figures of one service on one day."""

    day: date
    service_slug: str
    service_name: str
    places_offered: int
    booked: int
    cancelled: int
    arrived: int
    no_shows: int


def daily_statistics(*, until: date | None = None) -> list[DailyFigures]:
    """Return per service and day: places offered, bookings, cancellations, no-shows.

    Places offered are the slots the timetable gave that day (opening hours
    minus holidays and closures) times the service's desks. Only days up to
    `until` (yesterday by default) are published: today's figures still move.
    """
    until = until or timezone.localdate() - timedelta(days=1)
    rows = (
        Booking.objects.filter(day__lte=until)
        .values("service_id", "day")
        .annotate(
            booked=Count("id"),
            cancelled=Count("id", filter=Q(status=BookingStatus.CANCELLED)),
            arrived=Count("id", filter=Q(status=BookingStatus.ARRIVED)),
            no_shows=Count("id", filter=Q(status=BookingStatus.NO_SHOW)),
        )
        .order_by("day", "service_id")
    )
    services = {service.pk: service for service in Service.objects.prefetch_related("hours")}
    calendars = _calendars(services.values(), Closure.objects.filter(date__lte=until))
    return [
        DailyFigures(
            day=row["day"],
            service_slug=services[row["service_id"]].slug,
            service_name=services[row["service_id"]].name,
            places_offered=availability.places_offered(calendars[row["service_id"]], row["day"]),
            booked=row["booked"],
            cancelled=row["cancelled"],
            arrived=row["arrived"],
            no_shows=row["no_shows"],
        )
        for row in rows
    ]


def _calendars(services, closures) -> dict[int, availability.Calendar]:
    closures = list(closures)
    return {
        service.pk: availability.Calendar(
            service=service, hours=list(service.hours.all()), closures=closures, slots={}
        )
        for service in services
    }


@dataclass(frozen=True)
class Utilisation:
    """How much of a service's timetable citizens used over a period."""

    service: Service
    places_offered: int
    taken: int
    arrived: int
    no_shows: int
    cancelled: int
    by_phone: int

    @property
    def percent(self) -> int:
        return round(100 * self.taken / self.places_offered) if self.places_offered else 0


def utilisation(*, start: date, end: date) -> list[Utilisation]:
    """Return, per service, the places offered and booked from start to end inclusive."""
    services = list(Service.objects.prefetch_related("hours").select_related("department"))
    counts = {
        row["service_id"]: row
        for row in Booking.objects.filter(day__gte=start, day__lte=end)
        .values("service_id")
        .annotate(
            taken=Count("id", filter=~Q(status=BookingStatus.CANCELLED)),
            arrived=Count("id", filter=Q(status=BookingStatus.ARRIVED)),
            no_shows=Count("id", filter=Q(status=BookingStatus.NO_SHOW)),
            cancelled=Count("id", filter=Q(status=BookingStatus.CANCELLED)),
            by_phone=Count("id", filter=Q(source="phone")),
        )
    }
    calendars = _calendars(services, closures_between(start, end))
    period = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    empty = {"taken": 0, "arrived": 0, "no_shows": 0, "cancelled": 0, "by_phone": 0}
    result = []
    for service in services:
        row = counts.get(service.pk, empty)
        result.append(
            Utilisation(
                service=service,
                places_offered=sum(
                    availability.places_offered(calendars[service.pk], day) for day in period
                ),
                taken=row["taken"],
                arrived=row["arrived"],
                no_shows=row["no_shows"],
                cancelled=row["cancelled"],
                by_phone=row["by_phone"],
            )
        )
    return result


@dataclass(frozen=True)
class OwnBooking:
    """One of a citizen's bookings on their dashboard; `can_manage` while it can be moved."""

    booking: Booking
    can_manage: bool


def citizen_bookings(citizen, *, limit: int = 50) -> list[OwnBooking]:
    """A citizen's own bookings: upcoming active ones first (soonest first), then the rest."""
    now = timezone.now()
    bookings = (
        Booking.objects.filter(citizen=citizen)
        .select_related("service", "slot")
        .order_by("-slot__starts_at", "-id")[:limit]
    )
    rows = [
        OwnBooking(
            booking=booking,
            can_manage=booking.status == BookingStatus.BOOKED and booking.starts_at > now,
        )
        for booking in bookings
    ]
    upcoming = sorted((row for row in rows if row.can_manage), key=lambda r: r.booking.starts_at)
    return upcoming + [row for row in rows if not row.can_manage]


def citizen_booking(citizen, reference: str) -> Booking | None:
    """The citizen's own active, upcoming booking of this reference, or None."""
    return (
        Booking.objects.select_related("service", "service__department", "slot")
        .filter(
            citizen=citizen,
            reference=reference[:12],
            status=BookingStatus.BOOKED,
            slot__starts_at__gt=timezone.now(),
        )
        .first()
    )
