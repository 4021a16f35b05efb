"""Delete rate-limit counters whose window has passed (run daily)."""

from django.core.management.base import BaseCommand

from portal.ratelimit import purge_expired


class Command(BaseCommand):
    help = "Σβήνει τους ληγμένους μετρητές ορίων αιτήσεων."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge_expired()} μετρητές σβήστηκαν.")
