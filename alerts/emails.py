"""The emails of the alerts app: confirmation, alerts and digests, the management link.

Every email is one `Delivery` with a fresh token (only its hash is kept), which
its unsubscribe link (RFC 8058 one-click, `List-Unsubscribe-Post`) and its
management link carry. Each email goes to one address only and is rendered in
the subscriber's language; the events in it show what the public pages show.
"""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alerts.models import Delivery, DeliveryKind, Frequency, Subscriber, Subscription
from portal.alerting import Event, alert_sources
from portal.municipality import municipality
from portal.tasks import send_emails_in_transaction
from portal.tokens import token_hash

SUBJECT_CHARS = 150
# Emails sealed into one task row: few rows to write, none too large to hold in memory.
EMAILS_PER_TASK = 50
# Stands for a token in links reversed ahead (a token is URL-safe base64: no dot).
_PLACEHOLDER = "token.placeholder"


@dataclass
class Outgoing:
    """An email composed and not yet queued, with its (unsaved) delivery."""

    delivery: Delivery
    to: str
    subject: str
    body: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


class EventRenderer:
    """Render each event once per language (text and HTML), however many emails carry it."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], tuple[str, SafeString]] = {}
        self._links: dict[str, dict[str, str]] = {}

    def links(self, token: str) -> dict[str, str]:
        """An email's own links; the addresses around the token are reversed once a language."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language not in self._links:
            self._links[language] = _links(_PLACEHOLDER)
        return {
            name: url.replace(_PLACEHOLDER, token) for name, url in self._links[language].items()
        }

    def render(self, event: Event) -> tuple[str, SafeString]:
        language = translation.get_language() or settings.LANGUAGE_CODE
        key = (event.key, language)
        if key not in self._cache:
            context = {
                "event": event,
                "url": _url(event.url_name, **event.url_kwargs),
                "when": timezone.localtime(event.happened_at),
            }
            self._cache[key] = (
                render_to_string("alerts/email/includes/event.txt", context),
                mark_safe(render_to_string("alerts/email/includes/event.html", context)),  # noqa: S308 - rendered with autoescape
            )
        return self._cache[key]


def _new_delivery(subscriber: Subscriber, kind: str, subscription_ids, event_keys) -> tuple:
    token = secrets.token_urlsafe(32)
    delivery = Delivery(
        subscriber=subscriber,
        kind=kind,
        sent_at=timezone.now(),
        token_hash=token_hash(token),
        subscription_ids=list(subscription_ids),
        event_keys=list(event_keys),
    )
    return delivery, token


def _links(token: str) -> dict[str, str]:
    return {
        "unsubscribe_url": _url("alerts:unsubscribe", token=token),
        "manage_url": _url("alerts:manage_link", token=token),
    }


def _headers(links: dict[str, str]) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<alerts.{municipality().domain}>",
        "Auto-Submitted": "auto-generated",
    }


def _compose(
    subscriber: Subscriber,
    delivery: Delivery,
    subject: str,
    template: str,
    context,
    links: dict[str, str],
) -> Outgoing:
    context = {
        **context,
        **links,
        "municipality": municipality(),
        "LANGUAGE_CODE": translation.get_language(),
    }
    return Outgoing(
        delivery=delivery,
        to=subscriber.email,
        subject=subject,
        body=render_to_string(f"alerts/email/{template}.txt", context),
        html=render_to_string(f"alerts/email/{template}.html", context),
        headers=_headers(links),
    )


def compose_alerts(
    subscriber: Subscriber,
    groups: Sequence[tuple[Subscription, Sequence[Event]]],
    subscriptions: Sequence[Subscription],
    renderer: EventRenderer,
    *,
    sent_at,
) -> Outgoing:
    """One email with every new event of a subscriber's due subscriptions, grouped by each.

    Its links (unsubscribe) name all of `subscriptions`, the ones due in this run.
    """
    immediate = all(sub.frequency == Frequency.IMMEDIATE for sub, _events in groups)
    keys = [event.key for _sub, events in groups for event in events]
    delivery, token = _new_delivery(
        subscriber,
        DeliveryKind.ALERT if immediate else DeliveryKind.DIGEST,
        [sub.pk for sub in subscriptions],
        keys,
    )
    delivery.sent_at = sent_at
    sources = alert_sources()
    with translation.override(subscriber.language):
        rendered = []
        for sub, events in groups:
            texts, htmls = zip(*(renderer.render(event) for event in events), strict=True)
            rendered.append(
                {
                    "label": sources[sub.source].label,
                    "summary": sub.summary,
                    "text": "".join(texts),
                    "html": mark_safe("".join(htmls)),  # noqa: S308 - rendered with autoescape
                }
            )
        count = len(keys)
        if count == 1:
            event = groups[0][1][0]
            subject = f"{event.what}: {event.title}"
        else:
            subject = ngettext(
                "Ειδοποίηση: %(count)d νέα ενημέρωση",
                "Ειδοποίηση: %(count)d νέες ενημερώσεις",
                count,
            ) % {"count": count}
        # A summary may hold line breaks; a header may not.
        subject = Truncator(" ".join(subject.split())).chars(SUBJECT_CHARS)
        return _compose(
            subscriber,
            delivery,
            subject,
            "alerts",
            {"groups": rendered, "count": count, "immediate": immediate},
            renderer.links(token),
        )


def compose_confirmation(subscription: Subscription, confirmation_token: str) -> Outgoing:
    """The double opt-in email: nothing is sent to the address until it is confirmed."""
    subscriber = subscription.subscriber
    delivery, token = _new_delivery(subscriber, DeliveryKind.CONFIRMATION, [subscription.pk], [])
    with translation.override(subscriber.language):
        context = {
            "label": alert_sources()[subscription.source].label,
            "summary": subscription.summary,
            "frequency": subscription.get_frequency_display(),
            "confirm_url": _url("alerts:confirm", token=confirmation_token),
        }
        subject = _("Επιβεβαιώστε την ειδοποίηση με email — %(municipality)s") % {
            "municipality": municipality().name
        }
        return _compose(subscriber, delivery, subject, "confirmation", context, _links(token))


def compose_manage_link(subscriber: Subscriber) -> Outgoing:
    """The link to the page that manages every alert of an address, on request."""
    delivery, token = _new_delivery(subscriber, DeliveryKind.MANAGE_LINK, [], [])
    with translation.override(subscriber.language):
        subject = _("Οι ειδοποιήσεις σας με email — %(municipality)s") % {
            "municipality": municipality().name
        }
        return _compose(subscriber, delivery, subject, "manage_link", {}, _links(token))


def queue(outgoing: Sequence[Outgoing]) -> None:
    """Queue composed emails in the current transaction (their deliveries already saved)."""
    for start in range(0, len(outgoing), EMAILS_PER_TASK):
        send_emails_in_transaction(
            emails=[
                {
                    "subject": email.subject,
                    "body": email.body,
                    "html": email.html,
                    "to": [email.to],
                    "headers": email.headers,
                }
                for email in outgoing[start : start + EMAILS_PER_TASK]
            ]
        )
