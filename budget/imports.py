"""Monthly execution import: the financial system's CSV/XLSX, Diavgeia's monthly columns.

All or nothing: every row is checked first; one bad row and nothing is written.
Stages out of order (paid > payment orders > committed > revised) are warnings.
Importing a month again replaces that month's figures.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from budget.errors import BudgetError
from budget.models import Execution, Kind, Year
from budget.selectors import lines_with_figures
from portal.services import audit_log
from portal.types import Actor

# The columns of the monthly execution Diavgeia publishes, as the financial system exports them.
CODE = "Κωδικός"
STAGE_COLUMNS = {
    "Βεβαιωθέντα": "assessed",
    "Εισπραχθέντα": "collected",
    "Δεσμευθέντα": "committed",
    "Ενταλματοποιηθέντα": "ordered",
    "Πληρωθέντα": "paid",
}
HEADER = [CODE, "Περιγραφή", "Προϋπολογισθέντα", *STAGE_COLUMNS]
MAX_ROWS = 20000


@dataclass
class ImportReport:
    rows: int = 0
    written: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _read_rows(name: str, content: bytes) -> list[list[str]]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise BudgetError(_("Το αρχείο XLSX δεν διαβάζεται.")) from error
        if sheet is None:
            raise BudgetError(_("Το αρχείο XLSX δεν έχει φύλλο."))
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BudgetError(_("Το αρχείο CSV πρέπει να είναι σε κωδικοποίηση UTF-8.")) from error
    dialect = csv.excel_tab if text.count("\t") > text.count(";") else csv.excel
    delimiter = ";" if text.count(";") > text.count(",") else dialect.delimiter
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _amount(value: str) -> Decimal:
    """A Greek (1.234,56) or plain (1234.56) amount."""
    text = value.strip().replace(" ", "").replace("€", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    amount = Decimal(text or "0")
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise InvalidOperation
    return amount.quantize(Decimal("0.01"))


def _order_warnings(number: int, code: str, kind: str, stages: dict, revised: Decimal) -> list[str]:
    warnings = []
    if kind == Kind.EXPENDITURE:
        chain = [("paid", "ordered"), ("ordered", "committed")]
        for later, earlier in chain:
            if stages[later] > stages[earlier]:
                warnings.append(
                    _("Γραμμή %(row)s (%(code)s): τα %(later)s υπερβαίνουν τα %(earlier)s.")
                    % {
                        "row": number,
                        "code": code,
                        "later": _stage_label(later),
                        "earlier": _stage_label(earlier),
                    }
                )
        top = stages["committed"]
    else:
        if stages["collected"] > stages["assessed"]:
            warnings.append(
                _("Γραμμή %(row)s (%(code)s): τα εισπραχθέντα υπερβαίνουν τα βεβαιωθέντα.")
                % {"row": number, "code": code}
            )
        top = stages["assessed"]
    if top > revised:
        warnings.append(
            _("Γραμμή %(row)s (%(code)s): η εκτέλεση υπερβαίνει τον αναμορφωμένο προϋπολογισμό.")
            % {"row": number, "code": code}
        )
    return warnings


def _stage_label(stage: str) -> str:
    return str(Execution._meta.get_field(stage).verbose_name)


def _parse_row(number, cells, position, lines, seen, report, year) -> Execution | None:
    """One row as an Execution (month unset), or None with its errors added to the report."""
    code = cells[position[CODE]].strip()
    line = lines.get(code)
    if line is None:
        report.errors.append(
            _("Γραμμή %(row)s: ο κωδικός «%(code)s» δεν υπάρχει στον προϋπολογισμό %(year)s.")
            % {"row": number, "code": code[:30], "year": year.year}
        )
        return None
    if code in seen:
        report.errors.append(
            _("Γραμμή %(row)s: ο κωδικός %(code)s εμφανίζεται δεύτερη φορά.")
            % {"row": number, "code": code}
        )
        return None
    seen.add(code)
    stages = {}
    for column, stage in STAGE_COLUMNS.items():
        try:
            stages[stage] = _amount(cells[position[column]])
        except (InvalidOperation, ValueError):
            report.errors.append(
                _("Γραμμή %(row)s: η τιμή «%(value)s» της στήλης «%(column)s» δεν είναι ποσό.")
                % {"row": number, "value": cells[position[column]][:30], "column": column}
            )
    if len(stages) < len(STAGE_COLUMNS):
        return None
    report.warnings += _order_warnings(number, code, line.kind, stages, line.revised)
    return Execution(line=line, **stages)


def execution_import(
    *, year: Year, month: int, name: str, content: bytes, dry_run: bool, actor: Actor
) -> ImportReport:
    """Check a month's file; unless a dry run, and only if every row is sound, replace the month."""
    if not 1 <= month <= 12:
        raise BudgetError(_("Ο μήνας πρέπει να είναι από 1 έως 12."), field="month")
    rows = _read_rows(name, content)
    if not rows:
        raise BudgetError(_("Το αρχείο είναι κενό."))
    header = [cell.strip() for cell in rows[0]]
    missing = [column for column in (CODE, *STAGE_COLUMNS) if column not in header]
    if missing:
        raise BudgetError(_("Λείπουν οι στήλες: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(rows) > MAX_ROWS + 1:
        raise BudgetError(_("Το αρχείο έχει περισσότερες από %(max)s γραμμές.") % {"max": MAX_ROWS})
    position = {column: header.index(column) for column in (CODE, *STAGE_COLUMNS)}
    lines = {line.code: line for line in lines_with_figures(year)}
    report = ImportReport()
    executions: list[Execution] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in row):
            cells = row + [""] * (len(header) - len(row))
            execution = _parse_row(number, cells, position, lines, seen, report, year)
            if execution is not None:
                execution.month = month
                executions.append(execution)
    report.rows = len(executions)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        Execution.objects.filter(line__year=year, month=month).delete()
        Execution.objects.bulk_create(executions, batch_size=2000)
        audit_log(
            actor=actor,
            action="budget.execution.imported",
            obj=year,
            data={"month": month, "rows": len(executions), "file": name[:100]},
        )
    report.written = True
    return report
