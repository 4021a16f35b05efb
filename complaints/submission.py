"""Submission of a complaint: the web form, Open311 and staff at the desk or phone.

Reached as `complaints.services.complaint_submit`.
"""

import secrets
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import emails
from complaints.answers import clean_answers
from complaints.models import (
    Attachment,
    Category,
    Complaint,
    Kind,
    ProtocolCounter,
    Source,
    Status,
    TimelineKind,
)
from complaints.steps import (
    MAX_ATTACHMENTS,
    deadline_for,
    store_attachment,
    timeline,
)
from complaints.storage import delete_files
from complaints.text import public_area_from_address
from portal.selectors import is_blocked_sender
from portal.services import audit_log
from portal.tokens import token_hash
from portal.uploads import CheckedFile


def complaint_submit(
    *,
    kind: str,
    category: Category,
    subject: str,
    description: str,
    address: str,
    citizen_name: str,
    citizen_email: str,
    citizen_phone: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    answers: dict[str, Any] | None = None,
    attachments: Sequence[CheckedFile] = (),
    source: str = Source.WEB,
    actor=None,
    submission_key=None,
    citizen=None,
) -> tuple[Complaint, str]:
    """Register a complaint and give it the next protocol number of the year.

    Return the complaint and the plain tracking secret (stored only hashed).
    `citizen` is the signed-in citizen's account, which the complaint then belongs to.
    A repeated `submission_key` (a double click, a refresh) returns the first
    complaint and an empty secret instead of registering a second one.
    Raise ValidationError for answers that do not fit the category's questions.
    """
    if submission_key is not None:
        existing = Complaint.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, ""
    _check_submission(
        subject=subject,
        description=description,
        address=address,
        citizen_name=citizen_name,
        citizen_email=citizen_email,
        citizen_phone=citizen_phone,
    )
    if kind not in Kind.values:
        raise ValidationError(_("Άγνωστο είδος αιτήματος."), code="kind")
    if source not in Source.values:
        raise ValidationError(_("Άγνωστη προέλευση αιτήματος."), code="source")
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Μπορείτε να επισυνάψετε έως %(count)d αρχεία."),
            params={"count": MAX_ATTACHMENTS},
            code="attachments",
        )
    clean = clean_answers(category, answers or {})
    secret = secrets.token_urlsafe(32)
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            complaint = _insert_complaint(
                kind=kind,
                category=category,
                subject=subject,
                description=description,
                address=address,
                citizen_name=citizen_name,
                citizen_email=citizen_email,
                citizen_phone=citizen_phone,
                latitude=latitude,
                longitude=longitude,
                answers=clean,
                source=source,
                secret=secret,
                submission_key=submission_key,
                citizen=citizen,
                held_for_moderation=is_blocked_sender(citizen_email),
            )
            timeline(
                complaint,
                TimelineKind.SUBMITTED,
                actor=actor,
                is_public=True,
                to_status=Status.SUBMITTED,
                department=complaint.department,
            )
            stored.extend(store_attachment(complaint, checked) for checked in attachments)
            # Last, so the counter row stays locked for as short a time as possible.
            _assign_protocol_number(complaint)
            audit_log(
                actor=actor,
                action="complaints.complaint.submitted",
                obj=complaint,
                data={
                    "source": source,
                    "category": category.code,
                    "held_for_moderation": complaint.held_for_moderation,
                },
            )
            emails.send_receipt(complaint, secret)
    except IntegrityError:
        delete_files(stored)
        existing = (
            Complaint.objects.filter(submission_key=submission_key).first()
            if submission_key is not None
            else None
        )
        if existing is None:
            raise
        return existing, ""
    except BaseException:
        # A rolled-back submission must not leave a citizen's files behind on disk.
        delete_files(stored)
        raise
    return complaint, secret


def _model_field(name: str) -> models.Field:
    """A concrete column of Complaint (not a reverse relation), for its label and limit."""
    return cast("models.Field", Complaint._meta.get_field(name))


def _check_submission(**values: str) -> None:
    """Refuse text the database would refuse, with a Greek message, whoever the caller."""
    errors = {}
    for name, value in values.items():
        model_field = _model_field(name)
        value = value or ""
        # Every field checked here is a text column with a length limit.
        assert model_field.max_length is not None
        if len(value) > model_field.max_length:
            errors[name] = ValidationError(
                _("Το πεδίο «%(field)s» δέχεται έως %(limit)d χαρακτήρες."),
                params={"field": model_field.verbose_name, "limit": model_field.max_length},
                code="max_length",
            )
    for name in ("subject", "description"):
        if not (values[name] or "").strip():
            errors[name] = ValidationError(
                _("Το πεδίο «%(field)s» είναι υποχρεωτικό."),
                params={"field": _model_field(name).verbose_name},
                code="required",
            )
    if values["citizen_email"]:
        try:
            validate_email(values["citizen_email"])
        except ValidationError:
            errors["citizen_email"] = ValidationError(
                _("Η διεύθυνση email δεν είναι έγκυρη."), code="email"
            )
    if errors:
        raise ValidationError(errors)


def _insert_complaint(*, category: Category, address: str, secret: str, **fields) -> Complaint:
    complaint = Complaint(
        category=category,
        department=category.department,
        address=address.strip(),
        public_area=public_area_from_address(address),
        tracking_secret_hash=token_hash(secret),
        submitted_at=timezone.now(),
        **fields,
    )
    complaint.deadline = deadline_for(complaint)
    complaint.refresh_search_document()
    complaint.save()
    return complaint


def _assign_protocol_number(complaint: Complaint) -> None:
    """Take the year's next number; the row lock holds until commit, so there are no gaps.

    The upsert locks the year's counter row exactly like `select_for_update`
    and also creates it race-free on the year's first submission. A rollback
    undoes the increment with everything else; the unique constraint on
    `protocol_number` is the last line of defence.
    """
    year = timezone.localdate(complaint.submitted_at).year
    table = ProtocolCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '10s'")
        cursor.execute(
            f"""
            INSERT INTO {table} (year, last_number) VALUES (%s, 1)
            ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1
            RETURNING last_number
            """,  # noqa: S608 - the table name is ours, the value is a parameter
            [year],
        )
        number = cursor.fetchone()[0]
    complaint.protocol_number = f"{year}-{number:06d}"
    complaint.refresh_search_document()
    complaint.save(update_fields=["protocol_number", "search_document"])
