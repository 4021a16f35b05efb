"""Open data: published declarations as CSV (one row per entry) and JSON, streamed."""

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import StreamingHttpResponse

from disclosures.models import Declaration, Entry, Term
from disclosures.selectors import effective_by_year, open_data_declarations, open_data_entries
from portal.exports import csv_response

CSV_HEADER = [
    "declaration_id",
    "official",
    "official_slug",
    "faction",
    "declaration_year",
    "fiscal_year",
    "kind",
    "corrects_declaration_id",
    "submitted_on",
    "published_at",
    "section",
    "section_label",
    "type",
    "description",
    "region",
    "area_m2",
    "year",
    "institution",
    "share_percent",
    "amount_eur",
]

CHUNK = 2000


def _plain(value) -> str:
    return "" if value is None else str(value)


def entry_row(entry: Entry, declaration: Declaration) -> list[object]:
    official = declaration.official
    return [
        declaration.pk,
        official.name,
        official.slug,
        official.faction.name if official.faction_id else "",
        declaration.declaration_year,
        declaration.fiscal_year,
        declaration.kind,
        _plain(declaration.corrects_id),
        declaration.submitted_on.isoformat(),
        declaration.published_at.isoformat() if declaration.published_at else "",
        entry.section,
        entry.get_section_display(),
        entry.kind,
        entry.description,
        entry.location,
        _plain(entry.area_m2),
        _plain(entry.year),
        entry.institution,
        _plain(entry.share_percent),
        _plain(entry.amount),
    ]


def entries_csv(filename: str, entries: Iterable[Entry]):
    """Stream entries as CSV, one row per entry."""
    rows = (entry_row(entry, entry.declaration) for entry in entries)
    return csv_response(filename, CSV_HEADER, rows)


def all_entries_csv():
    return entries_csv(
        "diloseis-periousiakis-katastasis.csv", open_data_entries().iterator(chunk_size=CHUNK)
    )


def declaration_entries_csv(declaration: Declaration):
    entries = declaration.entries.order_by("section", "position", "id")
    for entry in entries:
        entry.declaration = declaration
    return entries_csv(f"dilosi-{declaration.pk}.csv", entries)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def entry_dict(entry: Entry) -> dict:
    return {
        "section": entry.section,
        "section_label": str(entry.get_section_display()),
        "type": entry.kind,
        "description": entry.description,
        "region": entry.location,
        "area_m2": _decimal(entry.area_m2),
        "year": entry.year,
        "institution": entry.institution,
        "share_percent": _decimal(entry.share_percent),
        "amount_eur": _decimal(entry.amount),
    }


def declaration_dict(declaration: Declaration, entries: list[Entry], in_force: bool) -> dict:
    official = declaration.official
    return {
        "id": declaration.pk,
        "official": {
            "name": official.name,
            "slug": official.slug,
            "faction": official.faction.name if official.faction_id else None,
        },
        "declaration_year": declaration.declaration_year,
        "fiscal_year": declaration.fiscal_year,
        "kind": declaration.kind,
        "corrects": declaration.corrects_id,
        "in_force": in_force,
        "submitted_on": declaration.submitted_on.isoformat(),
        "published_at": declaration.published_at.isoformat(),
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
        grouped: dict[int, list[Entry]] = {d.pk: [] for d in batch}
        entries = Entry.objects.filter(declaration_id__in=grouped).order_by(
            "declaration_id", "section", "position", "id"
        )
        for entry in entries:
            grouped[entry.declaration_id].append(entry)
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
    entries = list(declaration.entries.order_by("section", "position", "id"))
    return declaration_dict(declaration, entries, in_force)


OFFICIALS_HEADER = [
    "official",
    "official_slug",
    "faction",
    "active",
    "role",
    "role_label",
    "portfolio",
    "term_start",
    "term_end",
]


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
            term.get_role_display(),
            term.portfolio,
            term.start.isoformat(),
            term.end.isoformat() if term.end else "",
        ]
        for term in terms
    )
    return csv_response("airetoi.csv", OFFICIALS_HEADER, rows)
