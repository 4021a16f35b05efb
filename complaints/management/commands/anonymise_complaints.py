"""Erase citizens' contact data from complaints closed long enough ago (retention)."""

from django.core.management.base import BaseCommand, CommandError

from complaints.retention import (
    complaints_anonymise_due,
    complaints_due_for_anonymisation,
    retention_months,
)


class Command(BaseCommand):
    help = (
        "Ανωνυμοποιεί τα στοιχεία των πολιτών (όνομα, email, τηλέφωνο, διεύθυνση, "
        "συντεταγμένες, συνημμένα) σε αιτήματα που έκλεισαν πριν από "
        "COMPLAINTS_RETENTION_MONTHS μήνες (προεπιλογή 24). Τα στατιστικά μένουν."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="μόνο μετράει, δεν αλλάζει τίποτα"
        )

    def handle(self, *args, dry_run, **options):
        months = retention_months()
        if months < 1:
            raise CommandError("Το COMPLAINTS_RETENTION_MONTHS πρέπει να είναι θετικός ακέραιος.")
        if dry_run:
            count = complaints_due_for_anonymisation(months=months).count()
            self.stdout.write(
                f"Θα ανωνυμοποιηθούν {count} αιτήματα (κλειστά πάνω από {months} μήνες)."
            )
            return
        count = complaints_anonymise_due(months=months)
        self.stdout.write(
            self.style.SUCCESS(
                f"Ανωνυμοποιήθηκαν {count} αιτήματα (κλειστά πάνω από {months} μήνες)."
            )
        )
