"""Send the alerts and digests due now: a systemd timer or cron calls this (docs/DEPLOY.md)."""

from django.core.management.base import BaseCommand

from alerts import services, tasks
from alerts.models import Frequency


class Command(BaseCommand):
    help = (
        "Στέλνει τις ειδοποιήσεις και τις συνόψεις που οφείλονται τώρα (ένα email ανά "
        "παραλήπτη) και διαγράφει ό,τι δεν χρειάζεται πια. Μπορεί να τρέχει ξανά χωρίς διπλά email."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            action="append",
            choices=Frequency.values,
            help="Μόνο αυτή η συχνότητα (μπορεί να δοθεί πολλές φορές).",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Να σταλεί η εργασία στον εκτελεστή εργασιών (db_worker) αντί να τρέξει εδώ.",
        )

    def handle(self, *args, frequency, queue, **options):
        if queue:
            result = tasks.send_alerts.enqueue()
            self.stdout.write(f"Η εργασία μπήκε στην ουρά: {result.id}")
            return
        report = services.alerts_send(frequencies=frequency or Frequency.values)
        purged = services.alerts_purge()
        self.stdout.write(
            self.style.SUCCESS(
                f"Γεγονότα: {report.events}, ειδοποιήσεις που ελέγχθηκαν: "
                f"{report.subscriptions}, email: {report.emails}. Διαγράφηκαν: {purged}."
            )
        )
