"""Erase citizens' personal data from old bookings (run daily, e.g. from cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from appointments.services import bookings_anonymise


class Command(BaseCommand):
    help = (
        "Σβήνει ονοματεπώνυμο, email, τηλέφωνο και θέμα από ραντεβού παλαιότερα του ορίου "
        "διατήρησης (APPOINTMENTS_RETENTION_DAYS, προεπιλογή 365 ημέρες)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="ημέρες διατήρησης (αντί της ρύθμισης)")

    def handle(self, *args, days, **options):
        days = days if days is not None else settings.APPOINTMENTS_RETENTION_DAYS
        if days < 1:
            raise CommandError("Οι ημέρες διατήρησης πρέπει να είναι θετικός αριθμός.")
        before = timezone.localdate() - timedelta(days=days)
        count = bookings_anonymise(before=before)
        self.stdout.write(f"Ανωνυμοποιήθηκαν {count} κρατήσεις πριν από {before:%d/%m/%Y}.")
