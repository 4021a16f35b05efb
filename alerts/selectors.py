"""Reads of the alerts app: subscriptions due, links from emails, a person's subscriptions."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import F, Min, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from alerts.models import (
    CONFIRMATION_TIME,
    PERIOD,
    Delivery,
    Status,
    Subscriber,
    Subscription,
)
from portal.alerting import alert_sources
from portal.tokens import token_hash

# The links of an email (unsubscribe, management) work this long after it was sent.
LINK_DAYS = 365
# How far a tokenised link may be: longer is not one of ours.
MAX_TOKEN_LENGTH = 100


def due_subscriptions(*, now: datetime, frequencies: Iterable[str]) -> QuerySet[Subscription]:
    """Active subscriptions of known sources whose frequency makes them due at `now`."""
    due = Q(pk__in=[])
    for frequency in frequencies:
        period = PERIOD[frequency]
        condition = Q(frequency=frequency)
        if period:
            condition &= Q(covered_until__isnull=True) | Q(covered_until__lte=now - period)
        due |= condition
    return Subscription.objects.filter(
        due, status=Status.ACTIVE, source__in=list(alert_sources())
    ).only(
        "id",
        "subscriber_id",
        "source",
        "criteria",
        "summary",
        "frequency",
        "confirmed_at",
        "covered_until",
    )


def window_starts(due: QuerySet[Subscription], *, settle: timedelta) -> dict[str, datetime]:
    """The earliest time any due subscription of each source still has to look back to.

    A subscription looks back to a little before its last run (`settle`), never
    before it was confirmed.
    """
    start = Greatest(
        F("confirmed_at"), Coalesce(F("covered_until") - Value(settle), F("confirmed_at"))
    )
    rows = due.order_by().values("source").annotate(start=Min(start)).values_list("source", "start")
    return dict(rows)


def sent_event_keys(subscriber_ids: list[int], *, since: datetime) -> dict[int, set[str]]:
    """The events each subscriber was sent in emails since `since`."""
    sent: dict[int, set[str]] = {}
    rows = Delivery.objects.filter(subscriber_id__in=subscriber_ids, sent_at__gte=since)
    for subscriber_id, keys in rows.values_list("subscriber_id", "event_keys"):
        sent.setdefault(subscriber_id, set()).update(keys)
    return sent


def _usable(token: str) -> bool:
    return bool(token) and len(token) <= MAX_TOKEN_LENGTH


def delivery_by_token(token: str) -> Delivery | None:
    """The email a link came from, while its links still work; None otherwise."""
    if not _usable(token):
        return None
    since = timezone.now() - timedelta(days=LINK_DAYS)
    return (
        Delivery.objects.select_related("subscriber")
        .filter(token_hash=token_hash(token), sent_at__gte=since)
        .first()
    )


def subscription_by_confirmation(token: str) -> Subscription | None:
    """The subscription a confirmation link asks to start, while the link is valid."""
    if not _usable(token):
        return None
    since = timezone.now() - CONFIRMATION_TIME
    return (
        Subscription.objects.select_related("subscriber")
        .filter(
            confirmation_hash=token_hash(token),
            status=Status.PENDING,
            created_at__gte=since,
        )
        .first()
    )


def subscriptions_of(subscriber_ids: Iterable[int]) -> QuerySet[Subscription]:
    """The live subscriptions of these subscribers, newest first, for their management page."""
    return (
        Subscription.objects.filter(subscriber_id__in=list(subscriber_ids))
        .exclude(status=Status.CANCELLED)
        .select_related("subscriber")
        .order_by("-created_at", "-id")
    )


def _citizen_subscribers(citizen) -> QuerySet[Subscriber]:
    """The addresses a signed-in citizen manages: linked to the account, or its verified email."""
    condition = Q(citizen=citizen)
    if citizen.email and citizen.email_verified_at:
        condition |= Q(email__iexact=citizen.email)
    return Subscriber.objects.filter(condition)


def citizen_subscriber_ids(citizen) -> list[int]:
    if citizen is None:
        return []
    return list(_citizen_subscribers(citizen).values_list("pk", flat=True))


def citizen_subscriptions(citizen) -> QuerySet[Subscription]:
    """A signed-in citizen's live subscriptions, in one query ("Η θυρίδα μου")."""
    return (
        Subscription.objects.filter(subscriber__in=_citizen_subscribers(citizen))
        .exclude(status=Status.CANCELLED)
        .order_by("-created_at", "-id")
    )


def subscriber_by_email(email: str) -> Subscriber | None:
    return Subscriber.objects.filter(email__iexact=email.strip()).first()


def can_see_subscriber_email(user) -> bool:
    """Tell whether a member of staff may see subscribers' addresses (data-protection duty)."""
    return user.has_perm("portal.handle_personal_data")
