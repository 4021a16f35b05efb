"""A procedure's versions: what a snapshot holds, and how two of them differ.

A snapshot is plain JSON: the procedure's own fields and its documents, legal
basis, channels and life events by value, so an old version reads the same
after the rows behind it changed or went away.
"""

import difflib
from dataclasses import dataclass
from typing import cast

from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from guide.models import Procedure
from portal.types import StrOrPromise


def _field(name: str) -> models.Field:
    return cast(models.Field, Procedure._meta.get_field(name))


# The procedure's own fields a version keeps: every public one but the address and the
# clock (the version has its own), and the status, which the public never sees.
FIELDS = (
    *(name for name in Procedure.PUBLIC_COLUMNS if name not in ("slug", "updated_at")),
    "status",
)

# What each key of a snapshot is called on the history page.
LABELS: dict[str, StrOrPromise] = {
    **{name: _field(name).verbose_name for name in FIELDS},
    "slug": _("συντόμευση"),
    "department": _("αρμόδια υπηρεσία"),
    "appointment_service": _("υπηρεσία ραντεβού"),
    "complaint_category": _("κατηγορία αιτημάτων"),
    "life_events": _("γεγονότα ζωής"),
    "evidence": _("δικαιολογητικά"),
    "legal_resources": _("νομική βάση"),
    "channels": _("τρόποι εξυπηρέτησης"),
}


# Choice fields are kept as codes and shown by their labels.
CHOICES = {name: dict(_field(name).choices or ()) for name in ("output_kind", "fee_kind", "status")}


def _text(value) -> str:
    return "" if value is None else str(value)


def snapshot(procedure: Procedure) -> dict:
    """The procedure as it stands, with its related rows, as JSON-ready values."""
    data: dict = {name: _text(getattr(procedure, name)) for name in FIELDS}
    data["slug"] = procedure.slug
    data["department"] = procedure.department.name if procedure.department_id else ""
    data["appointment_service"] = (
        procedure.appointment_service.name if procedure.appointment_service else ""
    )
    data["complaint_category"] = (
        procedure.complaint_category.name if procedure.complaint_category else ""
    )
    data["life_events"] = "\n".join(
        procedure.life_events.order_by("position", "name").values_list("name", flat=True)
    )
    data["evidence"] = "\n".join(
        " — ".join(filter(None, [row.title, row.note, row.form.name if row.form else ""]))
        for row in procedure.evidence.order_by("position", "id")
    )
    data["legal_resources"] = "\n".join(
        " — ".join(filter(None, [row.citation, row.title, row.url]))
        for row in procedure.legal_resources.order_by("position", "id")
    )
    data["channels"] = "\n".join(
        " — ".join(filter(None, [row.get_kind_display(), row.value, row.note]))
        for row in procedure.channels.order_by("position", "id")
    )
    return data


@dataclass
class Row:
    key: str
    label: StrOrPromise
    value: str
    changed: bool
    marked: SafeString


def marked_changes(old: str, new: str) -> SafeString:
    """The new text with words added in `<ins>` and words removed in `<del>` (HTML-escaped)."""
    before, after = old.split(" "), new.split(" ")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape(" ".join(before[a_start:a_end]))
        added = escape(" ".join(after[b_start:b_end]))
        if operation == "equal":
            parts.append(added)
            continue
        if removed:
            parts.append(f"<del>{removed}</del>")
        if added:
            parts.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece is escaped above


def compare(current: dict, previous: dict | None) -> list[Row]:
    """Every field of a version, with what changed since the previous one marked."""
    rows = []
    for key, label in LABELS.items():
        names = CHOICES.get(key, {})
        value = str(names.get(current.get(key, ""), current.get(key, "")))
        old = previous.get(key, "") if previous is not None else current.get(key, "")
        old = str(names.get(old, old))
        changed = previous is not None and old != value
        rows.append(
            Row(
                key=key,
                label=label,
                value=value,
                changed=changed,
                marked=marked_changes(old, value) if changed else escape(value),
            )
        )
    return rows
