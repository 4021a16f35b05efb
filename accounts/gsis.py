"""TAXISnet sign-in: the GSIS OAuth 2.0 authorisation-code flow and its XML userinfo.

The client is authlib's (Django integration): it draws the `state`, keeps it in
the session and refuses a callback whose `state` it did not draw. GSIS answers
the token request in JSON and the userinfo request in XML:

    <root><userinfo userid="…" taxid="…" lastname="…" firstname="…"
                    fathername="…" mothername="…" birthyear="…"/></root>

which is parsed with defusedxml, refusing any DTD, entity or external
reference (an entity bomb never expands). Only the ΑΦΜ, the first name and the
last name are kept; the rest of the answer is dropped here.
"""

from dataclasses import dataclass

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.utils.translation import gettext as _

from accounts.identity import afm_normalise
from portal.errors import DomainError

#: Seconds to wait for GSIS on the token and userinfo requests.
TIMEOUT = 10
#: A userinfo answer is a few hundred bytes; anything much larger is refused unread.
MAX_USERINFO_BYTES = 16 * 1024

#: Transport adapters mounted on the client's HTTP session, by URL prefix. Empty in
#: production. The tests route GSIS' address to the local stand-in's views through it
#: (the same requests and answers, without a listening server).
TRANSPORTS: dict[str, requests.adapters.BaseAdapter] = {}


class GsisError(DomainError):
    """TAXISnet sign-in did not complete; `reason` is a short code for the audit log."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class GsisIdentity:
    """What the portal keeps of a TAXISnet userinfo answer."""

    afm: str
    first_name: str
    last_name: str


def enabled() -> bool:
    """TAXISnet sign-in is offered once the portal's GSIS client is configured."""
    return bool(settings.GSIS_CLIENT_ID and settings.GSIS_CLIENT_SECRET)


def authorize_url() -> str:
    return f"{settings.GSIS_BASE_URL}/oauth2server/oauth/authorize"


def token_url() -> str:
    return f"{settings.GSIS_BASE_URL}/oauth2server/oauth/token"


def userinfo_url() -> str:
    return f"{settings.GSIS_BASE_URL}/oauth2server/userinfo"


def _mount_transports(session) -> None:
    for prefix, adapter in TRANSPORTS.items():
        session.mount(prefix, adapter)


def _client():
    """The authlib client, built from the settings at call time (never at import)."""
    return OAuth().register(
        "gsis",
        client_id=settings.GSIS_CLIENT_ID,
        client_secret=settings.GSIS_CLIENT_SECRET,
        authorize_url=authorize_url(),
        access_token_url=token_url(),
        client_kwargs={
            "scope": "read",
            "token_endpoint_auth_method": "client_secret_post",
            "default_timeout": TIMEOUT,
        },
        compliance_fix=_mount_transports,
    )


def authorize_redirect(request, redirect_uri: str):
    """Return the redirect to GSIS' authorisation page; the `state` is kept in the session."""
    return _client().authorize_redirect(request, redirect_uri)


def _unavailable() -> GsisError:
    return GsisError(
        _(
            "Η υπηρεσία TAXISnet δεν απάντησε. Δοκιμάστε ξανά σε λίγο ή συνδεθείτε με "
            "σύνδεσμο στο email σας."
        ),
        reason="unavailable",
    )


def identity_from_callback(request) -> GsisIdentity:
    """Finish the flow GSIS sent the citizen back from; raise GsisError on any failure."""
    error = request.GET.get("error", "")
    if error == "access_denied":
        raise GsisError(
            _(
                "Δεν δώσατε στο TAXISnet την άδεια να μας στείλει τα στοιχεία σας, "
                "οπότε η σύνδεση δεν έγινε. Μπορείτε να δοκιμάσετε ξανά ή να συνδεθείτε "
                "με σύνδεσμο στο email σας."
            ),
            reason="consent_refused",
        )
    client = _client()
    try:
        token = client.authorize_access_token(request)
        response = client.get(userinfo_url(), params={"format": "xml"}, token=token)
    except OAuthError as failure:
        reason = "state_mismatch" if failure.error == "mismatching_state" else "oauth_error"
        if reason == "state_mismatch":
            raise GsisError(
                _(
                    "Η σύνδεση δεν ολοκληρώθηκε: η απάντηση του TAXISnet δεν αντιστοιχεί σε "
                    "σύνδεση που ξεκινήσατε εδώ (ή ο σύνδεσμος έχει ήδη χρησιμοποιηθεί). "
                    "Ξεκινήστε ξανά τη σύνδεση."
                ),
                reason=reason,
            ) from failure
        raise GsisError(
            _("Το TAXISnet αρνήθηκε τη σύνδεση. Ξεκινήστε ξανά τη σύνδεση."), reason=reason
        ) from failure
    except (requests.RequestException, ValueError) as failure:
        # ValueError: a token answer that is not JSON.
        raise _unavailable() from failure
    if response.status_code != 200:
        raise GsisError(
            _("Το TAXISnet δεν έδωσε τα στοιχεία σας. Ξεκινήστε ξανά τη σύνδεση."),
            reason=f"userinfo_{response.status_code}",
        )
    return parse_userinfo(response.content)


def parse_userinfo(body: bytes) -> GsisIdentity:
    """Read GSIS' XML userinfo safely; raise GsisError for anything but a plain answer."""
    refused = GsisError(
        _("Η απάντηση του TAXISnet δεν ήταν έγκυρη, οπότε η σύνδεση δεν έγινε. Δοκιμάστε ξανά."),
        reason="bad_userinfo",
    )
    if len(body) > MAX_USERINFO_BYTES:
        raise refused
    try:
        root = SafeElementTree.fromstring(body, forbid_dtd=True)
    except (DefusedXmlException, SafeElementTree.ParseError) as failure:
        raise refused from failure
    userinfo = root if root.tag == "userinfo" else root.find("userinfo")
    if userinfo is None:
        raise refused
    afm = afm_normalise(userinfo.get("taxid", ""))
    if not afm:
        raise refused
    return GsisIdentity(
        afm=afm,
        first_name=" ".join(userinfo.get("firstname", "").split())[:100],
        last_name=" ".join(userinfo.get("lastname", "").split())[:100],
    )
