"""Benchmark the disclosures pages: 10 years × 60 officials × 40 entries (× --scale officials).

Replaces the disclosures data of the configured database (other apps are left
alone) with generated declarations, then prints the median time of the
officials directory, a declaration page, a comparison page and the open data
files. Target: < 100 ms for the three pages.

    .venv/bin/python bench/disclosures.py [--scale N] [--runs 30]
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._timing import median_ms  # noqa: E402
from disclosures.models import Declaration, Entry, Faction, Official, Term  # noqa: E402
from disclosures.sections import SECTIONS  # noqa: E402
from portal.seeding import bulk_insert as seed_insert  # noqa: E402
from portal.seeding import truncate  # noqa: E402


def bulk_insert(model, rows, **options):
    """Insert as the seeders do; a benchmark's rows are created now (its own clock)."""
    return seed_insert(model, rows, at=timezone.now(), **options)


YEARS = 10
OFFICIALS = 60
ENTRIES = 40
TARGET_MS = 100
ATHENS = ZoneInfo("Europe/Athens")
REGIONS = ["Καλαμαριά, Θεσσαλονίκη", "Θέρμη, Θεσσαλονίκη", "Κασσάνδρα, Χαλκιδική", "Σέρρες"]


def _entry(rng: random.Random, n: int) -> Entry:
    section = list(Entry.Section)[n % len(Entry.Section)]
    spec = SECTIONS[section]
    entry = Entry(section=section, kind=spec.kinds[n % len(spec.kinds)], position=n)
    if section == Entry.Section.REAL_ESTATE:
        entry.location = REGIONS[n % len(REGIONS)]
        entry.area_m2 = Decimal(rng.randint(20, 200))
    elif section == Entry.Section.VEHICLES:
        entry.year = 2000 + n % 24
    elif section == Entry.Section.DEPOSITS:
        entry.institution = f"Τράπεζα {n % 6}"
    if section == Entry.Section.HOLDINGS:
        entry.description = f"Εταιρεία {n}"
        entry.share_percent = Decimal(rng.randint(1, 100))
    if section == Entry.Section.OTHER:
        entry.description = f"Στοιχείο {n}"
    if spec.monetary:
        entry.amount = Decimal(rng.randint(100, 10_000_000)) / 100
    return entry


def generate(scale: int) -> tuple[Official, Declaration]:
    """Write the benchmark data with bulk_create; return an official and a declaration."""
    rng = random.Random(7)
    truncate(Entry, Declaration, Term, Official, Faction)
    factions = bulk_insert(
        Faction, [Faction(name=f"Παράταξη {n}", slug=f"parataxi-{n}") for n in range(5)]
    )
    officials = []
    for n in range(OFFICIALS * scale):
        official = Official(
            name=f"Αιρετός Μετρήσεων {n:04d}",
            gender=Official.Gender.MALE,
            slug=f"bench-{n}",
            faction=factions[n % 5],
        )
        official.refresh_search_document()
        officials.append(official)
    bulk_insert(Official, officials)
    bulk_insert(
        Term,
        [
            Term(official=o, role=Term.Role.COUNCILLOR, start=date(2016 + n % 8, 1, 1))
            for n, o in enumerate(officials)
        ],
    )
    first = date.today().year - YEARS
    declarations = [
        Declaration(
            official=official,
            fiscal_year=first + year,
            declaration_year=first + year + 1,
            kind=Declaration.Kind.ANNUAL,
            submitted_on=date(first + year + 1, 6, 1),
            status=Declaration.Status.PUBLISHED,
            published_at=datetime(first + year + 1, 9, 1, 10, tzinfo=ATHENS),
        )
        for official in officials
        for year in range(YEARS)
    ]
    bulk_insert(Declaration, declarations)
    entries = []
    for declaration in declarations:
        for n in range(ENTRIES):
            entry = _entry(rng, n)
            entry.declaration = declaration
            entries.append(entry)
    bulk_insert(Entry, entries)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE disclosures_entry, disclosures_declaration, disclosures_official")
    return officials[OFFICIALS // 2], declarations[len(declarations) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    args, _unknown = parser.parse_known_args()  # make bench passes the same args to all

    started = time.perf_counter()
    with transaction.atomic():
        official, declaration = generate(args.scale)
    print(
        f"disclosures: {Official.objects.count()} officials, {Declaration.objects.count()} "
        f"declarations, {Entry.objects.count()} entries "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    # Plain static storage: the bench measures pages, not whether collectstatic ran.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        measure(official, declaration, args.runs)


def measure(official: Official, declaration: Declaration, runs: int) -> None:
    client = Client(SERVER_NAME="localhost")
    pages = [
        ("directory", reverse("disclosures:index")),
        (
            "directory, search + filter",
            reverse("disclosures:index") + "?q=μετρησεων&role=councillor",
        ),
        ("declaration page", declaration.get_absolute_url()),
        ("comparison page", reverse("disclosures:official_compare", args=[official.slug])),
        (
            "comparison, first vs last year",
            reverse("disclosures:official_compare", args=[official.slug])
            + f"?from_year={date.today().year - YEARS}&to_year={date.today().year - 1}",
        ),
    ]
    for label, url in pages:
        ms = median_ms(client, url, runs)
        verdict = "ok" if ms < TARGET_MS else f"OVER {TARGET_MS} ms"
        print(f"  {label:<32} median {ms:7.1f} ms  ({verdict})")
    for label, url in (
        ("open data CSV (all entries)", reverse("disclosures:data_csv")),
        ("open data JSON (all)", reverse("disclosures:data_json")),
    ):
        print(f"  {label:<32} median {median_ms(client, url, 3):7.1f} ms")


if __name__ == "__main__":
    main()
