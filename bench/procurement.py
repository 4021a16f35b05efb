"""Benchmark the procurement app at scale: filtered list, full-text search, bulk OCDS.

Empties the procurement tables of the configured database, seeds
1,000 × scale procurements with their KIMDIS stages and Diavgeia decisions
(departments are seeded first when there are none), then prints
  1. the median time of a filtered, sorted list page,
  2. the median time of full-text searches (Greek words without accents,
     a ΑΔΑΜ, a supplier's ΑΦΜ),
  3. the throughput of the bulk OCDS releases endpoint (releases/s) and of
     the records endpoint (records/s).

    .venv/bin/python bench/procurement.py [--scale 100] [--runs 15] [--pages 10]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal import seed as portal_seed  # noqa: E402
from portal.models import Department  # noqa: E402
from portal.seeding import SeedContext, truncate  # noqa: E402
from procurement import seed as procurement_seed  # noqa: E402
from procurement.models import (  # noqa: E402
    DiavgeiaDecision,
    Document,
    Procurement,
    Stage,
    StageKind,
    Supplier,
)

TARGET_MS = 100


def median_ms(client: Client, url: str, runs: int) -> float:
    client.get(url)
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def seed(scale: int) -> float:
    started = time.perf_counter()
    context = SeedContext(
        rng=random.Random(2026),
        scale=scale,
        today=timezone.localdate(),
        stdout=OutputWrapper(sys.stdout),
    )
    with transaction.atomic():
        truncate(Document, DiavgeiaDecision, Stage, Procurement, Supplier)
        if not Department.objects.exists():
            portal_seed.seed(context)
        procurement_seed.seed(context)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE procurement_procurement, procurement_stage")
    return time.perf_counter() - started


def throughput(client: Client, path: str, key: str, pages: int) -> tuple[float, int]:
    url, items, elapsed = path, 0, 0.0
    for _page in range(pages):
        started = time.perf_counter()
        response = client.get(url)
        elapsed += time.perf_counter() - started
        package = response.json()
        items += len(package[key])
        url = package.get("links", {}).get("next")
        if not url:
            break
    return items / elapsed, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--no-seed", action="store_true", help="measure the data already there")
    args = parser.parse_args()

    if not args.no_seed:
        print(f"seeding scale {args.scale}: {seed(args.scale):.1f} s")
    total = Procurement.objects.count()
    print(f"{total} procurements, {Stage.objects.count()} stages")

    # Plain static storage: the bench measures pages, not whether collectstatic ran.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        measure(args)


def measure(args) -> None:
    client = Client(HTTP_HOST="localhost")
    adam = Stage.objects.filter(kind=StageKind.AWARD).order_by("-id").values_list("adam", flat=True)
    afm = Supplier.objects.order_by("id").values_list("afm", flat=True)
    lists = {
        "filtered list (works, completed, by amount)": (
            "/procurement/?contract_type=works&status=completed&sort=-amount"
        ),
        "filtered list (department, date range, page 3)": (
            "/procurement/?department=kathariotita&published_after=2025-01-01&page=3"
        ),
        "list, CPV prefix and amount range": "/procurement/?cpv=45233&amount_min=100000",
    }
    searches = {
        "search «ασφαλτοστρωσεις τουμπα»": "/procurement/?q=ασφαλτοστρωσεις+τουμπα",
        "search «ΠΡΟΜΗΘΕΙΑ ΚΑΥΣΙΜΩΝ» + filter": (
            "/procurement/?q=ΠΡΟΜΗΘΕΙΑ+ΚΑΥΣΙΜΩΝ&status=completed"
        ),
        "search by ΑΔΑΜ": f"/procurement/?q={adam.first()}",
        "search by supplier ΑΦΜ": f"/procurement/?q={afm.first()}",
    }
    print(f"\nmedian of {args.runs} runs (target < {TARGET_MS} ms):")
    for label, url in {**lists, **searches}.items():
        value = median_ms(client, url, args.runs)
        verdict = "ok" if value < TARGET_MS else "SLOW"
        print(f"  {label:50s} {value:7.1f} ms  {verdict}")
    detail = Procurement.objects.filter(is_published=True).order_by("-id").first()
    value = median_ms(client, detail.get_absolute_url(), args.runs)
    print(f"  {'detail page':50s} {value:7.1f} ms")

    print(f"\nbulk OCDS, {args.pages} pages of 100 procurements:")
    rate, count = throughput(client, "/procurement/ocds/releases.json", "releases", args.pages)
    print(f"  releases.json: {rate:8.0f} releases/s ({count} releases)")
    rate, count = throughput(client, "/procurement/ocds/records.json", "records", args.pages)
    print(f"  records.json:  {rate:8.0f} records/s ({count} records)")


if __name__ == "__main__":
    main()
