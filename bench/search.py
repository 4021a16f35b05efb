"""Benchmark search on the data already there: the register, procurement, the supplier look-up.

Usage: .venv/bin/python bench/search.py [--runs R]

Seeds nothing: run it after `bench/complaints.py` and `bench/procurement.py`
(e.g. at `--scale 100`). Prints the median server time (Django test client,
in process) and the number of results of each search, spelt right and with
a typo (the typo-tolerant search answers those with «Μήπως εννοούσατε…;»).
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402

from procurement.models import Supplier  # noqa: E402
from tests.signin import sign_in  # noqa: E402

HOST = "127.0.0.1"
TARGET_MS = 100
COUNT = re.compile(r"([\d.,]+)\s+(?:αιτήματα|αίτημα|αποτελέσματα|αποτέλεσμα)")


def median_ms(client: Client, url: str, params: dict, runs: int) -> tuple[float, str]:
    response = client.get(url, params, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, params, response.status_code)
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        client.get(url, params, HTTP_HOST=HOST)
        timings.append((time.perf_counter() - started) * 1000)
    if response.get("Content-Type", "").startswith("application/json"):
        found = f"{len(response.json()['results'])} shown"
    else:
        content = response.content.decode()
        match = COUNT.search(content)
        found = match.group(0) if match else "?"
        if "Μήπως εννοούσατε" in content:
            found += ", «Μήπως εννοούσατε…;»"
    return statistics.median(timings), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    public = Client()
    staff = Client()
    admin = User.objects.filter(is_superuser=True).first()
    if admin is None:
        admin = User.objects.create_superuser("bench-search", password=None)
    sign_in(staff, admin)
    supplier = Supplier.objects.filter(name__contains="ΣΙΑ").order_by("id").first()
    surname = supplier.name.split()[0]
    misspelt = surname[:3] + ("Ο" if surname[3] != "Ο" else "Α") + surname[4:]

    cases = [
        ("register «λακκουβα»", public, "/complaints/", {"q": "λακκουβα"}),
        ("register «Θεσσαλονίκη»", public, "/complaints/", {"q": "Θεσσαλονίκη"}),
        ("register «καθαριοτητα»", public, "/complaints/", {"q": "καθαριοτητα"}),
        ("register «λακουβα» (typo)", public, "/complaints/", {"q": "λακουβα"}),
        ("register «ξυλοκοπτικ» (nothing)", public, "/complaints/", {"q": "ξυλοκοπτικ"}),
        (
            "procurement «ασφαλτοστρωσεις τουμπα»",
            public,
            "/procurement/",
            {"q": "ασφαλτοστρωσεις τουμπα"},
        ),
        ("procurement «ασφαλτοστροσεις» (typo)", public, "/procurement/", {"q": "ασφαλτοστροσεις"}),
        (f"procurement «{surname}» (supplier)", public, "/procurement/", {"q": surname}),
        (f"procurement «{misspelt}» (supplier typo)", public, "/procurement/", {"q": misspelt}),
    ]
    autocomplete = {"app_label": "procurement", "model_name": "stage", "field_name": "supplier"}
    cases += [
        (
            f"supplier look-up «{surname}»",
            staff,
            "/admin/autocomplete/",
            {**autocomplete, "term": surname},
        ),
        (
            f"supplier look-up «{misspelt}» (typo)",
            staff,
            "/admin/autocomplete/",
            {**autocomplete, "term": misspelt},
        ),
        (
            "supplier look-up ΑΦΜ",
            staff,
            "/admin/autocomplete/",
            {**autocomplete, "term": supplier.afm},
        ),
    ]
    print(
        f"{Supplier.objects.count():,} suppliers; median of {args.runs} runs "
        f"(target < {TARGET_MS} ms):"
    )
    for label, client, url, params in cases:
        value, found = median_ms(client, url, params, args.runs)
        verdict = "ok" if value < TARGET_MS else "SLOW"
        print(f"  {label:50s} {value:7.1f} ms  {verdict}  ({found})")


if __name__ == "__main__":
    main()
