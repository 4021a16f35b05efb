"""The tokens of alert emails rest nowhere in plain text: not in the database, the task
table or the access log; a batch of emails is one sealed task row, each failure retried alone."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django_tasks_db.models import DBTaskResult

from alerts.models import Delivery, Subscription
from portal.gunicorn_logging import redact
from portal.sealing import unseal
from portal.tasks import send_emails
from tests.alerts.factories import SubscriptionFactory
from tests.alerts.helpers import tokens
from tests.procurement.factories import ProcurementFactory

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class RefusesOneAddress(EmailBackend):
    """An SMTP server that is down for one recipient's domain only."""

    def send_messages(self, messages):
        if any(address.endswith("@down.example") for m in messages for address in m.to):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_run_queues_its_emails_sealed_in_the_same_transaction(client, settings):
    settings.TASKS = DATABASE_TASKS
    subscriptions = [
        SubscriptionFactory(subscriber__email=f"reader{n}@example.gr", criteria={"cpv": "4523"})
        for n in range(3)
    ]
    ProcurementFactory(title="Ασφαλτόστρωση οδών", cpv_codes=["45233120-6"])
    from alerts.services import alerts_send

    assert alerts_send().emails == 3
    [row] = DBTaskResult.objects.filter(task_path="portal.tasks.send_emails")
    stored = str(row.args_kwargs)
    assert "reader0@example.gr" not in stored and "Ασφαλτόστρωση" not in stored
    emails = unseal(row.args_kwargs["kwargs"]["sealed"])["emails"]
    assert sorted(email["to"][0] for email in emails) == sorted(
        s.subscriber.email for s in subscriptions
    )

    send_emails.call(sealed=row.args_kwargs["kwargs"]["sealed"])
    assert len(mail.outbox) == 3
    token = tokens(mail.outbox[0], "unsubscribe")[0]
    assert not Delivery.objects.filter(token_hash=token).exists()
    assert token not in str(list(Delivery.objects.values()))


def test_one_email_that_fails_is_retried_on_its_own_and_the_others_go(settings):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = {"default": {"BACKEND": "tests.alerts.test_secrets.RefusesOneAddress"}}
    from portal.sealing import seal

    sealed = seal(
        {
            "emails": [
                {"subject": f"Σύνοψη {n}", "body": "…", "to": [address], "html": ""}
                for n, address in enumerate(["a@example.gr", "b@down.example", "c@example.gr"])
            ]
        }
    )
    send_emails.call(sealed=sealed)
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.gr", "c@example.gr"]
    [retry] = DBTaskResult.objects.all()
    assert retry.task_path == "portal.tasks.send_email"
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert unseal(retry.args_kwargs["kwargs"]["sealed"])["to"] == ["b@down.example"]


def test_confirmation_tokens_rest_only_hashed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/alerts/new/procurement.notices/",
            {"email": "eleni@example.gr", "frequency": "daily", "criteria-cpv": "45"},
        )
    [token] = tokens(mail.outbox[0], "confirm")
    assert token not in str(list(Subscription.objects.values()))


def test_alert_links_are_redacted_from_the_access_log():
    for path in (
        "/alerts/confirm/AbC_-123/",
        "/en/alerts/unsubscribe/AbC_-123/",
        "/alerts/manage/AbC_-123/?utm=x",
    ):
        assert "AbC_-123" not in redact(f"GET {path} HTTP/1.1")
    assert (
        redact("POST /alerts/manage/request/ HTTP/1.1") == "POST /alerts/manage/request/ HTTP/1.1"
    )
