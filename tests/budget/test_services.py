"""Revisions: refused when they make no sense, audited when recorded."""

from datetime import date
from decimal import Decimal

import pytest

from budget.errors import BudgetError
from budget.services import revision_create
from portal.models import AuditEntry
from tests.budget.factories import make_line, make_year

pytestmark = pytest.mark.django_db


def _revise(year, changes, actor, *, decided_on=date(2026, 3, 1), ada="ΨΩ1ΑΩ1Ε-ΑΒΓ"):
    return revision_create(
        year=year, ada=ada, decided_on=decided_on, subject="α", changes=changes, actor=actor
    )


def test_revision_is_numbered_and_audited(admin_user):
    year = make_year(2026)
    line = make_line(year, "6011.0001")
    first = _revise(year, {line: Decimal("1")}, admin_user)
    second = _revise(year, {line: Decimal("-1")}, admin_user, ada="ΨΩ1ΑΩ1Ε-ΑΒΔ")
    assert (first.number, second.number) == (1, 2)
    assert AuditEntry.objects.filter(action="budget.revision.created").count() == 2


@pytest.mark.parametrize(
    ("case", "message"),
    [("other-year-line", "δεν ανήκει"), ("empty", "καμία γραμμή"), ("other-year-date", "ίδιου")],
)
def test_revision_that_makes_no_sense_is_refused(admin_user, case, message):
    year, other = make_year(2026), make_year(2025)
    ours, theirs = make_line(year, "6011.0001"), make_line(other, "6011.0001")
    arguments = {
        "other-year-line": (year, {theirs: Decimal("1")}),
        "empty": (year, {}),
        "other-year-date": (other, {theirs: Decimal("1")}),
    }[case]
    with pytest.raises(BudgetError, match=message):
        _revise(*arguments, admin_user)
    assert ours.changes.count() == theirs.changes.count() == 0
    assert not AuditEntry.objects.filter(action="budget.revision.created").exists()
