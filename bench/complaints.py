"""Benchmark the complaints service: public pages, the staff queue, reports and the export.

Usage: .venv/bin/python bench/complaints.py [--scale N] [--runs R] [--no-seed] [--only-complaints]

Seeds `seed_demo --reset --scale N` into the configured database (scale 100 ≈
1,000,000 complaints) and prints the seeding time; `--only-complaints` seeds
just the portal core and complaints (the same seeders, the other apps left
empty); `--no-seed` measures the data already there. Then it prints the
median server time (Django test client, in process) of the public register,
the admin queue filtered by department and status, the private tracking page
and the semiannual report, and the semester CSV export's rows/s and peak
Python memory (tracemalloc) beside PostgreSQL's own COPY of the same rows.
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints import seed as complaints_seed  # noqa: E402
from complaints.models import Complaint, Status  # noqa: E402
from complaints.reports import Semester, semester_report  # noqa: E402
from portal import seed as portal_seed  # noqa: E402
from portal.models import Department  # noqa: E402
from portal.seeding import SeedContext, truncate  # noqa: E402
from portal.tokens import token_hash  # noqa: E402
from tests.signin import sign_in  # noqa: E402

TRACKING_SECRET = "bench-tracking-secret"
HOST = "127.0.0.1"


def seed(scale: int, only_complaints: bool) -> float:
    started = time.perf_counter()
    if only_complaints:
        import random

        context = SeedContext(
            rng=random.Random(2026),
            scale=scale,
            today=timezone.localdate(),
            stdout=OutputWrapper(sys.stdout),
        )
        with transaction.atomic():
            truncate(
                *[
                    model
                    for label in ("portal", "complaints")
                    for model in apps.get_app_config(label).get_models()
                    if not model._meta.proxy
                ]
            )
            User.objects.filter(username__in=[row[0] for row in portal_seed.DEMO_STAFF]).delete()
            portal_seed.seed(context)
            complaints_seed.seed(context)
    else:
        call_command("seed_demo", reset=True, scale=scale)
    seeded = time.perf_counter() - started
    # What autovacuum does soon after a bulk load in production: statistics and the
    # visibility map (index-only counts for the queue).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return seeded


def median_ms(client: Client, url: str, runs: int, **params) -> str:
    """Time R requests; return the median wall-clock and CPU time of this process, in ms.

    On a shared machine the wall-clock time includes waiting for a CPU; the
    process CPU time does not (the database's own work is outside it).
    """
    response = client.get(url, params, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, response.status_code)
    wall, cpu = [], []
    for _run in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url, params, HTTP_HOST=HOST)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return f"{statistics.median(wall):.1f} ms (CPU {statistics.median(cpu):.1f} ms)"


def staff_client(username: str) -> Client:
    client = Client()
    sign_in(client, User.objects.get(username=username))
    return client


def tracking_client() -> tuple[Client, str]:
    """Give one seeded complaint a known secret and open its private link once."""
    complaint = Complaint.objects.filter(anonymised_at__isnull=True).order_by("-id").first()
    Complaint.objects.filter(pk=complaint.pk).update(
        tracking_secret_hash=token_hash(TRACKING_SECRET)
    )
    client = Client()
    client.get(f"/complaints/track/{complaint.protocol_number}/{TRACKING_SECRET}/", HTTP_HOST=HOST)
    return client, f"/complaints/track/{complaint.protocol_number}/"


def export_figures(client: Client, semester: Semester) -> tuple[int, float, float]:
    """Stream the semester export through the admin; return rows, seconds, peak MB."""
    params = {"year": semester.year, "half": semester.half, "download": "1"}
    started = time.perf_counter()
    response = client.get("/admin/complaints/complaint/export/", params, HTTP_HOST=HOST)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    seconds = time.perf_counter() - started
    tracemalloc.start()
    response = client.get("/admin/complaints/complaint/export/", params, HTTP_HOST=HOST)
    for _chunk in response.streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return rows, seconds, peak


def copy_figures(semester: Semester) -> tuple[int, float]:
    """PostgreSQL's COPY of the same rows (every column of the table), as the yardstick."""
    start, end = semester.bounds()
    table = connection.ops.quote_name(Complaint._meta.db_table)
    statement = (
        f"COPY (SELECT * FROM {table} WHERE submitted_at >= %s AND submitted_at < %s "
        "ORDER BY submitted_at, id) TO STDOUT WITH (FORMAT csv)"
    )
    rows = 0
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(statement, [start, end]) as copy:
        for block in copy:
            rows += bytes(block).count(b"\n")
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--only-complaints", action="store_true")
    options = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    # No collectstatic manifest is needed to render pages in process.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    if not options.no_seed:
        seconds = seed(options.scale, options.only_complaints)
        print(f"seeding (scale {options.scale}): {seconds:.1f} s (then VACUUM ANALYZE)")
    total = Complaint.objects.count()
    print(f"complaints in the database: {total:,}")

    public = Client()
    register = median_ms(public, "/complaints/", options.runs)
    searched = median_ms(public, "/complaints/", options.runs, q="λακκουβα")

    officer = staff_client("diafaneia")
    department = Department.objects.get(slug="kathariotita")
    queue_url = "/admin/complaints/complaint/"
    queue_all = median_ms(
        officer,
        queue_url,
        options.runs,
        department__id__exact=department.pk,
        status__exact=Status.IN_PROGRESS,
    )
    clerk_queue = median_ms(
        staff_client("kathariotita"), queue_url, options.runs, status__exact=Status.SUBMITTED
    )
    overdue = median_ms(officer, queue_url, options.runs, overdue="yes")
    unfiltered = median_ms(officer, queue_url, options.runs)

    tracker, track_url = tracking_client()
    track = median_ms(tracker, track_url, options.runs)

    semester = Semester.containing(timezone.localdate()).previous()
    report_runs = max(3, options.runs // 4)
    timings = []
    for _run in range(report_runs):
        started = time.perf_counter()
        semester_report(semester=semester)
        timings.append(time.perf_counter() - started)
    report_query = statistics.median(timings) * 1000
    report_page = median_ms(
        officer,
        "/admin/complaints/complaint/report/",
        report_runs,
        year=semester.year,
        half=semester.half,
    )

    rows, export_seconds, peak = export_figures(officer, semester)
    copy_rows, copy_seconds = copy_figures(semester)
    export_rate, copy_rate = rows / export_seconds, copy_rows / copy_seconds

    print(f"public register /complaints/ median: {register}")
    print(f"public register, searched, median: {searched}")
    print(f"admin queue, department + status (Transparency) median: {queue_all}")
    print(f"admin queue, status (department clerk) median: {clerk_queue}")
    print(f"admin queue, overdue median: {overdue}")
    print(f"admin queue, unfiltered (Transparency) median: {unfiltered}")
    print(f"private tracking page median: {track}")
    print(f"semiannual report ({semester.label}) query median: {report_query:.1f} ms")
    print(f"semiannual report admin page median: {report_page}")
    print(
        f"semester CSV export: {rows:,} rows in {export_seconds:.2f} s "
        f"= {export_rate:,.0f} rows/s, peak Python memory {peak:.1f} MB"
    )
    print(
        f"PostgreSQL COPY of the same rows: {copy_rows:,} rows in {copy_seconds:.2f} s "
        f"= {copy_rate:,.0f} rows/s; export is {100 * export_rate / copy_rate:.0f} % of COPY"
    )


if __name__ == "__main__":
    main()
