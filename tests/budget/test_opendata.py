"""Open data: lines, revisions and execution as CSV/JSON; a Fiscal Data Package that validates."""

import json
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from frictionless import validate

from budget.services import revision_create
from tests.budget.factories import make_execution, make_line, make_year

pytestmark = pytest.mark.django_db
ROWS = {"proypologismos": 2, "proypologismos-anamorfoseis": 1, "proypologismos-ektelesi": 2}


@pytest.fixture
def budget(admin_user):
    year = make_year(2026)
    fuel = make_line(year, "6641.0001", "1000.50", title="Καύσιμα, «κίνησης»")
    tax = make_line(year, "0311.0001", "5000.00", title="ΤΑΠ")
    make_execution(fuel, 1, committed="100", ordered="90", paid="80")
    make_execution(tax, 1, assessed="400", collected="300")
    revision_create(
        year=year,
        ada="ΨΩ1ΑΩ1Ε-ΑΒΓ",
        decided_on=date(2026, 4, 1),
        subject="1η",
        changes={fuel: Decimal("-0.50")},
        actor=admin_user,
    )
    make_line(make_year(2027, published=False), "6641.0001", title="Αδημοσίευτο")
    return year


@pytest.mark.parametrize("slug", ROWS)
def test_every_package_validates_against_the_served_csv(client, budget, tmp_path, slug):
    package = client.get(reverse("portal:datapackage", kwargs={"slug": slug})).json()
    resource = package["resources"][0]
    served = client.get(urlsplit(resource["path"]).path)
    assert served.status_code == 200
    content = b"".join(served.streaming_content)
    assert "Αδημοσίευτο".encode() not in content
    (tmp_path / "data.csv").write_bytes(content)
    resource["path"] = "data.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    assert report.tasks[0].stats["rows"] == ROWS[slug]


def test_the_lines_package_is_a_fiscal_data_package(client, budget):
    package = client.get(reverse("portal:datapackage", kwargs={"slug": "proypologismos"})).json()
    types = {
        field["name"]: field.get("columnType")
        for field in package["resources"][0]["schema"]["fields"]
    }
    assert types["year"] == "date:fiscal-year"
    assert types["direction"] == "direction"
    assert types["kae"] == "economic-classification:generic:code"
    assert types["service_code"] == "administrative-classification:generic:code"
    assert types["revised"] == "value"


def test_json_carries_revised_figures_and_stages(client, budget):
    rows = client.get(reverse("budget:lines_json")).json()["data"]
    fuel = next(row for row in rows if row["code"] == "20-6641.0001")
    assert (fuel["initial"], fuel["revised"], fuel["paid"]) == ("1000.50", "1000.00", "80.00")
    assert fuel["kae_2"] == "66"
    assert len(rows) == 2
    revisions = client.get(reverse("budget:revisions_json")).json()["data"]
    assert revisions == [
        {
            "year": 2026,
            "revision": 1,
            "ada": "ΨΩ1ΑΩ1Ε-ΑΒΓ",
            "decided_on": "2026-04-01",
            "subject": "1η",
            "code": "20-6641.0001",
            "amount": "-0.50",
        }
    ]
    execution = client.get(reverse("budget:execution_json")).json()["data"]
    assert [row["code"] for row in execution] == ["0311.0001", "20-6641.0001"]


def test_datasets_are_listed_on_the_catalogue(client, budget):
    page = client.get(reverse("portal:data_catalogue"))
    for name in ("budget:lines_csv", "budget:revisions_csv", "budget:execution_csv"):
        assert reverse(name) in page.text
