"""Writes of the appointments app: book, move, cancel, mark arrival, close."""

import hashlib
import secrets
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg import errors

from appointments import emails, selectors
from appointments.models import (
    ACTIVE_STATUSES,
    ANONYMISED_NAME,
    DEFAULT_OPENING,
    Booking,
    BookingSource,
    BookingStatus,
    Closure,
    OpeningHours,
    Service,
    Slot,
)
from appointments.tasks import send_reminder
from portal.errors import DomainError
from portal.services import audit_log
from portal.tokens import token_hash
from portal.types import Actor

REFERENCE_ALPHABET = "ACDEFHJKLMNPRTUVWXY3479"
# pg_advisory_xact_lock(int, int): the first key names this app's lock space.
EMAIL_LOCK_SPACE = 5001
CITIZEN_LOCK_SPACE = 5002
REMINDER_TIME = time(10, 0)


class BookingRefused(DomainError):
    """A booking, move or cancellation the rules do not allow; the message is for the citizen."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class BookingResult:
    booking: Booking
    token: str
    duplicate: bool = False


def max_future_per_email() -> int:
    return settings.APPOINTMENTS_MAX_FUTURE_PER_EMAIL


def _new_reference() -> str:
    while True:
        raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _n in range(8))
        reference = f"{raw[:4]}-{raw[4:]}"
        if not Booking.objects.filter(reference=reference).exists():
            return reference


def _set_lock_timeout() -> None:
    milliseconds = int(settings.APPOINTMENTS_LOCK_TIMEOUT_MS)
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = {milliseconds}")


@contextmanager
def _refused_when_busy():
    """Turn a lock wait that timed out (or a deadlock) into a Greek 'try again'."""
    try:
        yield
    except OperationalError as error:
        if isinstance(error.__cause__, errors.LockNotAvailable | errors.DeadlockDetected):
            raise BookingRefused(
                _("Η υπηρεσία δέχεται πολλές κρατήσεις αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο."),
                "busy",
            ) from error
        raise


def _lock_email(email: str) -> None:
    """Serialise the per-email rules of one address (a transaction advisory lock)."""
    digest = hashlib.sha256(email.lower().encode()).digest()
    key = int.from_bytes(digest[:4], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [EMAIL_LOCK_SPACE, key])


def _lock_citizen(citizen) -> None:
    """Serialise the per-person rules of one account (identity-required services)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [CITIZEN_LOCK_SPACE, citizen.pk])


def _check_identity(service: Service, citizen, source: str) -> None:
    """An identity-required service books online only for a citizen signed in with TAXISnet."""
    if not service.requires_identity or source != BookingSource.WEB:
        return
    if citizen is None or not citizen.identity_verified:
        raise BookingRefused(
            _(
                "Για ραντεβού σε αυτή την υπηρεσία χρειάζεται ταυτοποίηση: συνδεθείτε με "
                "τους κωδικούς TAXISnet και κλείστε ξανά το ραντεβού."
            ),
            "identity_required",
        )


def _ensure_slot(service: Service, starts_at: datetime) -> None:
    """Make the slot row if nobody has booked this time yet (idempotent)."""
    Slot.objects.bulk_create(
        [
            Slot(
                service=service,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=service.slot_minutes),
                capacity=service.capacity,
            )
        ],
        ignore_conflicts=True,
    )


def _check_bookable(service: Service, starts_at: datetime, now: datetime) -> None:
    reason = selectors.booking_refusal(service, starts_at, now)
    if reason:
        raise BookingRefused(reason, "not_bookable")


def _check_email_limits(
    *,
    service: Service,
    email: str,
    day,
    now: datetime,
    exclude: Booking | None = None,
    citizen=None,
) -> None:
    """One active booking a day per service and a few in the future, per person.

    The person is the account for identity-required services (counted by identity,
    whatever email they give), and the email address otherwise.
    """
    by_identity = service.requires_identity and citizen is not None
    if by_identity:
        bookings = Booking.objects.filter(citizen=citizen)
    elif email:
        bookings = selectors.bookings_of_email(email)
    else:
        return
    same_day = bookings.filter(service=service, day=day, status__in=ACTIVE_STATUSES)
    if exclude is not None:
        same_day = same_day.exclude(pk=exclude.pk)
    if same_day.exists():
        raise BookingRefused(
            _(
                "Έχετε ήδη ραντεβού στην υπηρεσία αυτή την ίδια ημέρα. Αν θέλετε άλλη ώρα, "
                "αλλάξτε το υπάρχον ραντεβού από τον σύνδεσμο του email επιβεβαίωσης."
            ),
            "same_day",
        )
    limit = max_future_per_email()
    if exclude is not None:
        return
    future = bookings.filter(status=BookingStatus.BOOKED, slot__starts_at__gt=now).count()
    if future >= limit:
        message = (
            _(
                "Μπορείτε να έχετε έως %(limit)d μελλοντικά ραντεβού ανά πρόσωπο. "
                "Ακυρώστε κάποιο για να κλείσετε νέο."
            )
            if by_identity
            else _(
                "Με το ίδιο email μπορείτε να έχετε έως %(limit)d μελλοντικά ραντεβού. "
                "Ακυρώστε κάποιο για να κλείσετε νέο."
            )
        )
        raise BookingRefused(message % {"limit": limit}, "too_many")


def _slot_full() -> BookingRefused:
    return BookingRefused(
        _("Η ώρα αυτή μόλις γέμισε. Επιλέξτε μια άλλη ώρα· τα στοιχεία σας κρατήθηκαν."),
        "slot_full",
    )


def appointment_book(
    *,
    service: Service,
    starts_at: datetime,
    name: str,
    email: str,
    phone: str,
    reason: str = "",
    source: str = BookingSource.WEB,
    submission_key: uuid.UUID | None = None,
    actor: Actor | None = None,
    now: datetime | None = None,
    citizen=None,
) -> BookingResult:
    """Book a place at this start time, or raise BookingRefused with the reason.

    The slot row is locked once, late, after the per-person rules; a database
    check (booked <= capacity) backs the lock. A resubmitted form (same
    submission key) returns the booking it already made. `citizen` is the
    signed-in citizen's account, which the booking then belongs to; an
    identity-required service needs one signed in with TAXISnet, whose name
    the booking carries.
    """
    now = now or timezone.now()
    _check_identity(service, citizen, source)
    if service.requires_identity and citizen is not None and citizen.full_name:
        name = citizen.full_name
    _check_bookable(service, starts_at, now)
    day = timezone.localdate(starts_at)
    _ensure_slot(service, starts_at)
    try:
        with _refused_when_busy(), transaction.atomic():
            _set_lock_timeout()
            if service.requires_identity and citizen is not None:
                _lock_citizen(citizen)
            elif email:
                _lock_email(email)
            if submission_key is not None:
                earlier = Booking.objects.filter(submission_key=submission_key).first()
                if earlier is not None:
                    return BookingResult(booking=earlier, token="", duplicate=True)
            _check_email_limits(service=service, email=email, day=day, now=now, citizen=citizen)
            slot = Slot.objects.select_for_update().get(service=service, starts_at=starts_at)
            if slot.booked >= slot.capacity:
                raise _slot_full()
            Slot.objects.filter(pk=slot.pk).update(booked=slot.booked + 1)
            token = secrets.token_urlsafe(32)
            booking = Booking.objects.create(
                reference=_new_reference(),
                service=service,
                slot=slot,
                day=day,
                name=name,
                email=email,
                phone=phone,
                reason=reason,
                source=source,
                citizen=citizen,
                created_by=actor if actor is not None and actor.is_authenticated else None,
                cancel_token_hash=token_hash(token),
                submission_key=submission_key,
            )
            audit_log(
                actor=actor,
                action="appointments.booking.booked",
                obj=booking,
                data={"slot": slot.starts_at.isoformat(), "source": source},
            )
            emails.send_confirmation(booking, token=token)
            _schedule_reminder(booking)
    except IntegrityError as error:
        raise BookingRefused(
            _(
                "Η κράτηση δεν ολοκληρώθηκε γιατί άλλαξαν στο μεταξύ οι διαθέσιμες θέσεις. "
                "Δοκιμάστε ξανά."
            ),
            "conflict",
        ) from error
    return BookingResult(booking=booking, token=token)


def _schedule_reminder(booking: Booking) -> None:
    """Queue the reminder for the day before at 10:00, if that is still ahead."""
    remind_at = datetime.combine(
        booking.day - timedelta(days=1), REMINDER_TIME, tzinfo=timezone.get_default_timezone()
    )
    # A backend that cannot defer would send the reminder now, next to the confirmation.
    if remind_at <= timezone.now() or not send_reminder.get_backend().supports_defer:
        return
    booking_id, starts_at = booking.pk, booking.slot.starts_at.isoformat()
    transaction.on_commit(
        lambda: send_reminder.using(run_after=remind_at).enqueue(
            booking_id=booking_id, starts_at=starts_at
        )
    )


def _locked_booking(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("slot", "service", "service__department")
        .get(pk=booking.pk)
    )


def booking_cancel(
    *, booking: Booking, reason: str = "", actor: Actor | None = None, notify: bool = True
) -> Booking:
    """Cancel a booking and free its place at once; email the citizen after commit."""
    with _refused_when_busy(), transaction.atomic():
        _set_lock_timeout()
        booking = _locked_booking(booking)
        if booking.status != BookingStatus.BOOKED:
            raise BookingRefused(_("Το ραντεβού δεν είναι πια ενεργό."), "not_active")
        Slot.objects.filter(pk=booking.slot_id).update(booked=F("booked") - 1)
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_reason = reason
        booking.status_changed_at = timezone.now()
        booking.sequence += 1
        booking.save(update_fields=["status", "cancelled_reason", "status_changed_at", "sequence"])
        audit_log(
            actor=actor,
            action="appointments.booking.cancelled",
            obj=booking,
            data={"reason": reason, "by_citizen": actor is None},
        )
        if notify:
            emails.send_cancellation(booking)
    return booking


def booking_move(
    *,
    booking: Booking,
    starts_at: datetime,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> Booking:
    """Move a booking to another time of its service; both slots locked in key order."""
    now = now or timezone.now()
    service = booking.service
    _check_bookable(service, starts_at, now)
    _ensure_slot(service, starts_at)
    with _refused_when_busy(), transaction.atomic():
        _set_lock_timeout()
        booking = _locked_booking(booking)
        if booking.status != BookingStatus.BOOKED:
            raise BookingRefused(_("Το ραντεβού δεν είναι πια ενεργό."), "not_active")
        if booking.slot.starts_at == starts_at:
            raise BookingRefused(_("Το ραντεβού σας είναι ήδη σε αυτή την ώρα."), "same")
        day = timezone.localdate(starts_at)
        _check_email_limits(
            service=service,
            email=booking.email,
            day=day,
            now=now,
            exclude=booking,
            citizen=booking.citizen,
        )
        target = Slot.objects.get(service=service, starts_at=starts_at)
        locked = {
            slot.pk: slot
            for slot in Slot.objects.select_for_update()
            .filter(pk__in=[booking.slot_id, target.pk])
            .order_by("pk")
        }
        target = locked[target.pk]
        if target.booked >= target.capacity:
            raise _slot_full()
        previous = booking.slot.starts_at
        Slot.objects.filter(pk=target.pk).update(booked=target.booked + 1)
        Slot.objects.filter(pk=booking.slot_id).update(booked=F("booked") - 1)
        booking.slot = target
        booking.day = day
        booking.sequence += 1
        booking.save(update_fields=["slot", "day", "sequence"])
        audit_log(
            actor=actor,
            action="appointments.booking.moved",
            obj=booking,
            data={"from": previous.isoformat(), "to": starts_at.isoformat()},
        )
        emails.send_moved(booking)
        _schedule_reminder(booking)
    return booking


def bookings_claim_by_email(*, citizen, email: str) -> int:
    """Attach the bookings made with this address, now confirmed by `citizen`, that no
    account holds yet; return how many."""
    with transaction.atomic():
        claimed = list(
            selectors.bookings_of_email(email)
            .filter(citizen__isnull=True)
            .exclude(name=ANONYMISED_NAME)
            .values_list("pk", flat=True)
        )
        if claimed:
            Booking.objects.filter(pk__in=claimed).update(citizen=citizen)
            audit_log(
                actor=None,
                action="appointments.booking.claimed",
                data={"bookings": claimed, "citizen": citizen.pk},
            )
    return len(claimed)


def booking_set_status(*, booking: Booking, status: str, actor: Actor) -> Booking:
    """Record that the citizen came or did not come; only from the appointment's day on."""
    with transaction.atomic():
        booking = _locked_booking(booking)
        if not booking.can_move_to(status):
            raise BookingRefused(
                _("Η κατάσταση της κράτησης %(reference)s δεν μπορεί να γίνει «%(status)s».")
                % {"reference": booking.reference, "status": BookingStatus(status).label},
                "bad_transition",
            )
        if booking.day > timezone.localdate():
            raise BookingRefused(
                _("Η προσέλευση καταγράφεται από την ημέρα του ραντεβού και μετά."), "too_early"
            )
        previous = booking.status
        booking.status = status
        booking.status_changed_at = timezone.now()
        booking.save(update_fields=["status", "status_changed_at"])
        audit_log(
            actor=actor,
            action=f"appointments.booking.{status}",
            obj=booking,
            data={"from": previous},
        )
    return booking


def service_default_hours(*, service: Service, actor: Actor) -> None:
    """Give a new service with no opening hours the default Mon–Fri 08:00–14:00."""
    if service.hours.exists():
        return
    start, end = DEFAULT_OPENING
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(service=service, weekday=weekday, start=start, end=end)
            for weekday in range(5)
        ]
    )
    audit_log(actor=actor, action="appointments.service.default_hours", obj=service)


def closure_save(*, closure: Closure, actor: Actor) -> Closure:
    """Save a closure; bookings it falls on stay until staff cancel and notify them."""
    with transaction.atomic():
        created = closure.pk is None
        closure.save()
        audit_log(
            actor=actor,
            action="appointments.closure." + ("created" if created else "changed"),
            obj=closure,
            data={"date": closure.date.isoformat(), "reason": closure.reason},
        )
    return closure


def closure_cancel_affected(*, closure: Closure, actor: Actor) -> int:
    """Cancel the bookings a closure falls on, emailing each citizen the closure's reason."""
    affected = selectors.bookings_affected_by(closure)
    count = 0
    with transaction.atomic():
        for booking in affected:
            booking_cancel(booking=booking, reason=closure.reason, actor=actor)
            count += 1
        audit_log(
            actor=actor,
            action="appointments.closure.notified",
            obj=closure,
            data={"cancelled": count},
        )
    return count


def bookings_anonymise(*, before: date, actor: Actor | None = None) -> int:
    """Erase the personal data of bookings whose day is before `before`; keep the counts.

    Statistics and the agenda's history stay; name, email, phone and reason go.
    """
    with transaction.atomic():
        count = (
            Booking.objects.filter(day__lt=before)
            .exclude(name=ANONYMISED_NAME)
            .update(**Booking.anonymised_values())
        )
        audit_log(
            actor=actor,
            action="appointments.booking.anonymised",
            data={"before": before.isoformat(), "count": count},
        )
    return count
