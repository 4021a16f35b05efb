"""Reads of the budget. Every total is a SQL sum; revised = initial + revisions."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Substr

from budget.models import AMOUNT, LEVELS, Account, Change, Execution, Kind, Line, Year
from portal.search import search_with_suggestion
from portal.selectors import sees_all_departments, staff_department
from portal.types import Actor
from procurement.models import Stage, StageKind

ZERO = Value(Decimal("0.00"), output_field=DecimalField(**AMOUNT))
STAGES = {
    Kind.REVENUE: ("assessed", "collected"),
    Kind.EXPENDITURE: ("committed", "ordered", "paid"),
}
ALL_STAGES = ("assessed", "collected", "committed", "ordered", "paid")


def published_years() -> QuerySet[Year]:
    return Year.objects.filter(is_published=True).order_by("-year")


def _revisions_sum():
    return Coalesce(
        Subquery(
            Change.objects.filter(line=OuterRef("pk"))
            .values("line")
            .annotate(total=Sum("amount"))
            .values("total")[:1],
            output_field=DecimalField(**AMOUNT),
        ),
        ZERO,
    )


def _latest(stage: str, month: int | None):
    executions = Execution.objects.filter(line=OuterRef("pk"))
    if month is not None:
        executions = executions.filter(month__lte=month)
    return Coalesce(
        Subquery(
            executions.order_by("-month").values(stage)[:1], output_field=DecimalField(**AMOUNT)
        ),
        ZERO,
    )


def lines_with_figures(year: Year, *, month: int | None = None) -> QuerySet[Line]:
    """The year's lines with `revised` and each stage to date (or to the end of `month`)."""
    return (
        Line.objects.filter(year=year)
        .select_related("service")
        .annotate(revised=F("initial") + _revisions_sum())
        .annotate(**{stage: _latest(stage, month) for stage in ALL_STAGES})
    )


def _figure_sums(kind: str) -> dict:
    """Sums of the figures as `sum_<figure>` (an aggregate may not reuse an annotation name)."""
    figures = ("initial", "revised", *STAGES[Kind(kind)])
    return {f"sum_{figure}": Sum(figure) for figure in figures}


def _node(code: str, title: str, row: dict, kind: str) -> "Node":
    return Node(
        code,
        title,
        row["sum_initial"] or Decimal("0.00"),
        row["sum_revised"] or Decimal("0.00"),
        {stage: row[f"sum_{stage}"] or Decimal("0.00") for stage in STAGES[Kind(kind)]},
    )


def totals(year: Year) -> dict[str, dict[str, Decimal]]:
    """Revenue and expenditure totals of the year: initial, revised and each stage."""
    result = {}
    for kind in Kind:
        figures = lines_with_figures(year).filter(kind=kind).aggregate(**_figure_sums(kind))
        result[kind.value] = {key[4:]: value or Decimal("0.00") for key, value in figures.items()}
    return result


@dataclass
class Node:
    """A group of lines at one level: a ΚΑΕ prefix, or a service."""

    code: str
    title: str
    initial: Decimal
    revised: Decimal
    stages: dict[str, Decimal]
    is_leaf: bool = False
    href: str = ""


def level_of(prefix: str) -> int:
    """The level below a ΚΑΕ prefix ("" → 1 digit, "6" → 2 … "6011" → the lines)."""
    return len(prefix) + 1


def children(year: Year, kind: str, prefix: str = "", *, service: str | None = None) -> list[Node]:
    """The groups (or, under a four-digit code, the lines) directly below a ΚΑΕ prefix."""
    lines = lines_with_figures(year).filter(kind=kind, kae__startswith=prefix)
    if service:
        lines = lines.filter(service__code=service)
    stages = STAGES[Kind(kind)]
    if len(prefix) >= LEVELS[-1]:
        return [
            Node(
                line.code,
                line.title,
                line.initial,
                line.revised,
                {s: getattr(line, s) for s in stages},
                True,
            )
            for line in lines.order_by("-revised", "code")
        ]
    length = level_of(prefix)
    rows = (
        lines.annotate(node=Substr("kae", 1, length))
        .values("node")
        .annotate(**_figure_sums(kind))
        .order_by("-sum_revised", "node")
    )
    titles = dict(
        Account.objects.filter(kind=kind, code__in=[row["node"] for row in rows]).values_list(
            "code", "title"
        )
    )
    return [_node(row["node"], titles.get(row["node"], row["node"]), row, kind) for row in rows]


def by_service(year: Year) -> list[Node]:
    """Expenditure per service code."""
    rows = (
        lines_with_figures(year)
        .filter(kind=Kind.EXPENDITURE)
        .values("service__code", "service__name")
        .annotate(**_figure_sums(Kind.EXPENDITURE))
        .order_by("-sum_revised", "service__code")
    )
    return [
        _node(row["service__code"], row["service__name"], row, Kind.EXPENDITURE) for row in rows
    ]


def biggest_lines(year: Year, kind: str, count: int = 10) -> list[Line]:
    return list(lines_with_figures(year).filter(kind=kind).order_by("-revised", "code")[:count])


def staff_lines(user: Actor, queryset: QuerySet[Line] | None = None) -> QuerySet[Line]:
    """The lines a staff user may handle: all, or the expenditure of their department."""
    queryset = Line.objects.all() if queryset is None else queryset
    if sees_all_departments(user):
        return queryset
    department = staff_department(user)
    if department is None:
        return queryset.none()
    return queryset.filter(service__department=department)


def published_year(year: int) -> Year | None:
    return Year.objects.filter(year=year, is_published=True).first()


def line_detail(year: Year, code: str) -> Line | None:
    return lines_with_figures(year).filter(code=code).first()


def line_months(line: Line) -> list[Execution]:
    return list(line.executions.order_by("month"))


def line_history(line: Line) -> list[dict]:
    """The same line code in the other published years, with their revised figures."""
    return list(
        Line.objects.filter(code=line.code, year__is_published=True)
        .exclude(pk=line.pk)
        .annotate(revised=F("initial") + _revisions_sum())
        .order_by("-year__year")
        .values("year__year", "title", "initial", "revised")
    )


def line_changes(line: Line) -> QuerySet[Change]:
    return line.changes.select_related("revision").order_by("revision__number")


def search_lines(year: Year, text: str) -> tuple[QuerySet[Line], str | None]:
    """Lines of the year by code or word, accent- and typo-tolerant."""
    lines = Line.objects.filter(year=year).select_related("service")
    code = text.strip()
    if code and all(ch.isdigit() or ch in ".-" for ch in code):
        return lines.filter(code__contains=code).order_by("code"), None
    found, suggestion = search_with_suggestion(lines, text)
    return found.order_by("code"), suggestion


def line_payments(line: Line) -> list[Stage]:
    """The published procurement payments charged to the line, newest first."""
    return list(
        Stage.objects.filter(
            budget_line=line, kind=StageKind.PAYMENT, procurement__is_published=True
        )
        .select_related("supplier", "procurement", "parent")
        .order_by("-date", "-id")
    )
