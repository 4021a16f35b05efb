"""Writes of citizen accounts: signing in and out."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Citizen
from accounts.selectors import SESSION_CITIZEN, SESSION_GENERATION
from portal.ratelimit import client_ip
from portal.services import audit_log


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
    request.citizen = citizen


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
