"""Fixtures of the procurement tests."""

import random
import sys
from datetime import date

import pytest
from django.core.management.base import OutputWrapper
from django.db import transaction

from portal import seed as portal_seed
from portal.seeding import SeedContext
from procurement import seed as procurement_seed


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo procurements (1,000 at scale 1), seeded once per module, rolled back after it."""
    context = SeedContext(
        rng=random.Random(7), scale=1, today=date(2026, 6, 1), stdout=OutputWrapper(sys.stdout)
    )
    with django_db_blocker.unblock(), transaction.atomic():
        portal_seed.seed(context)
        procurement_seed.seed(context)
        yield
        transaction.set_rollback(True)
