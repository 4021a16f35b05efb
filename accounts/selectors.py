"""Reads of citizen accounts."""

from accounts.models import Citizen

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
