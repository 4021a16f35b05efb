"""Background work of the portal core: outgoing email with retries.

The email's contents (which may carry a private link) travel sealed: the task
table holds only ciphertext, and a sent email's row is deleted at once.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from portal.sealing import reseal, seal, unseal

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def _message(content: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=content["subject"],
        body=content["body"],
        to=content["to"],
        headers=content.get("headers"),
    )
    if content.get("html"):
        message.attach_alternative(content["html"], "text/html")
    for filename, attached, mimetype in content.get("attachments") or []:
        message.attach(filename, attached, mimetype)
    return message


@task
def send_email(*, sealed: str, attempt: int = 1) -> None:
    """Send one sealed email; on failure enqueue a retry with exponential back-off.

    `sealed` holds subject, body, to, html, attachments (a list of
    [filename, content, mimetype] triples of text) and headers, see `portal.sealing`.
    """
    content = unseal(sealed)
    subject = content["subject"]
    try:
        _message(content).send()
    except Exception:
        if attempt >= MAX_ATTEMPTS:
            logger.exception("Email %r failed %d times; giving up", subject, attempt)
            raise
        delay = timedelta(minutes=2**attempt)
        logger.warning("Email %r failed (attempt %d); retrying in %s", subject, attempt, delay)
        # Sealed again under the current key: a key rotated meanwhile cannot strand the retry.
        send_email.using(run_after=timezone.now() + delay).enqueue(
            sealed=reseal(sealed), attempt=attempt + 1
        )


@task
def send_emails(*, sealed: str) -> None:
    """Send emails queued together (one task row for many, e.g. a run of alerts).

    `sealed` holds {"emails": [...]}, each as `send_email` takes it. An email that
    fails is queued on its own, to be retried as `send_email` retries; the rest go on.
    """
    for content in unseal(sealed)["emails"]:
        try:
            _message(content).send()
        except Exception:
            delay = timedelta(minutes=2)
            logger.warning(
                "Email %r failed; retrying it on its own in %s", content["subject"], delay
            )
            send_email.using(run_after=timezone.now() + delay).enqueue(
                sealed=seal(content), attempt=2
            )


def forget_finished_email(sender, task_result, **kwargs) -> None:
    """Delete a sent email's task row: nothing of it needs to stay at rest."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = sender if isinstance(sender, type) else type(sender)  # the worker sends either
    if not issubclass(backend, DatabaseBackend):
        return  # other backends keep no row
    if task_result.status != TaskResultStatus.SUCCESSFUL:
        return
    if task_result.task.module_path not in (send_email.module_path, send_emails.module_path):
        return
    DBTaskResult.objects.filter(id=task_result.id).delete()


def send_email_on_commit(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Queue an email to go once the current transaction commits (never before)."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    sealed = _sealed(subject, body, recipients, html, attachments, headers)
    transaction.on_commit(lambda: send_email.enqueue(sealed=sealed))


def send_emails_in_transaction(*, emails: list[dict]) -> None:
    """Queue emails as a write of the current transaction: they commit or roll back with it.

    Each email is a dict of subject, body, to, html and headers. With the database
    backend the one task row is written in the caller's transaction (an outbox): a
    crash before the commit queues nothing, a commit never loses them, so a sender
    that records what it sent in the same transaction (alerts) sends each thing
    exactly once. A backend that keeps no rows in the database gets them after
    the commit, as `send_email_on_commit` does.
    """
    from django_tasks_db import DatabaseBackend

    emails = [{**email, "to": [address for address in email["to"] if address]} for email in emails]
    emails = [email for email in emails if email["to"]]
    if not emails:
        return
    sealed = seal({"emails": emails})
    if isinstance(send_emails.get_backend(), DatabaseBackend):
        send_emails.enqueue(sealed=sealed)
    else:
        transaction.on_commit(lambda: send_emails.enqueue(sealed=sealed))


def _sealed(subject, body, to, html, attachments, headers) -> str:
    content = {"subject": subject, "body": body, "to": to, "html": html}
    if attachments:
        content["attachments"] = attachments
    if headers:
        content["headers"] = headers
    return seal(content)
