"""Totals: every parent is the sum of its children; revised = initial + revisions."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget import selectors
from budget.models import Execution, Kind
from budget.services import revision_create
from tests.budget.factories import make_execution, make_line, make_service, make_year

pytestmark = pytest.mark.django_db

kae = st.builds(
    lambda digits, sub: f"{digits}.{sub:04d}",
    st.sampled_from(
        ["6011", "6021", "6051", "6211", "6262", "7323", "7326", "7331", "8211", "6011"]
    ),
    st.integers(min_value=1, max_value=3),
)
amount = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)


def _descend(year, prefix, service=None):
    """Check every group below prefix equals the sum of its own children, recursively."""
    for node in selectors.children(year, Kind.EXPENDITURE, prefix, service=service):
        if node.is_leaf:
            continue
        below = selectors.children(year, Kind.EXPENDITURE, node.code, service=service)
        assert node.initial == sum(child.initial for child in below)
        assert node.revised == sum(child.revised for child in below)
        assert node.stages["paid"] == sum(child.stages["paid"] for child in below)
        _descend(year, node.code, service)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(kae, st.sampled_from(["10", "20", "30"]), amount, amount), min_size=1, max_size=12
    )
)
def test_every_parent_is_the_sum_of_its_children(rows):
    with transaction.atomic():
        _check_hierarchy(rows)
        transaction.set_rollback(True)


def _check_hierarchy(rows):
    year = make_year(2026)
    seen = set()
    for code, service_code, initial, paid in rows:
        if (code, service_code) in seen:
            continue
        seen.add((code, service_code))
        line = make_line(
            year, code, initial, service=make_service(service_code, f"Υπηρεσία {service_code}")
        )
        make_execution(line, 3, committed=paid, ordered=paid, paid=paid)
    _descend(year, "")
    top = selectors.children(year, Kind.EXPENDITURE)
    assert sum(node.initial for node in top) == selectors.totals(year)[Kind.EXPENDITURE]["initial"]
    assert sum(node.revised for node in selectors.by_service(year)) == sum(n.revised for n in top)
    for service_node in selectors.by_service(year):
        _descend(year, "", service_node.code)


def test_a_revision_changes_the_revised_figure_and_nothing_else(admin_user):
    year = make_year(2026)
    moved = make_line(year, "6011.0001", "1000.00")
    other = make_line(year, "6211.0001", "500.00")
    make_execution(moved, 2, committed="300.00", ordered="200.00", paid="100.00")
    before = {line.pk: line for line in selectors.lines_with_figures(year)}
    revision_create(
        year=year,
        ada="ΨΩ1ΑΩ1Ε-ΑΒΓ",
        decided_on=date(2026, 4, 1),
        subject="1η αναμόρφωση",
        changes={moved: Decimal("250.50")},
        actor=admin_user,
    )
    after = {line.pk: line for line in selectors.lines_with_figures(year)}
    assert after[moved.pk].revised == Decimal("1250.50")
    assert after[moved.pk].initial == Decimal("1000.00")
    for stage in ("committed", "ordered", "paid"):
        assert getattr(after[moved.pk], stage) == getattr(before[moved.pk], stage)
    assert after[other.pk].revised == before[other.pk].revised == Decimal("500.00")
    assert Execution.objects.count() == 1


def test_stages_to_date_are_the_latest_month():
    year = make_year(2026)
    line = make_line(year, "0311.0001", "1000.00")
    make_execution(line, 1, assessed="100", collected="50")
    make_execution(line, 2, assessed="250", collected="120")
    totals = selectors.totals(year)[Kind.REVENUE]
    assert totals["assessed"] == Decimal("250.00")
    assert totals["collected"] == Decimal("120.00")
    march = selectors.lines_with_figures(year, month=1).get()
    assert march.collected == Decimal("50.00")


def test_search_is_accent_and_typo_tolerant():
    year = make_year(2026)
    make_line(
        year,
        "6699.0001",
        title="Προμήθεια κάδων",
        service=make_service("20", "Υπηρεσίες καθαριότητας"),
    )
    make_line(
        year,
        "7323.0001",
        title="Ασφαλτοστρώσεις οδών",
        service=make_service("30", "Τεχνικές υπηρεσίες"),
    )
    found, suggestion = selectors.search_lines(year, "καθαριοτητα")
    assert [line.kae for line in found] == ["6699.0001"]
    found, suggestion = selectors.search_lines(year, "ασφαλτοστροσεις")
    assert [line.kae for line in found] == ["7323.0001"]
    assert suggestion
    found, _suggestion = selectors.search_lines(year, "7323")
    assert [line.kae for line in found] == ["7323.0001"]
