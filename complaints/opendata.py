"""The anonymised register as open data: published complaints, public fields only, streamed."""

import json
from collections.abc import Iterator

from django.db.models import F
from django.db.models.functions import Round
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from complaints.models import (
    FINISHED_STATUSES,
    PUBLIC_COORDINATE_DIGITS,
    Complaint,
    Kind,
    Status,
)
from portal.catalogue import Column, TableSchema
from portal.catalogue import coverage as span
from portal.exports import csv_response
from portal.privacy import public_columns

CHUNK_SIZE = 2000

CSV_SCHEMA = TableSchema(
    columns=(
        Column(
            "protocol_number",
            "string",
            _("Αριθμός πρωτοκόλλου του αιτήματος."),
            {"required": True, "unique": True},
        ),
        Column(
            "kind",
            "string",
            _("Είδος (κωδικός): αίτημα, πρόταση ή καταγγελία."),
            {"enum": Kind.values},
        ),
        Column("summary", "string", _("Δημόσια περίληψη, χωρίς στοιχεία του πολίτη.")),
        Column("category_code", "string", _("Κωδικός κατηγορίας (service_code του Open311).")),
        Column("category", "string", _("Κατηγορία.")),
        Column("category_group", "string", _("Ομάδα κατηγοριών.")),
        Column("department", "string", _("Κωδικός της αρμόδιας υπηρεσίας.")),
        Column("department_name", "string", _("Αρμόδια υπηρεσία.")),
        Column("area", "string", _("Οδός ή περιοχή, χωρίς αριθμό.")),
        Column("status", "string", _("Κατάσταση (κωδικός)."), {"enum": Status.values}),
        Column(
            "open311_status",
            "string",
            _("Κατάσταση κατά Open311: open ή closed."),
            {"enum": ["open", "closed"]},
        ),
        Column("submitted_at", "datetime", _("Ημερομηνία και ώρα υποβολής.")),
        Column("deadline", "date", _("Προθεσμία απάντησης.")),
        Column("resolved_at", "datetime", _("Ημερομηνία και ώρα επίλυσης, αν επιλύθηκε.")),
        Column("closed_at", "datetime", _("Ημερομηνία και ώρα κλεισίματος, αν έκλεισε.")),
        Column("latitude", "number", _("Γεωγραφικό πλάτος (WGS 84), στρογγυλεμένο στα 100 μέτρα.")),
        Column("longitude", "number", _("Γεωγραφικό μήκος (WGS 84), στρογγυλεμένο στα 100 μέτρα.")),
    ),
    primary_key=("protocol_number",),
)
COLUMNS = CSV_SCHEMA.header


def _rows() -> Iterator[tuple]:
    """Yield the register's rows, oldest first; never contact data, descriptions or files."""
    queryset = (
        Complaint.objects.published()
        .order_by("submitted_at", "id")
        .values_list(
            *public_columns(
                Complaint,
                "protocol_number",
                "kind",
                "public_summary",
                "category__code",
                "category__name",
                "category__group",
                "department__slug",
                "department__name",
                "public_area",
                "status",
                "status",
                "submitted_at",
                "deadline",
                "resolved_at",
                "closed_at",
            ),
            Round(F("latitude"), PUBLIC_COORDINATE_DIGITS),
            Round(F("longitude"), PUBLIC_COORDINATE_DIGITS),
        )
    )
    status_at, open311_at = COLUMNS.index("status"), COLUMNS.index("open311_status")
    for row in queryset.iterator(chunk_size=CHUNK_SIZE):
        values = list(row)
        values[open311_at] = "closed" if values[status_at] in FINISHED_STATUSES else "open"
        yield tuple(_plain(value) for value in values)


def _plain(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "is_finite"):
        return float(value)
    return value


def csv_download():
    return csv_response("complaints.csv", COLUMNS, _rows())


def _json_chunks() -> Iterator[str]:
    yield "["
    separator = ""
    for row in _rows():
        yield separator + json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False)
        separator = ",\n"
    yield "]\n"


def json_download():
    response = StreamingHttpResponse(_json_chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="complaints.json"'
    return response


def coverage():
    """The days the published register covers: first to last submission."""
    return span(Complaint.objects.published(), "submitted_at")
