"""Reading procedures exported from ΜΙΤΟΣ (mitos.gov.gr), the national registry.

A file is a JSON list of records (or `{"processes": [...]}`), each named with
the ΜΙΤΟΣ template's fields:

- `process_id` (digits), `process_official_title` (required),
  `process_alternative_titles` (a list, or one text with a title a line or `;`),
  `process_description`, `process_provided_to`, `process_remarks`;
- `process_provision_org_directory`: the responsible unit, by name or slug (required);
- `process_life_events`: life events by slug or name (a list, or `;`-separated);
- `process_output_type` (Πιστοποιητικό, Βεβαίωση, Άδεια, Απόφαση, Εγγραφή…) and
  `process_output` (what the citizen gets; the title when absent);
- `process_cost_min`, `process_cost_max` (euros; none, equal or a range);
- `process_estimated_implementation_time`: ISO 8601 (`P10D`) or a number of days;
- `process_evidences`: `[{"process_evidence_title", "process_evidence_description"}]`;
- `process_rules`: `[{"process_rule_decision_number", "process_rule_description",
  "process_rule_url"}]` (the legal basis);
- `process_steps`: `[{"process_step_title", "process_step_description"}]` or texts;
- `process_provision_digital_locations`: web addresses where it is done online.

`validate` checks every record and returns the rows to write, or the errors,
each with its row number (the first record is row 1): the import writes all
or nothing.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guide.durations import parse_duration
from guide.errors import GuideError
from guide.models import FeeKind, OutputKind, Procedure
from guide.validation import clean_channel_value
from portal.models import Department
from portal.search import normalize
from portal.seeding import latin_slug

MAX_RECORDS = 2000
_DIGITS = re.compile(r"^\d+$")
_OUTPUTS = {
    "πιστοποιητικο": OutputKind.CERTIFICATE,
    "βεβαιωση": OutputKind.ATTESTATION,
    "αδεια": OutputKind.PERMIT,
    "αποφαση": OutputKind.DECISION,
    "εγγραφη": OutputKind.REGISTRATION,
    "καταχωριση": OutputKind.REGISTRATION,
    "υπηρεσια": OutputKind.SERVICE,
}


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("Γραμμή %(row)d, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class Record:
    """One validated record, ready to write."""

    row: int
    existing: Procedure | None
    fields: dict
    life_events: list
    evidence: list[dict] = field(default_factory=list)
    legal_resources: list[dict] = field(default_factory=list)
    channels: list[dict] = field(default_factory=list)


def parse(data: bytes) -> list[dict]:
    """Return the records of a ΜΙΤΟΣ JSON file, or raise GuideError saying what is wrong."""
    try:
        loaded = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise GuideError(_("Το αρχείο δεν είναι έγκυρο JSON σε UTF-8.")) from None
    if isinstance(loaded, dict):
        loaded = loaded.get("processes", loaded.get("data"))
    if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
        raise GuideError(
            _('Το αρχείο πρέπει να είναι λίστα διαδικασιών ΜΙΤΟΣ (ή {"processes": [...]}).')
        )
    if not loaded:
        raise GuideError(_("Το αρχείο δεν έχει καμία διαδικασία."))
    if len(loaded) > MAX_RECORDS:
        raise GuideError(
            _("Έως %(max)d διαδικασίες ανά αρχείο· χωρίστε το σε μικρότερα.") % {"max": MAX_RECORDS}
        )
    return loaded


def _text(record: dict, key: str, limit: int | None = None) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise ValueError(_("πρέπει να είναι κείμενο"))
    text = str(value).strip()
    if "\x00" in text:
        raise ValueError(_("περιέχει μη επιτρεπτό χαρακτήρα"))
    if limit and len(text) > limit:
        raise ValueError(_("έως %(limit)d χαρακτήρες") % {"limit": limit})
    return text


def _items(value, separator: str = ";") -> list:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [part.strip() for part in re.split(rf"[\n{separator}]", value) if part.strip()]
    raise ValueError(_("πρέπει να είναι λίστα ή κείμενο"))


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace("€", "").strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("δεν είναι ποσό σε ευρώ")) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("10000000"):
        raise ValueError(_("δεν είναι ποσό σε ευρώ"))
    return amount.quantize(Decimal("0.01"))


def _fee(record: dict) -> dict:
    low, high = _amount(record.get("process_cost_min")), _amount(record.get("process_cost_max"))
    if low is None and high is not None:
        low = high
    if not low:
        return {"fee_kind": FeeKind.NONE, "fee_amount": None, "fee_max": None}
    if high is None or high == low:
        return {"fee_kind": FeeKind.FIXED, "fee_amount": low, "fee_max": None}
    if high < low:
        raise ValueError(_("το μέγιστο κόστος είναι μικρότερο από το ελάχιστο"))
    return {"fee_kind": FeeKind.RANGE, "fee_amount": low, "fee_max": high}


def _duration(value) -> str:
    if value in (None, ""):
        return ""
    text = str(value).strip()
    if _DIGITS.match(text):
        return f"P{int(text)}D"
    if parse_duration(text) is None:
        raise ValueError(_("γράψτε τη διάρκεια κατά ISO 8601 (π.χ. P10D) ή σε ημέρες"))
    return text.upper()


def _output_kind(value: str) -> str:
    folded = normalize(value)
    if not folded:
        return OutputKind.OTHER
    for word, kind in _OUTPUTS.items():
        if word in folded:
            return kind
    if value in OutputKind.values:
        return value
    return OutputKind.OTHER


class _Row:
    """Collects a record's errors under its row number."""

    def __init__(self, number: int, errors: list[RowError]):
        self.number, self.errors = number, errors

    def take(self, name: str, read, *args):
        try:
            return read(*args)
        except (ValueError, ValidationError) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            self.errors.append(RowError(self.number, name, message))
            return None


def validate(
    records: list[dict], *, departments: dict, life_events: dict, allowed
) -> tuple[list[Record], list[RowError]]:
    """Check every record; return the rows to write and every error with its row number.

    `departments` and `life_events` map slugs and folded names to rows; `allowed`
    tells whether the importer may write procedures of a unit.
    """
    known = list(
        Procedure.objects.select_related("department").only("pk", "mitos_id", "slug", "department")
    )
    existing_by_mitos = {p.mitos_id: p for p in known if p.mitos_id}
    existing_by_slug = {p.slug: p for p in known}
    seen: dict[str, int] = {}
    rows: list[Record] = []
    errors: list[RowError] = []
    for number, record in enumerate(records, start=1):
        row = _Row(number, errors)
        before = len(errors)
        title = row.take("process_official_title", _text, record, "process_official_title", 300)
        if before == len(errors) and not title:
            errors.append(RowError(number, "process_official_title", _("λείπει ο τίτλος")))
        mitos_id = row.take("process_id", _text, record, "process_id", 20) or ""
        if mitos_id and not _DIGITS.match(mitos_id):
            errors.append(RowError(number, "process_id", _("ο κωδικός ΜΙΤΟΣ έχει μόνο ψηφία")))
        unit_name = row.take(
            "process_provision_org_directory", _text, record, "process_provision_org_directory"
        )
        department: Department | None = None
        if unit_name:
            department = departments.get(unit_name) or departments.get(normalize(unit_name))
            if department is None:
                errors.append(
                    RowError(
                        number,
                        "process_provision_org_directory",
                        _("δεν υπάρχει υπηρεσία «%(name)s»") % {"name": unit_name},
                    )
                )
            elif not allowed(department):
                errors.append(
                    RowError(
                        number,
                        "process_provision_org_directory",
                        _("εισάγετε μόνο διαδικασίες της υπηρεσίας σας"),
                    )
                )
        elif unit_name is not None:
            errors.append(
                RowError(number, "process_provision_org_directory", _("λείπει η αρμόδια υπηρεσία"))
            )
        events = []
        for name in (
            row.take("process_life_events", _items, record.get("process_life_events")) or []
        ):
            event = life_events.get(str(name)) or life_events.get(normalize(str(name)))
            if event is None:
                errors.append(
                    RowError(
                        number,
                        "process_life_events",
                        _("άγνωστο γεγονός ζωής «%(name)s»") % {"name": name},
                    )
                )
            else:
                events.append(event)
        description = row.take("process_description", _text, record, "process_description") or ""
        fields = {
            "title": title or "",
            "mitos_id": mitos_id,
            "alternative_titles": "\n".join(
                str(t).strip()
                for t in row.take(
                    "process_alternative_titles", _items, record.get("process_alternative_titles")
                )
                or []
            ),
            "summary": (description.split("\n")[0] or title or "")[:400],
            "description": description,
            "audience": row.take("process_provided_to", _text, record, "process_provided_to") or "",
            "remarks": row.take("process_remarks", _text, record, "process_remarks") or "",
            "output_kind": _output_kind(
                row.take("process_output_type", _text, record, "process_output_type") or ""
            ),
            "output": row.take("process_output", _text, record, "process_output", 300)
            or title
            or "",
            "duration": row.take(
                "process_estimated_implementation_time",
                _duration,
                record.get("process_estimated_implementation_time"),
            )
            or "",
            "department": department,
        }
        fields.update(row.take("process_cost_min", _fee, record) or {})
        fields["steps"] = "\n".join(_steps(row, record))
        evidence = _evidence(row, record)
        legal = _rules(row, record)
        channels = _channels(row, record)
        existing = existing_by_mitos.get(mitos_id) if mitos_id else None
        slug = existing.slug if existing else latin_slug(title or "")[:110]
        existing = existing or existing_by_slug.get(slug)
        key = mitos_id or slug
        if key in seen:
            errors.append(
                RowError(
                    number,
                    "process_id" if mitos_id else "process_official_title",
                    _("η ίδια διαδικασία υπάρχει ήδη στη γραμμή %(row)d") % {"row": seen[key]},
                )
            )
        seen[key] = number
        if existing is not None and not allowed(existing.department):
            errors.append(RowError(number, "process_id", _("η διαδικασία ανήκει σε άλλη υπηρεσία")))
        fields["slug"] = slug
        if len(errors) == before:
            rows.append(Record(number, existing, fields, events, evidence, legal, channels))
    return rows, errors


def _objects(row: _Row, record: dict, key: str) -> list:
    return row.take(key, _items, record.get(key)) or []


def _steps(row: _Row, record: dict) -> list[str]:
    steps = []
    for item in _objects(row, record, "process_steps"):
        if isinstance(item, dict):
            title = str(item.get("process_step_title") or "").strip()
            text = str(item.get("process_step_description") or "").strip()
            step = f"{title}: {text}" if title and text else title or text
        else:
            step = str(item).strip()
        if step:
            steps.append(" ".join(step.split()))
    return steps


def _evidence(row: _Row, record: dict) -> list[dict]:
    found = []
    for item in _objects(row, record, "process_evidences"):
        title = item.get("process_evidence_title") if isinstance(item, dict) else item
        note = item.get("process_evidence_description", "") if isinstance(item, dict) else ""
        title = str(title or note or "").strip()
        if not title:
            row.errors.append(
                RowError(row.number, "process_evidences", _("δικαιολογητικό χωρίς τίτλο"))
            )
            continue
        found.append(
            {"title": title[:300], "note": str(note or "").strip()[:500] if note != title else ""}
        )
    return found


def _rules(row: _Row, record: dict) -> list[dict]:
    found = []
    for item in _objects(row, record, "process_rules"):
        if not isinstance(item, dict):
            item = {"process_rule_decision_number": item}
        citation = str(item.get("process_rule_decision_number") or "").strip()
        url = str(item.get("process_rule_url") or "").strip()
        if not citation:
            row.errors.append(
                RowError(row.number, "process_rules", _("νομική βάση χωρίς παραπομπή"))
            )
            continue
        if url:
            try:
                url = clean_channel_value("online", url)
            except ValidationError as error:
                row.errors.append(RowError(row.number, "process_rule_url", error.messages[0]))
                continue
        found.append(
            {
                "citation": citation[:200],
                "title": str(item.get("process_rule_description") or "").strip()[:300],
                "url": url,
            }
        )
    return found


def _channels(row: _Row, record: dict) -> list[dict]:
    found = []
    for item in _objects(row, record, "process_provision_digital_locations"):
        url = item.get("process_provision_digital_location_url") if isinstance(item, dict) else item
        try:
            found.append({"kind": "online", "value": clean_channel_value("online", str(url or ""))})
        except ValidationError as error:
            row.errors.append(
                RowError(row.number, "process_provision_digital_locations", error.messages[0])
            )
    return found
