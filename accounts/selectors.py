"""Reads of citizen accounts."""

from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import Citizen, EmailLink
from portal.tokens import token_hash

SESSION_CITIZEN = "_citizen_id"
SESSION_GENERATION = "_citizen_generation"


def session_citizen(session) -> Citizen | None:
    """The citizen a session is signed in as, if that sign-in is still alive."""
    citizen_id = session.get(SESSION_CITIZEN)
    if citizen_id is None:
        return None
    citizen = Citizen.objects.filter(pk=citizen_id).first()
    if citizen is None or citizen.session_generation != session.get(SESSION_GENERATION):
        return None
    return citizen


def citizen_by_email(email: str) -> Citizen | None:
    """The account whose confirmed email is this address (case-insensitive), if any."""
    return (
        Citizen.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=email.strip().lower(), email_verified_at__isnull=False)
        .first()
    )


def email_link_check(secret: str) -> EmailLink | None:
    """The unused, unexpired link of this secret, without using it; None otherwise."""
    if not secret or len(secret) > 100:
        return None
    return EmailLink.objects.filter(
        token_hash=token_hash(secret), used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
