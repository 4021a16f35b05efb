"""Sign in with TAXISnet: the GSIS OAuth 2.0 flow against the local stand-in."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from accounts import gsis
from accounts.identity import afm_hash
from accounts.models import Citizen
from accounts.standin.views import DEMO_TAXPAYERS
from portal.models import AuditEntry

pytestmark = pytest.mark.django_db

MARIA = DEMO_TAXPAYERS[0]


def _to_gsis(client, next_path=""):
    """Start the sign-in; return the stand-in's authorisation page address."""
    response = client.get("/account/login/gsis/" + (f"?next={next_path}" if next_path else ""))
    assert response.status_code == 302
    return response["Location"]


def _consent(client, authorize_url, taxid=MARIA.taxid):
    """Choose a demo taxpayer on the stand-in; return the callback address it sends back to."""
    page = client.get(authorize_url)
    assert page.status_code == 200
    assert MARIA.lastname in page.content.decode()
    response = client.post(authorize_url, {"taxid": taxid, "allow": ""})
    assert response.status_code == 302
    return response["Location"]


def test_a_taxpayer_signs_in_through_the_stand_in_and_sees_my_dashboard(client, gsis_standin):
    authorize_url = _to_gsis(client)
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith("http://testserver/gsis-standin/oauth2server/oauth/authorize")
    assert query["response_type"] == ["code"] and query["client_id"] == ["diafaneia-test"]
    assert query["state"][0]

    callback = _consent(client, authorize_url)
    assert urlsplit(callback).path == "/account/login/gsis/callback/"
    response = client.get(callback)

    assert response.status_code == 302 and response["Location"] == "/account/"
    dashboard = client.get("/account/").content.decode()
    assert "Η θυρίδα μου" in dashboard and "ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ" in dashboard
    # The token and userinfo requests went to GSIS' endpoints, as GSIS names them.
    token_request, userinfo_request = gsis_standin.sent
    assert token_request.url == "http://testserver/gsis-standin/oauth2server/oauth/token"
    assert userinfo_request.url.endswith("/oauth2server/userinfo?format=xml")
    assert userinfo_request.headers["Authorization"].startswith("Bearer ")


def test_the_account_keeps_the_names_and_a_keyed_hash_of_the_afm_and_nothing_else(
    client, gsis_standin
):
    client.get(_consent(client, _to_gsis(client)))

    citizen = Citizen.objects.get()
    assert citizen.first_name == "ΜΑΡΙΑ" and citizen.last_name == "ΠΑΠΑΔΟΠΟΥΛΟΥ"
    assert citizen.afm_hash == afm_hash(MARIA.taxid) and MARIA.taxid not in citizen.afm_hash
    assert citizen.afm_sealed == "" and citizen.email == ""
    stored = " ".join(str(value) for value in Citizen.objects.values().get().values())
    for dropped in (MARIA.taxid, MARIA.fathername, MARIA.mothername, MARIA.birthyear):
        assert dropped not in stored


def test_the_afm_hash_depends_on_its_own_key(settings):
    first = afm_hash(MARIA.taxid)
    settings.CITIZEN_AFM_HASH_KEY = "another-key"
    assert afm_hash(MARIA.taxid) != first and len(first) == 64


def test_signing_in_again_finds_the_same_account_and_audits_without_the_afm(client, gsis_standin):
    client.get(_consent(client, _to_gsis(client)))
    client.post("/account/logout/")
    client.get(_consent(client, _to_gsis(client)))

    assert Citizen.objects.count() == 1
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("pk"))
    assert actions.count("accounts.citizen.signed_in") == 2
    assert "accounts.citizen.signed_out" in actions
    for entry in AuditEntry.objects.all():
        assert MARIA.taxid not in f"{entry.data} {entry.object_repr}"


def test_a_forged_callback_with_a_state_this_session_never_drew_is_refused(client, gsis_standin):
    callback = _consent(client, _to_gsis(client))
    forged = callback.replace("state=", "state=forged")

    response = client.get(forged)

    assert response.status_code == 400
    assert "δεν αντιστοιχεί σε σύνδεση που ξεκινήσατε" in response.content.decode()
    assert not Citizen.objects.exists() and gsis_standin.sent == []
    failure = AuditEntry.objects.get(action="accounts.citizen.sign_in_failed")
    assert failure.data["reason"] == "state_mismatch"


def test_a_callback_in_another_browser_is_refused(client, gsis_standin, django_user_model):
    from django.test import Client

    callback = _consent(client, _to_gsis(client))

    response = Client().get(callback)

    assert response.status_code == 400 and not Citizen.objects.exists()


def test_a_used_callback_cannot_sign_in_twice(client, gsis_standin):
    callback = _consent(client, _to_gsis(client))
    assert client.get(callback).status_code == 302
    client.post("/account/logout/")

    assert client.get(callback).status_code == 400


def test_refused_consent_gets_a_greek_page(client, gsis_standin):
    authorize_url = _to_gsis(client)
    callback = client.post(authorize_url, {"deny": ""})["Location"]

    response = client.get(callback)

    assert response.status_code == 400
    assert "Δεν δώσατε στο TAXISnet την άδεια" in response.content.decode()
    assert AuditEntry.objects.get(action="accounts.citizen.sign_in_failed").data == {
        "method": "gsis",
        "reason": "consent_refused",
        "address": "127.0.0.1",
    }


def test_a_json_error_of_the_token_endpoint_gets_a_greek_page(client, gsis_standin):
    callback = _consent(client, _to_gsis(client))
    # A code GSIS never issued: its token endpoint answers {"error": "invalid_grant", …}.
    forged_code = re.sub(r"code=[^&]+", "code=not-a-code", callback)

    response = client.get(forged_code)

    answer = gsis_standin.sent[0]
    assert response.status_code == 400
    assert "Το TAXISnet αρνήθηκε τη σύνδεση" in response.content.decode()
    assert not Citizen.objects.exists() and len(gsis_standin.sent) == 1
    assert answer.url.endswith("/oauth/token")


def test_gsis_out_of_reach_gets_a_greek_page(client, gsis_standin, monkeypatch):
    callback = _consent(client, _to_gsis(client))
    monkeypatch.setitem(gsis.TRANSPORTS, "http://testserver/gsis-standin", _Unreachable())

    response = client.get(callback)

    assert response.status_code == 400
    assert "Η υπηρεσία TAXISnet δεν απάντησε" in response.content.decode()


class _Unreachable:
    def send(self, request, **kwargs):
        import requests

        raise requests.ConnectionError("no route to GSIS")

    def close(self):
        pass


def test_sign_in_returns_to_the_page_it_started_from_and_never_elsewhere(client, gsis_standin):
    response = client.get(_consent(client, _to_gsis(client, "/appointments/")))
    assert response["Location"] == "/appointments/"

    client.post("/account/logout/")
    response = client.get(_consent(client, _to_gsis(client, "https://evil.example/")))
    assert response["Location"] == "/account/"


def test_english_sign_in_comes_back_to_the_english_dashboard(client, gsis_standin):
    authorize_url = client.get("/en/account/login/gsis/")["Location"]
    callback = _consent(client, authorize_url)

    assert urlsplit(callback).path == "/account/login/gsis/callback/"
    assert client.get(callback)["Location"] == "/en/account/"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE root [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<root><userinfo taxid="131860915" lastname="&c;" firstname="&c;"/></root>"""
WITH_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE root SYSTEM "http://gsis.example/evil.dtd">
<root><userinfo taxid="131860915" lastname="A" firstname="B"/></root>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE root [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<root><userinfo taxid="131860915" lastname="&x;" firstname="B"/></root>"""


@pytest.mark.parametrize("body", [BOMB, WITH_DTD, EXTERNAL], ids=["bomb", "dtd", "external"])
def test_an_xml_userinfo_with_a_dtd_or_entities_is_refused(body):
    with pytest.raises(gsis.GsisError) as refused:
        gsis.parse_userinfo(body)
    assert refused.value.reason == "bad_userinfo"


@pytest.mark.parametrize(
    "body",
    [
        b"<root><userinfo lastname='A' firstname='B'/></root>",
        b"<root><userinfo taxid='12345' lastname='A'/></root>",
        b"<root><other/></root>",
        b"not xml at all",
        b'{"error": "invalid_token"}',
        b"<root>" + b"<x/>" * 5000 + b"</root>",
    ],
)
def test_a_userinfo_without_a_valid_afm_is_refused(body):
    with pytest.raises(gsis.GsisError):
        gsis.parse_userinfo(body)


def test_a_plain_userinfo_gives_the_afm_and_names():
    body = (
        b'<root><userinfo userid="User1" taxid=" 131860915 " lastname="\xce\x91" '
        b'firstname="\xce\x92" fathername="X" mothername="Y" birthyear="1970"/></root>'
    )
    assert gsis.parse_userinfo(body) == gsis.GsisIdentity(
        afm="131860915", first_name="Β", last_name="Α"
    )


def test_an_xml_bomb_from_gsis_ends_on_a_greek_page_without_an_account(
    client, gsis_standin, monkeypatch
):
    callback = _consent(client, _to_gsis(client))
    monkeypatch.setitem(gsis.TRANSPORTS, "http://testserver/gsis-standin", _BombAfterToken())

    response = client.get(callback)

    assert response.status_code == 400
    assert "δεν ήταν έγκυρη" in response.content.decode()
    assert not Citizen.objects.exists()


class _BombAfterToken:
    """GSIS' token endpoint as the stand-in answers it, then a userinfo with an entity bomb."""

    def __init__(self):
        from tests.accounts.standin import InProcessAdapter

        self.standin = InProcessAdapter()

    def send(self, request, **kwargs):
        response = self.standin.send(request, **kwargs)
        if "/userinfo" in request.url:
            response._content = BOMB
        return response

    def close(self):
        pass


def test_the_stand_in_answers_token_errors_in_json(client, gsis_standin):
    response = client.post(
        "/gsis-standin/oauth2server/oauth/token",
        {"grant_type": "authorization_code", "code": "x", "client_id": "diafaneia-test"},
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert client.get("/gsis-standin/oauth2server/userinfo?format=xml").json() == {
        "error": "invalid_token",
        "error_description": "Invalid access token",
    }


def test_without_a_gsis_client_the_portal_offers_the_email_link_only(client, settings):
    settings.GSIS_CLIENT_ID = settings.GSIS_CLIENT_SECRET = ""

    assert "Σύνδεση με TAXISnet" not in client.get("/account/").content.decode()
    response = client.get("/account/login/gsis/")

    assert response.status_code == 503
    assert "δεν είναι ακόμη διαθέσιμη" in response.content.decode()
