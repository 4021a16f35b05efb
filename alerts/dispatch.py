"""Match the public events to the subscriptions due and send one email per person per run.

A run at time `now`:

1. finds the subscriptions due (immediate ones always; digests a day or a week
   after their last run) and, per source, the earliest time one of them still
   has to look back to;
2. asks each source once for its events of that window and prepares its matcher;
3. walks the subscribers in batches (keyset pagination, constant memory): a
   subscription without a new matching event only has its window moved on; a
   subscriber with some is locked, their due subscriptions are read again and
   the events already sent to them are left out; then, in one transaction per
   batch, the deliveries are recorded, the windows moved on and the emails
   queued as writes of the same transaction (`send_emails_in_transaction`).

So a repeated run sends nothing twice (the deliveries remember each event), a
run that crashes leaves its open batch wholly undone (no event skipped), and
two runs at once queue up on the subscriber's row. Each window starts a little
before the last run (`SETTLE`), for events whose transaction committed late.
"""

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from alerts import emails, selectors
from alerts.models import Delivery, Frequency, Subscriber, Subscription
from portal.alerting import Event, Matcher, alert_sources
from portal.services import audit_log

logger = logging.getLogger(__name__)

# Each window starts this long before the last run: an event is stamped when its
# transaction writes it and seen when it commits, and a transaction never lasts this long.
SETTLE = timedelta(hours=1)
# However long the runs stopped, no window reaches further back than this.
MAX_LOOKBACK = timedelta(days=31)
BATCH = 200


@dataclass
class RunReport:
    events: int = 0
    subscriptions: int = 0
    emails: int = 0


def _window_start(subscription: Subscription, now: datetime) -> datetime:
    confirmed = subscription.confirmed_at or now
    covered = subscription.covered_until
    start = max(confirmed, covered - SETTLE) if covered else confirmed
    return max(start, now - MAX_LOOKBACK)


def _new_events(
    subscription: Subscription, matchers: Mapping[str, Matcher], now: datetime
) -> list[Event]:
    matcher = matchers.get(subscription.source)
    if matcher is None:
        return []
    start = _window_start(subscription, now)
    return [event for event in matcher(subscription.criteria) if start < event.happened_at <= now]


def alerts_send(
    *, frequencies: Iterable[str] = tuple(Frequency.values), now: datetime | None = None
) -> RunReport:
    """Send every alert and digest due at `now` (by default, the present); return the counts."""
    now = now or timezone.now()
    frequencies = tuple(frequencies)
    report = RunReport()
    due = selectors.due_subscriptions(now=now, frequencies=frequencies)
    sources = alert_sources()
    matchers: dict[str, Matcher] = {}
    for key, start in selectors.window_starts(due, settle=SETTLE).items():
        events = list(sources[key].events(since=max(start, now - MAX_LOOKBACK), until=now))
        report.events += len(events)
        matchers[key] = sources[key].matcher(events)
    renderer = emails.EventRenderer()
    after = 0
    while True:
        batch = list(
            due.filter(subscriber_id__gt=after)
            .order_by("subscriber_id")
            .values_list("subscriber_id", flat=True)
            .distinct()[:BATCH]
        )
        if not batch:
            break
        after = batch[-1]
        _run_batch(batch, due, matchers, renderer, now, report)
    logger.info(
        "Alerts %s: %d events, %d subscriptions, %d emails",
        "/".join(frequencies),
        report.events,
        report.subscriptions,
        report.emails,
    )
    return report


def _move_on(subscription_ids: Sequence[int], now: datetime) -> None:
    # Never backwards: a slower run that started earlier may finish after a later one.
    Subscription.objects.filter(pk__in=subscription_ids).update(
        covered_until=Greatest(F("covered_until"), Value(now))
    )


def _state(subscription: Subscription) -> tuple:
    """What a subscription's matches depend on (its criteria never change): unchanged since
    it was matched before the lock, it need not be matched again."""
    return (subscription.pk, subscription.confirmed_at, subscription.covered_until)


def _run_batch(batch, due, matchers, renderer, now, report: RunReport) -> None:
    quiet: list[int] = []
    busy: set[int] = set()
    matched: dict[tuple, list[Event]] = {}
    for subscription in due.filter(subscriber_id__in=batch):
        report.subscriptions += 1
        events = _new_events(subscription, matchers, now)
        if events:
            busy.add(subscription.subscriber_id)
            matched[_state(subscription)] = events
        else:
            quiet.append(subscription.pk)
    if quiet:
        _move_on(quiet, now)
    if busy:
        with transaction.atomic():
            report.emails += _send_locked(sorted(busy), due, matchers, matched, renderer, now)


def _send_locked(subscriber_ids, due, matchers, matched, renderer, now) -> int:
    """Lock the subscribers, leave out what they were already sent, send the rest."""
    subscribers = {
        subscriber.pk: subscriber
        for subscriber in Subscriber.objects.select_for_update()
        .filter(pk__in=subscriber_ids)
        .order_by("pk")
    }
    # Read again under the lock: another run may have sent or moved on meanwhile.
    subscriptions = list(
        due.filter(subscriber_id__in=subscriber_ids).order_by("subscriber_id", "pk")
    )
    if not subscriptions:
        return 0
    since = min(_window_start(subscription, now) for subscription in subscriptions)
    already = selectors.sent_event_keys(subscriber_ids, since=since)
    by_subscriber: dict[int, list[Subscription]] = {}
    for subscription in subscriptions:
        by_subscriber.setdefault(subscription.subscriber_id, []).append(subscription)
    outgoing = []
    for subscriber_id, own in by_subscriber.items():
        seen = set(already.get(subscriber_id, ()))
        groups = []
        for subscription in own:
            candidates = matched.get(_state(subscription))
            if candidates is None:  # changed since it was matched before the lock
                candidates = _new_events(subscription, matchers, now)
            events = [event for event in candidates if event.key not in seen]
            seen.update(event.key for event in events)
            if events:
                groups.append((subscription, events))
        if groups:
            # Its one-click unsubscribe stops every alert that went into it, matched or not.
            outgoing.append(
                emails.compose_alerts(
                    subscribers[subscriber_id], groups, own, renderer, sent_at=now
                )
            )
    Delivery.objects.bulk_create([email.delivery for email in outgoing])
    _move_on([subscription.pk for subscription in subscriptions], now)
    if outgoing:
        audit_log(
            actor=None,
            action="alerts.delivery.sent",
            data={
                "emails": len(outgoing),
                "events": sum(len(e.delivery.event_keys) for e in outgoing),
            },
        )
    emails.queue(outgoing)
    return len(outgoing)
