"""Benchmark the alerts: match 10,000 subscriptions against a day of 1,000 events, render
and queue the digests.

Works inside one transaction that is rolled back at the end, so the configured
database keeps nothing of it (and no queued email ever leaves). It adds a day
of events (procurements published, complaints published or changing status)
and the subscriptions (CPV/keyword/department/procedure filters, categories,
streets and map rectangles, single complaints and procurements), then runs the
daily digest twice: once timed, once under tracemalloc for the peak memory, and
the same with a quarter of the subscriptions, to show that memory does not
grow with them. Target: < 30 s and a peak that stays flat.

    .venv/bin/python bench/alerts.py [--subscriptions 10000] [--events 1000]
"""

import argparse
import os
import random
import sys
import time
import tracemalloc
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from alerts.dispatch import alerts_send  # noqa: E402
from alerts.models import Frequency, Status, Subscriber, Subscription  # noqa: E402
from complaints.models import (  # noqa: E402
    Category,
    Complaint,
    TimelineEntry,
    TimelineKind,
)
from complaints.models import Status as ComplaintStatus  # noqa: E402
from portal.models import Department  # noqa: E402
from portal.municipality import municipality  # noqa: E402
from portal.seeding import bulk_insert as seed_insert  # noqa: E402
from procurement.models import ContractType, Procedure, Procurement  # noqa: E402

TARGET_SECONDS = 30
WORDS = [
    "ασφαλτόστρωση",
    "φωτισμός",
    "σχολείων",
    "καθαριότητα",
    "πρασίνου",
    "οχημάτων",
    "λογισμικού",
    "συντήρηση",
    "ύδρευσης",
    "κτιρίων",
    "παιδικών",
    "χαρτιού",
]
STREETS = [
    "Εγνατίας",
    "Τσιμισκή",
    "Κασσάνδρου",
    "Αγίου Δημητρίου",
    "Μητροπόλεως",
    "Ολύμπου",
    "Βασ. Όλγας",
    "Δελφών",
    "Λαγκαδά",
    "Μοναστηρίου",
]
CPV = [
    "45233120-6",
    "45233140-2",
    "45233141-9",
    "45262522-6",
    "45453000-7",
    "45310000-3",
    "34144900-7",
    "34144511-3",
    "34114000-9",
    "30192000-1",
    "30213100-6",
    "30232110-8",
    "09134100-8",
    "09132100-4",
    "48000000-8",
    "48800000-6",
    "72212000-4",
    "72267000-4",
    "90911200-8",
    "90910000-9",
    "90511000-2",
    "77310000-6",
    "77311000-3",
    "77211500-7",
    "50112000-3",
    "50110000-9",
    "50232100-1",
    "39162100-6",
    "39160000-1",
    "37535200-9",
    "31520000-7",
    "31527200-8",
    "34928530-2",
    "44613800-8",
    "44111000-1",
    "44192000-2",
    "15800000-6",
    "55524000-9",
    "79341000-6",
    "71322000-1",
]


class Rollback(Exception):
    pass


def bulk_insert(model, rows, **options):
    return seed_insert(model, rows, at=timezone.now(), **options)


def _departments(rng) -> list[Department]:
    departments = list(Department.objects.all()[:20])
    if len(departments) < 5:
        departments += bulk_insert(
            Department,
            [
                Department(name=f"Διεύθυνση δοκιμών {n}", slug=f"bench-alerts-{n}")
                for n in range(10)
            ],
        )
    return departments


def _categories(departments) -> list[Category]:
    categories = list(Category.objects.filter(is_active=True)[:30])
    if len(categories) < 5:
        categories += bulk_insert(
            Category,
            [
                Category(
                    code=f"bench-alerts-{n}", name=f"Κατηγορία {n}", department=departments[n % 5]
                )
                for n in range(20)
            ],
        )
    return categories


def _point(rng) -> tuple[Decimal, Decimal]:
    bounds = municipality().bounds
    latitude = Decimal(rng.uniform(float(bounds.south), float(bounds.north))).quantize(
        Decimal("0.000001")
    )
    longitude = Decimal(rng.uniform(float(bounds.west), float(bounds.east))).quantize(
        Decimal("0.000001")
    )
    return latitude, longitude


def seed_events(rng, count: int, now) -> tuple[list[Procurement], list[Complaint]]:
    """Half procurements published in the last day, half complaint timeline entries."""
    departments = _departments(rng)
    categories = _categories(departments)
    procurements = bulk_insert(
        Procurement,
        [
            Procurement(
                title=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} — διαδικασία {n}",
                description=" ".join(rng.choices(WORDS, k=12)),
                contract_type=rng.choice(ContractType.values),
                procedure=rng.choice(Procedure.values),
                cpv_codes=rng.sample(CPV, k=rng.randint(1, 3)),
                department=rng.choice(departments),
                estimated_net=Decimal(rng.randint(1_000, 2_000_000)),
                estimated_vat=Decimal(0),
                is_published=True,
                published_at=now - timedelta(seconds=rng.randint(60, 86_000)),
            )
            for n in range(count // 2)
        ],
    )
    complaints = []
    for n in range(count // 4):
        latitude, longitude = _point(rng)
        category = rng.choice(categories)
        complaints.append(
            Complaint(
                protocol_number=f"2099-{n:06d}",
                category=category,
                department=category.department,
                subject="Θέμα",
                description="Περιγραφή",
                public_summary=f"Πρόβλημα στην οδό {rng.choice(STREETS)} ({n}).",
                public_area=rng.choice(STREETS),
                latitude=latitude,
                longitude=longitude,
                is_published=True,
                deadline=now.date() + timedelta(days=50),
                submitted_at=now - timedelta(days=2),
                tracking_secret_hash="0" * 64,
            )
        )
    complaints = bulk_insert(Complaint, complaints)
    entries = []
    for complaint in complaints:
        entries.append(
            TimelineEntry(
                complaint=complaint,
                kind=TimelineKind.PUBLISHED,
                created_at=now - timedelta(seconds=rng.randint(3_600, 86_000)),
            )
        )
        entries.append(
            TimelineEntry(
                complaint=complaint,
                kind=TimelineKind.STATUS_CHANGED,
                is_public=True,
                to_status=ComplaintStatus.IN_PROGRESS,
                created_at=now - timedelta(seconds=rng.randint(60, 3_500)),
            )
        )
    bulk_insert(TimelineEntry, entries)
    return procurements, complaints


def _box(rng) -> dict[str, str]:
    bounds = municipality().bounds
    south = Decimal(rng.uniform(float(bounds.south), float(bounds.north) - 0.03))
    west = Decimal(rng.uniform(float(bounds.west), float(bounds.east) - 0.04))
    places = Decimal("0.000001")
    return {
        "south": str(south.quantize(places)),
        "west": str(west.quantize(places)),
        "north": str((south + Decimal("0.03")).quantize(places)),
        "east": str((west + Decimal("0.04")).quantize(places)),
    }


def _criteria(rng, kind: str, departments, categories, procurements, complaints) -> dict:
    if kind == "procurement.notices":
        criteria = {}
        # A supplier's filter: CPV prefixes of three to five digits, often with more.
        criteria = {
            "cpv": ", ".join(sorted({code[: rng.randint(3, 5)] for code in rng.sample(CPV, 2)}))
        }
        if rng.random() < 0.3:
            criteria["words"] = rng.choice(WORDS)
        if rng.random() < 0.2:
            criteria["department"] = rng.choice(departments).slug
        if rng.random() < 0.2:
            criteria["procedure"] = rng.choice(Procedure.values)
        return criteria
    if kind == "complaints.register":
        criteria = {}
        if rng.random() < 0.6:
            criteria["categories"] = sorted({rng.choice(categories).code for _ in range(2)})
        if rng.random() < 0.3:
            criteria["area"] = rng.choice(STREETS)
        if rng.random() < 0.4 or not criteria:
            criteria |= _box(rng)
        return criteria
    if kind == "procurement.procurement":
        return {"procurement": str(rng.choice(procurements).pk)}
    return {"protocol": rng.choice(complaints).protocol_number}


def seed_subscriptions(rng, count: int, now, procurements, complaints) -> None:
    departments = list(Department.objects.all())
    categories = list(Category.objects.filter(is_active=True))
    subscribers = bulk_insert(
        Subscriber,
        [Subscriber(email=f"bench-{n}@example.org") for n in range(max(1, count * 6 // 10))],
    )
    kinds = ["procurement.notices"] * 4 + ["complaints.register"] * 4
    kinds += ["procurement.procurement", "complaints.complaint"]
    rows = []
    for n in range(count):
        kind = rng.choice(kinds)
        rows.append(
            Subscription(
                subscriber=subscribers[n % len(subscribers)],
                source=kind,
                criteria=_criteria(rng, kind, departments, categories, procurements, complaints),
                summary="",
                frequency=rng.choice(
                    [Frequency.DAILY] * 8 + [Frequency.WEEKLY, Frequency.IMMEDIATE]
                ),
                status=Status.ACTIVE,
                confirmed_at=now - timedelta(days=2),
            )
        )
    # Identical criteria of one subscriber are refused by a constraint; drop the repeats.
    seen, unique = set(), []
    for row in rows:
        key = (row.subscriber.pk, row.source, repr(sorted(row.criteria.items())))
        if key not in seen:
            seen.add(key)
            unique.append(row)
    bulk_insert(Subscription, unique)


def run(now, *, traced: bool):
    """One daily run in a savepoint that is rolled back: seconds, peak, report, queries."""
    peak = 0
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    sid = transaction.savepoint()
    try:
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            report = alerts_send(now=now)
        seconds = time.perf_counter() - started
        if traced:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    finally:
        transaction.savepoint_rollback(sid)
    return seconds, peak, report, queries[0]


def measure(rng, subscriptions: int, events: int) -> dict:
    now = timezone.now()
    with transaction.atomic():
        procurements, complaints = seed_events(rng, events, now)
        seed_subscriptions(rng, subscriptions, now, procurements, complaints)
        count = Subscription.objects.count()
        seconds, _peak, report, queries = run(now, traced=False)
        _seconds, peak, _report, _queries = run(now, traced=True)
        transaction.set_rollback(True)
    return {
        "subscriptions": count,
        "events": report.events,
        "emails": report.emails,
        "seconds": seconds,
        "peak_mb": peak / 1_048_576,
        "queries": queries,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--scale", type=int, default=1, help="ignored (make bench passes it)")
    args = parser.parse_args()
    # Emails are queued as task rows (rolled back with the rest), as in production.
    tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    results = []
    with override_settings(TASKS=tasks):
        for subscriptions in (args.subscriptions // 4, args.subscriptions):
            result = measure(random.Random(2026), subscriptions, args.events)
            results.append(result)
            print(
                f"{result['subscriptions']:>6} subscriptions × {result['events']} events: "
                f"{result['seconds']:.1f} s, {result['emails']} emails queued, "
                f"{result['queries']} queries, peak {result['peak_mb']:.1f} MB (tracemalloc)",
                flush=True,
            )
    small, full = results
    ok = full["seconds"] < TARGET_SECONDS and full["peak_mb"] < 2 * max(small["peak_mb"], 1)
    print(f"target < {TARGET_SECONDS} s and a flat peak: {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
