"""Background work of the appointments app."""

from datetime import datetime

from django.tasks import task

from appointments import emails
from appointments.models import Booking, BookingStatus


@task
def send_reminder(*, booking_id: int, starts_at: str) -> None:
    """Remind the citizen the day before, unless the booking was cancelled or moved since."""
    booking = (
        Booking.objects.select_related("slot", "service")
        .filter(pk=booking_id, status=BookingStatus.BOOKED)
        .first()
    )
    if booking is None or booking.slot.starts_at != datetime.fromisoformat(starts_at):
        return
    emails.send_reminder(booking)
