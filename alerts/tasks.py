"""Background work of the alerts app: immediate alerts after a public change, and the digests."""

from django.tasks import task

from alerts import services
from alerts.models import Frequency


@task
def send_alerts() -> dict[str, int]:
    """Send every alert and digest due now, and forget what is no longer needed."""
    report = services.alerts_send()
    services.alerts_purge()
    return {"events": report.events, "emails": report.emails}


@task
def send_immediate_alerts() -> dict[str, int]:
    """Send the immediate alerts of the events committed since the last run."""
    report = services.alerts_send(frequencies=[Frequency.IMMEDIATE])
    return {"events": report.events, "emails": report.emails}


def queue_immediate_alerts() -> None:
    """Queue the immediate alerts; another app calls this after committing a public change."""
    send_immediate_alerts.enqueue()
