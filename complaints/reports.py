"""Semiannual statistics of complaints, computed by PostgreSQL in one scan.

A report covers the complaints *submitted* in a semester (Α΄ εξάμηνο
January–June, Β΄ εξάμηνο July–December), each counted in the status it has
today, so a report drawn later shows how that semester's complaints ended.
The previous semester is computed in the same query and shown beside it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import OPEN_STATUSES, Category, Complaint, Satisfaction, Status
from portal.models import Department

PENDING_STATUSES = tuple(sorted({*OPEN_STATUSES, Status.AWAITING_CITIZEN}))
OPEN_STATUS_VALUES = tuple(sorted(OPEN_STATUSES))


@dataclass(frozen=True)
class Semester:
    """Half a calendar year: half 1 is January–June, half 2 July–December."""

    year: int
    half: int

    def __post_init__(self):
        if self.half not in (1, 2):
            raise ValueError("half must be 1 or 2")
        if not 1900 <= self.year <= 2100:  # wide enough for the semester before the first asked
            raise ValueError("year out of range")

    @classmethod
    def containing(cls, day: date) -> "Semester":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def first_day(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def next_first_day(self) -> date:
        return date(self.year, 7, 1) if self.half == 1 else date(self.year + 1, 1, 1)

    def bounds(self) -> tuple[datetime, datetime]:
        """Return [start, end) as aware datetimes at local midnight."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.first_day, time.min, tzinfo=zone),
            datetime.combine(self.next_first_day, time.min, tzinfo=zone),
        )

    def previous(self) -> "Semester":
        return Semester(self.year - 1, 2) if self.half == 1 else Semester(self.year, 1)

    @property
    def label(self) -> str:
        if self.half == 1:
            return str(_("Α΄ εξάμηνο %(year)s") % {"year": self.year})
        return str(_("Β΄ εξάμηνο %(year)s") % {"year": self.year})

    @property
    def short_label(self) -> str:
        return f"{'Α΄' if self.half == 1 else 'Β΄'} {self.year}"

    @property
    def slug(self) -> str:
        return f"{self.year}-h{self.half}"


@dataclass(frozen=True)
class Stats:
    """The figures of one group of complaints in one semester."""

    submitted: int = 0
    resolved: int = 0
    rejected: int = 0
    duplicates: int = 0
    pending: int = 0
    median_days: float | None = None
    mean_days: float | None = None
    answered: int = 0
    answered_on_time: int = 0
    overdue_open: int = 0
    satisfied: int = 0
    not_satisfied: int = 0

    @property
    def within_deadline_percent(self) -> float | None:
        """Answered by the deadline, out of those answered or still open past it."""
        due = self.answered + self.overdue_open
        return round(100 * self.answered_on_time / due, 1) if due else None

    @property
    def satisfaction_percent(self) -> float | None:
        """Satisfied, out of the citizens who answered the satisfaction question."""
        answered = self.satisfied + self.not_satisfied
        return round(100 * self.satisfied / answered, 1) if answered else None


@dataclass(frozen=True)
class ReportRow:
    """One category, department or the total, this semester and the previous one."""

    grouping: str
    name: str
    current: Stats
    previous: Stats


@dataclass(frozen=True)
class Report:
    semester: Semester
    previous_semester: Semester
    department: Department | None
    by_category: list[ReportRow] = field(default_factory=list)
    by_department: list[ReportRow] = field(default_factory=list)
    total: ReportRow | None = None

    @property
    def rows(self) -> list[ReportRow]:
        """Every row in reading order: categories, departments, then the total."""
        return [*self.by_category, *self.by_department, *([self.total] if self.total else [])]


_METRICS = (
    "submitted",
    "resolved",
    "rejected",
    "duplicates",
    "pending",
    "median_days",
    "mean_days",
    "answered",
    "answered_on_time",
    "overdue_open",
    "satisfied",
    "not_satisfied",
)

_GROUPING_SETS = "((is_current, category_id), (is_current, department_id), (is_current))"
_GROUP_KEYS = "is_current, no_category, no_department, category_id, department_id"


def _report_sql(*, with_department: bool) -> str:
    """One statement: a pass over the covering index, then categories, departments and totals.

    `fine` aggregates both semesters by (semester, category, department, days
    to resolution) in one hash pass over the index `complaints_report`, which
    holds every column read here. Counts are then summed per grouping set;
    the days make a histogram per grouping set, from which the median (the
    same value as ``percentile_cont(0.5)``) and the mean are read.
    """
    table = connection.ops.quote_name(Complaint._meta.db_table)
    department_filter = "AND c.department_id = %(department)s" if with_department else ""
    return f"""
        WITH fine AS MATERIALIZED (
            SELECT
                c.submitted_at >= %(current_start)s AS is_current,
                c.category_id,
                c.department_id,
                c.resolution_days AS days,
                COUNT(*) AS submitted,
                COUNT(c.resolution_days) AS resolved,
                COUNT(*) FILTER (WHERE c.status = %(rejected)s) AS rejected,
                COUNT(*) FILTER (WHERE c.status = %(duplicate)s) AS duplicates,
                COUNT(*) FILTER (WHERE c.status = ANY(%(pending)s)) AS pending,
                COUNT(c.answered_on_time) AS answered,
                COUNT(*) FILTER (WHERE c.answered_on_time) AS answered_on_time,
                COUNT(*) FILTER (
                    WHERE c.status = ANY(%(open)s) AND c.deadline < %(today)s
                ) AS overdue_open,
                COUNT(*) FILTER (WHERE c.satisfaction = %(satisfied)s) AS satisfied,
                COUNT(*) FILTER (WHERE c.satisfaction = %(not_satisfied)s) AS not_satisfied
            FROM {table} c
            WHERE c.submitted_at >= %(previous_start)s
              AND c.submitted_at < %(current_end)s
              {department_filter}
            GROUP BY 1, 2, 3, 4
        ),
        sums AS (
            SELECT
                is_current,
                GROUPING(category_id) AS no_category,
                GROUPING(department_id) AS no_department,
                category_id,
                department_id,
                SUM(submitted) AS submitted,
                SUM(resolved) AS resolved,
                SUM(rejected) AS rejected,
                SUM(duplicates) AS duplicates,
                SUM(pending) AS pending,
                SUM(answered) AS answered,
                SUM(answered_on_time) AS answered_on_time,
                SUM(overdue_open) AS overdue_open,
                SUM(satisfied) AS satisfied,
                SUM(not_satisfied) AS not_satisfied
            FROM fine
            GROUP BY GROUPING SETS {_GROUPING_SETS}
        ),
        histogram AS (
            SELECT
                is_current,
                GROUPING(category_id) AS no_category,
                GROUPING(department_id) AS no_department,
                category_id,
                department_id,
                days,
                SUM(resolved) AS complaints
            FROM fine
            WHERE days IS NOT NULL
            GROUP BY GROUPING SETS (
                (is_current, category_id, days),
                (is_current, department_id, days),
                (is_current, days)
            )
        ),
        cumulative AS (
            SELECT
                {_GROUP_KEYS},
                days,
                complaints,
                SUM(complaints) OVER (PARTITION BY {_GROUP_KEYS} ORDER BY days) AS up_to,
                SUM(complaints) OVER (PARTITION BY {_GROUP_KEYS}) AS total
            FROM histogram
        ),
        medians AS (
            -- The middle value, or the mean of the two middle values when their number is even.
            SELECT
                {_GROUP_KEYS},
                (
                    MIN(days) FILTER (WHERE up_to >= div(total + 1, 2))
                    + MIN(days) FILTER (WHERE up_to >= div(total, 2) + 1)
                ) / 2.0 AS median,
                SUM(days * complaints) / SUM(complaints) AS mean
            FROM cumulative
            GROUP BY {_GROUP_KEYS}
        )
        SELECT
            s.is_current, s.no_category, s.no_department, s.category_id, s.department_id,
            s.submitted, s.resolved, s.rejected, s.duplicates, s.pending,
            m.median, m.mean,
            s.answered, s.answered_on_time, s.overdue_open, s.satisfied, s.not_satisfied
        FROM sums s
        LEFT JOIN medians m
          ON m.is_current = s.is_current
         AND m.no_category = s.no_category
         AND m.no_department = s.no_department
         AND m.category_id IS NOT DISTINCT FROM s.category_id
         AND m.department_id IS NOT DISTINCT FROM s.department_id
    """  # noqa: S608 - the table name is ours; every value is a parameter


def semester_report(*, semester: Semester, department: Department | None = None) -> Report:
    """Compute a semester's statistics by category, by department and in total.

    Counts: submitted; resolved (has a resolution date); rejected; duplicates;
    pending (open or awaiting the citizen). Days to resolution, in Greek
    calendar days from submission: median and mean over resolved complaints.
    Within the deadline: answered (resolved or rejected) by the deadline, out
    of those answered or still open past it. Satisfaction: satisfied out of
    the citizens who answered the question.
    """
    previous = semester.previous()
    previous_start, current_start = previous.bounds()[0], semester.bounds()[0]
    params = {
        "current_start": current_start,
        "previous_start": previous_start,
        "current_end": semester.bounds()[1],
        "department": department.pk if department else None,
        "rejected": Status.REJECTED.value,
        "duplicate": Status.DUPLICATE.value,
        "pending": list(PENDING_STATUSES),
        "open": list(OPEN_STATUS_VALUES),
        "today": timezone.localdate(),
        "satisfied": Satisfaction.SATISFIED.value,
        "not_satisfied": Satisfaction.NOT_SATISFIED.value,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        # Room for the hash aggregates in memory; JIT costs more than it saves here.
        cursor.execute(
            "SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)"
        )
        cursor.execute(_report_sql(with_department=department is not None), params)
        results = cursor.fetchall()

    by_category: dict[int, dict[bool, Stats]] = {}
    by_department: dict[int, dict[bool, Stats]] = {}
    totals: dict[bool, Stats] = {}
    for is_current, no_category, no_department, category_id, department_id, *figures in results:
        stats = Stats(**dict(zip(_METRICS, _clean(figures), strict=True)))
        if not no_category:
            by_category.setdefault(category_id, {})[is_current] = stats
        elif not no_department:
            by_department.setdefault(department_id, {})[is_current] = stats
        else:
            totals[is_current] = stats

    categories = Category.objects.in_bulk(by_category)
    departments = Department.objects.in_bulk(by_department)
    return Report(
        semester=semester,
        previous_semester=previous,
        department=department,
        by_category=_rows(str(_("Κατηγορία")), by_category, categories),
        by_department=_rows(str(_("Υπηρεσία")), by_department, departments),
        total=ReportRow(
            grouping=str(_("Σύνολο")),
            name=str(department or _("Όλες οι υπηρεσίες")),
            current=totals.get(True, Stats()),
            previous=totals.get(False, Stats()),
        ),
    )


def _clean(figures) -> list:
    """Round the day figures to one decimal; make the summed counts plain integers."""
    return [_clean_value(metric, value) for metric, value in zip(_METRICS, figures, strict=True)]


def _clean_value(metric: str, value):
    if metric.endswith("_days"):
        return None if value is None else round(float(value), 1)
    return int(value)


def _rows(grouping: str, figures: dict[int, dict[bool, Stats]], names: dict) -> list[ReportRow]:
    rows = [
        ReportRow(
            grouping=grouping,
            name=str(names[key]),
            current=pair.get(True, Stats()),
            previous=pair.get(False, Stats()),
        )
        for key, pair in figures.items()
        if key in names
    ]
    return sorted(rows, key=lambda row: (-row.current.submitted, row.name))
