"""The raw tickets of a semester as a streamed CSV, written by PostgreSQL's COPY.

The rows are the staff user's own (the `complaints_for_staff` scope); the
query is built with the ORM and streamed with ``COPY (…) TO STDOUT`` in
blocks, so memory stays flat whatever the row count. Labels are translated
and spreadsheet formulas neutralised inside the query, so the bytes go out
as PostgreSQL writes them. Contact data and the description are included only
for users with the ``complaints.view_contact_data`` permission.
"""

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, Func, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from complaints.models import Kind, Satisfaction, Source, Status
from complaints.reports import Semester
from complaints.selectors import complaints_for_staff
from portal.exports import BOM
from portal.models import Department
from portal.services import audit_log
from portal.types import Actor, StrOrPromise

CHUNK_BYTES = 256 * 1024


class FormulaSafe(Func):
    """A text column with a quote before what a spreadsheet would run (NULL stays empty).

    The rule of `portal.exports.escape_formula`, applied by PostgreSQL. LEFT
    detoasts only the first slice of a long text.
    """

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        value, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"CASE WHEN LEFT({value}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') "
            f"THEN '''' || {value} ELSE {value} END"
        )
        return sql, (*params, *params, *params)


def _local_time(field: str, pattern: str = "YYYY-MM-DD HH24:MI") -> Func:
    local = Func(Value(settings.TIME_ZONE), F(field), function="timezone")
    return Func(local, Value(pattern), function="to_char", output_field=TextField())


def _label(field: str, choices) -> Case:
    return Case(
        *[When(**{field: value}, then=Value(str(label))) for value, label in choices],
        default=Value(""),
        output_field=TextField(),
    )


def _text(field: str) -> FormulaSafe:
    return FormulaSafe(F(field))


def export_columns(*, with_contact: bool) -> list[tuple[str, StrOrPromise, Any]]:
    """Return (alias, header, expression) of each column, in order."""
    columns: list[tuple[str, StrOrPromise, Any]] = [
        # Protocol numbers are digits and a hyphen: nothing to neutralise.
        ("x_protocol", _("Αριθμός πρωτοκόλλου"), F("protocol_number")),
        ("x_kind", _("Είδος"), _label("kind", Kind.choices)),
        ("x_category", _("Κατηγορία"), _text("category__name")),
        ("x_department", _("Αρμόδια υπηρεσία"), _text("department__name")),
        ("x_status", _("Κατάσταση"), _label("status", Status.choices)),
        ("x_source", _("Προέλευση"), _label("source", Source.choices)),
        ("x_subject", _("Θέμα"), _text("subject")),
        ("x_area", _("Περιοχή"), _text("public_area")),
        ("x_submitted", _("Υποβλήθηκε"), _local_time("submitted_at")),
        (
            "x_deadline",
            _("Προθεσμία"),
            Cast("deadline", TextField()),
        ),
        ("x_resolved", _("Επιλύθηκε"), _local_time("resolved_at")),
        ("x_answered", _("Απαντήθηκε"), _local_time("answered_at")),
        ("x_closed", _("Έκλεισε"), _local_time("closed_at")),
        ("x_satisfaction", _("Ικανοποίηση πολίτη"), _label("satisfaction", Satisfaction.choices)),
        ("x_assigned", _("Χειριστής"), _text("assigned_to__username")),
        (
            "x_published",
            _("Δημοσιευμένο"),
            Case(
                When(is_published=True, then=Value(str(_("ναι")))),
                default=Value(str(_("όχι"))),
                output_field=TextField(),
            ),
        ),
    ]
    if with_contact:
        columns += [
            ("x_description", _("Περιγραφή"), _text("description")),
            ("x_address", _("Διεύθυνση"), _text("address")),
            ("x_name", _("Ονοματεπώνυμο"), _text("citizen_name")),
            ("x_email", _("Email"), _text("citizen_email")),
            ("x_phone", _("Τηλέφωνο"), _text("citizen_phone")),
        ]
    return columns


def semester_queryset(
    *, user: Actor, semester: Semester, with_contact: bool, department: Department | None = None
) -> QuerySet:
    """Return the user's complaints submitted in the semester, one value list per row."""
    start, end = semester.bounds()
    columns = export_columns(with_contact=with_contact)
    queryset = complaints_for_staff(user).filter(submitted_at__gte=start, submitted_at__lt=end)
    if department is not None:
        queryset = queryset.filter(department=department)
    return (
        queryset.select_related(None)
        .annotate(**{alias: expression for alias, _header, expression in columns})
        .order_by("submitted_at", "id")
        .values_list(*[alias for alias, _header, _expression in columns])
    )


def copy_blocks(queryset: QuerySet) -> Iterator[bytes]:
    """Yield the queryset's rows as CSV bytes from ``COPY … TO STDOUT``, block by block."""
    sql, params = queryset.query.sql_with_params()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, ENCODING 'UTF8')"
    with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        buffer = bytearray()
        for block in copy:
            buffer += block
            if len(buffer) >= CHUNK_BYTES:
                yield bytes(buffer)
                buffer.clear()
        if buffer:
            yield bytes(buffer)


def semester_csv_chunks(
    *, user: Actor, semester: Semester, with_contact: bool, department: Department | None = None
) -> Iterator[bytes]:
    """Yield the whole CSV: the BOM and the header line, then PostgreSQL's rows."""
    headers = [str(header) for _alias, header, _e in export_columns(with_contact=with_contact)]
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(headers)
    yield (BOM + line.getvalue()).encode()
    yield from copy_blocks(
        semester_queryset(
            user=user, semester=semester, with_contact=with_contact, department=department
        )
    )


def semester_csv_response(
    *, user: Actor, semester: Semester, department: Department | None = None
) -> StreamingHttpResponse:
    """Stream the semester's tickets to a staff user; contact data only with the permission.

    Every export is audited: who, which semester, how many rows, with contact data or not.
    """
    with_contact = user.has_perm("complaints.view_contact_data")
    rows = semester_queryset(
        user=user, semester=semester, with_contact=False, department=department
    ).count()
    audit_log(
        actor=user,
        action="complaints.complaint.exported",
        data={
            "what": f"semester CSV {semester.slug}",
            "department": department.pk if department is not None else None,
            "rows": rows,
            "with_contact": with_contact,
        },
    )
    response = StreamingHttpResponse(
        semester_csv_chunks(
            user=user, semester=semester, with_contact=with_contact, department=department
        ),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="complaints-{semester.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
