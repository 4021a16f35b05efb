"""Sign a citizen in on the test client without a sign-in journey (those have their own tests)."""

from accounts.selectors import SESSION_CITIZEN, SESSION_GENERATION


def sign_in_citizen(client, citizen):
    """Sign a citizen in on the test client (the session the sign-in service writes)."""
    session = client.session
    session[SESSION_CITIZEN] = citizen.pk
    session[SESSION_GENERATION] = citizen.session_generation
    session.save()
    return citizen
