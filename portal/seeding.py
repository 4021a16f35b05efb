"""What every app's demo-data seeder receives, and fast bulk helpers."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.management.base import OutputWrapper
from django.db import connection, models


@dataclass
class SeedContext:
    """Shared state of one `seed_demo` run: the same seed gives the same data."""

    rng: random.Random
    scale: int
    today: date
    stdout: OutputWrapper

    def log(self, message: str) -> None:
        self.stdout.write(f"  {message}")


def bulk_insert[M: models.Model](
    model: type[M], rows: Sequence[M], batch_size: int = 5000
) -> list[M]:
    """Insert many rows quickly; return them with their primary keys set."""
    return model._default_manager.bulk_create(rows, batch_size=batch_size)


def truncate(*model_classes: type[models.Model]) -> None:
    """Empty the tables of these models (and what refers to them) in one statement."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in model_classes)
    if tables:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
