"""What every app's demo-data seeder receives, and fast bulk helpers."""

import random
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.management.base import OutputWrapper
from django.db import connection, models


@dataclass(frozen=True)
class Seeder:
    """A module with `seed(context)` an app declares in `seeders` on its AppConfig.

    `seed_demo` runs every installed app's seeders by `order` (dependencies first).
    """

    module: str
    order: int = 100


def app_seeders() -> list[tuple[str, Seeder]]:
    """Return (app label, seeder) for every installed app, in running order."""
    found = [
        (config.label, seeder)
        for config in apps.get_app_configs()
        for seeder in getattr(config, "seeders", ())
    ]
    return sorted(found, key=lambda item: item[1].order)


@dataclass
class SeedContext:
    """Shared state of one `seed_demo` run: the same seed gives the same data."""

    rng: random.Random
    scale: int
    today: date
    stdout: OutputWrapper

    def log(self, message: str) -> None:
        self.stdout.write(f"  {message}")


def bulk_insert(model: type[models.Model], rows: list[models.Model], batch_size: int = 5000):
    """Insert many rows quickly; return them with their primary keys set."""
    return model.objects.bulk_create(rows, batch_size=batch_size)


def truncate(*model_classes: type[models.Model]) -> None:
    """Empty the tables of these models (and what refers to them) in one statement."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in model_classes)
    if tables:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
