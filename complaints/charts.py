"""Server-rendered bar charts (SVG geometry) of the semiannual report."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from complaints.reports import Report, ReportRow

WIDTH = 720
LABEL_WIDTH = 320
LABEL_CHARS = 42
VALUE_WIDTH = 60
BAR_HEIGHT = 12
ROW_HEIGHT = 2 * BAR_HEIGHT + 14
TOP = 10
MAX_ROWS = 15


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    value: object
    value_x: float
    is_current: bool


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    description: str
    current_label: str
    previous_label: str
    rows: list[ChartRow]
    height: int
    width: int = WIDTH
    bars_x: int = LABEL_WIDTH


def bar_chart(
    *,
    slug: str,
    title: str,
    report: Report,
    rows: list[ReportRow],
    metric: str,
) -> BarChart:
    """Lay out horizontal bars of one metric, this semester above the previous one."""
    rows = rows[:MAX_ROWS]
    values = [
        (row.name, getattr(row.current, metric), getattr(row.previous, metric)) for row in rows
    ]
    largest = max([value or 0 for _name, *pair in values for value in pair] + [1])
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest
    chart_rows = []
    for index, (name, current, previous) in enumerate(values):
        top = TOP + index * ROW_HEIGHT
        bars = tuple(
            Bar(
                y=top + offset * BAR_HEIGHT,
                width=round((value or 0) * scale, 1),
                value="–" if value is None else value,
                value_x=LABEL_WIDTH + round((value or 0) * scale, 1) + 6,
                is_current=offset == 0,
            )
            for offset, value in enumerate((current, previous))
        )
        chart_rows.append(ChartRow(label=_shorten(name), label_y=top + BAR_HEIGHT + 4, bars=bars))
    return BarChart(
        slug=slug,
        title=title,
        description=str(
            _(
                "Οριζόντιες ράβδοι: πάνω το %(current)s, κάτω το %(previous)s. "
                "Οι τιμές υπάρχουν και στον πίνακα."
            )
            % {"current": report.semester.label, "previous": report.previous_semester.label}
        ),
        current_label=report.semester.label,
        previous_label=report.previous_semester.label,
        rows=chart_rows,
        height=TOP * 2 + max(len(chart_rows), 1) * ROW_HEIGHT,
    )


def _shorten(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def report_charts(report: Report) -> list[BarChart]:
    """Return the report page's charts: volume by category, speed by department."""
    return [
        bar_chart(
            slug="submitted-by-category",
            title=str(_("Υποβληθέντα αιτήματα ανά κατηγορία")),
            report=report,
            rows=report.by_category,
            metric="submitted",
        ),
        bar_chart(
            slug="median-days-by-department",
            title=str(_("Διάμεσος χρόνος επίλυσης ανά υπηρεσία (ημέρες)")),
            report=report,
            rows=report.by_department,
            metric="median_days",
        ),
        bar_chart(
            slug="within-deadline-by-department",
            title=str(_("Απάντηση εντός προθεσμίας ανά υπηρεσία (%)")),
            report=report,
            rows=report.by_department,
            metric="within_deadline_percent",
        ),
    ]
