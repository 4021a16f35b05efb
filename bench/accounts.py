"""Benchmark «Η θυρίδα μου»: the dashboard and the data download of a busy citizen.

Works inside one transaction that is rolled back at the end, so the configured
database keeps nothing of it (and no email leaves). For a citizen with 1 and
with N complaints, bookings and alerts each, prints the median server time
(Django test client, in process) of the dashboard and of the JSON download of
everything the portal holds about them. Target: dashboard < 100 ms.

    .venv/bin/python bench/accounts.py [--rows 200] [--runs 15]
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench._timing import median_ms  # noqa: E402
from tests.accounts.factories import CitizenFactory  # noqa: E402
from tests.accounts.signin import sign_in_citizen  # noqa: E402
from tests.alerts.factories import SubscriberFactory, SubscriptionFactory  # noqa: E402
from tests.appointments.factories import BookingFactory, SlotFactory  # noqa: E402
from tests.complaints.factories import CategoryFactory, submitted_complaint  # noqa: E402

TARGET_MS = 100


class Rollback(Exception):
    """Raised to undo everything the bench wrote."""


def busy_citizen(rows: int):
    citizen = CitizenFactory()
    category = CategoryFactory()
    subscriber = SubscriberFactory(email=citizen.email)
    for index in range(rows):
        submitted_complaint(citizen=citizen, category=category)
        BookingFactory(citizen=citizen, slot=SlotFactory())
        SubscriptionFactory(subscriber=subscriber, criteria={"cpv": f"{30000 + index}"})
    return citizen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args, _others = parser.parse_known_args()  # make bench passes every script's arguments
    try:
        with override_settings(ALLOWED_HOSTS=["*"]), transaction.atomic():
            for rows in (1, args.rows):
                client = Client()
                sign_in_citizen(client, busy_citizen(rows))
                dashboard = median_ms(client, "/account/", args.runs)
                download = median_ms(client, "/account/data.json", args.runs)
                verdict = "ok" if dashboard < TARGET_MS else "SLOW"
                print(
                    f"{rows:>5} complaints, bookings and alerts: dashboard {dashboard:.1f} ms "
                    f"{verdict} (target < {TARGET_MS} ms), data download {download:.1f} ms"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
