"""GeoReport v2 documents: plain dicts for both formats, and their JSON and XML renderings.

The XML follows the spec's element names: a list under `services` holds
`service` elements, under `service_requests` `request` elements, and so on
(`ITEM_NAMES`). Text is escaped (&, <, >); characters that XML 1.0 cannot
carry at all are dropped, so the document always parses.
"""

import functools
import json
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.models import (
    FINISHED_STATUSES,
    PUBLIC_COORDINATE_PLACES,
    Category,
    CategoryQuestion,
    Complaint,
    QuestionKind,
    Status,
)
from portal.i18n import translated_choice_name, translated_value

FORMATS = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
ITEM_NAMES = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}
LIST_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
# Characters XML 1.0 cannot carry at all, and those plus the ones text must escape.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEEDS_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def portal_zone() -> ZoneInfo:
    """The zone every datetime of the API is given in (settings.TIME_ZONE, Europe/Athens)."""
    return ZoneInfo(settings.TIME_ZONE)


def w3c(moment: datetime | None, zone: ZoneInfo) -> str | None:
    """Return an aware datetime as ISO 8601 in `zone`: 2026-11-22T10:00:00+02:00."""
    if moment is None:
        return None
    return moment.astimezone(zone).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=4096)
def end_of_day(day: date | None, zone: ZoneInfo) -> str | None:
    """Return the last second of a day in `zone`, for a deadline that runs to its end."""
    if day is None:
        return None
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone).isoformat()


# --- documents --------------------------------------------------------------------------------


def service(category: Category, *, has_questions: bool) -> dict[str, object]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": has_questions,
        "type": "realtime",
        "keywords": ", ".join(
            word.strip() for word in category.keywords.split(",") if word.strip()
        ),
        "group": category.get_group_display(),
    }


def service_definition(category: Category, questions: list[CategoryQuestion]) -> dict[str, object]:
    return {
        "service_code": category.code,
        "attributes": [
            _attribute(question, order) for order, question in enumerate(questions, start=1)
        ],
    }


def _attribute(question: CategoryQuestion, order: int) -> dict[str, object]:
    attribute: dict[str, object] = {
        "variable": True,
        "code": question.code,
        "datatype": question.kind,
        "required": question.required,
        "datatype_description": _datatype_description(question),
        "order": order,
        "description": question.label,
    }
    if question.kind in LIST_KINDS:
        attribute["values"] = [
            {"key": str(choice.get("key", "")), "name": translated_choice_name(choice)}
            for choice in question.choices or []
        ]
    return attribute


def _datatype_description(question: CategoryQuestion) -> str:
    if question.kind == QuestionKind.DATETIME:
        return _("Ημερομηνία και ώρα W3C, π.χ. 2026-11-22T10:00:00+02:00.")
    if question.kind == QuestionKind.NUMBER:
        return _("Αριθμός, π.χ. 3 ή 2.5.")
    return ""


def _rounded(value: Decimal | None) -> float | None:
    if value is None:
        return None
    return float(value.quantize(PUBLIC_COORDINATE_PLACES, ROUND_HALF_UP))


def status_labels() -> dict[str, str]:
    """The portal's name of each status, in the active language."""
    return {status.value: str(status.label) for status in Status}


def _open311_status(status: str) -> str:
    return "closed" if status in FINISHED_STATUSES else "open"


def public_request(
    row: dict, zone: ZoneInfo, *, media_url: str | None, status_notes: dict[str, str]
) -> dict[str, object]:
    """The public record of a published request, in the spec's field order.

    `status_notes` names each status (`status_labels()`). It is never the text
    of a reply: replies are written to the citizen, may name them, and are not
    moderated for publication (the public register does not show them either).
    """
    return {
        "service_request_id": row["protocol_number"],
        "status": _open311_status(row["status"]),
        "status_notes": status_notes.get(row["status"]),
        "service_name": translated_value(row, "category__name"),
        "service_code": row["category__code"],
        "description": row["public_summary"],
        "agency_responsible": translated_value(row, "department__name"),
        "service_notice": None,
        "requested_datetime": w3c(row["submitted_at"], zone),
        "updated_datetime": w3c(row["updated_at"], zone),
        "expected_datetime": end_of_day(row["deadline"], zone),
        # Street level only, and about 100 m: never a doorstep (models.Complaint.public_point).
        "address": row["public_area"] or None,
        "address_id": None,
        "zipcode": None,
        "lat": _rounded(row["latitude"]),
        "long": _rounded(row["longitude"]),
        "media_url": media_url,
    }


def request_list(rows: list[dict], *, media_url) -> list[dict[str, object]]:
    """Public records of published requests.

    `media_url(photo_id)` gives the absolute address of an approved photo.
    """
    zone = portal_zone()
    labels = status_labels()
    return [
        public_request(
            row,
            zone,
            media_url=media_url(row["photo_id"]) if row["photo_id"] else None,
            status_notes=labels,
        )
        for row in rows
    ]


def created(complaint: Complaint) -> dict[str, object]:
    return {
        "service_request_id": complaint.protocol_number,
        "service_notice": _(
            "Καταχωρίστηκε με αριθμό πρωτοκόλλου %(number)s. Αρμόδια υπηρεσία: "
            "«%(department)s». Νόμιμη προθεσμία απάντησης: %(deadline)s."
        )
        % {
            "number": complaint.protocol_number,
            "department": complaint.department.name,
            "deadline": date_format(complaint.deadline, "SHORT_DATE_FORMAT"),
        },
        "account_id": None,
    }


# --- rendering --------------------------------------------------------------------------------


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | float | int):
        return str(value)
    return _escape(str(value))


def _escape(text: str) -> str:
    if _NEEDS_WORK.search(text) is None:  # most text: one scan instead of four
        return text
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _write(out: list[str], tag: str, value: object) -> None:
    if isinstance(value, str):  # the common case first: a page of 1,000 has 17,000 of them
        out.append(f"<{tag}>{_escape(value)}</{tag}>")
    elif isinstance(value, dict):
        out.append(f"<{tag}>")
        for key, child in value.items():
            _write(out, key, child)
        out.append(f"</{tag}>")
    elif isinstance(value, list | tuple):
        item_name = ITEM_NAMES[tag]
        out.append(f"<{tag}>")
        for child in value:
            _write(out, item_name, child)
        out.append(f"</{tag}>")
    else:
        out.append(f"<{tag}>{_scalar(value)}</{tag}>")


def to_xml(root: str, payload: object) -> bytes:
    """Render a document as a well-formed UTF-8 XML document with `root` as its element.

    Element names are this module's own constants; only text is escaped. Written
    by hand rather than with ElementTree, which takes several times as long for
    a page of 1,000 requests.
    """
    out = ['<?xml version="1.0" encoding="utf-8"?>\n']
    _write(out, root, payload)
    return "".join(out).encode()


def to_json(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def render(fmt: str, root: str, payload: object, *, status: int = 200) -> HttpResponse:
    """Answer with a document in the requested format (`fmt` is "json" or "xml")."""
    body = to_json(payload) if fmt == "json" else to_xml(root, payload)
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])
