"""Load deterministic, realistic Greek demo data for every app.

Each app declares its seeders on its AppConfig (`seeders = (Seeder(...),)`).
"""

import argparse
import random
import time
from datetime import date
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from portal import pagecache
from portal import seed as portal_seed
from portal.models import Department
from portal.seeding import SeedContext, app_seeders, truncate


class Command(BaseCommand):
    help = "Φορτώνει ρεαλιστικά δοκιμαστικά δεδομένα (μία φορά· --reset για νέα φόρτωση)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="πολλαπλασιαστής όγκου")
        parser.add_argument("--seed", type=int, default=2026, help="σπόρος τυχαιότητας")
        parser.add_argument("--reset", action="store_true", help="σβήνει πρώτα τα δεδομένα")
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="η «σημερινή» ημέρα των δεδομένων, ΕΕΕΕ-ΜΜ-ΗΗ (προεπιλογή: σήμερα)",
        )

    def handle(self, *args, scale, seed, reset, today=None, **options):
        if scale < 1:
            raise CommandError("Το --scale πρέπει να είναι θετικός ακέραιος.")
        if settings.HTTPS and not settings.DEBUG and not reset:
            raise CommandError("Τα δοκιμαστικά δεδομένα δεν φορτώνονται σε παραγωγή (HTTPS=1).")
        if Department.objects.exists() and not reset:
            self.stdout.write("Τα δοκιμαστικά δεδομένα υπάρχουν ήδη (--reset για νέα φόρτωση).")
            return
        started = time.perf_counter()
        # The clock is read here only: the seeders take `today` (and its first moment as
        # `now`) from the context, so the same --seed and --today give the same rows.
        context = SeedContext(
            rng=random.Random(seed),
            scale=scale,
            today=today or timezone.localdate(),
            stdout=self.stdout,
        )
        with transaction.atomic():
            if reset:
                self._reset()
            for _label, seeder in app_seeders():
                self.stdout.write(f"{seeder.module}:")
                import_module(seeder.module).seed(context)
            # Seeders insert in bulk, past the model signals: every cached page goes.
            pagecache.changed_everywhere()
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Έτοιμο σε {elapsed:.1f} s (scale={scale})."))

    def _reset(self) -> None:
        models = [
            model
            for label in dict.fromkeys(label for label, _seeder in app_seeders())
            for model in apps.get_app_config(label).get_models()
            if not model._meta.proxy and model._meta.managed
        ]
        truncate(*models)
        usernames = [username for username, *_rest in portal_seed.DEMO_STAFF]
        User.objects.filter(username__in=usernames).delete()
        # The demo accounts get their ids back, so a reseed gives the same rows.
        with connection.cursor() as cursor:
            for table in (User._meta.db_table, User.groups.through._meta.db_table):
                sql = "SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 0) + 1,"
                sql += " false) FROM "
                cursor.execute(sql + connection.ops.quote_name(table), [table])


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}»: η ημερομηνία γράφεται ΕΕΕΕ-ΜΜ-ΗΗ, π.χ. 2026-06-01."
        ) from None
