"""Demo data: three years, revisions, execution to last month, deterministic."""

import random
import sys
from datetime import date

import pytest
from django.core.management.base import OutputWrapper
from django.db import transaction

from budget import seed as budget_seed
from budget import selectors
from budget.models import Execution, Kind, Line, Revision, Year
from portal import seed as portal_seed
from portal.seeding import SeedContext
from procurement import seed as procurement_seed
from procurement.models import Stage, StageKind

TODAY = date(2026, 6, 15)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    context = SeedContext(
        rng=random.Random(3), scale=1, today=TODAY, stdout=OutputWrapper(sys.stdout)
    )
    with django_db_blocker.unblock(), transaction.atomic():
        portal_seed.seed(context)
        procurement_seed.seed(context)
        budget_seed.seed(context)
        yield
        transaction.set_rollback(True)


def test_three_years_with_revisions_and_execution_to_last_month(seeded, db):
    assert list(Year.objects.order_by("year").values_list("year", flat=True)) == [2024, 2025, 2026]
    assert Revision.objects.filter(year__year=2025).count() == 2
    assert Revision.objects.filter(year__year=2026).count() == 1  # the October one is still ahead
    assert Execution.objects.filter(line__year__year=2026).order_by("-month").first().month == 5
    assert Execution.objects.filter(line__year__year=2025, month=12).exists()
    assert not Line.objects.filter(search_document="").exists()
    assert Line.objects.filter(service__department__isnull=False).exists()


def test_seeded_budget_is_believable(seeded, db):
    totals = selectors.totals(Year.objects.get(year=2025))
    revenue, expenditure = totals[Kind.REVENUE]["revised"], totals[Kind.EXPENDITURE]["revised"]
    assert 250_000_000 < revenue < 700_000_000
    assert 250_000_000 < expenditure < 700_000_000
    assert totals[Kind.EXPENDITURE]["paid"] <= totals[Kind.EXPENDITURE]["committed"]


def test_seeded_payments_are_charged_to_lines_of_their_year(seeded, db):
    payments = Stage.objects.filter(kind=StageKind.PAYMENT, budget_line__isnull=False)
    assert payments.exists()
    for payment in payments.select_related("budget_line__year")[:200]:
        assert payment.budget_line.year.year == payment.date.year
        assert payment.budget_line.kind == Kind.EXPENDITURE
