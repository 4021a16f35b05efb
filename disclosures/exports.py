"""Open data: published declarations as CSV (one row per entry) and JSON, streamed."""

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from disclosures.models import Declaration, Entry, Term
from disclosures.opendata import ENTRIES_SCHEMA, OFFICIALS_SCHEMA
from disclosures.sections import ENTRY_DATA_FIELDS
from disclosures.selectors import effective_by_year, open_data_declarations, open_data_entries
from portal.exports import csv_response

CSV_HEADER = ENTRIES_SCHEMA.header

CHUNK = 2000


ENTRY_VALUES = (
    "declaration_id",
    "declaration__official__name",
    "declaration__official__slug",
    "declaration__official__faction__name",
    "declaration__declaration_year",
    "declaration__fiscal_year",
    "declaration__kind",
    "declaration__corrects_id",
    "declaration__submitted_on",
    "declaration__published_at",
    "section",
    *ENTRY_DATA_FIELDS,
    "id",
)
SECTION_LABELS = dict(Entry.Section.choices)
_SECTION_INDEX = ENTRY_VALUES.index("section")


_DATE_INDEXES = (
    ENTRY_VALUES.index("declaration__submitted_on"),
    ENTRY_VALUES.index("declaration__published_at"),
)
ROWS_PER_CHUNK = 500


def _csv_rows(values: Iterable[tuple]) -> Iterator[list[object]]:
    # Labels translated once per file, not once per row.
    labels = {code: str(label) for code, label in SECTION_LABELS.items()}
    for row in values:
        cells: list[Any] = ["" if value is None else value for value in row]
        for index in _DATE_INDEXES:
            if cells[index] != "":
                cells[index] = cells[index].isoformat()
        cells.insert(_SECTION_INDEX + 1, labels[row[_SECTION_INDEX]])
        yield cells


def _in_chunks(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Send many CSV lines per write instead of one each (fewer, larger chunks)."""
    chunk: list[bytes] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == ROWS_PER_CHUNK:
            yield b"".join(chunk)
            chunk = []
    if chunk:
        yield b"".join(chunk)


def _entries_csv(filename: str, values: Iterable[tuple]):
    response = csv_response(filename, CSV_HEADER, _csv_rows(values))
    response.streaming_content = _in_chunks(response.streaming_content)
    return response


def all_entries_csv():
    """Stream every published entry as CSV, read as tuples (no model instances)."""
    values = open_data_entries().values_list(*ENTRY_VALUES).iterator(chunk_size=CHUNK)
    return _entries_csv("diloseis-periousiakis-katastasis.csv", values)


def declaration_entries_csv(declaration: Declaration):
    values = (
        Entry.objects.filter(declaration=declaration)
        .order_by("section", "position", "id")
        .values_list(*ENTRY_VALUES)
    )
    return _entries_csv(f"dilosi-{declaration.pk}.csv", values)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


JSON_VALUES = ("declaration_id", "section", *ENTRY_DATA_FIELDS)


def entry_dict(values: dict) -> dict:
    """Turn an entry's `.values()` into its open-data form; amounts as exact strings."""
    return {
        "section": values["section"],
        "section_label": str(SECTION_LABELS[values["section"]]),
        "type": values["kind"],
        "description": values["description"],
        "region": values["location"],
        "area_m2": _decimal(values["area_m2"]),
        "year": values["year"],
        "institution": values["institution"],
        "share_percent": _decimal(values["share_percent"]),
        "amount_eur": _decimal(values["amount"]),
    }


def _entry_values(declaration_ids) -> QuerySet:
    return (
        Entry.objects.filter(declaration_id__in=declaration_ids)
        .order_by("declaration_id", "section", "position", "id")
        .values(*JSON_VALUES)
    )


def declaration_dict(declaration: Declaration, entries: list[dict], in_force: bool) -> dict:
    official = declaration.official
    return {
        "id": declaration.pk,
        "official": {
            "name": official.name,
            "slug": official.slug,
            "faction": official.faction.name if official.faction else None,
        },
        "declaration_year": declaration.declaration_year,
        "fiscal_year": declaration.fiscal_year,
        "kind": declaration.kind,
        "corrects": declaration.corrects_id,
        "in_force": in_force,
        "submitted_on": declaration.submitted_on.isoformat(),
        "published_at": declaration.published_at.isoformat() if declaration.published_at else None,
        "currency": "EUR",
        "entries": [entry_dict(entry) for entry in entries],
    }


def in_force_ids(declarations: list[Declaration]) -> set[int]:
    """Return the ids of the declarations in force (latest correction per official and year)."""
    by_official: dict[int, list[Declaration]] = {}
    for declaration in declarations:
        by_official.setdefault(declaration.official_id, []).append(declaration)
    return {
        chosen.pk for group in by_official.values() for chosen in effective_by_year(group).values()
    }


def _json_stream(declarations: list[Declaration]) -> Iterator[str]:
    current = in_force_ids(declarations)
    yield '{"licence": "CC BY 4.0", "currency": "EUR", "declarations": ['
    for start in range(0, len(declarations), 200):
        batch = declarations[start : start + 200]
        grouped: dict[int, list[dict]] = {d.pk: [] for d in batch}
        for values in _entry_values(grouped):
            grouped[values["declaration_id"]].append(values)
        parts = [
            json.dumps(declaration_dict(d, grouped[d.pk], d.pk in current), ensure_ascii=False)
            for d in batch
        ]
        yield ("," if start else "") + ",".join(parts)
    yield "]}"


def all_declarations_json():
    response = StreamingHttpResponse(
        _json_stream(list(open_data_declarations())),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="diloseis-periousiakis-katastasis.json"'
    return response


def declaration_json(declaration: Declaration, in_force: bool) -> dict:
    return declaration_dict(declaration, list(_entry_values([declaration.pk])), in_force)


OFFICIALS_HEADER = OFFICIALS_SCHEMA.header


def officials_csv():
    """Stream the officials with one row per term they held."""
    terms = (
        Term.objects.select_related("official__faction")
        .order_by("official__name", "official_id", "start", "id")
        .iterator(chunk_size=CHUNK)
    )
    rows = (
        [
            term.official.name,
            term.official.slug,
            term.official.faction.name if term.official.faction_id else "",
            "1" if term.official.is_active else "0",
            term.role,
            term.title,
            term.portfolio,
            term.start.isoformat(),
            term.end.isoformat() if term.end else "",
            term.pk,
        ]
        for term in terms
    )
    return csv_response("airetoi.csv", OFFICIALS_HEADER, rows)
