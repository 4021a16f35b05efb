"""What the appointments app holds on one citizen, for the data-protection tool."""

from django.db import transaction
from django.utils import timezone

from appointments.models import ANONYMISED_NAME, Booking, BookingStatus
from appointments.services import booking_cancel
from portal.personal_data import Found, PersonalDataProvider, Subject, matching
from portal.services import audit_log

ERASED_REASON = "Διαγραφή δεδομένων κατόπιν αιτήματος"


def _bookings(subject: Subject):
    return matching(
        Booking.objects.all(), subject, email="email", phone="phone", citizen="citizen"
    ).exclude(name=ANONYMISED_NAME)


def find(subject: Subject) -> Found:
    found = Found(label="appointments")
    for booking in _bookings(subject).select_related("service", "slot").order_by("created_at"):
        found.records.append(
            {
                "reference": booking.reference,
                "service": booking.service.name,
                "starts_at": booking.slot.starts_at,
                "status": booking.status,
                "name": booking.name,
                "email": booking.email,
                "phone": booking.phone,
                "reason": booking.reason,
                "created_at": booking.created_at,
            }
        )
    return found


def erase(subject: Subject, *, actor) -> int:
    """Cancel the subject's upcoming bookings (freeing their places), then anonymise all
    of them as the retention job does; counts stay."""
    with transaction.atomic():
        upcoming = _bookings(subject).filter(
            status=BookingStatus.BOOKED, slot__starts_at__gt=timezone.now()
        )
        for booking in upcoming:
            booking_cancel(booking=booking, reason=ERASED_REASON, actor=actor, notify=False)
        count = Booking.objects.filter(pk__in=_bookings(subject).values("pk")).update(
            **Booking.anonymised_values()
        )
        audit_log(actor=actor, action="appointments.booking.anonymised", data={"count": count})
    return count


provider = PersonalDataProvider(find=find, erase=erase)
