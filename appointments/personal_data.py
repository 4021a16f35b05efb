"""What the appointments app holds on one citizen, for the data-protection tool."""

from django.db import transaction

from appointments.models import Booking
from appointments.services import ANONYMISED_NAME
from portal.personal_data import Found, PersonalDataProvider, Subject, matching
from portal.services import audit_log


def _bookings(subject: Subject):
    return matching(Booking.objects.all(), subject, email="email", phone="phone").exclude(
        name=ANONYMISED_NAME
    )


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
    """Anonymise the subject's bookings as the retention job does; counts stay."""
    with transaction.atomic():
        count = Booking.objects.filter(pk__in=_bookings(subject).values("pk")).update(
            **(dict.fromkeys(Booking.PERSONAL_FIELDS, "") | {"name": ANONYMISED_NAME})
        )
        audit_log(actor=actor, action="appointments.booking.anonymised", data={"count": count})
    return count


provider = PersonalDataProvider(find=find, erase=erase)
