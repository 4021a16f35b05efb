"""What the alerts app holds on one person (an address and its alerts), for data protection."""

from alerts.models import Subscriber
from portal.personal_data import Found, PersonalDataProvider, Subject


def _subscribers(subject: Subject):
    # Alerts know an address only; a phone number finds nothing here.
    if not subject.email:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email__iexact=subject.email)


def find(subject: Subject) -> Found:
    found = Found(label="alerts")
    for subscriber in _subscribers(subject).prefetch_related("subscriptions", "deliveries"):
        found.records.append(
            {
                "email": subscriber.email,
                "language": subscriber.language,
                "created_at": subscriber.created_at,
                "subscriptions": [
                    {
                        "source": subscription.source,
                        "criteria": subscription.criteria,
                        "frequency": subscription.frequency,
                        "status": subscription.status,
                        "created_at": subscription.created_at,
                        "confirmed_at": subscription.confirmed_at,
                        "cancelled_at": subscription.cancelled_at,
                    }
                    for subscription in subscriber.subscriptions.all()
                ],
                "emails_sent": [
                    {"kind": delivery.kind, "sent_at": delivery.sent_at}
                    for delivery in subscriber.deliveries.all()
                ],
            }
        )
    return found


def erase(subject: Subject, *, actor) -> int:
    """Delete the address with its alerts and its emails' records: nothing is kept."""
    subscribers = _subscribers(subject)
    count = subscribers.count()
    subscribers.delete()
    return count


provider = PersonalDataProvider(find=find, erase=erase)
