"""OCDS records compile what their releases say: no status appears only in the record.

The check is the Open Contracting Partnership's own merge (ocdsmerge) over
the releases the public release package serves, and the validator's `uri`
format (rfc3987), which an IRI with raw Greek letters fails.
"""

import json
from datetime import date, timedelta

import ocdsmerge
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from procurement.models import DecisionType, Document, Status
from procurement.services import decision_register, procurement_transition, stage_register
from tests.procurement.factories import ProcurementFactory, SupplierFactory, full_chain, next_adam
from tests.procurement.ocds_validation import (
    RELEASE_SCHEMA,
    record_package_errors,
    release_package_errors,
)

pytestmark = pytest.mark.django_db

MERGER = ocdsmerge.Merger(json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8")))


def _packages(client, procurement):
    releases = client.get(
        reverse("procurement:ocds_procurement_releases", kwargs={"pk": procurement.pk})
    ).json()
    records = client.get(reverse("procurement:ocds_record", kwargs={"pk": procurement.pk})).json()
    assert release_package_errors(releases) == []
    assert record_package_errors(records) == []
    record = records["records"][0]
    assert record["compiledRelease"] == MERGER.create_compiled_release(releases["releases"])
    linked = [link["url"].rsplit("#", 1)[1] for link in record["releases"]]
    assert linked == [release["id"] for release in releases["releases"]]
    return releases["releases"], record["compiledRelease"]


def test_a_completed_contract_is_terminated_by_a_release_of_its_own(client):
    procurement = ProcurementFactory()
    _award, contract = full_chain(procurement, payments=["100.00"])
    procurement_transition(procurement=procurement, to=Status.COMPLETED, actor=None)
    releases, compiled = _packages(client, procurement)
    closing = releases[-1]
    assert closing["tag"] == ["contractTermination"]
    assert closing["contracts"] == [
        {"id": contract.adam, "awardID": _award.adam, "status": "terminated"}
    ]
    assert [c["status"] for c in compiled["contracts"]] == ["terminated"]
    assert compiled["contracts"][0]["implementation"]["transactions"][0]["value"]["amount"] == 100
    assert compiled["tender"]["status"] == "complete"
    # Before the closing release, no release said the contract had ended.
    before = MERGER.create_compiled_release(releases[:-1])
    assert before["contracts"][0]["status"] == "active"


def test_a_cancellation_after_the_award_cancels_award_and_contract_in_its_release(client):
    procurement = ProcurementFactory()
    award, _contract = full_chain(procurement)
    decision_register(
        procurement=procurement,
        ada="ΨΛΜΔΩ1Ε-ΜΑΤ",
        decision_type=DecisionType.CANCELLATION,
        subject="Ματαίωση",
        date=date.today(),
        actor=None,
    )
    procurement_transition(procurement=procurement, to=Status.CANCELLED, actor=None)
    releases, compiled = _packages(client, procurement)
    closing = releases[-1]
    assert closing["tag"] == ["tenderCancellation", "awardCancellation", "contractTermination"]
    assert closing["awards"] == [{"id": award.adam, "status": "cancelled"}]
    assert [d["id"] for d in closing["tender"]["documents"]] == ["ΨΛΜΔΩ1Ε-ΜΑΤ"]
    assert compiled["awards"][0]["status"] == "cancelled"
    assert compiled["contracts"][0]["status"] == "cancelled"
    assert compiled["tender"]["status"] == "cancelled"


def test_a_direct_award_carries_its_files_and_stageless_decisions(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    procurement = ProcurementFactory()
    start = date.today() - timedelta(days=30)
    supplier = SupplierFactory()
    stage_register(
        procurement=procurement,
        kind="award",
        adam=next_adam("AWRD", start),
        date=start,
        amount=procurement.estimated_total,
        supplier=supplier,
        actor=None,
    )
    Document.objects.create(
        procurement=procurement,
        title="Τεχνικές προδιαγραφές",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="προδιαγραφές τεύχος.pdf"),
    )
    decision_register(
        procurement=procurement,
        stage=None,
        ada="ΨΛΜΔΩ1Ε-ΧΨΩ",
        decision_type="Δ.1",
        subject="Ανάληψη υποχρέωσης",
        date=start,
        actor=None,
    )
    _releases, compiled = _packages(client, procurement)
    urls = {doc["id"]: doc["url"] for doc in compiled["tender"]["documents"]}
    assert urls["ΨΛΜΔΩ1Ε-ΧΨΩ"].endswith(
        "/doc/%CE%A8%CE%9B%CE%9C%CE%94%CE%A91%CE%95-%CE%A7%CE%A8%CE%A9"
    )
    assert all(url.isascii() and " " not in url for url in urls.values())


def test_the_uri_check_rejects_an_iri_as_the_ocds_validator_does(client):
    procurement = ProcurementFactory()
    package = client.get(
        reverse("procurement:ocds_procurement_releases", kwargs={"pk": procurement.pk})
    ).json()
    package["publicationPolicy"] = "https://diavgeia.gov.gr/doc/0003ΩΡΙ-ΕΣΕ"
    errors = release_package_errors(package)
    assert any("publicationPolicy" in error and "uri" in error for error in errors)
