"""The appointment statistics' CSV columns, described once for the file and its data package."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.models import Booking
from portal.catalogue import Column, TableSchema
from portal.catalogue import coverage as span

_COUNT = {"required": True, "minimum": 0}

STATISTICS_SCHEMA = TableSchema(
    columns=(
        Column("date", "date", _("Ημέρα."), {"required": True}),
        Column("service", "string", _("Κωδικός της υπηρεσίας ραντεβού."), {"required": True}),
        Column("service_name", "string", _("Υπηρεσία ραντεβού.")),
        Column("places_offered", "integer", _("Θέσεις που διατέθηκαν."), _COUNT),
        Column("bookings", "integer", _("Κρατήσεις."), _COUNT),
        Column("cancelled", "integer", _("Ακυρώσεις."), _COUNT),
        Column("arrived", "integer", _("Προσελεύσεις."), _COUNT),
        Column("no_shows", "integer", _("Μη προσελεύσεις."), _COUNT),
    ),
    primary_key=("date", "service"),
)


def coverage():
    """The days the statistics cover: the first booked day to yesterday at the latest."""
    yesterday = timezone.localdate() - timedelta(days=1)
    days = span(Booking.objects.filter(day__lte=yesterday), "day")
    return days
