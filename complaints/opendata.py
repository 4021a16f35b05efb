"""The anonymised register as open data: published complaints, public fields only, streamed."""

import json
from collections.abc import Iterator

from django.db.models import F
from django.db.models.functions import Round
from django.http import StreamingHttpResponse

from complaints.models import FINISHED_STATUSES, PUBLIC_COORDINATE_DIGITS, Complaint
from portal.exports import csv_response
from portal.privacy import public_columns

CHUNK_SIZE = 2000

COLUMNS = [
    "protocol_number",
    "kind",
    "summary",
    "category_code",
    "category",
    "category_group",
    "department",
    "department_name",
    "area",
    "status",
    "open311_status",
    "submitted_at",
    "deadline",
    "resolved_at",
    "closed_at",
    "latitude",
    "longitude",
]


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
