"""Reads of the disclosures app. Everything public goes through `published()`."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.utils import timezone

from disclosures import formatting
from disclosures.filters import OfficialFilter
from disclosures.models import Declaration, Entry, Official, Term
from disclosures.sections import SECTIONS

PUBLISHED = Declaration.Status.PUBLISHED


@dataclass
class SectionTotal:
    """The totals of one section of one declaration: exact Decimals, never floats."""

    section: str
    label: str
    count: int = 0
    amount: Decimal = Decimal("0.00")
    area: Decimal = Decimal("0.00")

    @property
    def monetary(self) -> bool:
        return SECTIONS[self.section].monetary


@dataclass
class SectionView:
    """A section of a declaration page: its entries, as formatted rows, and totals."""

    section: str
    label: str
    spec: object
    entries: list = field(default_factory=list)
    total: SectionTotal | None = None

    @property
    def columns(self) -> list[formatting.Column]:
        return formatting.columns(self.spec, lambda name: Entry._meta.get_field(name).verbose_name)  # type: ignore[union-attr]

    @property
    def rows(self) -> list[list[tuple[str, bool]]]:
        columns = self.columns
        return [
            [(formatting.cell(entry, column.name), column.numeric) for column in columns]
            for entry in self.entries
        ]


def published() -> QuerySet[Declaration]:
    """Return the declarations the public may see."""
    return Declaration.objects.filter(status=PUBLISHED)


def current_terms_prefetch() -> Prefetch:
    today = timezone.localdate()
    return Prefetch(
        "terms",
        queryset=Term.objects.filter(start__lte=today).exclude(end__lt=today).order_by("role"),
        to_attr="current_terms",
    )


def official_directory(params) -> tuple[OfficialFilter, QuerySet[Official]]:
    """Return the bound directory filter and the filtered officials, ready to list."""
    latest_year = (
        published()
        .filter(official=OuterRef("pk"))
        .order_by("-fiscal_year")
        .values("fiscal_year")[:1]
    )
    base = (
        Official.objects.select_related("faction")
        .prefetch_related(current_terms_prefetch())
        .annotate(latest_fiscal_year=Subquery(latest_year))
        # The database collates by code point (C); the folded document sorts Greek properly.
        .order_by("search_document", "id")
    )
    filterset = OfficialFilter(params, queryset=base)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    return filterset, queryset


def official_page(slug: str) -> Official:
    """Return an official with all terms; raise Official.DoesNotExist when unknown."""
    return (
        Official.objects.select_related("faction")
        .prefetch_related(
            Prefetch("terms", queryset=Term.objects.order_by("-start"), to_attr="all_terms"),
            current_terms_prefetch(),
        )
        .get(slug=slug)
    )


def official_by_slug(slug: str) -> Official:
    """Return an official with the faction; raise Official.DoesNotExist when unknown."""
    return Official.objects.select_related("faction").get(slug=slug)


def official_declarations(official: Official) -> list[Declaration]:
    """Return the official's published declarations, newest fiscal year first."""
    return list(
        published()
        .filter(official=official)
        .select_related("corrects")
        .annotate(entry_count=Count("entries"))
        .order_by("-fiscal_year", "-submitted_on", "-id")
    )


def effective_by_year(declarations: list[Declaration]) -> dict[int, Declaration]:
    """Pick, per fiscal year, the declaration in force: the latest published correction."""
    chosen: dict[int, Declaration] = {}
    for declaration in declarations:
        current = chosen.get(declaration.fiscal_year)
        key = (
            declaration.submitted_on,
            declaration.kind == Declaration.Kind.CORRECTION,
            declaration.pk,
        )
        if current is None or key > (
            current.submitted_on,
            current.kind == Declaration.Kind.CORRECTION,
            current.pk,
        ):
            chosen[declaration.fiscal_year] = declaration
    return chosen


def declaration_page(pk: int, *, include_drafts: bool = False) -> Declaration:
    """Return a published declaration (or any, for a staff preview) ready for its page."""
    base = Declaration.objects.all() if include_drafts else published()
    return (
        base.select_related("official__faction", "corrects")
        .prefetch_related(
            Prefetch(
                "corrections",
                queryset=published().order_by("submitted_on", "id"),
                to_attr="published_corrections",
            )
        )
        .get(pk=pk)
    )


def entries_of(declaration_ids: list[int]) -> dict[int, list[Entry]]:
    """Return the entries of these declarations, grouped by declaration, in order."""
    grouped: dict[int, list[Entry]] = defaultdict(list)
    entries = Entry.objects.filter(declaration_id__in=declaration_ids).order_by(
        "section", "position", "id"
    )
    for entry in entries:
        grouped[entry.declaration_id].append(entry)
    return grouped


def section_totals(declaration_ids: list[int]) -> dict[int, dict[str, SectionTotal]]:
    """Total each section of these declarations in SQL (count, EUR amount, area)."""
    rows = (
        Entry.objects.filter(declaration_id__in=declaration_ids)
        .values("declaration_id", "section")
        .annotate(count=Count("id"), amount=Sum("amount"), area=Sum("area_m2"))
        .order_by()
    )
    totals: dict[int, dict[str, SectionTotal]] = {pk: {} for pk in declaration_ids}
    for row in rows:
        totals[row["declaration_id"]][row["section"]] = SectionTotal(
            section=row["section"],
            label=str(Entry.Section(row["section"]).label),
            count=row["count"],
            amount=row["amount"] or Decimal("0.00"),
            area=row["area"] or Decimal("0.00"),
        )
    return totals


def declaration_sections(declaration: Declaration) -> list[SectionView]:
    """Return every section of a declaration with its entries and totals (two queries)."""
    entries = entries_of([declaration.pk])[declaration.pk]
    totals = section_totals([declaration.pk])[declaration.pk]
    views = []
    for value, label in Entry.Section.choices:
        views.append(
            SectionView(
                section=value,
                label=str(label),
                spec=SECTIONS[value],
                entries=[entry for entry in entries if entry.section == value],
                total=totals.get(value) or SectionTotal(section=value, label=str(label)),
            )
        )
    return views


def yearly_totals(in_force: dict[int, Declaration]) -> list[tuple[int, Declaration, dict]]:
    """Return, newest first, each year's declaration in force with its section totals."""
    totals = section_totals([declaration.pk for declaration in in_force.values()])
    return [
        (year, in_force[year], totals[in_force[year].pk]) for year in sorted(in_force, reverse=True)
    ]


def open_data_declarations() -> QuerySet[Declaration]:
    """Return every published declaration with what the open data files print."""
    return (
        published()
        .select_related("official__faction")
        .order_by("official__name", "fiscal_year", "submitted_on", "id")
    )


def open_data_entries() -> QuerySet[Entry]:
    """Return every entry of a published declaration, one row each, joined once."""
    return Entry.objects.filter(declaration__status=PUBLISHED).order_by(
        "declaration__official__name",
        "declaration__fiscal_year",
        "declaration_id",
        "section",
        "position",
        "id",
    )
