"""Data-subject rights (GDPR arts. 15 and 17): find, export and erase one person's data.

Each app that holds citizens' data declares on its AppConfig

    personal_data = "complaints.personal_data.provider"

a dotted path to a `PersonalDataProvider`. The portal core knows no app: the
staff tool (portal.admin_personal_data) asks every provider. An app added later
(applications, comments, survey invitations) joins by declaring its own.
"""

import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils.module_loading import import_string

from portal.services import audit_log


@dataclass
class Subject:
    """Whom staff look for: an email address, a phone number or both.

    `citizen` (the id of a citizen account) adds what the account holds: a citizen
    downloading or deleting their own data is found by account and confirmed email.
    """

    email: str = ""
    phone: str = ""
    citizen: int | None = None

    def __post_init__(self):
        self.email = self.email.strip().lower()
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        self.phone = digits[-10:] if len(digits) >= 10 else ""

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.citizen)


@dataclass
class Found:
    """What one provider holds: JSON-ready records and files (name in the ZIP, opener)."""

    label: str
    records: list[dict[str, Any]] = field(default_factory=list)
    files: list[tuple[str, Callable[..., Any]]] = field(default_factory=list)


@dataclass(frozen=True)
class PersonalDataProvider:
    find: Callable[[Subject], Found]
    erase: Callable[..., int]


def matching(queryset, subject: Subject, *, email: str, phone: str, citizen: str = ""):
    """Filter rows whose `email` field equals the subject's, or whose `phone` ends alike,
    or (given the name of the field that holds it) that belong to the subject's account."""
    condition = models.Q(pk__in=[])
    if citizen and subject.citizen is not None:
        condition |= models.Q(**{citizen: subject.citizen})
    if subject.email:
        queryset = queryset.annotate(_pd_email=Lower(email))
        condition |= models.Q(_pd_email=subject.email)
    if subject.phone:
        queryset = queryset.annotate(
            _pd_phone=models.Func(
                models.F(phone),
                models.Value(r"\D"),
                models.Value(""),
                models.Value("g"),
                function="regexp_replace",
                output_field=models.CharField(),
            )
        )
        condition |= models.Q(_pd_phone__endswith=subject.phone)
    return queryset.filter(condition)


def providers() -> Iterable[tuple[str, PersonalDataProvider]]:
    for config in apps.get_app_configs():
        path = getattr(config, "personal_data", None)
        if path:
            yield config.label, import_string(path)


def personal_data_find(subject: Subject) -> dict[str, Found]:
    return {label: provider.find(subject) for label, provider in providers()}


def personal_data_export(*, subject: Subject, actor) -> bytes:
    """Return one ZIP with everything held on the subject (data.json plus files); audit it."""
    found = personal_data_find(subject)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = {label: part.records for label, part in found.items()}
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        for label, part in found.items():
            for name, opener in part.files:
                try:
                    with opener("rb") as handle:
                        archive.writestr(f"files/{label}/{name}", handle.read())
                except OSError:
                    continue  # a file already gone; the record in data.json still says so
    audit_log(
        actor=actor,
        action="portal.personal_data.exported",
        data={
            "what": "data subject ZIP",
            "rows": {label: len(part.records) for label, part in found.items()},
            "files": sum(len(part.files) for part in found.values()),
        },
    )
    return buffer.getvalue()


def personal_data_erase(*, subject: Subject, actor) -> dict[str, int]:
    """Anonymise everything held on the subject, keeping statistics; audit it."""
    with transaction.atomic():
        counts = {label: provider.erase(subject, actor=actor) for label, provider in providers()}
        audit_log(actor=actor, action="portal.personal_data.erased", data={"rows": counts})
    return counts
