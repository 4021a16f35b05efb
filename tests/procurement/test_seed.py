"""Demo data: realistic chains with valid identifiers, and OCDS that validates."""

import json

import ocdsmerge
from django.db.models import Sum
from django.urls import reverse

from procurement.identifiers import clean_ada, clean_adam, clean_afm
from procurement.models import ADAM_CODE, DiavgeiaDecision, Procurement, Stage, StageKind, Status
from tests.procurement.ocds_validation import (
    RELEASE_SCHEMA,
    record_package_errors,
    release_package_errors,
)


def test_seed_makes_a_thousand_procurements_with_valid_identifiers(seeded, db):
    assert Procurement.objects.count() == 1000
    for stage in Stage.objects.select_related("supplier"):
        assert clean_adam(stage.adam, expected_code=ADAM_CODE[StageKind(stage.kind)]) == stage.adam
        if stage.supplier:
            assert clean_afm(stage.supplier.afm) == stage.supplier.afm
    for ada in DiavgeiaDecision.objects.values_list("ada", flat=True):
        assert clean_ada(ada) == ada


def test_seeded_payments_never_exceed_their_contract(seeded, db):
    for contract in Stage.objects.filter(kind=StageKind.CONTRACT):
        paid = contract.children.aggregate(total=Sum("amount"))["total"] or 0
        assert paid == contract.paid_amount <= contract.amount


def test_seed_covers_every_status_and_is_searchable(seeded, db):
    statuses = set(Procurement.objects.values_list("status", flat=True))
    assert {Status.ACTIVE, Status.CONTRACTED, Status.COMPLETED, Status.CANCELLED} <= statuses
    assert not Procurement.objects.filter(search_document="").exists()


def _pages(client, name):
    """Yield every page of a paged OCDS package, following `links.next`."""
    url = reverse(f"procurement:{name}")
    while url:
        package = client.get(url).json()
        yield package
        url = package.get("links", {}).get("next")


def test_every_page_of_the_seeded_ocds_validates_and_records_merge_their_releases(
    seeded, db, client
):
    releases = {}
    for page in _pages(client, "ocds_releases"):
        assert release_package_errors(page) == []
        for release in page["releases"]:
            releases.setdefault(release["ocid"], []).append(release)
    merger = ocdsmerge.Merger(json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8")))
    terminated = 0
    records = 0
    for page in _pages(client, "ocds_records"):
        assert record_package_errors(page) == []
        for record in page["records"]:
            records += 1
            compiled = record["compiledRelease"]
            assert compiled == merger.create_compiled_release(releases[record["ocid"]])
            for contract in compiled.get("contracts", []):
                if contract.get("status") == "terminated":
                    terminated += 1
    assert records == len(releases) == Procurement.objects.filter(is_published=True).count()
    assert terminated > 0
