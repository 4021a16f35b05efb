"""Sign in with a link sent by email: 15 minutes, once, rate-limited, Greek when refused."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from accounts.models import Citizen, EmailLink
from portal.models import AuditEntry
from tests.accounts.factories import CitizenFactory, TaxisCitizenFactory
from tests.accounts.signin import sign_in_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _send_on_commit(monkeypatch):
    """Email goes out after commit: run those callbacks at once in these tests."""
    monkeypatch.setattr(transaction, "on_commit", lambda callback, *args, **kwargs: callback())


LINK = re.compile(r"http://[^\s\"]+/account/login/email/([\w-]+)/")


def _ask(client, email="eleni@example.gr", **extra):
    return client.post("/account/login/email/", {"email": email, **extra})


def _secret(mailoutbox) -> str:
    return LINK.search(mailoutbox[-1].body).group(1)


def _open(client, secret):
    """Open the link as the email has it; return the page it lands on."""
    response = client.get(f"/account/login/email/{secret}/")
    assert response.status_code == 302 and response["Location"] == "/account/login/email/confirm/"
    assert response["Referrer-Policy"] == "no-referrer"
    return client.get(response["Location"])


def test_a_resident_signs_in_by_email_link_and_an_account_is_opened(client, mailoutbox):
    response = _ask(client)
    assert response.status_code == 302
    email = mailoutbox[-1]
    assert email.to == ["eleni@example.gr"]
    assert email.subject == "Σύνδεση στη θυρίδα σας — Δήμος Θεσσαλονίκης"
    assert email.body.startswith("Γεια σας,") and "15 λεπτά και μία μόνο φορά" in email.body
    secret = _secret(mailoutbox)
    assert secret not in str(list(EmailLink.objects.values()))

    page = _open(client, secret)
    assert "Πατήστε το κουμπί για να συνδεθείτε" in page.content.decode()
    assert not Citizen.objects.exists()  # opening the link (a mail scanner) uses nothing
    response = client.post("/account/login/email/confirm/")

    assert response.status_code == 302 and response["Location"] == "/account/"
    citizen = Citizen.objects.get()
    assert citizen.email == "eleni@example.gr" and citizen.email_verified_at is not None
    assert not citizen.identity_verified
    assert "Η θυρίδα μου" in client.get("/account/").content.decode()
    assert AuditEntry.objects.filter(
        action="accounts.citizen.signed_in", data__method="email"
    ).exists()


def test_the_link_signs_in_to_the_account_of_its_confirmed_email(client, mailoutbox):
    citizen = CitizenFactory(email="Eleni@Example.gr")
    _ask(client, "eleni@example.GR")
    _open(client, _secret(mailoutbox))
    client.post("/account/login/email/confirm/")

    assert Citizen.objects.get() == citizen
    assert client.session["_citizen_id"] == citizen.pk


def test_a_link_works_once(client, mailoutbox):
    _ask(client)
    secret = _secret(mailoutbox)
    _open(client, secret)
    client.post("/account/login/email/confirm/")
    client.post("/account/logout/")

    page = _open(client, secret)
    assert page.status_code == 400
    assert "έχει ήδη χρησιμοποιηθεί" in page.content.decode()
    refused = client.post("/account/login/email/confirm/")
    assert refused.status_code == 400 and "_citizen_id" not in client.session


def test_a_double_click_on_the_button_signs_in_once_and_raises_nothing(client, mailoutbox):
    _ask(client)
    _open(client, _secret(mailoutbox))
    first = client.post("/account/login/email/confirm/")
    second = client.post("/account/login/email/confirm/")

    assert first["Location"] == second["Location"] == "/account/"
    assert Citizen.objects.count() == 1


def test_a_link_expires_after_15_minutes(client, mailoutbox):
    _ask(client)
    secret = _secret(mailoutbox)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        page = _open(client, secret)
        refused = client.post("/account/login/email/confirm/")

    assert page.status_code == 400 and "έληξε" in page.content.decode()
    assert refused.status_code == 400 and not Citizen.objects.exists()


@pytest.mark.parametrize("secret", ["forged", "x" * 300, "%CE%B1%27%22"])
def test_a_forged_link_gets_a_greek_page_and_no_account(client, secret):
    response = client.get(f"/account/login/email/{secret}/", follow=True)
    assert response.status_code == 400
    assert "Ο σύνδεσμος έληξε ή έχει ήδη χρησιμοποιηθεί" in response.content.decode()
    assert not Citizen.objects.exists()


def test_the_confirm_button_without_a_link_gets_a_greek_page(client):
    response = client.post("/account/login/email/confirm/")
    assert response.status_code == 400
    assert "Ο σύνδεσμος έληξε" in response.content.decode()


def test_asking_answers_the_same_whether_an_account_exists_or_not(client, mailoutbox):
    CitizenFactory(email="known@example.gr")
    known = _ask(client, "known@example.gr")
    unknown = _ask(client, "unknown@example.gr")
    assert known["Location"] == unknown["Location"] == "/account/login/email/sent/"
    assert len(mailoutbox) == 2


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b"])
def test_a_bad_address_gets_a_greek_message(client, email, mailoutbox):
    response = _ask(client, email)
    assert response.status_code == 400
    assert "Συμπληρώστε" in response.content.decode()
    assert mailoutbox == []


def test_links_to_one_address_are_rate_limited(client, mailoutbox):
    for _ in range(3):
        assert _ask(client).status_code == 302
    response = _ask(client)
    assert response.status_code == 429 and len(mailoutbox) == 3


def test_asking_for_links_is_rate_limited_per_client(client, mailoutbox):
    for number in range(10):
        _ask(client, f"person{number}@example.gr")
    assert _ask(client, "one-more@example.gr").status_code == 429


def test_the_link_returns_to_the_page_sign_in_started_from(client, mailoutbox):
    _ask(client, next="/appointments/")
    _open(client, _secret(mailoutbox))
    assert client.post("/account/login/email/confirm/")["Location"] == "/appointments/"


def test_a_new_email_of_a_taxisnet_account_counts_once_its_link_is_opened(client, mailoutbox):
    citizen = sign_in_citizen(client, TaxisCitizenFactory())
    response = client.post("/account/contact/", {"email": "maria@example.gr", "phone": ""})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.email == ""

    page = _open(client, _secret(mailoutbox))
    assert "Επιβεβαίωση" in page.content.decode()
    client.post("/account/login/email/confirm/")

    citizen.refresh_from_db()
    assert citizen.email == "maria@example.gr" and citizen.email_verified_at is not None


def test_an_email_confirmed_on_another_account_is_refused_in_greek(client, mailoutbox):
    CitizenFactory(email="maria@example.gr")
    citizen = sign_in_citizen(client, TaxisCitizenFactory())
    client.post("/account/contact/", {"email": "maria@example.gr", "phone": ""})
    _open(client, _secret(mailoutbox))

    response = client.post("/account/login/email/confirm/")

    assert response.status_code == 400
    assert "ήδη επιβεβαιωμένο σε άλλον λογαριασμό" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.email == ""
