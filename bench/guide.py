"""Benchmark the Citizen's Guide and the organisation: 5,000 procedures, 300 units (× --scale).

Replaces the guide's procedures of the configured database with generated ones
(other apps are left alone) and tops the organisation up to 300 active units
with generated offices, then prints the median of the guide's search (spelt
right, with a letter wrong, by an alternative title), a procedure page, the
organisation chart and a unit page. Targets: search < 50 ms, chart < 100 ms.

    .venv/bin/python bench/guide.py [--scale N] [--runs 30]
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

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
from guide.models import Channel, ChannelKind, Evidence, LifeEvent, Procedure, Status  # noqa: E402
from guide.seed_data import PROCEDURES  # noqa: E402
from portal.models import Department, UnitKind  # noqa: E402
from portal.seeding import bulk_insert as seed_insert  # noqa: E402
from portal.seeding import truncate  # noqa: E402

PROCEDURES_PER_SCALE = 5000
UNITS_PER_SCALE = 300
SEARCH_TARGET_MS = 50
CHART_TARGET_MS = 100
BENCH_PREFIX = "bench-unit-"
SUBJECTS = [
    "δημοτικού κοιμητηρίου",
    "κοινόχρηστου χώρου",
    "παιδικού σταθμού",
    "αθλητικού κέντρου",
    "λαϊκής αγοράς",
    "δημοτικής βιβλιοθήκης",
    "περιπτέρου",
    "υπαίθριου εμπορίου",
    "ηλεκτρικού οχήματος",
    "φωτοβολταϊκού",
    "κατοικίδιου ζώου",
    "σχολικής μονάδας",
]


def bulk_insert(model, rows, **options):
    """Insert as the seeders do; a benchmark's rows are created now (its own clock)."""
    return seed_insert(model, rows, at=timezone.now(), **options)


def top_up_units(scale: int) -> list[Department]:
    """Delete earlier bench units and add offices until 300 × scale units are active."""
    Department.objects.filter(slug__startswith=BENCH_PREFIX).delete()
    parents = list(Department.objects.filter(is_active=True, kind=UnitKind.DEPARTMENT))
    parents = parents or list(Department.objects.filter(is_active=True))
    missing = UNITS_PER_SCALE * scale - Department.objects.filter(is_active=True).count()
    units = [
        Department(
            slug=f"{BENCH_PREFIX}{n:05d}",
            name=f"Γραφείο Μετρήσεων {n:05d}",
            kind=UnitKind.OFFICE,
            parent=parents[n % len(parents)] if parents else None,
            head_title="Υπεύθυνος/η Γραφείου",
            responsibilities="Μετρά.\nΞαναμετρά.",
            position=1000 + n,
        )
        for n in range(max(missing, 0))
    ]
    Department.objects.bulk_create(units)
    return list(Department.objects.filter(is_active=True))


def generate(scale: int) -> None:
    """Write the procedures: the demo's sixty, then variations of them up to 5,000 × scale."""
    rng = random.Random(18)
    truncate(Procedure)
    units = top_up_units(scale)
    events = list(LifeEvent.objects.all())
    procedures = []
    total = PROCEDURES_PER_SCALE * scale
    for n in range(total):
        template = PROCEDURES[n % len(PROCEDURES)]
        suffix = "" if n < len(PROCEDURES) else f" {SUBJECTS[n % len(SUBJECTS)]} ({n})"
        procedure = Procedure(
            slug=f"bench-{n:06d}",
            title=template["title"] + suffix,
            alternative_titles=template.get("alternative_titles", ""),
            summary=template["summary"],
            description=template.get("description", ""),
            department=units[rng.randrange(len(units))],
            output_kind=template["output_kind"],
            output=template["output"],
            duration=template.get("duration", ""),
            status=Status.PUBLISHED if n % 20 else Status.DRAFT,
            last_reviewed_on=timezone.localdate(),
            version=1,
        )
        procedure.refresh_search_document()
        procedures.append(procedure)
    bulk_insert(Procedure, procedures)
    bulk_insert(
        Evidence,
        [Evidence(procedure=p, title="Αστυνομική ταυτότητα", position=0) for p in procedures],
    )
    bulk_insert(
        Channel,
        [Channel(procedure=p, kind=ChannelKind.DESK, value="Δημαρχείο") for p in procedures],
    )
    if events:
        through = Procedure.life_events.through
        bulk_insert(
            through,
            [
                through(procedure_id=p.pk, lifeevent_id=events[i % len(events)].pk)
                for i, p in enumerate(procedures)
            ],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE guide_procedure, portal_department, portal_searchword")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    args, _unknown = parser.parse_known_args()  # make bench passes the same args to all

    started = time.perf_counter()
    with transaction.atomic():
        generate(args.scale)
    print(
        f"guide: {Procedure.objects.count()} procedures, "
        f"{Department.objects.filter(is_active=True).count()} active units "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    # Plain static storage: the bench measures pages, not whether collectstatic ran.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        measure(args.runs)


def measure(runs: int) -> None:
    client = Client(SERVER_NAME="localhost")
    index = reverse("guide:index")
    procedure = Procedure.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
    unit = procedure.department
    searches = [
        ("search, spelt right", index + "?q=πιστοποιητικο+οικογενειακης+καταστασης"),
        ("search, a letter wrong", index + "?q=πιστοποιητικο+οικογενιακης+καταστασης"),
        ("search, alternative title", index + "?q=παλια+επιπλα"),
        ("search, a common word", index + "?q=αδεια"),
    ]
    for label, url in searches:
        ms = median_ms(client, url, runs)
        verdict = "ok" if ms < SEARCH_TARGET_MS else f"OVER {SEARCH_TARGET_MS} ms"
        print(f"  {label:<32} median {ms:7.1f} ms  ({verdict})")
    for label, url in (
        ("organisation chart", reverse("portal:organisation")),
        ("organisation chart + diagram", reverse("portal:organisation") + "?chart=svg"),
    ):
        ms = median_ms(client, url, runs)
        verdict = "ok" if ms < CHART_TARGET_MS else f"OVER {CHART_TARGET_MS} ms"
        print(f"  {label:<32} median {ms:7.1f} ms  ({verdict})")
    for label, url in (
        ("guide home (browse)", index),
        ("procedure page", procedure.get_absolute_url()),
        ("unit page", unit.get_absolute_url()),
    ):
        print(f"  {label:<32} median {median_ms(client, url, runs):7.1f} ms")
    for label, url in (
        ("open data CSV (all)", reverse("guide:data_csv")),
        ("CPSV-AP JSON-LD (all)", reverse("guide:data_cpsv")),
    ):
        print(f"  {label:<32} median {median_ms(client, url, 3):7.1f} ms")


if __name__ == "__main__":
    main()
