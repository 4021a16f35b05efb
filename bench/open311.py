"""Benchmark GET /open311/v2/requests.json returning 1,000 requests.

Usage: .venv/bin/python bench/open311.py [--scale N] [--runs R]

Generates 10,000 × N complaints (scale 100 ≈ 1,000,000, as seed_demo's
contract says) spread over the last two years, about 70% published, a fifth
with a public reply and a few with an approved photo, into the configured
database; it replaces every complaint only when the generated ones there are
not exactly that many. Then it times R sequential requests through the Django
test client and prints requests/s, the median and the 95th percentile of
wall-clock time, and the median CPU time of this process (what other load on
the machine cannot inflate; the database's own time is outside it).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints.models import (  # noqa: E402
    Attachment,
    Category,
    CategoryGroup,
    Complaint,
    ProtocolCounter,
    Status,
    TimelineEntry,
)
from portal import seed as portal_seed  # noqa: E402
from portal.models import Department  # noqa: E402
from portal.seeding import SeedContext, truncate  # noqa: E402

PER_SCALE = 10_000
STREETS = ["Εγνατίας", "Τσιμισκή", "Αγίας Σοφίας", "Λεωφόρος Νίκης", "Βασιλίσσης Όλγας", "Δελφών"]
CATEGORIES = [
    ("bench-lakkouves", "Λακκούβες", CategoryGroup.ROADS, "odopoiia"),
    ("bench-fota", "Σβηστά φώτα", CategoryGroup.LIGHTING, "ilektrofotismos"),
    ("bench-kadoi", "Γεμάτοι κάδοι", CategoryGroup.CLEANLINESS, "kathariotita"),
    ("bench-dentra", "Κλάδεμα δέντρων", CategoryGroup.GREEN, "prasino"),
    ("bench-adespota", "Αδέσποτα", CategoryGroup.ANIMALS, "adespota"),
    ("bench-stathmefsi", "Παράνομη στάθμευση", CategoryGroup.TRAFFIC, "dimotiki-astynomia"),
]
STATUSES = [Status.SUBMITTED, Status.FORWARDED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED]


def categories(rng: random.Random) -> list[Category]:
    if not Department.objects.exists():
        portal_seed.seed(
            SeedContext(
                rng=rng, scale=1, today=timezone.localdate(), stdout=OutputWrapper(sys.stdout)
            )
        )
    made = []
    for code, name, group, slug in CATEGORIES:
        department = Department.objects.filter(slug=slug).first() or Department.objects.first()
        category, _created = Category.objects.get_or_create(
            code=code, defaults={"name": name, "group": group, "department": department}
        )
        made.append(category)
    return made


GENERATE_SQL = """
WITH drawn AS (
    SELECT now() - random() * interval '730 days' AS submitted_at,
           floor(random() * %(categories)s)::int + 1 AS category,
           floor(random() * %(streets)s)::int + 1 AS street,
           floor(random() * %(statuses)s)::int + 1 AS status,
           random() < 0.7 AS published,
           random() AS r
    FROM generate_series(1, %(total)s)
), numbered AS (
    SELECT drawn.*,
           extract(year FROM submitted_at AT TIME ZONE 'Europe/Athens')::int AS year,
           row_number() OVER (
               PARTITION BY extract(year FROM submitted_at AT TIME ZONE 'Europe/Athens')
               ORDER BY submitted_at
           ) AS number
    FROM drawn
)
INSERT INTO complaints_complaint (
    search_document, protocol_number, kind, subject, description, address, public_area,
    latitude, longitude, citizen_name, citizen_email, citizen_phone, status, source,
    submitted_at, updated_at, deadline, paused_days, satisfaction, public_summary,
    is_published, tracking_secret_hash, answers, category_id, department_id
)
SELECT '', year || '-' || lpad(number::text, 6, '0'), 'request', 'Αίτημα δοκιμής φόρτου',
       'Ιδιωτική περιγραφή του πολίτη.',
       (%(street_names)s::text[])[street] || ' ' || (1 + floor(r * 200))::int,
       (%(street_names)s::text[])[street],
       round((40.58 + r * 0.08)::numeric, 6), round((22.90 + random() * 0.09)::numeric, 6),
       'Πολίτης Δοκιμής', 'bench@example.gr', '', (%(status_names)s::text[])[status],
       CASE WHEN r < 0.5 THEN 'web' ELSE 'open311' END,
       submitted_at, submitted_at + interval '1 day',
       (submitted_at AT TIME ZONE 'Europe/Athens')::date + 50, 0, '',
       CASE WHEN published
            THEN (%(category_names)s::text[])[category] || ' στην οδό '
                 || (%(street_names)s::text[])[street] || '.'
            ELSE '' END,
       published, repeat('0', 64), '{}'::jsonb,
       (%(category_ids)s::bigint[])[category], (%(department_ids)s::bigint[])[category]
FROM numbered
"""
REPLIES_SQL = """
INSERT INTO complaints_timelineentry
    (kind, is_public, text, from_status, to_status, created_at, complaint_id)
SELECT 'public_reply', true, 'Το συνεργείο ενημερώθηκε και θα επέμβει σύντομα.', '', '',
       submitted_at + interval '2 days', id
FROM complaints_complaint WHERE random() < 0.2
"""
PHOTOS_SQL = """
INSERT INTO complaints_attachment
    (file, original_name, media_type, size, is_public_photo, uploaded_at, complaint_id)
SELECT 'complaints/bench/' || id || '.jpg', 'photo.jpg', 'image/jpeg', 1000, true,
       submitted_at, id
FROM complaints_complaint WHERE random() < 0.05
"""
COUNTERS_SQL = """
INSERT INTO complaints_protocolcounter (year, last_number)
SELECT split_part(protocol_number, '-', 1)::int, max(split_part(protocol_number, '-', 2)::int)
FROM complaints_complaint GROUP BY 1
"""


def generate(total: int, rng: random.Random) -> None:
    """Replace every complaint with `total` generated ones, made inside PostgreSQL."""
    truncate(Attachment, TimelineEntry, Complaint, ProtocolCounter)
    pool = categories(rng)
    started = time.perf_counter()
    params = {
        "total": total,
        "categories": len(pool),
        "category_ids": [category.pk for category in pool],
        "department_ids": [category.department_id for category in pool],
        "category_names": [category.name for category in pool],
        "streets": len(STREETS),
        "street_names": STREETS,
        "statuses": len(STATUSES),
        "status_names": [str(status) for status in STATUSES],
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(GENERATE_SQL, params)
        print(f"  {total:,} complaints ({time.perf_counter() - started:.0f} s)")
        for sql in (REPLIES_SQL, PHOTOS_SQL, COUNTERS_SQL):
            cursor.execute(sql)
    with connection.cursor() as cursor:
        for table in ("complaints_complaint", "complaints_timelineentry", "complaints_attachment"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"  replies, photos, counters, analyse ({time.perf_counter() - started:.0f} s)")


def time_requests(path: str, runs: int) -> tuple[list[float], list[float]]:
    """Return the wall-clock and CPU seconds of `runs` sequential GETs of `path`."""
    client = Client()
    wall, cpu = [], []
    for run in range(runs):
        # A different client address per call keeps the per-address rate limit out of the way.
        address = f"127.0.{run // 250}.{run % 250 + 1}"
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, secure=True, HTTP_HOST="127.0.0.1", REMOTE_ADDR=address)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
    return wall, cpu


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def report(label: str, timings: tuple[list[float], list[float]], results: int | None = None):
    wall, cpu = timings
    extra = f", {results:,} results" if results is not None else ""
    print(
        f"{label}: {len(wall) / sum(wall):.1f} requests/s, "
        f"median {statistics.median(wall) * 1000:.1f} ms, p95 {_p95(wall) * 1000:.1f} ms; "
        f"server-process CPU median {statistics.median(cpu) * 1000:.1f} ms "
        f"({len(wall)} runs{extra})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    # make bench passes the same arguments to every script: ignore the ones of others.
    args, _others = parser.parse_known_args()
    total = PER_SCALE * args.scale
    rng = random.Random(args.seed)
    if Complaint.objects.filter(category__code__startswith="bench-").count() != total:
        print(f"Generating {total:,} complaints (scale {args.scale})…")
        generate(total, rng)
    else:
        print(f"Reusing the {total:,} complaints already there (scale {args.scale}).")
    window = Complaint.objects.filter(
        is_published=True, submitted_at__gte=timezone.now() - timedelta(days=90)
    ).count()
    print(f"Published in the last 90 days: {window:,}")

    client = Client()
    warm = client.get("/open311/v2/requests.json", secure=True, HTTP_HOST="127.0.0.1")
    results = len(warm.json())
    report(
        "GET requests.json (default: last 90 days)",
        time_requests("/open311/v2/requests.json", args.runs),
        results,
    )
    report(
        "GET requests.json?status=closed&service_code=bench-lakkouves,bench-kadoi",
        time_requests(
            "/open311/v2/requests.json?status=closed&service_code=bench-lakkouves,bench-kadoi",
            args.runs,
        ),
    )
    report("GET requests.xml", time_requests("/open311/v2/requests.xml", args.runs), results)
    some = Complaint.objects.filter(is_published=True).values_list("protocol_number", flat=True)[:1]
    report(
        f"GET requests/{some[0]}.json",
        time_requests(f"/open311/v2/requests/{some[0]}.json", args.runs),
    )
    report("GET services.json", time_requests("/open311/v2/services.json", args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
