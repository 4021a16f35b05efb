"""Monthly execution import: dry run, all or nothing, row-numbered errors, warnings, replace."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from budget.errors import BudgetError
from budget.imports import HEADER
from budget.models import Execution
from budget.services import execution_import
from portal.models import AuditEntry
from tests.budget.factories import make_execution, make_line, make_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    year = make_year(2026)
    make_line(year, "6641.0001", "1000.00")
    make_line(year, "0311.0001", "5000.00")
    return year


def _csv(*rows: list[str]) -> bytes:
    lines = [";".join(HEADER), *(";".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _import(year, content, *, month=3, dry_run=False, actor=None, name="execution.csv"):
    return execution_import(
        year=year, month=month, name=name, content=content, dry_run=dry_run, actor=actor
    )


FUEL = ["20-6641.0001", "Καύσιμα", "1.000,00", "0", "0", "400,00", "300,00", "250,50"]
TAX = ["0311.0001", "ΤΑΠ", "5.000,00", "2.000,00", "1.500,00", "0", "0", "0"]


def test_a_month_is_imported_and_audited(year, admin_user):
    report = _import(year, _csv(FUEL, TAX), actor=admin_user)
    assert report.written and report.rows == 2 and not report.errors and not report.warnings
    fuel = Execution.objects.get(line__code="20-6641.0001", month=3)
    assert (fuel.committed, fuel.ordered, fuel.paid) == (
        Decimal("400.00"),
        Decimal("300.00"),
        Decimal("250.50"),
    )
    assert Execution.objects.get(line__code="0311.0001").collected == Decimal("1500.00")
    assert AuditEntry.objects.filter(action="budget.execution.imported").count() == 1


def test_a_dry_run_writes_nothing(year):
    report = _import(year, _csv(FUEL, TAX), dry_run=True)
    assert report.rows == 2 and not report.written
    assert not Execution.objects.exists()


def test_a_bad_row_changes_nothing_and_is_named_by_its_number(year):
    line = year.lines.get(kae="6641.0001")
    make_execution(line, 3, committed="1", ordered="1", paid="1")
    bad = ["0311.0001", "ΤΑΠ", "", "δύο", "0", "0", "0", "0"]
    unknown = ["99-9999.0001", "", "", "0", "0", "0", "0", "0"]
    report = _import(year, _csv(FUEL, bad, unknown))
    assert not report.written
    assert report.errors == [
        "Γραμμή 3: η τιμή «δύο» της στήλης «Βεβαιωθέντα» δεν είναι ποσό.",
        "Γραμμή 4: ο κωδικός «99-9999.0001» δεν υπάρχει στον προϋπολογισμό 2026.",
    ]
    assert Execution.objects.get().committed == Decimal("1.00")


def test_stages_out_of_order_are_warnings(year):
    disordered = ["20-6641.0001", "", "", "0", "0", "1.200,00", "300,00", "350,00"]
    report = _import(year, _csv(disordered))
    assert report.written
    assert report.warnings == [
        "Γραμμή 2 (20-6641.0001): τα πληρωθέντα υπερβαίνουν τα ενταλματοποιηθέντα.",
        "Γραμμή 2 (20-6641.0001): η εκτέλεση υπερβαίνει τον αναμορφωμένο προϋπολογισμό.",
    ]


def test_reimporting_a_month_replaces_it_and_leaves_other_months(year):
    line = year.lines.get(kae="6641.0001")
    make_execution(line, 2, committed="100", ordered="50", paid="10")
    _import(year, _csv(FUEL, TAX))
    again = [*FUEL[:5], "500,00", "450,00", "400,00"]
    _import(year, _csv(again))
    assert Execution.objects.filter(month=3).count() == 1
    assert Execution.objects.get(month=3).paid == Decimal("400.00")
    assert Execution.objects.get(month=2).paid == Decimal("10.00")


def test_xlsx_with_plain_numbers(year):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["20-6641.0001", "Καύσιμα", 1000, 0, 0, 400, 300.5, 250])
    buffer = io.BytesIO()
    book.save(buffer)
    report = _import(year, buffer.getvalue(), name="execution.xlsx")
    assert report.written
    assert Execution.objects.get().ordered == Decimal("300.50")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.csv", "κενό"),
        ("Κωδικός;Πληρωθέντα\n".encode(), "a.csv", "Λείπουν οι στήλες"),
        ("\xff\xfe".encode("latin-1"), "a.csv", "UTF-8"),
        (b"not a workbook", "a.xlsx", "XLSX"),
    ],
)
def test_unreadable_files_are_refused_in_greek(year, content, name, message):
    with pytest.raises(BudgetError, match=message):
        _import(year, content, name=name)
    assert not Execution.objects.exists()
