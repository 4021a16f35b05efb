"""Writes of the GeoReport v2 API: a posted service request becomes a complaint.

It goes through `complaints.services.complaint_submit`, like the web form:
same protocol numbers, answer checks, timeline, audit log and receipt email.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from complaints.models import Category, Complaint, Kind, Source
from complaints.open311.errors import Open311Error
from complaints.open311.params import NewRequest
from complaints.services import complaint_submit
from portal.forms import clean_phone
from portal.models import ApiKey
from portal.municipality import municipality
from portal.services import audit_log

SUBJECT_LENGTH = 120
# Namespace of submission keys made from a client's Idempotency-Key header.
_IDEMPOTENCY = uuid.UUID("6f0c1d52-6d4e-4f5b-9a57-0e3a4b9c2d11")


def _phone(text: str) -> str:
    if not text:
        return ""
    try:
        return clean_phone(text)
    except ValidationError as error:
        raise Open311Error(400, *(f"phone: {message}" for message in error.messages)) from None


def _check_point(new: NewRequest) -> None:
    """Refuse a pin outside the municipality, as the web form does."""
    if new.latitude is None or new.longitude is None:
        return
    town = municipality()
    if not town.bounds.contains(new.latitude, new.longitude):
        raise Open311Error(
            400,
            _("Τα lat/long δείχνουν σημείο εκτός του %(municipality)s (%(lat)s, %(long)s).")
            % {"municipality": town.name_genitive, "lat": new.latitude, "long": new.longitude},
        )


def _answers(attributes: dict[str, list[str]]) -> dict[str, object]:
    return {code: values[0] if len(values) == 1 else values for code, values in attributes.items()}


def _subject(category: Category, description: str) -> str:
    first_line = description.strip().splitlines()[0].strip() if description.strip() else ""
    if not first_line:
        return category.name
    if len(first_line) > SUBJECT_LENGTH:
        first_line = first_line[: SUBJECT_LENGTH - 1].rstrip() + "…"
    return first_line


def _description(new: NewRequest, category: Category) -> str:
    text = new.description.strip() or _("Αίτημα Open311 στην κατηγορία «%s».") % category.name
    if new.media_url:
        # Kept for staff as a link; the server never fetches it.
        text += "\n\n" + _("Φωτογραφία του αιτούντος (media_url): %s") % new.media_url
    return text


def submission_key_for(api_key: ApiKey, idempotency_key: str) -> uuid.UUID | None:
    """Turn a client's Idempotency-Key header into a submission key private to its API key."""
    idempotency_key = idempotency_key.strip()[:200]
    if not idempotency_key:
        return None
    return uuid.uuid5(_IDEMPOTENCY, f"{api_key.pk}:{idempotency_key}")


def open311_request_create(
    *, new: NewRequest, api_key: ApiKey, submission_key: uuid.UUID | None = None
) -> Complaint:
    """Register a posted service request as a complaint from source Open311.

    Raise Open311Error(400) for an unknown or inactive service_code, a bad
    phone or answers that do not fit the service's attributes.
    """
    category = (
        Category.objects.select_related("department")
        .filter(code=new.service_code, is_active=True)
        .first()
    )
    if category is None:
        raise Open311Error(400, _("Άγνωστο service_code «%s».") % new.service_code[:60])
    _check_point(new)
    phone = _phone(new.phone)
    try:
        with transaction.atomic():
            complaint, secret = complaint_submit(
                kind=Kind.REQUEST,
                category=category,
                subject=_subject(category, new.description),
                description=_description(new, category),
                address=new.address,
                citizen_name=f"{new.first_name} {new.last_name}".strip(),
                citizen_email=new.email,
                citizen_phone=phone,
                latitude=new.latitude,
                longitude=new.longitude,
                answers=_answers(new.attributes),
                source=Source.OPEN311,
                submission_key=submission_key,
            )
            if secret:  # an empty secret: a repeated Idempotency-Key, nothing new was made
                audit_log(
                    actor=None,
                    action="complaints.open311.request_created",
                    obj=complaint,
                    data={"api_key": api_key.prefix, "api_key_name": api_key.name},
                )
    except ValidationError as error:
        raise Open311Error(400, *error.messages) from None
    return complaint
