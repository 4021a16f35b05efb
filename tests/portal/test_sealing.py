"""Sealed task arguments outlive a key rotation: old keys still open what was queued."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from portal.sealing import reseal, seal, unseal
from portal.tasks import send_email

EMAIL = {"subject": "Αρ. πρωτ. 2026-000007", "body": "Σύνδεσμος παρακολούθησης.", "to": ["p@e.gr"]}


@pytest.fixture
def old_token(settings):
    """A token sealed before the rotation, under the key then in force."""
    settings.TASK_ARGUMENTS_KEY = "the-key-before-the-rotation"
    settings.TASK_ARGUMENTS_OLD_KEYS = []
    settings.SECRET_KEY_FALLBACKS = []
    return seal(EMAIL)


def test_after_a_rotation_a_token_sealed_under_the_old_key_cannot_be_opened_without_it(
    settings, old_token
):
    settings.TASK_ARGUMENTS_KEY = "the-key-after-the-rotation"
    with pytest.raises(ValueError, match="any configured key"):
        unseal(old_token)


def test_the_previous_task_arguments_key_still_opens_what_was_queued_under_it(settings, old_token):
    settings.TASK_ARGUMENTS_KEY = "the-key-after-the-rotation"
    settings.TASK_ARGUMENTS_OLD_KEYS = ["the-key-before-the-rotation"]
    assert unseal(old_token) == EMAIL


def test_the_secret_key_fallbacks_open_what_was_sealed_under_the_previous_secret_key(
    settings, old_token
):
    # TASK_ARGUMENTS_KEY unset: it follows SECRET_KEY, whose old value moves to the fallbacks.
    settings.TASK_ARGUMENTS_KEY = "the-new-secret-key"
    settings.SECRET_KEY_FALLBACKS = ["the-key-before-the-rotation"]
    assert unseal(old_token) == EMAIL


def test_new_tokens_are_sealed_under_the_current_key_only(settings, old_token):
    settings.TASK_ARGUMENTS_KEY = "the-key-after-the-rotation"
    settings.TASK_ARGUMENTS_OLD_KEYS = ["the-key-before-the-rotation"]
    moved, fresh = reseal(old_token), seal(EMAIL)
    settings.TASK_ARGUMENTS_OLD_KEYS = []
    assert unseal(moved) == unseal(fresh) == EMAIL


@pytest.mark.django_db
def test_email_queued_before_a_rotation_is_sent_after_it(settings, old_token, mailoutbox):
    settings.TASK_ARGUMENTS_KEY = "the-key-after-the-rotation"
    settings.TASK_ARGUMENTS_OLD_KEYS = ["the-key-before-the-rotation"]
    send_email.call(sealed=old_token)
    [message] = mailoutbox
    assert message.subject == EMAIL["subject"] and message.to == EMAIL["to"]


@pytest.mark.django_db
def test_the_retry_of_an_email_queued_before_a_rotation_is_sealed_under_the_new_key(
    settings, old_token
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "tests.portal.failing_mail.FailingBackend"}}
    settings.TASK_ARGUMENTS_KEY = "the-key-after-the-rotation"
    settings.TASK_ARGUMENTS_OLD_KEYS = ["the-key-before-the-rotation"]
    send_email.call(sealed=old_token)
    retry = DBTaskResult.objects.get()
    settings.TASK_ARGUMENTS_OLD_KEYS = []  # the old key retired before the retry runs
    assert unseal(retry.args_kwargs["kwargs"]["sealed"]) == EMAIL
    assert mail.outbox == []
