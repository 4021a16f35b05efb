import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosures import comparison as comparisons
from disclosures.comparison import compare_entries, comparison_chart
from disclosures.models import Declaration, Entry
from disclosures.selectors import effective_by_year, official_declarations, section_totals
from tests.disclosures.factories import (
    DeclarationFactory,
    EntryFactory,
    OfficialFactory,
    income,
    real_estate,
    vehicle,
)

pytestmark = pytest.mark.django_db


def _declaration(official, year, **kwargs):
    return DeclarationFactory(official=official, fiscal_year=year, published=True, **kwargs)


def official_comparison(official, from_year=None, to_year=None):
    in_force = effective_by_year(official_declarations(official))
    return comparisons.official_comparison(in_force, from_year, to_year)


def _section(comparison, section):
    return next(s for s in comparison.sections if s.section == section)


def test_totals_are_exact_decimals_summed_in_sql():
    declaration = DeclarationFactory()
    for amount in ("0.10", "0.20", "0.30", "1234567890.01"):
        EntryFactory(declaration=declaration, amount=Decimal(amount))
    totals = section_totals([declaration.pk])[declaration.pk][Entry.Section.DEPOSITS]
    assert totals.amount == Decimal("1234567890.61")
    assert isinstance(totals.amount, Decimal)
    assert totals.count == 4


def test_comparison_lists_added_removed_and_changed_entries_with_total_changes():
    official = OfficialFactory()
    before = _declaration(official, 2023)
    after = _declaration(official, 2024)
    real_estate(before, location="Καλαμαριά, Θεσσαλονίκη", area_m2=Decimal("80"))
    real_estate(after, location="Καλαμαριά, Θεσσαλονίκη", area_m2=Decimal("80"))
    real_estate(after, kind="Αποθήκη", location="Θέρμη, Θεσσαλονίκη", area_m2=Decimal("12.5"))
    vehicle(before, year=2010)
    EntryFactory(declaration=before, institution="Eurobank", amount=Decimal("1000.10"))
    EntryFactory(declaration=after, institution="Eurobank", amount=Decimal("2500.35"))

    comparison = official_comparison(official)

    assert (comparison.from_year, comparison.to_year) == (2023, 2024)
    estate = _section(comparison, Entry.Section.REAL_ESTATE)
    assert [c.after.kind for c in estate.added] == ["Αποθήκη"]
    assert estate.area_change == Decimal("12.50")
    vehicles = _section(comparison, Entry.Section.VEHICLES)
    assert [c.before.year for c in vehicles.removed] == [2010]
    deposits = _section(comparison, Entry.Section.DEPOSITS)
    assert deposits.amount_change == Decimal("1500.25")
    assert [(c.before.amount, c.after.amount) for c in deposits.changed] == [
        (Decimal("1000.10"), Decimal("2500.35"))
    ]
    assert not _section(comparison, Entry.Section.INCOME).changes


def test_comparison_uses_the_latest_published_correction_of_a_year():
    official = OfficialFactory()
    base = _declaration(official, 2023)
    income(base, "10000.00")
    original = _declaration(official, 2024)
    income(original, "20000.00")
    first_fix = _declaration(
        official,
        2024,
        kind=Declaration.Kind.CORRECTION,
        corrects=original,
        submitted_on=datetime.date(2025, 9, 1),
    )
    income(first_fix, "21000.00")
    draft_fix = DeclarationFactory(
        official=official,
        fiscal_year=2024,
        kind=Declaration.Kind.CORRECTION,
        corrects=first_fix,
        submitted_on=datetime.date(2025, 10, 1),
    )
    income(draft_fix, "99999.00")

    comparison = official_comparison(official)

    assert comparison.after == first_fix
    assert _section(comparison, Entry.Section.INCOME).amount_change == Decimal("11000.00")


def test_comparison_skips_missing_years_and_names_them():
    official = OfficialFactory()
    income(_declaration(official, 2020), "100.00")
    income(_declaration(official, 2023), "400.00")
    DeclarationFactory(official=official, fiscal_year=2021)

    comparison = official_comparison(official)

    assert (comparison.from_year, comparison.to_year) == (2020, 2023)
    assert comparison.missing_years == [2021, 2022]
    assert _section(comparison, Entry.Section.INCOME).amount_change == Decimal("300.00")


def test_comparison_of_a_requested_year_without_declaration_says_so():
    official = OfficialFactory()
    _declaration(official, 2022)
    _declaration(official, 2023)
    comparison = official_comparison(official, from_year=2019, to_year=2023)
    assert comparison.requested_missing == [2019]
    assert not comparison.is_possible


def test_comparison_chart_scales_bars_to_the_largest_amount():
    official = OfficialFactory()
    income(_declaration(official, 2023), "500.00")
    income(_declaration(official, 2024), "1000.00")
    chart = comparison_chart(official_comparison(official))
    bars = next(g for g in chart.groups if g.label == "Εισοδήματα").bars
    assert [bar.width for bar in bars] == [150, 300]
    assert [bar.value for bar in bars] == [Decimal("500.00"), Decimal("1000.00")]


deposit_lists = st.lists(
    st.tuples(st.sampled_from(["Eurobank", "Alpha Bank", "Εθνική"]), st.integers(0, 3)),
    max_size=8,
)


@given(before=deposit_lists, after=deposit_lists)
def test_every_entry_is_accounted_for_exactly_once(before, after):
    def entries(rows):
        return [
            Entry(
                section=Entry.Section.DEPOSITS,
                kind="Καταθέσεις όψεως",
                institution=bank,
                amount=Decimal(amount),
            )
            for bank, amount in rows
        ]

    old, new = entries(before), entries(after)
    changes = compare_entries(old, new)
    touched_old = [c.before for c in changes if c.before is not None]
    touched_new = [c.after for c in changes if c.after is not None]
    assert len({id(e) for e in touched_old}) == len(touched_old)
    assert len({id(e) for e in touched_new}) == len(touched_new)
    unchanged = len(new) - len(touched_new)
    assert unchanged == len(old) - len(touched_old)
    if sorted(before) == sorted(after):
        assert changes == []
