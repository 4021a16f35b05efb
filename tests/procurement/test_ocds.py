"""OCDS 1.1 output: valid against the official 1.1.5 schema, complete, public only."""

import json
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from procurement.models import Document, Status
from procurement.services import decision_register, procurement_transition, procurement_unpublish
from tests.procurement.factories import ProcurementFactory, full_chain
from tests.procurement.ocds_validation import record_package_errors, release_package_errors

pytestmark = pytest.mark.django_db


def _get(client, name, **kwargs):
    response = client.get(reverse(f"procurement:{name}", kwargs=kwargs or None))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _assert_valid(client, procurement):
    releases = _get(client, "ocds_procurement_releases", pk=procurement.pk)
    record = _get(client, "ocds_record", pk=procurement.pk)
    assert release_package_errors(releases) == []
    assert record_package_errors(record) == []
    return releases, record


def test_a_planned_procurement_without_stages_validates(client):
    procurement = ProcurementFactory()
    releases, record = _assert_valid(client, procurement)
    assert [r["tag"] for r in releases["releases"]] == [["planning"]]
    compiled = record["records"][0]["compiledRelease"]
    assert compiled["tender"]["status"] == "planned"
    assert "awards" not in compiled


def test_a_full_chain_with_several_payments_validates_and_is_complete(client):
    procurement = ProcurementFactory()
    award, contract = full_chain(procurement, payments=["40000.00", "30000.00", "20000.00"])
    releases, record = _assert_valid(client, procurement)

    tags = [r["tag"][0] for r in releases["releases"]]
    assert tags == ["planning", "tender", "award", "contract"] + ["implementation"] * 3
    compiled = record["records"][0]["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    assert compiled["awards"][0]["id"] == award.adam
    assert compiled["awards"][0]["suppliers"][0]["id"] == f"GR-AFM-{award.supplier.afm}"
    contract_json = compiled["contracts"][0]
    assert contract_json["id"] == contract.adam
    assert contract_json["awardID"] == award.adam
    transactions = contract_json["implementation"]["transactions"]
    assert [t["value"]["amount"] for t in transactions] == [40000.0, 30000.0, 20000.0]
    assert all(t["value"]["currency"] == "EUR" for t in transactions)
    supplier_party = next(p for p in compiled["parties"] if "supplier" in p["roles"])
    assert supplier_party["identifier"] == {
        "scheme": "GR-AFM",
        "id": award.supplier.afm,
        "legalName": award.supplier.name,
    }
    linked = record["records"][0]["releases"]
    assert [link["url"].rsplit("#", 1)[1] for link in linked] == [
        release["id"] for release in releases["releases"]
    ]
    assert [link["date"] for link in linked] == [r["date"] for r in releases["releases"]]


def test_kimdis_and_diavgeia_identifiers_travel_as_documents(client):
    procurement = ProcurementFactory()
    award, _contract = full_chain(procurement)
    decision_register(
        procurement=procurement,
        stage=award,
        ada="ΨΛΜΔΩ1Ε-ΑΒΓ",
        decision_type="Δ.2.2",
        subject="Κατακύρωση",
        date=award.date,
        actor=None,
    )
    _releases, record = _assert_valid(client, procurement)
    award_json = record["records"][0]["compiledRelease"]["awards"][0]
    documents = {doc["id"]: doc for doc in award_json["documents"]}
    assert award.adam in documents
    # The schema wants a URI: the Greek letters of the ΑΔΑ are percent-encoded.
    url = documents["ΨΛΜΔΩ1Ε-ΑΒΓ"]["url"]
    assert (
        url
        == "https://diavgeia.gov.gr/doc/%CE%A8%CE%9B%CE%9C%CE%94%CE%A91%CE%95-%CE%91%CE%92%CE%93"
    )
    assert unquote(url) == "https://diavgeia.gov.gr/doc/ΨΛΜΔΩ1Ε-ΑΒΓ"


def test_a_cancelled_tender_validates_with_a_cancellation_release(client):
    procurement = ProcurementFactory()
    procurement_transition(procurement=procurement, to=Status.ACTIVE, actor=None)
    procurement_transition(procurement=procurement, to=Status.CANCELLED, actor=None)
    releases, record = _assert_valid(client, procurement)
    assert releases["releases"][-1]["tag"] == ["tenderCancellation"]
    assert record["records"][0]["compiledRelease"]["tender"]["status"] == "cancelled"


def test_a_cancelled_process_after_award_cancels_the_award(client):
    procurement = ProcurementFactory()
    full_chain(procurement)
    procurement_transition(procurement=procurement, to=Status.CANCELLED, actor=None)
    _releases, record = _assert_valid(client, procurement)
    compiled = record["records"][0]["compiledRelease"]
    assert compiled["awards"][0]["status"] == "cancelled"
    assert compiled["contracts"][0]["status"] == "cancelled"


def test_bulk_packages_validate_and_carry_the_package_metadata(client, settings):
    settings.MUNICIPALITY = {**settings.MUNICIPALITY, "ocid_prefix": "ocds-abc123-thess"}
    first = ProcurementFactory()
    full_chain(first, payments=["1000.00"])
    ProcurementFactory()
    releases = _get(client, "ocds_releases")
    records = _get(client, "ocds_records")
    assert release_package_errors(releases) == []
    assert record_package_errors(records) == []
    for package in (releases, records):
        assert package["version"] == "1.1"
        assert package["publisher"]["scheme"] == "GR-AFM"
        assert package["license"].startswith("https://creativecommons.org/")
        assert package["publicationPolicy"].startswith("http://testserver/")
        assert package["uri"].startswith("http://testserver/")
    assert {r["ocid"] for r in records["records"]} == {
        f"ocds-abc123-thess-{first.pk}",
        f"ocds-abc123-thess-{first.pk + 1}",
    }


def test_bulk_releases_are_paginated_with_a_next_link(client, monkeypatch):
    monkeypatch.setattr("procurement.views.OCDS_PAGE_SIZE", 2)
    made = [ProcurementFactory() for _index in range(3)]
    first = _get(client, "ocds_releases")
    assert [r["ocid"].rsplit("-", 1)[1] for r in first["releases"]] == [
        str(made[0].pk),
        str(made[1].pk),
    ]
    second = client.get(first["links"]["next"]).json()
    assert [r["ocid"].rsplit("-", 1)[1] for r in second["releases"]] == [str(made[2].pk)]
    assert "links" not in second


def test_unpublished_procurements_are_absent_from_every_ocds_endpoint(client):
    hidden = ProcurementFactory(title="Κρυφή διαδικασία")
    full_chain(hidden)
    procurement_unpublish(procurement=hidden, actor=None)
    assert (
        client.get(reverse("procurement:ocds_record", kwargs={"pk": hidden.pk})).status_code == 404
    )
    url = reverse("procurement:ocds_procurement_releases", kwargs={"pk": hidden.pk})
    assert client.get(url).status_code == 404
    for name in ("ocds_releases", "ocds_records"):
        assert "Κρυφή" not in client.get(reverse(f"procurement:{name}")).content.decode()


def test_ocds_endpoint_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for _index in range(2):
        full_chain(ProcurementFactory(), payments=["100.00"])
    with django_assert_max_num_queries(6):
        client.get(reverse("procurement:ocds_releases"))
    for _index in range(8):
        full_chain(ProcurementFactory(), payments=["100.00", "200.00"])
    with django_assert_max_num_queries(6):
        client.get(reverse("procurement:ocds_releases"))
    with django_assert_max_num_queries(6):
        client.get(reverse("procurement:ocds_records"))


def test_amounts_are_json_numbers_not_strings(client):
    procurement = ProcurementFactory(
        estimated_net=Decimal("1000.10"), estimated_vat=Decimal("240.02")
    )
    _releases, record = _assert_valid(client, procurement)
    value = record["records"][0]["compiledRelease"]["tender"]["value"]
    assert value == {"amount": 1240.12, "currency": "EUR"}


def test_the_schema_check_itself_catches_broken_packages(client):
    package = _get(client, "ocds_record", pk=ProcurementFactory().pk)
    compiled = package["records"][0]["compiledRelease"]
    compiled["tender"]["value"]["amount"] = "1240.00"
    compiled["date"] = "22/11/2026"
    compiled["tender"]["procurementMethod"] = "anoikti"
    errors = record_package_errors(package)
    assert any("is not of type 'number'" in error for error in errors)
    assert any("date-time" in error for error in errors)
    assert len(errors) >= 3


def test_stage_pdfs_and_public_documents_get_absolute_urls(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    procurement = ProcurementFactory()
    full_chain(procurement)
    notice = procurement.stages.get(kind="notice")
    notice.document.save("prokiryxi.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    Document.objects.create(
        procurement=procurement,
        title="Τεχνικές προδιαγραφές",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="prodiagrafes.pdf"),
    )
    _releases, record = _assert_valid(client, procurement)
    documents = record["records"][0]["compiledRelease"]["tender"]["documents"]
    urls = {doc["id"]: doc.get("url", "") for doc in documents}
    assert urls[notice.adam].startswith("http://testserver/")
    assert any(url.endswith(".pdf") and doc_id.startswith("doc-") for doc_id, url in urls.items())


def test_the_english_site_serves_the_same_public_pages(client):
    procurement = ProcurementFactory()
    assert client.get("/en/procurement/").status_code == 200
    assert client.get(f"/en/procurement/{procurement.pk}/").status_code == 200
    assert client.get(f"/en/procurement/{procurement.pk}/ocds/record.json").status_code == 200
