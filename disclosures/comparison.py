"""Year-over-year comparison of two declarations, section by section, and its chart."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from disclosures.models import Declaration, Entry
from disclosures.sections import SECTIONS, SectionSpec
from disclosures.selectors import SectionTotal, entries_of, section_totals

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
ZERO = Decimal("0.00")
CHART_WIDTH, CHART_LABEL_WIDTH, CHART_BAR_AREA = 640, 230, 300


@dataclass
class EntryChange:
    """One asset that appeared, disappeared or changed between the two declarations."""

    status: str
    before: Entry | None
    after: Entry | None


@dataclass
class SectionComparison:
    """A section's totals in both declarations and the entries that differ."""

    section: str
    label: str
    spec: SectionSpec
    before: SectionTotal
    after: SectionTotal
    changes: list[EntryChange] = field(default_factory=list)

    @property
    def amount_change(self) -> Decimal:
        return self.after.amount - self.before.amount

    @property
    def area_change(self) -> Decimal:
        return self.after.area - self.before.area

    @property
    def count_change(self) -> int:
        return self.after.count - self.before.count

    def of_status(self, status: str) -> list[EntryChange]:
        return [change for change in self.changes if change.status == status]

    @property
    def added(self) -> list[EntryChange]:
        return self.of_status(ADDED)

    @property
    def removed(self) -> list[EntryChange]:
        return self.of_status(REMOVED)

    @property
    def changed(self) -> list[EntryChange]:
        return self.of_status(CHANGED)


def compare_entries(before: list[Entry], after: list[Entry]) -> list[EntryChange]:
    """Pair entries by what identifies the asset; list the added, removed and changed ones."""
    pending: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in before:
        pending[entry.match_key()].append(entry)
    changes = []
    for entry in after:
        candidates = pending.get(entry.match_key())
        if not candidates:
            changes.append(EntryChange(ADDED, None, entry))
            continue
        same = next((c for c in candidates if c.measure() == entry.measure()), None)
        previous = same or candidates[0]
        candidates.remove(previous)
        if same is None:
            changes.append(EntryChange(CHANGED, previous, entry))
    changes.extend(
        EntryChange(REMOVED, entry, None) for remaining in pending.values() for entry in remaining
    )
    return changes


def compare_declarations(
    before: Declaration | None, after: Declaration | None
) -> list[SectionComparison]:
    """Compare two declarations (either may be missing) in three queries at most."""
    ids = [declaration.pk for declaration in (before, after) if declaration is not None]
    entries = entries_of(ids) if ids else {}
    totals = section_totals(ids) if ids else {}

    def pick(declaration, section):
        if declaration is None:
            return [], SectionTotal(section=section, label="")
        return (
            [e for e in entries.get(declaration.pk, []) if e.section == section],
            totals[declaration.pk].get(section) or SectionTotal(section=section, label=""),
        )

    sections = []
    for value, label in Entry.Section.choices:
        before_entries, before_total = pick(before, value)
        after_entries, after_total = pick(after, value)
        sections.append(
            SectionComparison(
                section=value,
                label=str(label),
                spec=SECTIONS[value],
                before=before_total,
                after=after_total,
                changes=compare_entries(before_entries, after_entries),
            )
        )
    return sections


@dataclass
class Comparison:
    """What the comparison page shows for one official and two fiscal years."""

    years: list[int]
    from_year: int | None
    to_year: int | None
    before: Declaration | None
    after: Declaration | None
    sections: list[SectionComparison]
    missing_years: list[int]
    requested_missing: list[int]

    @property
    def is_possible(self) -> bool:
        return self.before is not None and self.after is not None


def official_comparison(
    in_force: dict[int, Declaration], from_year: int | None = None, to_year: int | None = None
) -> Comparison:
    """Compare the declarations in force of two fiscal years (default: the latest two).

    `in_force` maps fiscal years to the declaration in force, as `effective_by_year` gives.
    """
    years = sorted(in_force, reverse=True)
    requested_missing = [y for y in (from_year, to_year) if y is not None and y not in in_force]
    if to_year is None:
        to_year = years[0] if years else None
    if from_year is None and to_year is not None:
        earlier = [year for year in years if year < to_year]
        from_year = earlier[0] if earlier else None
    if from_year is not None and to_year is not None and from_year > to_year:
        from_year, to_year = to_year, from_year
    before = in_force.get(from_year) if from_year is not None else None
    after = in_force.get(to_year) if to_year is not None else None
    missing = []
    if from_year is not None and to_year is not None:
        missing = [year for year in range(from_year + 1, to_year) if year not in in_force]
    sections = compare_declarations(before, after) if before and after else []
    return Comparison(
        years=years,
        from_year=from_year,
        to_year=to_year,
        before=before,
        after=after,
        sections=sections,
        missing_years=missing,
        requested_missing=requested_missing,
    )


@dataclass(frozen=True)
class Bar:
    """One bar of the comparison chart, in SVG user units."""

    y: int
    width: int
    value: Decimal
    year: int | None
    css: str


@dataclass(frozen=True)
class ChartGroup:
    label: str
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """A server-rendered horizontal bar chart of the monetary sections of both years."""

    groups: tuple[ChartGroup, ...]
    height: int
    width: int = CHART_WIDTH
    label_width: int = CHART_LABEL_WIDTH


def comparison_chart(comparison: Comparison) -> Chart | None:
    """Lay out the chart of EUR totals per section, scaled to the largest amount."""
    if not comparison.is_possible:
        return None
    monetary = [s for s in comparison.sections if s.spec.monetary]
    largest = max([s.before.amount for s in monetary] + [s.after.amount for s in monetary] + [ZERO])
    if largest == ZERO:
        return None
    groups = []
    y = 10
    for section in monetary:
        bars = tuple(
            Bar(
                y=y + offset,
                width=int(total.amount * CHART_BAR_AREA / largest),
                value=total.amount,
                year=year,
                css=css,
            )
            for offset, total, year, css in (
                (0, section.before, comparison.from_year, "before"),
                (18, section.after, comparison.to_year, "after"),
            )
        )
        groups.append(ChartGroup(label=section.label, label_y=y + 20, bars=bars))
        y += 50
    return Chart(groups=tuple(groups), height=y + 10)
