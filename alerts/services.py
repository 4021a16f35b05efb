"""Writes of the alerts app: subscribe, confirm, change, unsubscribe, send, forget.

Sending (matching events and queuing digests) lives in `alerts.dispatch`.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alerts import emails, selectors
from alerts.dispatch import alerts_send
from alerts.models import (
    CONFIRMATION_TIME,
    Delivery,
    Frequency,
    Status,
    Subscriber,
    Subscription,
)
from portal.alerting import alert_sources
from portal.errors import DomainError
from portal.services import audit_log
from portal.tokens import token_hash

__all__ = [
    "AlertError",
    "alerts_purge",
    "alerts_send",
    "delivery_unsubscribe",
    "manage_link_send",
    "subscription_cancel",
    "subscription_confirm",
    "subscription_create",
    "subscription_set_frequency",
]

# One address holds at most this many live subscriptions.
MAX_SUBSCRIPTIONS = 50
# Cancelled subscriptions are kept this long (the management page may still say so).
CANCELLED_DAYS = 30


class AlertError(DomainError):
    """A subscription the alerts app refuses; the message is for the person who asked."""


@dataclass(frozen=True)
class Subscribed:
    subscription: Subscription
    #: A confirmation email went out: the subscription starts once its link is followed.
    needs_confirmation: bool


def _checked_criteria(source_key: str, criteria: dict[str, Any]) -> dict[str, Any]:
    source = alert_sources().get(source_key)
    if source is None:
        raise AlertError(_("Δεν υπάρχει αυτό το είδος ειδοποίησης."))
    form = source.form_class(data=criteria)
    if not form.is_valid():
        messages = [message for errors in form.errors.values() for message in errors]
        raise AlertError(str(messages[0]))
    return form.criteria()  # type: ignore[attr-defined]


def _subscriber(email: str, *, language: str, citizen) -> Subscriber:
    email = email.strip()
    subscriber = (
        Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if email
        else None
    )
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=email, language=language, citizen=citizen
                )
        except IntegrityError:
            # Another request created it a moment ago.
            subscriber = Subscriber.objects.select_for_update().get(email__iexact=email)
    changed = []
    if subscriber.language != language:
        subscriber.language = language
        changed.append("language")
    if citizen is not None and subscriber.citizen_id is None:
        subscriber.citizen = citizen
        changed.append("citizen")
    if changed:
        subscriber.save(update_fields=changed)
    return subscriber


def _verified_by(citizen, email: str) -> bool:
    """The signed-in citizen's own verified address: no opt-in email is needed."""
    return bool(
        citizen is not None
        and citizen.email_verified_at
        and citizen.email
        and citizen.email.strip().casefold() == email.strip().casefold()
    )


def subscription_create(
    *,
    source: str,
    criteria: dict[str, Any],
    frequency: str,
    email: str,
    language: str = "el",
    citizen=None,
) -> Subscribed:
    """Subscribe an address to a source's events matching `criteria`.

    Without a signed-in citizen whose verified email this is, the subscription
    waits for its confirmation link (double opt-in) and nothing else is sent to
    the address before it is followed. Asking again for a live subscription
    sends nothing new and says the same, so the page reveals no one's subscriptions.
    """
    if frequency not in Frequency.values:
        raise AlertError(_("Επιλέξτε πόσο συχνά θέλετε να λαμβάνετε ειδοποιήσεις."))
    criteria = _checked_criteria(source, criteria)
    verified = _verified_by(citizen, email)
    with transaction.atomic():
        subscriber = _subscriber(email, language=language, citizen=citizen if verified else None)
        live = subscriber.subscriptions.exclude(status=Status.CANCELLED)
        existing = live.filter(source=source, criteria=criteria).first()
        if existing is not None:
            if existing.status == Status.PENDING:
                # Asked again: the first email may be lost. A new link replaces the old one.
                if verified:
                    _activate(existing)
                else:
                    _send_confirmation(existing)
            return Subscribed(existing, needs_confirmation=existing.status == Status.PENDING)
        if live.count() >= MAX_SUBSCRIPTIONS:
            raise AlertError(
                _("Μια διεύθυνση email μπορεί να έχει έως %(count)d ειδοποιήσεις.")
                % {"count": MAX_SUBSCRIPTIONS}
            )
        with translation.override(language):
            summary = " · ".join(alert_sources()[source].describe(criteria))[:500]
        subscription = Subscription.objects.create(
            subscriber=subscriber,
            source=source,
            criteria=criteria,
            summary=summary,
            frequency=frequency,
        )
        audit_log(
            actor=None,
            action="alerts.subscription.created",
            obj=subscription,
            data={"source": source, "frequency": frequency, "account": verified},
        )
        if verified:
            _activate(subscription)
        else:
            _send_confirmation(subscription)
    return Subscribed(subscription, needs_confirmation=not verified)


def _send_confirmation(subscription: Subscription) -> None:
    confirmation = secrets.token_urlsafe(32)
    subscription.confirmation_hash = token_hash(confirmation)
    subscription.save(update_fields=["confirmation_hash"])
    outgoing = emails.compose_confirmation(subscription, confirmation)
    outgoing.delivery.save()
    emails.queue([outgoing])


def _activate(subscription: Subscription) -> None:
    subscription.status = Status.ACTIVE
    subscription.confirmed_at = timezone.now()
    subscription.confirmation_hash = ""
    subscription.save(update_fields=["status", "confirmed_at", "confirmation_hash"])
    audit_log(actor=None, action="alerts.subscription.confirmed", obj=subscription)


def subscription_confirm(*, token: str) -> Subscription:
    """Start the subscription a confirmation link names; refuse a dead or used link."""
    with transaction.atomic():
        subscription = selectors.subscription_by_confirmation(token)
        if subscription is not None:
            subscription = (
                Subscription.objects.select_for_update().filter(pk=subscription.pk).first()
            )
        if subscription is None or not subscription.can_move_to(Status.ACTIVE):
            raise AlertError(
                _(
                    "Ο σύνδεσμος επιβεβαίωσης δεν ισχύει: χρησιμοποιήθηκε ήδη ή έληξε "
                    "(ισχύει %(days)d ημέρες). Εγγραφείτε ξανά."
                )
                % {"days": CONFIRMATION_TIME.days}
            )
        _activate(subscription)
    return subscription


def subscription_cancel(*, subscription: Subscription, how: str) -> bool:
    """Cancel a subscription; True if it was live. `how` says which link or page did it."""
    with transaction.atomic():
        cancelled = (
            Subscription.objects.filter(pk=subscription.pk)
            .exclude(status=Status.CANCELLED)
            .update(status=Status.CANCELLED, cancelled_at=timezone.now(), confirmation_hash="")
        )
        if cancelled:
            audit_log(
                actor=None,
                action="alerts.subscription.cancelled",
                obj=subscription,
                data={"how": how},
            )
    return bool(cancelled)


def subscription_set_frequency(*, subscription: Subscription, frequency: str) -> Subscription:
    """Change how often a live subscription is sent."""
    if frequency not in Frequency.values:
        raise AlertError(_("Επιλέξτε πόσο συχνά θέλετε να λαμβάνετε ειδοποιήσεις."))
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.status == Status.CANCELLED:
            raise AlertError(_("Η ειδοποίηση έχει ήδη καταργηθεί."))
        if subscription.frequency != frequency:
            old = subscription.frequency
            subscription.frequency = frequency
            subscription.save(update_fields=["frequency"])
            audit_log(
                actor=None,
                action="alerts.subscription.frequency_changed",
                obj=subscription,
                data={"from": old, "to": frequency},
            )
    return subscription


def delivery_unsubscribe(*, token: str) -> int | None:
    """One-click unsubscribe (RFC 8058): cancel what the email carried.

    Return how many subscriptions were cancelled now (0 when they already were,
    so a second click changes nothing), or None for a link that is not ours or
    no longer works.
    """
    delivery = selectors.delivery_by_token(token)
    if delivery is None:
        return None
    subscriptions = Subscription.objects.filter(
        pk__in=delivery.subscription_ids, subscriber_id=delivery.subscriber_id
    )
    return sum(
        subscription_cancel(subscription=subscription, how="one-click")
        for subscription in subscriptions
    )


def manage_link_send(*, email: str) -> None:
    """Email the address a link to the page of all its alerts, if it has any live ones.

    The same answer either way: the page that asks reveals nothing.
    """
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.filter(email__iexact=email.strip())
            .annotate(
                live=Count("subscriptions", filter=~Q(subscriptions__status=Status.CANCELLED))
            )
            .filter(live__gt=0)
            .first()
        )
        if subscriber is None:
            return
        outgoing = emails.compose_manage_link(subscriber)
        outgoing.delivery.save()
        emails.queue([outgoing])
        audit_log(actor=None, action="alerts.subscriber.manage_link_sent", obj=subscriber)


def alerts_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Forget what is no longer needed: expired confirmations, old cancellations and emails,
    and addresses left with no subscription."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = Subscription.objects.filter(
            status=Status.PENDING, created_at__lt=now - CONFIRMATION_TIME
        ).delete()[0]
        cancelled = Subscription.objects.filter(
            status=Status.CANCELLED, cancelled_at__lt=now - timedelta(days=CANCELLED_DAYS)
        ).delete()[0]
        deliveries = Delivery.objects.filter(
            sent_at__lt=now - timedelta(days=selectors.LINK_DAYS)
        ).delete()[0]
        by_model = Subscriber.objects.filter(subscriptions__isnull=True).delete()[1]
        counts = {
            "pending": pending,
            "cancelled": cancelled,
            "deliveries": deliveries,
            "subscribers": by_model.get(Subscriber._meta.label, 0),
        }
        if any(counts.values()):
            audit_log(actor=None, action="alerts.purged", data=counts)
    return counts
