"""The links of every alert email: one-click unsubscribe (RFC 8058) and the management page."""

import pytest
from django.core import mail
from django.test import Client

from alerts.models import Delivery, Frequency, Status, Subscription
from portal.models import AuditEntry
from portal.tokens import token_hash
from tests.accounts.factories import CitizenFactory
from tests.accounts.signin import sign_in_citizen
from tests.alerts.factories import SubscriberFactory, SubscriptionFactory
from tests.alerts.helpers import tokens
from tests.procurement.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest(send):
    """An address with two alerts, one digest email about them, and another person's alert."""
    subscriber = SubscriberFactory(email="eleni@example.gr")
    mine = [
        SubscriptionFactory(subscriber=subscriber, criteria={"cpv": "4523"}),
        SubscriptionFactory(subscriber=subscriber, criteria={"words": "ασφαλτόστρωση"}),
    ]
    theirs = SubscriptionFactory(criteria={"cpv": "4523"})
    ProcurementFactory(title="Ασφαλτόστρωση οδών", cpv_codes=["45233120-6"])
    send()
    message = next(message for message in mail.outbox if message.to == [subscriber.email])
    return message, mine, theirs


def test_every_alert_email_carries_one_click_unsubscribe_headers(digest):
    message, _mine, _theirs = digest
    [token] = tokens(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://127.0.0.1:8000/alerts/unsubscribe/{token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert tokens(message, "manage")
    # Only the hash rests in the database.
    assert Delivery.objects.filter(token_hash=token_hash(token)).exists()
    assert not Delivery.objects.filter(token_hash=token).exists()


def test_one_click_unsubscribe_works_by_post_without_a_session_or_csrf_and_twice(digest):
    message, mine, theirs = digest
    [token] = tokens(message, "unsubscribe")
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token: a mail provider

    response = mail_client.post(
        f"/alerts/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not response.cookies  # no session was started
    assert {s.status for s in Subscription.objects.filter(pk__in=[s.pk for s in mine])} == {
        Status.CANCELLED
    }
    theirs.refresh_from_db()
    assert theirs.status == Status.ACTIVE
    assert AuditEntry.objects.filter(action="alerts.subscription.cancelled").count() == 2
    again = mail_client.post(
        f"/alerts/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200
    assert AuditEntry.objects.filter(action="alerts.subscription.cancelled").count() == 2


def test_the_unsubscribe_link_opened_in_a_browser_asks_first(digest):
    message, _mine, _theirs = digest
    [token] = tokens(message, "unsubscribe")
    page = Client().get(f"/alerts/unsubscribe/{token}/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert Subscription.objects.filter(status=Status.ACTIVE).count() == 3


@pytest.mark.parametrize("token", ["forged", "x" * 43, "x" * 5000])
def test_a_forged_unsubscribe_link_changes_nothing(client, digest, token):
    response = Client(enforce_csrf_checks=True).post(f"/alerts/unsubscribe/{token}/")
    assert response.status_code == 404
    assert "Ο σύνδεσμος κατάργησης δεν ισχύει" in response.content.decode()
    assert Subscription.objects.filter(status=Status.ACTIVE).count() == 3


def test_the_management_page_lists_that_address_alerts_and_changes_them(client, digest):
    message, mine, theirs = digest
    [token] = tokens(message, "manage")

    response = client.get(f"/alerts/manage/{token}/")
    assert response.status_code == 302 and response["Location"] == "/alerts/manage/"
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get("/alerts/manage/").content.decode()
    assert "eleni@example.gr" in page
    assert theirs.subscriber.email not in page
    assert page.count('name="subscription"') == 2

    client.post(
        "/alerts/manage/",
        {"subscription": mine[0].pk, "action": "frequency", "frequency": "weekly"},
    )
    client.post("/alerts/manage/", {"subscription": mine[1].pk, "action": "cancel"})
    mine[0].refresh_from_db()
    mine[1].refresh_from_db()
    assert mine[0].frequency == Frequency.WEEKLY and mine[1].status == Status.CANCELLED


@pytest.mark.parametrize("value", ["forged", "-1", "99999999999999999999", "", "٣"])
def test_another_persons_or_a_forged_subscription_cannot_be_changed(client, digest, value):
    message, _mine, theirs = digest
    client.get(f"/alerts/manage/{tokens(message, 'manage')[0]}/")
    for subscription in (theirs.pk, value):
        response = client.post(
            "/alerts/manage/", {"subscription": subscription, "action": "cancel"}
        )
        assert response.status_code == 400
        assert "δεν βρέθηκε" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.status == Status.ACTIVE


def test_without_a_link_the_management_page_shows_nothing(client, digest):
    page = client.get("/alerts/manage/").content.decode()
    assert "eleni@example.gr" not in page and 'name="subscription"' not in page


def test_a_signed_in_citizen_manages_the_alerts_of_their_verified_address(client):
    citizen = CitizenFactory(email="eleni@example.gr")
    subscription = SubscriptionFactory(subscriber__email="Eleni@Example.gr")
    sign_in_citizen(client, citizen)
    assert subscription.summary in client.get("/alerts/").content.decode()
    client.post("/alerts/manage/", {"subscription": subscription.pk, "action": "cancel"})
    subscription.refresh_from_db()
    assert subscription.status == Status.CANCELLED


def test_a_lost_link_can_be_asked_for_by_email_and_the_answer_reveals_nothing(
    client, django_capture_on_commit_callbacks
):
    SubscriptionFactory(subscriber__email="eleni@example.gr")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/alerts/manage/request/", {"email": "ELENI@example.gr"})
        unknown = client.post("/alerts/manage/request/", {"email": "nobody@example.gr"})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    [message] = mail.outbox
    assert message.to == ["eleni@example.gr"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert tokens(message, "manage")
