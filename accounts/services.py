"""Writes of citizen accounts: signing in and out, email links, contact details, deletion."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import emails
from accounts.gsis import GsisIdentity
from accounts.identity import afm_hash, afm_seal
from accounts.models import Citizen, EmailLink, EmailLinkPurpose
from accounts.sections import account_sections
from accounts.selectors import SESSION_CITIZEN, SESSION_GENERATION, citizen_by_email
from portal.errors import DomainError
from portal.personal_data import Subject, personal_data_erase, personal_data_find
from portal.ratelimit import client_ip
from portal.services import audit_log
from portal.tokens import token_hash

#: A citizen's session ends this long after it was last written to (sign-in, a form).
SESSION_SECONDS = 12 * 3600


class AccountError(DomainError):
    """A sign-in, link or account change the rules refuse; the message is for the citizen."""


def citizen_sign_in(request, citizen: Citizen, *, method: str) -> None:
    """Start a fresh session for `citizen` (a new session key: no fixation) and audit it."""
    with transaction.atomic():
        Citizen.objects.filter(pk=citizen.pk).update(last_sign_in_at=timezone.now())
        audit_log(
            actor=None,
            action="accounts.citizen.signed_in",
            obj=citizen,
            data={"method": method, "address": client_ip(request)},
        )
    request.session.cycle_key()
    request.session[SESSION_CITIZEN] = citizen.pk
    request.session[SESSION_GENERATION] = citizen.session_generation
    request.session.set_expiry(SESSION_SECONDS)
    request.citizen = citizen


def citizen_sign_in_failed(request, *, method: str, reason: str) -> None:
    """Audit a sign-in that did not complete: the method and a reason code, never an ΑΦΜ."""
    audit_log(
        actor=None,
        action="accounts.citizen.sign_in_failed",
        data={"method": method, "reason": reason, "address": client_ip(request)},
    )


def citizen_sign_out(request, *, everywhere: bool = False) -> None:
    """End the citizen's session; `everywhere` kills every other session of theirs too."""
    citizen = request.citizen
    if citizen is not None:
        with transaction.atomic():
            if everywhere:
                Citizen.objects.filter(pk=citizen.pk).update(
                    session_generation=F("session_generation") + 1
                )
            audit_log(
                actor=None,
                action="accounts.citizen.signed_out",
                obj=citizen,
                data={"everywhere": everywhere, "address": client_ip(request)},
            )
    request.session.flush()
    request.citizen = None


def _claim(citizen: Citizen, email: str) -> None:
    """Attach every app's earlier records of this confirmed address to the account."""
    for section in account_sections():
        if section.claim is not None:
            section.claim(citizen=citizen, email=email)


def citizen_from_gsis(*, identity: GsisIdentity, keep_afm: bool = False) -> Citizen:
    """Return the account of this ΑΦΜ, opened on the first sign-in; names follow TAXISnet.

    `keep_afm` seals the number itself on the account, for a service that needs it
    (a programme application); otherwise only its keyed hash is kept.
    """
    names = {"first_name": identity.first_name, "last_name": identity.last_name}
    if keep_afm:
        names["afm_sealed"] = afm_seal(identity.afm)
    with transaction.atomic():
        citizen, created = Citizen.objects.update_or_create(
            afm_hash=afm_hash(identity.afm), defaults=names
        )
        if created:
            audit_log(
                actor=None, action="accounts.citizen.created", obj=citizen, data={"method": "gsis"}
            )
    return citizen


def email_link_send(
    *,
    email: str,
    purpose: str = EmailLinkPurpose.SIGN_IN,
    citizen: Citizen | None = None,
    next_path: str = "",
) -> None:
    """Email a one-time link (sign-in, or confirming `email` for `citizen`) after commit."""
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    minutes = settings.CITIZEN_EMAIL_LINK_MINUTES
    with transaction.atomic():
        EmailLink.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
        link = EmailLink.objects.create(
            token_hash=token_hash(secret),
            purpose=purpose,
            email=email.strip(),
            citizen=citizen,
            next_path=next_path[:500],
            expires_at=now + timedelta(minutes=minutes),
        )
        audit_log(
            actor=None,
            action="accounts.email_link.sent",
            obj=citizen,
            data={"purpose": purpose, "link": link.pk},
        )
        emails.send_email_link(link, secret=secret, minutes=minutes)


def link_refused() -> AccountError:
    return AccountError(
        _(
            "Ο σύνδεσμος έληξε ή έχει ήδη χρησιμοποιηθεί. Κάθε σύνδεσμος ισχύει μία φορά "
            "και για %(minutes)d λεπτά: ζητήστε νέο."
        )
        % {"minutes": settings.CITIZEN_EMAIL_LINK_MINUTES}
    )


def email_link_redeem(*, secret: str) -> tuple[Citizen, EmailLink]:
    """Use a link once: sign-in links give the account of their address (opened if new),
    confirmation links confirm the address on their account. Raise AccountError otherwise."""
    now = timezone.now()
    with transaction.atomic():
        link = (
            EmailLink.objects.select_for_update()
            .filter(token_hash=token_hash(secret or ""), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if link is None:
            raise link_refused()
        link.used_at = now
        link.save(update_fields=["used_at"])
        if link.purpose == EmailLinkPurpose.CONFIRM and link.citizen is not None:
            citizen = _confirm_email(link.citizen, link.email, now)
        else:
            citizen = _citizen_of_email(link.email, now)
        _claim(citizen, link.email)
        audit_log(
            actor=None,
            action="accounts.email_link.used",
            obj=citizen,
            data={"purpose": link.purpose, "link": link.pk},
        )
    return citizen, link


def _citizen_of_email(email: str, now) -> Citizen:
    citizen = citizen_by_email(email)
    if citizen is not None:
        return citizen
    try:
        with transaction.atomic():
            citizen = Citizen.objects.create(email=email, email_verified_at=now)
    except IntegrityError:
        # The same address confirmed a moment ago by another link: that account.
        citizen = citizen_by_email(email)
        if citizen is None:
            raise
        return citizen
    audit_log(actor=None, action="accounts.citizen.created", obj=citizen, data={"method": "email"})
    return citizen


def _confirm_email(citizen: Citizen, email: str, now) -> Citizen:
    other = citizen_by_email(email)
    if other is not None and other.pk != citizen.pk:
        raise AccountError(
            _(
                "Το email αυτό είναι ήδη επιβεβαιωμένο σε άλλον λογαριασμό της πύλης. "
                "Χρησιμοποιήστε άλλο email, ή συνδεθείτε με σύνδεσμο σε αυτό το email."
            )
        )
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    citizen.email = email
    citizen.email_verified_at = now
    citizen.save(update_fields=["email", "email_verified_at"])
    audit_log(actor=None, action="accounts.citizen.email_confirmed", obj=citizen)
    return citizen


def citizen_update_contact(*, citizen: Citizen, phone: str, email: str) -> bool:
    """Keep the phone; a new email is confirmed by a link first. True when a link went out."""
    with transaction.atomic():
        Citizen.objects.filter(pk=citizen.pk).update(phone=phone)
        citizen.phone = phone
        audit_log(actor=None, action="accounts.citizen.contact_changed", obj=citizen)
        changed = bool(email) and email.lower() != citizen.email.lower()
        if changed:
            email_link_send(email=email, purpose=EmailLinkPurpose.CONFIRM, citizen=citizen)
    return changed


def _subject(citizen: Citizen) -> Subject:
    """The citizen as a data subject: the account, and the email only once confirmed."""
    return Subject(email=citizen.email if citizen.email_verified_at else "", citizen=citizen.pk)


def citizen_export(*, citizen: Citizen) -> dict[str, list]:
    """Everything every app holds on the citizen, by app (`portal.personal_data`); audited."""
    found = personal_data_find(_subject(citizen))
    audit_log(
        actor=None,
        action="accounts.citizen.exported",
        obj=citizen,
        data={"rows": {label: len(part.records) for label, part in found.items()}},
    )
    return {label: part.records for label, part in found.items()}


def citizen_delete(request, *, citizen: Citizen) -> dict[str, int]:
    """Delete the account and what every app holds of the person; end the session.

    Records the law keeps (protocol entries) stay, detached and anonymised, by each
    app's personal-data provider (`portal.personal_data`); the account row goes last.
    """
    subject = _subject(citizen)
    with transaction.atomic():
        audit_log(
            actor=None,
            action="accounts.citizen.deleted",
            obj=citizen,
            data={"address": client_ip(request)},
        )
        counts = personal_data_erase(subject=subject, actor=None)
    request.session.flush()
    request.citizen = None
    return counts
