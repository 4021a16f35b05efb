"""The Open Contracting Partnership's own validator passes every page the portal publishes.

libcoveocds runs offline (tests/procurement/libcove.py) over each page of the
bulk release and record packages of the demo data, followed by their `next`
links, exactly as a harvester reads them.
"""

import copy
import math

import pytest
from django.urls import reverse

from procurement import selectors
from procurement.views import OCDS_PAGE_SIZE
from tests.procurement.libcove import cove, offline_standard


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """The standard's schema URLs answer from the vendored files; any other download fails."""
    offline_standard(monkeypatch)


def _pages(client, name: str) -> list[dict]:
    pages = []
    url = reverse(f"procurement:{name}")
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.json())
        url = pages[-1].get("links", {}).get("next")
    return pages


@pytest.mark.parametrize(
    ("name", "items"), [("ocds_releases", "releases"), ("ocds_records", "records")]
)
def test_libcoveocds_finds_no_error_on_any_page(seeded, db, client, name, items):
    pages = _pages(client, name)

    published = selectors.published_procurements().count()
    assert len(pages) == math.ceil(published / OCDS_PAGE_SIZE) > 1
    assert len({item["ocid"] for page in pages for item in page[items]}) == published
    for number, page in enumerate(pages, start=1):
        report = cove(page)
        assert report["validation_errors"] == [], (number, report["validation_errors"][:5])
        assert "conformance_errors" not in report, (number, report["conformance_errors"])
        assert report["additional_closed_codelist_values"] == {}, number


def test_libcoveocds_itself_reports_a_broken_page(seeded, db, client):
    page = copy.deepcopy(client.get(reverse("procurement:ocds_records")).json())
    compiled = page["records"][0]["compiledRelease"]
    compiled["tender"]["value"]["amount"] = "1240.00"
    compiled["tender"]["procurementMethod"] = "anoikti"
    page["records"][1]["releases"][0]["url"] = "https://diavgeia.gov.gr/doc/0003ΩΡΙ-ΕΣΕ"

    report = cove(page)

    assert {(error["type"], error["path"]) for error in report["validation_errors"]} == {
        ("number", "records/0/compiledRelease/tender/value/amount"),
        ("uri", "records/1/releases/0/url"),
    }
    closed = report["additional_closed_codelist_values"]
    assert closed["records/compiledRelease/tender/procurementMethod"]["values"] == ["anoikti"]
