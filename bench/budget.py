"""Benchmark the budget pages: N lines a year × 12 months × 3 years (default 5,000 lines).

Replaces the budget data of the configured database (other apps are left alone)
with generated lines and cumulative monthly execution, then prints the median
time of the year at a glance, the treemap (top level and drilled to a
four-digit code), a line page and the import of one month. Targets: pages
< 100 ms median, a month's import < 5 s.

    .venv/bin/python bench/budget.py [--lines 5000] [--runs 20]
"""

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._timing import median_ms  # noqa: E402
from budget.imports import HEADER  # noqa: E402
from budget.models import Account, Change, Execution, Kind, Line, Revision, Service, Year  # noqa: E402
from budget.seed import EXPENDITURE_GROUPS, REVENUE_GROUPS, SERVICES  # noqa: E402
from budget.services import execution_import  # noqa: E402
from portal.search import search_document  # noqa: E402
from portal.seeding import truncate  # noqa: E402

TARGET_MS = 100
YEARS = 3


def _kae(rng: random.Random, kind: str) -> str:
    groups = EXPENDITURE_GROUPS if kind == Kind.EXPENDITURE else REVENUE_GROUPS
    four = [code for code in groups if len(code) == 4]
    return f"{rng.choice(four)}.{rng.randint(1, 9999):04d}"


def generate(lines_per_year: int) -> Year:
    rng = random.Random(11)
    truncate(Execution, Change, Revision, Line, Year, Account, Service)
    Account.objects.bulk_create(
        [Account(kind=Kind.REVENUE, code=c, title=t) for c, t in REVENUE_GROUPS.items()]
        + [Account(kind=Kind.EXPENDITURE, code=c, title=t) for c, t in EXPENDITURE_GROUPS.items()]
    )
    services = [Service.objects.create(code=code, name=name) for code, name, _slug in SERVICES]
    this_year = timezone.localdate().year
    year = None
    for offset in range(YEARS):
        year = Year.objects.create(year=this_year - YEARS + 1 + offset, is_published=True)
        rows, seen = [], set()
        while len(rows) < lines_per_year:
            kind = Kind.EXPENDITURE if rng.random() < 0.7 else Kind.REVENUE
            service = rng.choice(services) if kind == Kind.EXPENDITURE else None
            kae = _kae(rng, kind)
            code = f"{service.code}-{kae}" if service else kae
            if code in seen:
                continue
            seen.add(code)
            line = Line(
                year=year,
                kind=kind,
                service=service,
                kae=kae,
                code=code,
                title=f"Γραμμή {code}",
                initial=Decimal(rng.randint(1_000, 5_000_000)),
            )
            line.search_document = search_document(code, kae, line.title)
            rows.append(line)
        lines = Line.objects.bulk_create(rows, batch_size=5000)
        executions = []
        for line in lines:
            for month in range(1, 13):
                share = line.initial * month / 12
                executions.append(
                    Execution(
                        line=line,
                        month=month,
                        assessed=share,
                        collected=share * Decimal("0.8"),
                        committed=share,
                        ordered=share * Decimal("0.9"),
                        paid=share * Decimal("0.8"),
                    )
                )
        Execution.objects.bulk_create(executions, batch_size=10000)
    assert year is not None
    return year


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args, _unknown = parser.parse_known_args()  # make bench passes the same args to all
    started = time.perf_counter()
    with transaction.atomic():
        year = generate(args.lines)
    print(
        f"budget: {Line.objects.count()} lines, {Execution.objects.count()} monthly figures "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        measure(year, args.runs)


def measure(year: Year, runs: int) -> None:
    client = Client(SERVER_NAME="localhost")
    line = Line.objects.filter(year=year, kind=Kind.EXPENDITURE).order_by("code").first()
    assert line is not None
    pages = [
        ("year at a glance", reverse("budget:index")),
        ("treemap, top level", reverse("budget:year", args=[year.year])),
        ("treemap, by service", reverse("budget:year", args=[year.year]) + "?by=service"),
        (
            "treemap, four-digit code",
            reverse("budget:year", args=[year.year]) + f"?kae={line.kae[:4]}",
        ),
        ("line page", line.get_absolute_url()),
    ]
    for label, url in pages:
        ms = median_ms(client, url, runs)
        verdict = "ok" if ms < TARGET_MS else f"OVER {TARGET_MS} ms"
        print(f"  {label:<28} median {ms:7.1f} ms  ({verdict})")
    codes = Line.objects.filter(year=year).values_list("code", flat=True)
    content = "\n".join([";".join(HEADER), *(f"{code};;0;1;1;1;1;1" for code in codes)]).encode()
    started = time.perf_counter()
    report = execution_import(
        year=year, month=12, name="month.csv", content=content, dry_run=False, actor=None
    )
    seconds = time.perf_counter() - started
    verdict = "ok" if seconds < 5 else "OVER 5 s"
    print(f"  {'import of one month':<28} {seconds:7.2f} s  ({report.rows} rows, {verdict})")


if __name__ == "__main__":
    main()
