"""Background work of the portal core: outgoing email with retries."""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


@task
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[list[str]] | None = None,
    attempt: int = 1,
) -> None:
    """Send one email; on failure enqueue a retry with exponential back-off.

    `attachments` is a list of [filename, content, mimetype] triples of text.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except Exception:
        if attempt >= MAX_ATTEMPTS:
            logger.exception("Email %r to %s failed %d times; giving up", subject, to, attempt)
            raise
        delay = timedelta(minutes=2**attempt)
        logger.warning("Email %r failed (attempt %d); retrying in %s", subject, attempt, delay)
        send_email.using(run_after=timezone.now() + delay).enqueue(
            subject=subject,
            body=body,
            to=to,
            html=html,
            attachments=attachments,
            attempt=attempt + 1,
        )


def send_email_on_commit(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[list[str]] | None = None,
) -> None:
    """Queue an email to go once the current transaction commits (never before)."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject=subject, body=body, to=recipients, html=html, attachments=attachments
        )
    )
