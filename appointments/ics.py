"""The iCalendar (.ics) file a citizen adds to their calendar."""

import functools

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from appointments.models import Booking, BookingStatus
from portal.municipality import municipality


def booking_uid(booking: Booking) -> str:
    """Return the event's UID; stable across moves so calendars update one event."""
    return f"{booking.reference}@{municipality().domain}"


def booking_ics(booking: Booking) -> str:
    """Return the booking as a VCALENDAR with a Europe/Athens VTIMEZONE."""
    cancelled = booking.status == BookingStatus.CANCELLED
    tz = timezone.get_default_timezone()
    calendar = Calendar()
    calendar.add("prodid", f"-//{municipality().name.en}//Diafaneia appointments//EL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.slot.starts_at.astimezone(tz))
    event.add("dtend", booking.slot.ends_at.astimezone(tz))
    event.add(
        "summary",
        _("Ραντεβού: %(service)s (%(reference)s)")
        % {"service": booking.service.name, "reference": booking.reference},
    )
    event.add("location", booking.service.location)
    lines = [_("Κωδικός κράτησης: %(reference)s") % {"reference": booking.reference}]
    if booking.service.what_to_bring_list:
        lines.append(_("Τι να φέρετε:"))
        lines.extend(f"- {item}" for item in booking.service.what_to_bring_list)
    if booking.service.directions:
        lines.append(booking.service.directions)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(_vtimezone())
    calendar.add_component(event)
    return calendar.to_ical().decode()


@functools.cache
def _vtimezone() -> Timezone:
    # Building a VTIMEZONE from the zone's transitions takes tens of milliseconds; the
    # component depends only on the zone, so it is made once per process.
    return Timezone.from_tzid(timezone.get_default_timezone_name())
