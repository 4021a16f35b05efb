from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.sealing import seal, unseal
from portal.tasks import send_email, send_email_on_commit

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
def test_email_is_queued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_email_on_commit(
            subject="Αρ. πρωτ. 2026-000123", body="Καταχωρίστηκε.", to=["p@example.gr"]
        )
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.subject for message in mail.outbox] == ["Αρ. πρωτ. 2026-000123"]


@pytest.mark.django_db
def test_an_smtp_failure_loses_nothing_and_the_email_is_retried_later(settings):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = {"default": {"BACKEND": "tests.portal.failing_mail.FailingBackend"}}
    send_email.call(
        sealed=seal(
            {"subject": "Ενημέρωση", "body": "Το αίτημά σας προωθήθηκε.", "to": ["p@example.gr"]}
        )
    )
    retry = DBTaskResult.objects.get()
    kwargs = retry.args_kwargs["kwargs"]
    assert kwargs["attempt"] == 2
    assert "προωθήθηκε" not in str(retry.args_kwargs)
    content = unseal(kwargs["sealed"])
    assert content["to"] == ["p@example.gr"] and content["body"] == "Το αίτημά σας προωθήθηκε."
    assert retry.run_after > timezone.now() + timedelta(minutes=1)


@pytest.mark.django_db
def test_the_last_attempt_gives_up_loudly(settings):
    import smtplib

    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = {"default": {"BACKEND": "tests.portal.failing_mail.FailingBackend"}}
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_email.call(
            sealed=seal({"subject": "x", "body": "y", "to": ["p@example.gr"]}), attempt=8
        )
    assert not DBTaskResult.objects.exists()
