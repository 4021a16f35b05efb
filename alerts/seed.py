"""Demo alerts: a supplier's procurement filter, a resident's street and map area.

Addresses are in example.org (never delivered anywhere); everything is confirmed a
day before the seed's time, so `send_alerts` has something to send after a new event.
"""

from datetime import timedelta

from django.utils import translation

from alerts.models import Frequency, Status, Subscriber, Subscription
from portal.alerting import alert_sources
from portal.seeding import SeedContext, bulk_insert


def seed(context: SeedContext) -> None:
    centre = {"south": "40.625000", "west": "22.935000", "north": "40.645000", "east": "22.955000"}
    wanted = [
        ("promitheftis@example.org", "procurement.notices", {"cpv": "45233"}, Frequency.DAILY),
        ("katoikos@example.org", "complaints.register", {"area": "Εγνατίας"}, Frequency.WEEKLY),
        ("katoikos@example.org", "complaints.register", centre, Frequency.DAILY),
    ]
    subscribers = {
        subscriber.email: subscriber
        for subscriber in bulk_insert(
            Subscriber,
            [Subscriber(email=email) for email in dict.fromkeys(row[0] for row in wanted)],
            at=context.now,
        )
    }
    sources = alert_sources()
    confirmed = context.now - timedelta(days=1)
    with translation.override("el"):
        rows = [
            Subscription(
                subscriber=subscribers[email],
                source=source,
                criteria=criteria,
                summary=" · ".join(sources[source].describe(criteria)),
                frequency=frequency,
                status=Status.ACTIVE,
                confirmed_at=confirmed,
                covered_until=confirmed,
            )
            for email, source, criteria, frequency in wanted
        ]
    bulk_insert(Subscription, rows, at=confirmed)
    context.log(f"{len(rows)} ειδοποιήσεις με email σε {len(subscribers)} διευθύνσεις")
