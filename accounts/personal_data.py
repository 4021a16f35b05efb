"""What the accounts app holds on one citizen, for the data-protection tool and the
citizen's own download and deletion."""

from django.db import transaction
from django.db.models.functions import Lower

from accounts.models import Citizen, EmailLink
from portal.models import AuditEntry
from portal.personal_data import Found, PersonalDataProvider, Subject, matching
from portal.services import audit_log

SIGN_IN_ACTIONS = ("accounts.citizen.signed_in", "accounts.citizen.signed_out")


def _citizens(subject: Subject):
    return matching(Citizen.objects.all(), subject, email="email", phone="phone", citizen="pk")


def find(subject: Subject) -> Found:
    found = Found(label="accounts")
    citizens = list(_citizens(subject).order_by("pk"))
    history: dict[str, list] = {}
    for entry in AuditEntry.objects.filter(
        content_type__app_label="accounts",
        content_type__model="citizen",
        object_id__in=[str(citizen.pk) for citizen in citizens],
        action__in=SIGN_IN_ACTIONS,
    ).order_by("created_at"):
        history.setdefault(entry.object_id, []).append(
            {"at": entry.created_at, "action": entry.action.rsplit(".", 1)[-1], **entry.data}
        )
    for citizen in citizens:
        found.records.append(
            {
                "first_name": citizen.first_name,
                "last_name": citizen.last_name,
                "email": citizen.email,
                "email_verified_at": citizen.email_verified_at,
                "phone": citizen.phone,
                # The ΑΦΜ itself is not kept, only a keyed hash to recognise it again.
                "signed_in_with_taxisnet": citizen.identity_verified,
                "created_at": citizen.created_at,
                "last_sign_in_at": citizen.last_sign_in_at,
                "sign_ins": history.get(str(citizen.pk), []),
            }
        )
    return found


def erase(subject: Subject, *, actor) -> int:
    """Delete the accounts (their apps' records were anonymised first) and pending links."""
    with transaction.atomic():
        citizens = list(_citizens(subject))
        emails = {citizen.email.lower() for citizen in citizens if citizen.email}
        if subject.email:
            emails.add(subject.email)
        EmailLink.objects.alias(email_lower=Lower("email")).filter(email_lower__in=emails).delete()
        for citizen in citizens:
            audit_log(actor=actor, action="accounts.citizen.erased", obj=citizen)
            citizen.delete()
    return len(citizens)


provider = PersonalDataProvider(find=find, erase=erase)
