"""GeoReport v2 documents: plain dicts for both formats, and their JSON and XML renderings.

The XML follows the spec's element names: a list under `services` holds
`service` elements, under `service_requests` `request` elements, and so on
(`ITEM_NAMES`). Text is escaped by ElementTree; characters that XML 1.0
cannot carry at all are dropped, so the document always parses.
"""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Category, CategoryQuestion, Complaint, QuestionKind

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
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def w3c(moment: datetime | None) -> str | None:
    """Return an aware datetime as ISO 8601 in Athens time: 2026-11-22T10:00:00+02:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def end_of_day(day: date | None) -> str | None:
    """Return the last second of a day in Athens time, for a deadline that runs to its end."""
    if day is None:
        return None
    return w3c(timezone.make_aware(datetime.combine(day, time(23, 59, 59))))


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
            {"key": str(choice.get("key", "")), "name": str(choice.get("name", ""))}
            for choice in question.choices or []
        ]
    return attribute


def _datatype_description(question: CategoryQuestion) -> str:
    if question.kind == "datetime":
        return _("Ημερομηνία και ώρα W3C, π.χ. 2026-11-22T10:00:00+02:00.")
    if question.kind == "number":
        return _("Αριθμός, π.χ. 3 ή 2.5.")
    return ""


def _public_point(complaint: Complaint) -> tuple[float, float] | tuple[None, None]:
    point = complaint.public_point()
    if point is None:
        return None, None
    return float(point[0]), float(point[1])


def request_skeleton(complaint: Complaint) -> dict[str, object]:
    """Fields that say nothing about a request's content or author: safe before moderation."""
    return {
        "service_request_id": complaint.protocol_number,
        "status": complaint.open311_status(),
        "service_name": complaint.category.name,
        "service_code": complaint.category.code,
        "agency_responsible": complaint.department.name,
        "requested_datetime": w3c(complaint.submitted_at),
        "updated_datetime": w3c(complaint.updated_at),
        "expected_datetime": end_of_day(complaint.deadline),
    }


def public_request(complaint: Complaint, *, media_url: str | None) -> dict[str, object]:
    """The public record of a published request, in the spec's field order.

    Expects the `status_notes` annotation of `selectors.public_requests()`.
    """
    latitude, longitude = _public_point(complaint)
    skeleton = request_skeleton(complaint)
    return {
        "service_request_id": skeleton["service_request_id"],
        "status": skeleton["status"],
        "status_notes": complaint.status_notes or None,
        "service_name": skeleton["service_name"],
        "service_code": skeleton["service_code"],
        "description": complaint.public_summary,
        "agency_responsible": skeleton["agency_responsible"],
        "service_notice": None,
        "requested_datetime": skeleton["requested_datetime"],
        "updated_datetime": skeleton["updated_datetime"],
        "expected_datetime": skeleton["expected_datetime"],
        "address": complaint.public_area or None,
        "address_id": None,
        "zipcode": None,
        "lat": latitude,
        "long": longitude,
        "media_url": media_url,
    }


def created(complaint: Complaint) -> dict[str, object]:
    return {
        "service_request_id": complaint.protocol_number,
        "service_notice": _(
            "Καταχωρίστηκε με αριθμό πρωτοκόλλου %(number)s και διαβιβάστηκε στην υπηρεσία "
            "«%(department)s». Νόμιμη προθεσμία απάντησης: %(deadline)s."
        )
        % {
            "number": complaint.protocol_number,
            "department": complaint.department.name,
            "deadline": complaint.deadline.strftime("%d/%m/%Y"),
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
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: object) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list | tuple):
        item_name = ITEM_NAMES[element.tag]
        for child in value:
            _fill(ET.SubElement(element, item_name), child)
    else:
        element.text = _scalar(value)


def to_xml(root: str, payload: object) -> bytes:
    """Render a document as a well-formed UTF-8 XML document with `root` as its element."""
    element = ET.Element(root)
    _fill(element, payload)
    body = ET.tostring(element, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode()


def to_json(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def render(fmt: str, root: str, payload: object, *, status: int = 200) -> HttpResponse:
    """Answer with a document in the requested format (`fmt` is "json" or "xml")."""
    body = to_json(payload) if fmt == "json" else to_xml(root, payload)
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])
