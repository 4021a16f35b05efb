"""Demo data of the appointments app: the four desks, their hours, closures, bookings."""

import itertools
from datetime import date, time, timedelta

from appointments import availability
from appointments.models import (
    Booking,
    BookingSource,
    BookingStatus,
    Closure,
    OpeningHours,
    Service,
    Slot,
)
from portal.models import Department
from portal.seeding import TOWN_HALL as TOWN_HALL_ADDRESS
from portal.seeding import TOWN_HALL_NAME, SeedContext, bulk_insert, person
from portal.tokens import token_hash

TOWN_HALL = f"{TOWN_HALL_NAME}, {TOWN_HALL_ADDRESS}"
DIRECTIONS = (
    "Στάση λεωφορείου του ΟΑΣΘ «Δημαρχιακό Μέγαρο». "
    "Είσοδος από τη Βασ. Γεωργίου· ράμπα και ανελκυστήρας για ΑμεΑ."
)

# slug, name, department, summary, place, what to bring, minutes, desks, horizon, notice (min)
SERVICES = [
    (
        "lixiarxeio",
        "Ληξιαρχείο",
        "lixiarxeio",
        "Δηλώσεις γέννησης, γάμου, συμφώνου συμβίωσης και θανάτου· ληξιαρχικές πράξεις.",
        TOWN_HALL + ", ισόγειο, γραφείο 5",
        "Αστυνομική ταυτότητα ή διαβατήριο\nΙατρική βεβαίωση γέννησης (για δήλωση γέννησης)\nΒιβλιάριο οικογενειακής μερίδας, αν υπάρχει",
        15,
        3,
        30,
        120,
    ),
    (
        "dimotologio",
        "Δημοτολόγιο",
        "dimotologio",
        "Εγγραφές, μεταδημοτεύσεις, πιστοποιητικά οικογενειακής κατάστασης και εντοπιότητας.",
        TOWN_HALL + ", ισόγειο, γραφείο 12",
        "Αστυνομική ταυτότητα ή διαβατήριο\nΑίτηση μεταδημότευσης, αν αφορά μεταδημότευση\nΕξουσιοδότηση με θεώρηση γνησίου υπογραφής, αν έρχεστε για άλλον",
        20,
        2,
        30,
        120,
    ),
    (
        "geniko-protokollo",
        "Γενικό Πρωτόκολλο",
        "geniko-protokollo",
        "Κατάθεση και πρωτοκόλληση εγγράφων, επικυρώσεις αντιγράφων, βεβαίωση γνησίου υπογραφής.",
        TOWN_HALL + ", ισόγειο, γραφείο 1",
        "Αστυνομική ταυτότητα ή διαβατήριο\nΤα έγγραφα προς κατάθεση ή επικύρωση, με τα πρωτότυπα",
        10,
        2,
        21,
        60,
    ),
    (
        "diafaneia",
        "Τμήμα Διαφάνειας",
        "diafaneia",
        "Πρόσβαση σε δημόσια έγγραφα, βοήθεια με αιτήματα και καταγγελίες, ανοικτά δεδομένα.",
        TOWN_HALL + ", 3ος όροφος, γραφείο 310",
        "Αστυνομική ταυτότητα ή διαβατήριο\nΤον αριθμό πρωτοκόλλου του αιτήματός σας, αν υπάρχει",
        30,
        1,
        30,
        240,
    ),
]

REASONS = {
    "lixiarxeio": ["Δήλωση γέννησης", "Έκδοση πράξης γάμου", "Σύμφωνο συμβίωσης", "Δήλωση θανάτου"],
    "dimotologio": [
        "Μεταδημότευση",
        "Πιστοποιητικό οικογενειακής κατάστασης",
        "Εγγραφή τέκνου",
        "Διόρθωση στοιχείων",
    ],
    "geniko-protokollo": ["Επικύρωση αντιγράφων", "Γνήσιο υπογραφής", "Κατάθεση αίτησης"],
    "diafaneia": ["Πρόσβαση σε έγγραφα", "Βοήθεια με καταγγελία", "Ερώτηση για προμήθεια"],
}


# The registry desks need to know who books (a TAXISnet sign-in): accounts and appointments.
IDENTITY_REQUIRED = frozenset({"lixiarxeio", "dimotologio"})


def seed(context: SeedContext) -> None:
    """Create the four booking desks and past and future bookings (scaled)."""
    departments = {d.slug: d for d in Department.objects.all()}
    services = []
    for position, row in enumerate(SERVICES):
        slug, name, department, summary, place, bring, minutes, desks, horizon, notice = row
        services.append(
            Service(
                slug=slug,
                name=name,
                department=departments[department],
                summary=summary,
                location=place,
                directions=DIRECTIONS,
                what_to_bring=bring,
                slot_minutes=minutes,
                capacity=desks,
                horizon_days=horizon,
                min_notice_minutes=notice,
                requires_identity=slug in IDENTITY_REQUIRED,
                position=position,
            )
        )
    bulk_insert(Service, services)
    bulk_insert(
        OpeningHours,
        [
            OpeningHours(service=service, weekday=weekday, start=time(8), end=time(14))
            for service in services
            for weekday in range(5)
        ],
    )
    closures = [
        Closure(
            date=_next_weekday(context.today + timedelta(days=9)),
            start_time=time(12),
            end_time=time(14),
            reason="Ενημέρωση του πληροφοριακού συστήματος",
        ),
        Closure(
            service=services[1],
            date=_next_weekday(context.today + timedelta(days=16)),
            reason="Εκπαίδευση προσωπικού",
        ),
    ]
    bulk_insert(Closure, closures, at=context.now)
    context.log(f"{len(services)} υπηρεσίες ραντεβού, {len(closures)} κλεισίματα")

    slots, bookings = [], []
    slot_total = booking_total = 0
    # Booking numbers run on across services and batches, so references stay unique.
    numbers = itertools.count()
    for service in services:
        for slot, slot_bookings in _seed_bookings(context, service, closures, numbers):
            slots.append(slot)
            bookings.extend(slot_bookings)
            if len(bookings) >= FLUSH_EVERY:
                slot_total, booking_total = slot_total + len(slots), booking_total + len(bookings)
                _flush(slots, bookings)
    slot_total, booking_total = slot_total + len(slots), booking_total + len(bookings)
    _flush(slots, bookings)
    context.log(f"{slot_total} χρονοθυρίδες, {booking_total} κρατήσεις")


def _flush(slots: list[Slot], bookings: list[Booking]) -> None:
    """Insert a batch (slots first, for their keys) and empty the lists; memory stays flat."""
    bulk_insert(Slot, slots)
    bulk_insert(Booking, bookings)
    slots.clear()
    bookings.clear()


FLUSH_EVERY = 20_000
PAST_DAYS = 60  # days of past bookings per --scale unit


def _next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _seed_bookings(context, service, closures, numbers):
    """Yield (slot, bookings) for 60 × scale past days and the horizon, at a realistic occupancy."""
    rng = context.rng
    calendar = availability.Calendar(
        service=service,
        hours=list(service.hours.all()),
        closures=closures,
        slots={},
    )
    now = context.now
    past_days = PAST_DAYS * context.scale
    first = context.today - timedelta(days=past_days)
    last = context.today + timedelta(days=service.horizon_days)
    day = first
    while day <= last:
        if calendar.ranges(day) and not availability.closed_reason(calendar, day):
            occupancy = (
                0.75 if day < context.today else max(0.1, 0.7 - 0.03 * (day - context.today).days)
            )
            for starts_at, ends_at in availability.day_starts(calendar, day):
                booked = sum(rng.random() < occupancy for _desk in range(service.capacity))
                if not booked or (day >= context.today and starts_at <= now):
                    continue
                slot = Slot(
                    service=service,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    capacity=service.capacity,
                    booked=0,
                )
                slot_bookings = []
                for _place in range(booked):
                    status = _status(rng, past=starts_at < now)
                    if status != BookingStatus.CANCELLED:
                        slot.booked += 1
                    slot_bookings.append(
                        _booking(rng, service, slot, day, status, next(numbers), now)
                    )
                yield slot, slot_bookings
        day += timedelta(days=1)


def _status(rng, *, past: bool) -> str:
    roll = rng.random()
    if roll < 0.08:
        return BookingStatus.CANCELLED
    if not past:
        return BookingStatus.BOOKED
    return BookingStatus.NO_SHOW if roll < 0.18 else BookingStatus.ARRIVED


def _booking(rng, service, slot, day, status, number, now) -> Booking:
    citizen = person(rng, formal=False)
    return Booking(
        reference=f"D{number // 10000:03d}-{number % 10000:04d}",
        service=service,
        slot=slot,
        day=day,
        name=citizen.name,
        email=f"polites{number}@example.gr",
        phone=f"+30 69{rng.randint(0, 99):02d} {rng.randint(0, 999999):06d}",
        reason=rng.choice(REASONS[service.slug]),
        status=status,
        source=BookingSource.PHONE if rng.random() < 0.15 else BookingSource.WEB,
        cancel_token_hash=token_hash(f"demo-{number}"),
        status_changed_at=None if status == BookingStatus.BOOKED else slot.starts_at,
        # Booked a few days ahead, and never after the seed's present.
        created_at=min(slot.starts_at - timedelta(days=3), now),
    )
