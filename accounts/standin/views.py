"""The stand-in's three endpoints: authorize (a page), token (JSON) and userinfo (XML)."""

import hmac
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

CODE_SALT = "accounts.standin.code"
TOKEN_SALT = "accounts.standin.token"  # noqa: S105 - a signing salt, not a secret
CODE_SECONDS = 60
TOKEN_SECONDS = 600


@dataclass(frozen=True)
class Taxpayer:
    """A made-up TAXISnet user; the ΑΦΜ are valid numbers no real person holds here."""

    userid: str
    taxid: str
    lastname: str
    firstname: str
    fathername: str
    mothername: str
    birthyear: str


DEMO_TAXPAYERS = (
    Taxpayer("User0001", "131860915", "ΠΑΠΑΔΟΠΟΥΛΟΥ", "ΜΑΡΙΑ", "ΓΕΩΡΓΙΟΣ", "ΕΛΕΝΗ", "1978"),
    Taxpayer("User0002", "082462817", "ΝΙΚΟΛΑΟΥ", "ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ", "ΑΙΚΑΤΕΡΙΝΗ", "1965"),
    Taxpayer("User0003", "079244028", "ΓΕΩΡΓΙΑΔΟΥ", "ΕΛΕΝΗ", "ΔΗΜΗΤΡΙΟΣ", "ΣΟΦΙΑ", "1991"),
    Taxpayer("User0004", "176031371", "ΙΩΑΝΝΙΔΗΣ", "ΔΗΜΗΤΡΙΟΣ", "ΙΩΑΝΝΗΣ", "ΜΑΡΙΑ", "1950"),
)


def _taxpayer(taxid: str) -> Taxpayer | None:
    return next((person for person in DEMO_TAXPAYERS if person.taxid == taxid), None)


def _error(error: str, description: str, status: int = 400) -> JsonResponse:
    """GSIS' errors are JSON, as OAuth 2.0 (RFC 6749, 5.2) has them."""
    return JsonResponse({"error": error, "error_description": description}, status=status)


def _back(redirect_uri: str, **params: str) -> HttpResponseRedirect:
    joiner = "&" if "?" in redirect_uri else "?"
    return HttpResponseRedirect(redirect_uri + joiner + urlencode(params))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def authorize(request):
    """The sign-in page: pick a demo taxpayer (or refuse), then back to the client."""
    query = request.GET
    redirect_uri = query.get("redirect_uri", "")
    if query.get("response_type") != "code" or not redirect_uri:
        return _error("invalid_request", "response_type=code and redirect_uri are required")
    if query.get("client_id") != settings.GSIS_CLIENT_ID:
        return _error("unauthorized_client", "Unknown client_id", status=401)
    state = query.get("state", "")
    if request.method == "POST":
        if "deny" in request.POST:
            return _back(
                redirect_uri,
                error="access_denied",
                error_description="User denied access",
                state=state,
            )
        taxpayer = _taxpayer(request.POST.get("taxid", ""))
        if taxpayer is not None:
            code = signing.dumps(
                {"taxid": taxpayer.taxid, "client": settings.GSIS_CLIENT_ID, "uri": redirect_uri},
                salt=CODE_SALT,
            )
            return _back(redirect_uri, code=code, state=state)
    return render(
        request,
        "accounts/standin/authorize.html",
        {"taxpayers": DEMO_TAXPAYERS, "action": request.get_full_path()},
    )


def _client_matches(client_id: str, client_secret: str) -> bool:
    return hmac.compare_digest(client_id, settings.GSIS_CLIENT_ID) and hmac.compare_digest(
        client_secret, settings.GSIS_CLIENT_SECRET
    )


@csrf_exempt
@require_POST
def token(request):
    """Exchange a code for an access token (client credentials in the body)."""
    data = request.POST
    if data.get("grant_type") != "authorization_code":
        return _error("unsupported_grant_type", "Only authorization_code is supported")
    if not _client_matches(data.get("client_id", ""), data.get("client_secret", "")):
        return _error("invalid_client", "Bad client credentials", status=401)
    try:
        code = signing.loads(data.get("code", ""), salt=CODE_SALT, max_age=CODE_SECONDS)
    except signing.BadSignature:
        return _error("invalid_grant", "Invalid authorization code")
    if code["client"] != data.get("client_id") or code["uri"] != data.get("redirect_uri"):
        return _error("invalid_grant", "Authorization code issued for another client or URI")
    access_token = signing.dumps({"taxid": code["taxid"]}, salt=TOKEN_SALT)
    return JsonResponse(
        {
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": TOKEN_SECONDS,
            "scope": "read",
        }
    )


@require_safe
def userinfo(request):
    """The taxpayer behind a bearer token, in GSIS' XML."""
    scheme, _space, bearer = request.headers.get("Authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise signing.BadSignature
        granted = signing.loads(bearer, salt=TOKEN_SALT, max_age=TOKEN_SECONDS)
    except signing.BadSignature:
        return _error("invalid_token", "Invalid access token", status=401)
    if request.GET.get("format") != "xml":
        return _error("invalid_request", "format=xml is required")
    taxpayer = _taxpayer(granted["taxid"])
    if taxpayer is None:
        return _error("invalid_token", "Unknown taxpayer", status=401)
    attributes = " ".join(f'{name}="{escape(value)}"' for name, value in asdict(taxpayer).items())
    body = f'<?xml version="1.0" encoding="UTF-8"?><root><userinfo {attributes}/></root>'
    return HttpResponse(body.encode(), content_type="application/xml; charset=utf-8")
