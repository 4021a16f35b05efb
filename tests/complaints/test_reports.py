"""Semiannual reports: the figures, who sees which department, the page, the CSV, the command."""

import io
import statistics
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaints.models import Satisfaction, Status
from complaints.reports import Semester, semester_report
from portal.roles import Role
from tests.complaints.backoffice import clerk_of, transparency_officer
from tests.complaints.factories import CategoryFactory, ComplaintFactory
from tests.portal.factories import DepartmentFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

ATHENS = ZoneInfo("Europe/Athens")
REPORT = "/admin/complaints/complaint/report/"
H1_2026 = {"year": 2026, "half": 1}


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=ATHENS)


@pytest.fixture
def cleaning(db):
    return CategoryFactory(name="Καθαριότητα", department=DepartmentFactory(name="Καθαριότητας"))


@pytest.fixture
def lighting(db):
    return CategoryFactory(name="Φωτισμός", department=DepartmentFactory(name="Φωτισμού"))


@pytest.fixture
def semester_data(cleaning, lighting):
    """Five complaints in Α΄ 2026, one the day after it, one in Β΄ 2025."""
    ComplaintFactory(
        category=cleaning,
        submitted_at=at(2026, 2, 1),
        resolved_at=at(2026, 2, 11),
        deadline=date(2026, 3, 23),
        status=Status.RESOLVED,
        satisfaction=Satisfaction.SATISFIED,
    )
    ComplaintFactory(
        category=cleaning,
        submitted_at=at(2026, 3, 1),
        resolved_at=at(2026, 5, 30),
        deadline=date(2026, 4, 20),
        status=Status.CLOSED,
        satisfaction=Satisfaction.NOT_SATISFIED,
    )
    ComplaintFactory(
        category=cleaning,
        submitted_at=at(2026, 4, 1),
        deadline=date(2026, 5, 21),
        status=Status.REJECTED,
        answered_at=at(2026, 4, 10),
    )
    ComplaintFactory(
        category=cleaning,
        submitted_at=at(2026, 5, 1),
        deadline=date(2026, 6, 20),
        status=Status.IN_PROGRESS,
    )
    ComplaintFactory(
        category=lighting,
        submitted_at=at(2026, 6, 30, 23, 30),
        deadline=date.today() + timedelta(days=10),
        status=Status.SUBMITTED,
    )
    ComplaintFactory(category=lighting, submitted_at=at(2026, 7, 1, 0, 30))
    ComplaintFactory(
        category=cleaning,
        submitted_at=at(2025, 9, 1),
        resolved_at=at(2025, 9, 5),
        deadline=date(2025, 10, 21),
        status=Status.RESOLVED,
    )


def test_semesters_have_greek_names_bounds_and_a_previous_one():
    first = Semester(2026, 1)

    assert first.label == "Α΄ εξάμηνο 2026"
    assert Semester(2025, 2).label == "Β΄ εξάμηνο 2025"
    assert first.previous() == Semester(2025, 2)
    assert Semester(2025, 2).previous() == Semester(2025, 1)
    start, end = first.bounds()
    assert (start.date(), end.date()) == (date(2026, 1, 1), date(2026, 7, 1))
    assert Semester.containing(date(2026, 7, 1)) == Semester(2026, 2)
    with pytest.raises(ValueError):
        Semester(2026, 3)


def test_the_report_counts_the_semesters_complaints_in_their_status_today(semester_data):
    report = semester_report(semester=Semester(2026, 1))

    total = report.total.current
    assert (total.submitted, total.resolved, total.rejected, total.pending) == (5, 2, 1, 2)
    assert total.median_days == 50.0
    assert total.mean_days == 50.0
    # Answered on time: one resolution and the rejection, out of three answers and one overdue.
    assert (total.answered, total.answered_on_time, total.overdue_open) == (3, 2, 1)
    assert total.within_deadline_percent == 50.0
    assert total.satisfaction_percent == 50.0


@pytest.mark.parametrize(
    "days",
    [[7], [3, 8], [0, 2, 2, 10], [0, 3, 3, 3, 7, 30, 31], [1, 1, 1, 2, 40, 41]],
)
def test_median_and_mean_days_match_the_textbook_definitions(cleaning, lighting, days):
    for index, count in enumerate(days):
        category = cleaning if index % 2 else lighting
        submitted = at(2026, 1, 5 + index)
        ComplaintFactory(
            category=category,
            submitted_at=submitted,
            resolved_at=submitted + timedelta(days=count),
            status=Status.RESOLVED,
        )

    report = semester_report(semester=Semester(2026, 1))

    assert report.total.current.median_days == statistics.median(days)
    assert report.total.current.mean_days == round(statistics.mean(days), 1)
    by_category = {row.name: row.current.median_days for row in report.by_category}
    assert by_category.get("Φωτισμός") == statistics.median(days[::2])
    assert by_category.get("Καθαριότητα") == (statistics.median(days[1::2]) if days[1::2] else None)


def test_days_to_resolution_are_greek_calendar_days(cleaning):
    ComplaintFactory(
        category=cleaning,
        submitted_at=at(2026, 3, 28, 23, 30),  # the night before the clocks go forward
        resolved_at=at(2026, 3, 29, 9, 0),
        status=Status.RESOLVED,
    )

    report = semester_report(semester=Semester(2026, 1))

    assert report.total.current.median_days == 1.0


def test_the_previous_semester_stands_beside_it(semester_data):
    report = semester_report(semester=Semester(2026, 1))

    assert report.previous_semester == Semester(2025, 2)
    assert report.total.previous.submitted == 1
    assert report.total.previous.median_days == 4.0
    assert report.total.previous.within_deadline_percent == 100.0


def test_the_report_breaks_down_by_category_and_department(semester_data):
    report = semester_report(semester=Semester(2026, 1))

    by_category = {row.name: row.current.submitted for row in report.by_category}
    by_department = {row.name: row.current.submitted for row in report.by_department}
    assert by_category == {"Καθαριότητα": 4, "Φωτισμός": 1}
    assert by_department == {"Καθαριότητας": 4, "Φωτισμού": 1}
    assert report.by_category[0].previous.submitted == 1


def test_a_department_report_counts_only_that_department(semester_data, lighting):
    report = semester_report(semester=Semester(2026, 1), department=lighting.department)

    assert report.total.current.submitted == 1
    assert [row.name for row in report.by_category] == ["Φωτισμός"]
    assert report.total.current.median_days is None
    assert report.total.current.within_deadline_percent is None


def test_department_heads_see_only_their_department(client, semester_data, cleaning, lighting):
    head = clerk_of(lighting.department, Role.DEPARTMENT_STAFF, Role.DEPARTMENT_HEAD)
    sign_in(client, head)

    page = client.get(REPORT, {**H1_2026, "department": cleaning.department.slug}).content.decode()

    assert "Φωτισμός" in page
    assert "Καθαριότητα" not in page
    assert 'name="department"' not in page


def test_transparency_staff_see_all_and_may_choose_a_department(client, semester_data, lighting):
    sign_in(client, transparency_officer(DepartmentFactory()))

    everything = client.get(REPORT, H1_2026).content.decode()
    one = client.get(REPORT, {**H1_2026, "department": lighting.department.slug}).content.decode()

    assert "Καθαριότητα" in everything and "Φωτισμός" in everything
    assert "Φωτισμός" in one and "Καθαριότητα</th>" not in one


def test_clerks_without_the_report_permission_are_refused(client, cleaning):
    sign_in(client, clerk_of(cleaning.department))

    assert client.get(REPORT, H1_2026).status_code == 403


def test_the_charts_are_accessible_svg_with_the_numbers_in_a_table(client, semester_data):
    sign_in(client, transparency_officer(DepartmentFactory()))

    page = client.get(REPORT, H1_2026).content.decode()

    assert '<svg class="complaints-chart__svg"' in page
    assert 'role="img"' in page
    assert "<title id=" in page
    assert "<table>" in page
    assert "<caption>" in page
    assert "style=" not in page.split('id="content-main"')[1]


def test_a_bad_semester_gets_a_message_not_an_error(client, cleaning):
    sign_in(client, transparency_officer(DepartmentFactory()))

    response = client.get(REPORT, {"year": "δύο", "half": "7"})

    assert response.status_code == 200
    assert "Εισάγετε έναν ακέραιο αριθμό." in response.content.decode()


def test_the_csv_has_a_bom_and_both_semesters_and_escapes_formulas(client, semester_data):
    CategoryFactory(name='=HYPERLINK("http://x")')
    ComplaintFactory(
        category=CategoryFactory(name='=HYPERLINK("http://x")'), submitted_at=at(2026, 2, 2)
    )
    sign_in(client, transparency_officer(DepartmentFactory()))

    response = client.get(REPORT, {**H1_2026, "format": "csv"})

    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="complaints-report-2026-h1.csv"' in response["Content-Disposition"]
    assert body.startswith("\ufeff")
    header = body.splitlines()[0]
    assert "Υποβλήθηκαν — Α΄ εξάμηνο 2026" in header
    assert "Υποβλήθηκαν — Β΄ εξάμηνο 2025" in header
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body


def test_the_command_writes_the_same_csv_to_stdout(client, semester_data, lighting):
    sign_in(client, transparency_officer(DepartmentFactory()))
    slug = lighting.department.slug
    page = client.get(REPORT, {**H1_2026, "department": slug, "format": "csv"})
    out = io.StringIO()

    call_command("complaints_report", year=2026, half=1, department=slug, stdout=out)

    assert out.getvalue() == page.content.decode("utf-8")


def test_the_first_semester_the_form_allows_has_its_previous_beside_it(client, db):
    sign_in(client, transparency_officer(DepartmentFactory()))

    page = client.get(REPORT, {"year": 2000, "half": 1})

    assert page.status_code == 200
    assert "Β΄ εξάμηνο 1999" in page.content.decode()


def test_the_command_refuses_an_unknown_department(db):
    with pytest.raises(CommandError, match="Δεν υπάρχει υπηρεσία"):
        call_command("complaints_report", year=2026, half=1, department="nowhere")


@pytest.mark.parametrize("extra", [0, 30])
def test_the_report_page_runs_a_fixed_number_of_queries(
    client, semester_data, cleaning, django_assert_max_num_queries, extra
):
    for index in range(extra):
        ComplaintFactory(
            category=CategoryFactory(department=cleaning.department), submitted_at=at(2026, 3, 3)
        )
    sign_in(client, transparency_officer(DepartmentFactory()))

    with django_assert_max_num_queries(
        14
    ):  # +2: the sign-in checks (verified device, session generation)
        assert client.get(REPORT, H1_2026).status_code == 200
