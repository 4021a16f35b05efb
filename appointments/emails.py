"""What the appointments app tells citizens by email (sent after commit)."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from appointments.ics import booking_ics
from appointments.models import Booking
from portal.municipality import municipality
from portal.tasks import send_email_on_commit


def manage_url(token: str) -> str:
    """Return the absolute private link to see, move or cancel a booking."""
    return settings.SITE_URL + reverse("appointments:manage_link", kwargs={"token": token})


def _send(booking: Booking, *, subject: str, template: str, context: dict, ics: bool) -> None:
    """Render and queue the email once the transaction commits.

    Rendering (the .ics above all) happens after commit, so that it never
    lengthens the transaction that holds the slot's lock. Bookings taken by
    phone without an email get none.
    """
    if not booking.email:
        return
    transaction.on_commit(
        lambda: _render_and_queue(
            booking, subject=subject, template=template, context=context, ics=ics
        )
    )


def _render_and_queue(booking, *, subject, template, context, ics) -> None:
    body = render_to_string(
        f"appointments/email/{template}.txt",
        {
            "municipality": municipality(),
            "booking": booking,
            "service": booking.service,
            **context,
        },
    )
    attachments = (
        [[f"rantevou-{booking.reference}.ics", booking_ics(booking), "text/calendar"]]
        if ics
        else None
    )
    send_email_on_commit(subject=subject, body=body, to=[booking.email], attachments=attachments)


def send_confirmation(booking: Booking, *, token: str) -> None:
    _send(
        booking,
        subject=_("Επιβεβαίωση ραντεβού %(reference)s") % {"reference": booking.reference},
        template="booking_confirmed",
        context={"manage_url": manage_url(token)},
        ics=True,
    )


def send_moved(booking: Booking) -> None:
    _send(
        booking,
        subject=_("Αλλαγή ώρας ραντεβού %(reference)s") % {"reference": booking.reference},
        template="booking_moved",
        context={},
        ics=True,
    )


def send_cancellation(booking: Booking) -> None:
    _send(
        booking,
        subject=_("Ακύρωση ραντεβού %(reference)s") % {"reference": booking.reference},
        template="booking_cancelled",
        context={"book_again_url": settings.SITE_URL + booking.service.get_absolute_url()},
        ics=True,
    )


def send_reminder(booking: Booking) -> None:
    _send(
        booking,
        subject=_("Υπενθύμιση: αύριο το ραντεβού σας %(reference)s")
        % {"reference": booking.reference},
        template="booking_reminder",
        context={},
        ics=False,
    )
