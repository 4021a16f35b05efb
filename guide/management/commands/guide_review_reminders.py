"""Queue the review reminders of the Citizen's Guide (run daily by the timer)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guide.tasks import send_review_reminders


class Command(BaseCommand):
    help = (
        "Βάζει στην ουρά τις υπενθυμίσεις ελέγχου: κάθε δημοσιευμένη διαδικασία που δεν "
        "ελέγχθηκε εδώ και GUIDE_REVIEW_MONTHS μήνες (προεπιλογή 12) υπενθυμίζεται μία φορά "
        "στους υπευθύνους της υπηρεσίας της."
    )

    def handle(self, *args, **options):
        if settings.GUIDE_REVIEW_MONTHS < 1:
            raise CommandError("Το GUIDE_REVIEW_MONTHS πρέπει να είναι θετικός ακέραιος.")
        result = send_review_reminders.enqueue()
        self.stdout.write(self.style.SUCCESS(f"Οι υπενθυμίσεις μπήκαν στην ουρά ({result.id})."))
