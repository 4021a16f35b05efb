"""Factories and a small client for the Open311 tests: one document shape for JSON and XML."""

import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import factory

from complaints.models import Attachment, CategoryQuestion, QuestionKind
from complaints.open311.serializers import ITEM_NAMES
from portal.services import api_key_create
from tests.complaints.factories import (
    CategoryFactory,
    CategoryQuestionFactory,
    PublishedComplaintFactory,
)

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
PERSONAL = {
    "citizen_name": "Ευανθία Κωνσταντινίδου",
    "citizen_email": "evanthia.private@example.gr",
    "citizen_phone": "+306912345678",
    "address": "Αγίας Σοφίας 117, 546 22 Θεσσαλονίκη",
    "description": "Ιδιωτικό κείμενο: ο γείτονας στον 3ο όροφο",
    "subject": "Ιδιωτικό θέμα του πολίτη",
}


class PublicRequestFactory(PublishedComplaintFactory):
    """A published complaint with a pin, under its own protocol numbers (year 2025).

    complaint_submit numbers from 2026-000001 in each test; these never collide with it.
    """

    protocol_number = factory.Sequence(lambda n: f"2025-{n + 1:06d}")
    latitude = Decimal("40.632456")
    longitude = Decimal("22.941234")
    address = PERSONAL["address"]
    description = PERSONAL["description"]
    subject = PERSONAL["subject"]
    citizen_name = PERSONAL["citizen_name"]
    citizen_email = PERSONAL["citizen_email"]
    citizen_phone = PERSONAL["citizen_phone"]


def question(category, **overrides) -> CategoryQuestion:
    values = {"category": category, "kind": QuestionKind.TEXT}
    values.update(overrides)
    return CategoryQuestionFactory(**values)


def choice_category(**overrides):
    """A category asking a required single choice and an optional multiple choice."""
    category = CategoryFactory(**overrides)
    question(
        category,
        code="bin-kind",
        label="Τι είδους κάδος;",
        kind=QuestionKind.SINGLE,
        required=True,
        choices=[{"key": "blue", "name": "Μπλε ανακύκλωσης"}, {"key": "green", "name": "Πράσινος"}],
        position=1,
    )
    question(
        category,
        code="problems",
        label="Τι πρόβλημα έχει;",
        kind=QuestionKind.MULTIPLE,
        choices=[{"key": "full", "name": "Γεμάτος"}, {"key": "broken", "name": "Σπασμένος"}],
        position=2,
    )
    return category


def public_photo(complaint, *, approved=True, name="photo.png") -> Attachment:
    from django.core.files.base import ContentFile

    attachment = Attachment(
        complaint=complaint,
        original_name=name,
        media_type="image/png",
        size=8,
        is_public_photo=approved,
    )
    attachment.file.save(name, ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    attachment.save()
    return attachment


def new_api_key() -> str:
    _key, plain = api_key_create(name="Εφαρμογή δοκιμών", owner="Δοκιμές")
    return plain


# --- reading answers in either format ---------------------------------------------------------


def _scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def normalise(value):
    """Turn a JSON document into what its XML twin reads as: every leaf a string."""
    if isinstance(value, dict):
        return {key: normalise(child) for key, child in value.items()}
    if isinstance(value, list):
        return [normalise(child) for child in value]
    return _scalar(value)


def from_xml(element: ET.Element):
    children = list(element)
    if element.tag in ITEM_NAMES:
        assert all(child.tag == ITEM_NAMES[element.tag] for child in children), element.tag
        return [from_xml(child) for child in children]
    if children:
        return {child.tag: from_xml(child) for child in children}
    return element.text or ""


def document(response, fmt: str):
    """Parse a response (XML must be well formed) into the normalised document."""
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    body = response.content.decode("utf-8")
    if fmt == "json":
        return normalise(json.loads(body))
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return from_xml(ET.fromstring(response.content))


def call(client, method: str, path: str, fmt: str, data=None, **extra):
    """Request /open311/<path>.<fmt>; return the response and its parsed document."""
    url = f"/open311/{path}.{fmt}"
    if method == "get":
        response = client.get(url, data or {}, **extra)
    else:
        response = client.post(url, data or {}, **extra)
    return response, document(response, fmt)
