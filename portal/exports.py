"""Streamed CSV for open data and staff exports: flat memory, Excel-friendly."""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

BOM = "\ufeff"
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def escape_formula(value: object) -> object:
    """Neutralise cells that a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_lines(header: list[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """Yield CSV text, BOM first (so Excel reads UTF-8 Greek), formula-escaped."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow([escape_formula(value) for value in row])


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[object]]):
    """Return a streamed CSV download; iterate rows lazily (e.g. `.iterator(chunk_size=…)`)."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
