"""Open Contracting Data Standard 1.1: releases, records and their packages.

A release is made for every KIMDIS stage (planning, tender, award, contract,
implementation) and for the end of a process (cancelled, unsuccessful,
completed: a completed process ends its contracts as `terminated`); the
record's compiled release is the OCDS merge of those releases (ocdsmerge,
with the vendored release schema), so it never says what no release said.
ΑΔΑΜ and ΑΔΑ numbers travel as documents with their ids; every URL is
percent-encoded (`portal.urls_iri`).
Builders take procurements from `selectors.ocds_procurements` and run no
queries of their own.
"""

import json
from datetime import datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import ocdsmerge
from django.urls import reverse
from django.utils import timezone

from portal.municipality import municipality
from portal.urls_iri import absolute_uri, iri_to_uri
from procurement.models import (
    DecisionType,
    Procedure,
    Procurement,
    Stage,
    StageKind,
    Status,
)

VERSION = "1.1"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
SCHEME = "GR-AFM"

RELEASE_TAG: dict[str, str] = {
    StageKind.REQUEST: "planning",
    StageKind.APPROVED_REQUEST: "planningUpdate",
    StageKind.NOTICE: "tender",
    StageKind.AWARD: "award",
    StageKind.CONTRACT: "contract",
    StageKind.PAYMENT: "implementation",
}
# The tender's status as of each stage; a direct award has no notice.
TENDER_STATUS_AT: dict[str, str] = {
    StageKind.REQUEST: "planning",
    StageKind.APPROVED_REQUEST: "planned",
    StageKind.NOTICE: "active",
    StageKind.AWARD: "complete",
    StageKind.CONTRACT: "complete",
    StageKind.PAYMENT: "complete",
}
TENDER_STATUS: dict[str, str] = {
    Status.PLANNED: "planned",
    Status.ACTIVE: "active",
    Status.CLOSED: "active",
    Status.AWARDED: "complete",
    Status.CONTRACTED: "complete",
    Status.COMPLETED: "complete",
    Status.CANCELLED: "cancelled",
    Status.UNSUCCESSFUL: "unsuccessful",
}
# The release that closes a process, by the status it ends in.
CLOSING_TAG: dict[str, str] = {
    Status.CANCELLED: "tenderCancellation",
    Status.UNSUCCESSFUL: "tenderUpdate",
    Status.COMPLETED: "contractTermination",
}
RELEASE_SCHEMA = Path(__file__).parent / "ocds_schema" / "release-schema.json"
STAGE_DOCUMENT_TYPE: dict[str, str] = {
    StageKind.REQUEST: "procurementPlan",
    StageKind.APPROVED_REQUEST: "procurementPlan",
    StageKind.NOTICE: "tenderNotice",
    StageKind.AWARD: "awardNotice",
    StageKind.CONTRACT: "contractSigned",
    StageKind.PAYMENT: "financialProgressReport",
}
DECISION_DOCUMENT_TYPE: dict[str, str] = {
    DecisionType.NOTICE: "tenderNotice",
    DecisionType.AWARD: "awardNotice",
    DecisionType.CONTRACT: "contractSigned",
    DecisionType.CANCELLATION: "cancellationDetails",
    DecisionType.COMMITMENT: "procurementPlan",
    DecisionType.APPROVAL: "procurementPlan",
}
_ATHENS = ZoneInfo("Europe/Athens")


@cache
def _merger() -> ocdsmerge.Merger:
    """Return the merger for the vendored OCDS 1.1 release schema (read once)."""
    return ocdsmerge.Merger(json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8")))


def ocid_prefix() -> str:
    """Return the registered OCID prefix, read from settings at call time."""
    return municipality().ocid_prefix


def ocid(procurement: Procurement) -> str:
    return f"{ocid_prefix()}-{procurement.pk}"


def _day(value) -> str:
    return datetime.combine(value, time(0), tzinfo=_ATHENS).isoformat()


def _moment(value: datetime) -> str:
    return timezone.localtime(value, _ATHENS).isoformat(timespec="seconds")


def _money(amount: Decimal | None) -> dict:
    if amount is None:
        raise ValueError("an OCDS value needs an amount")
    return {"amount": float(amount), "currency": "EUR"}


class Builder:
    """Turns prefetched procurements into OCDS dictionaries.

    `base_url` (scheme and host) makes every URL absolute, as the schema's
    `uri` format wants.
    """

    def __init__(self, *, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.municipality = municipality()
        self.buyer_name = str(self.municipality.name)
        self.buyer_id = f"{SCHEME}-{self.municipality.afm}"
        # Labels translated once per package, not once per stage.
        self.stage_labels = {value: str(label) for value, label in StageKind.choices}
        self.decision_labels = {value: str(label) for value, label in DecisionType.choices}
        self.procedure_labels = {value: str(label) for value, label in Procedure.choices}

    def url(self, path: str) -> str:
        return absolute_uri(self.base_url, path)

    def buyer(self) -> dict:
        return {"id": self.buyer_id, "name": self.buyer_name}

    def buyer_party(self) -> dict:
        return {
            **self.buyer(),
            "identifier": {
                "scheme": SCHEME,
                "id": self.municipality.afm,
                "legalName": self.buyer_name,
            },
            "address": {
                "streetAddress": str(self.municipality.street_address),
                "locality": str(self.municipality.short_name),
                "postalCode": self.municipality.postal_code,
                "countryName": "Ελλάδα",
            },
            "roles": ["buyer", "procuringEntity", "payer"],
        }

    @staticmethod
    def supplier_ref(stage: Stage) -> dict:
        supplier = stage.supplier
        assert supplier is not None, "only stages with a supplier name one"
        return {"id": f"{SCHEME}-{supplier.afm}", "name": supplier.name}

    def supplier_party(self, stage: Stage) -> dict:
        supplier = stage.supplier
        assert supplier is not None, "only stages with a supplier name one"
        return {
            **self.supplier_ref(stage),
            "identifier": {"scheme": SCHEME, "id": supplier.afm, "legalName": supplier.name},
            "roles": ["supplier", "payee"],
        }

    def parties(self, stages: list[Stage]) -> list[dict]:
        parties = {self.buyer_id: self.buyer_party()}
        for stage in stages:
            if stage.supplier_id is not None:
                party = self.supplier_party(stage)
                parties.setdefault(party["id"], party)
        return list(parties.values())

    def stage_document(self, stage: Stage) -> dict:
        document = {
            "id": stage.adam,
            "documentType": STAGE_DOCUMENT_TYPE[stage.kind],
            "title": f"ΑΔΑΜ {stage.adam} — {self.stage_labels[stage.kind]}",
            "description": "ΚΗΜΔΗΣ",
            "datePublished": _day(stage.date),
            "language": "el",
        }
        if stage.document:
            document["url"] = self.url(stage.document.url)
            document["format"] = "application/pdf"
        return document

    def decision_document(self, decision) -> dict:
        return {
            "id": decision.ada,
            "documentType": DECISION_DOCUMENT_TYPE.get(decision.decision_type, "other"),
            "title": f"ΑΔΑ {decision.ada} — {decision.subject}",
            "description": f"Διαύγεια: {self.decision_labels[decision.decision_type]}",
            "url": iri_to_uri(decision.url),
            "datePublished": _day(decision.date),
            "format": "text/html",
            "language": "el",
        }

    @staticmethod
    def _index(procurement: Procurement) -> "_Index":
        """Return the procurement's stages by id and decisions by stage, built once."""
        index = getattr(procurement, "_ocds_index", None)
        if index is None:
            index = _Index(procurement)
            procurement._ocds_index = index  # type: ignore[attr-defined]
        return index

    def stage_documents(self, procurement: Procurement, stage: Stage) -> list[dict]:
        decisions = self._index(procurement).decisions.get(stage.pk, [])
        return [self.stage_document(stage), *(self.decision_document(d) for d in decisions)]

    def public_documents(self, procurement: Procurement) -> list[dict]:
        return [
            {
                "id": f"doc-{document.pk}",
                "documentType": "biddingDocuments",
                "title": document.title,
                "url": self.url(document.file.url),
                "datePublished": _moment(document.uploaded_at),
                "format": "application/pdf",
                "language": "el",
            }
            for document in procurement.documents.all()
        ]

    def tender(self, procurement: Procurement, status: str, documents: list[dict]) -> dict:
        tender = {
            "id": f"{ocid(procurement)}-tender",
            "title": procurement.title,
            "status": status,
            "procuringEntity": self.buyer(),
            "value": _money(procurement.estimated_total),
            "procurementMethod": procurement.procurement_method,
            "procurementMethodDetails": self.procedure_labels[procurement.procedure],
            "mainProcurementCategory": procurement.contract_type,
            "items": self.items(procurement),
        }
        if procurement.description:
            tender["description"] = procurement.description
        if procurement.submission_deadline:
            tender["tenderPeriod"] = {"endDate": _moment(procurement.submission_deadline)}
        if procurement.esidis_number:
            tender["submissionMethod"] = ["electronicSubmission"]
            tender["submissionMethodDetails"] = f"ΕΣΗΔΗΣ α/α {procurement.esidis_number}"
        if documents:
            tender["documents"] = documents
        return tender

    @staticmethod
    def items(procurement: Procurement) -> list[dict]:
        codes = procurement.cpv_codes
        if not codes:
            return []
        item: dict[str, object] = {
            "id": "1",
            "description": procurement.title,
            "classification": {"scheme": "CPV", "id": codes[0]},
        }
        if codes[1:]:
            item["additionalClassifications"] = [{"scheme": "CPV", "id": c} for c in codes[1:]]
        return [item]

    def award(self, procurement: Procurement, stage: Stage, status: str) -> dict:
        return {
            "id": stage.adam,
            "title": procurement.title,
            "status": status,
            "date": _day(stage.date),
            "value": _money(stage.amount),
            "suppliers": [self.supplier_ref(stage)],
            "documents": self.stage_documents(procurement, stage),
        }

    def contract(
        self, procurement: Procurement, stage: Stage, status: str, payments: list[Stage]
    ) -> dict:
        contract: dict[str, object] = {
            "id": stage.adam,
            "awardID": self._award_id(procurement, stage),
            "title": procurement.title,
            "status": status,
            "value": _money(stage.amount),
            "dateSigned": _day(stage.date),
            "documents": self.stage_documents(procurement, stage),
        }
        if payments:
            contract["implementation"] = self.implementation(procurement, payments)
        return contract

    def implementation(self, procurement: Procurement, payments: list[Stage]) -> dict:
        return {
            "transactions": [
                {
                    "id": payment.adam,
                    "date": _day(payment.date),
                    "value": _money(payment.amount),
                    "payer": self.buyer(),
                    "payee": self.supplier_ref(payment),
                }
                for payment in payments
            ],
            "documents": [
                doc for payment in payments for doc in self.stage_documents(procurement, payment)
            ],
        }

    def _award_id(self, procurement: Procurement, contract: Stage) -> str:
        return self._index(procurement).stages[contract.parent_id or 0].adam

    def planning(self, procurement: Procurement, stages: list[Stage]) -> dict:
        planning: dict[str, object] = {
            "budget": {
                "description": "Προϋπολογισμός με ΦΠΑ",
                "amount": _money(procurement.estimated_total),
            }
        }
        documents = [doc for stage in stages for doc in self.stage_documents(procurement, stage)]
        if documents:
            planning["documents"] = documents
        return planning

    def _base(self, procurement: Procurement, release_id: str, date: str, tag: list[str]):
        return {
            "ocid": ocid(procurement),
            "id": release_id,
            "date": date,
            "tag": tag,
            "initiationType": "tender",
            "language": "el",
            "buyer": self.buyer(),
        }

    def _award_status(self, procurement: Procurement) -> str:
        return "cancelled" if procurement.status == Status.CANCELLED else "active"

    def _contract_status(self, procurement: Procurement) -> str:
        ends: dict[str, str] = {Status.CANCELLED: "cancelled", Status.COMPLETED: "terminated"}
        return ends.get(procurement.status, "active")

    def loose_documents(self, procurement: Procurement, *, closing: bool) -> list[dict]:
        """Return the documents tied to no stage: the files, then the stageless decisions.

        A cancellation decision travels with the closing release (if the process
        has one), the rest with the notice (or the first release where there is
        no notice).
        """
        has_closing = procurement.status in CLOSING_TAG
        decisions = [
            self.decision_document(d)
            for d in self._index(procurement).decisions.get(None, [])
            if (has_closing and d.decision_type == DecisionType.CANCELLATION) == closing
        ]
        return decisions if closing else self.public_documents(procurement) + decisions

    def stage_release(self, procurement: Procurement, stage: Stage, *, carrier: bool) -> dict:
        """Return the release for one stage: what that registration told the world."""
        release = self._base(
            procurement,
            f"{ocid(procurement)}-{stage.kind}-{stage.pk}",
            _day(stage.date),
            [RELEASE_TAG[stage.kind]],
        )
        release["parties"] = self.parties([stage])
        tender_documents = []
        if stage.kind in (StageKind.REQUEST, StageKind.APPROVED_REQUEST):
            release["planning"] = self.planning(procurement, [stage])
        elif stage.kind == StageKind.NOTICE:
            tender_documents = self.stage_documents(procurement, stage)
        elif stage.kind == StageKind.AWARD:
            release["awards"] = [self.award(procurement, stage, "active")]
        elif stage.kind == StageKind.CONTRACT:
            release["contracts"] = [self.contract(procurement, stage, "active", [])]
        else:
            contract = {
                "id": self._parent_adam(procurement, stage),
                "awardID": self._award_id(procurement, self._parent(procurement, stage)),
                "implementation": self.implementation(procurement, [stage]),
            }
            release["contracts"] = [contract]
        if carrier:
            tender_documents += self.loose_documents(procurement, closing=False)
        release["tender"] = self.tender(procurement, TENDER_STATUS_AT[stage.kind], tender_documents)
        return release

    def _parent(self, procurement: Procurement, stage: Stage) -> Stage:
        return self._index(procurement).stages[stage.parent_id or 0]

    def _parent_adam(self, procurement: Procurement, stage: Stage) -> str:
        return self._parent(procurement, stage).adam

    def opening_release(self, procurement: Procurement) -> dict:
        """Return the release of a procurement published before any KIMDIS stage."""
        date = procurement.published_at or procurement.created_at
        release = self._base(
            procurement, f"{ocid(procurement)}-published", _moment(date), ["planning"]
        )
        release["parties"] = self.parties([])
        release["planning"] = self.planning(procurement, [])
        release["tender"] = self.tender(
            procurement, "planned", self.loose_documents(procurement, closing=False)
        )
        return release

    def closing_release(self, procurement: Procurement) -> dict | None:
        """Return the release that ends a cancelled, unsuccessful or completed process.

        Completion ends every contract as `terminated` (OCDS 1.1 has no `complete`
        for contracts); cancellation cancels the awards and contracts made so far.
        """
        tag = CLOSING_TAG.get(procurement.status)
        if tag is None:
            return None
        date = procurement.status_changed_at or procurement.updated_at
        release = self._base(
            procurement, f"{ocid(procurement)}-{procurement.status}", _moment(date), [tag]
        )
        release["parties"] = self.parties([])
        stages = self._index(procurement).stages.values()
        awards = [s for s in stages if s.kind == StageKind.AWARD]
        contracts = [s for s in stages if s.kind == StageKind.CONTRACT]
        if procurement.status == Status.CANCELLED:
            if awards:
                release["tag"].append("awardCancellation")
                release["awards"] = [{"id": s.adam, "status": "cancelled"} for s in awards]
            contract_status = "cancelled"
        else:
            contract_status = "terminated"
        if contracts and procurement.status != Status.UNSUCCESSFUL:
            if "contractTermination" not in release["tag"]:
                release["tag"].append("contractTermination")
            release["contracts"] = [
                {
                    "id": s.adam,
                    "awardID": self._award_id(procurement, s),
                    "status": contract_status,
                }
                for s in contracts
            ]
        release["tender"] = self.tender(
            procurement,
            TENDER_STATUS[procurement.status],
            self.loose_documents(procurement, closing=True),
        )
        return release

    def releases(self, procurement: Procurement) -> list[dict]:
        """Return every release of a procurement, oldest first."""
        stages = list(procurement.stages.all())
        notices = [s for s in stages if s.kind == StageKind.NOTICE]
        carrier = notices[0] if notices else (stages[0] if stages else None)
        releases = [
            self.stage_release(procurement, stage, carrier=stage is carrier) for stage in stages
        ]
        if not stages:
            releases.append(self.opening_release(procurement))
        closing = self.closing_release(procurement)
        if closing is not None:
            releases.append(closing)
        return sorted(releases, key=lambda release: release["date"])

    def record(self, procurement: Procurement) -> dict:
        """Return the record: linked releases and their merge, the compiled release."""
        releases = self.releases(procurement)
        package_url = self.url(
            reverse("procurement:ocds_procurement_releases", kwargs={"pk": procurement.pk})
        )
        return {
            "ocid": ocid(procurement),
            "releases": [
                {
                    "url": f"{package_url}#{iri_to_uri(release['id'])}",
                    "date": release["date"],
                    "tag": release["tag"],
                }
                for release in releases
            ],
            "compiledRelease": _merger().create_compiled_release(releases),
        }

    def package(self, *, uri: str, published: datetime | None) -> dict:
        """Return the metadata every release or record package carries."""
        return {
            "uri": uri,
            "version": VERSION,
            "publishedDate": _moment(published or timezone.now()),
            "publisher": {"name": self.buyer_name, "scheme": SCHEME, "uid": self.municipality.afm},
            "license": LICENSE,
            "publicationPolicy": self.url(reverse("procurement:ocds_policy")),
        }

    def release_package(self, procurements, *, uri: str, links: dict | None = None) -> dict:
        procurements = list(procurements)
        package = self.package(uri=uri, published=_latest(procurements))
        package["releases"] = [r for p in procurements for r in self.releases(p)]
        if links:
            package["links"] = links
        return package

    def record_package(self, procurements, *, uri: str, links: dict | None = None) -> dict:
        procurements = list(procurements)
        package = self.package(uri=uri, published=_latest(procurements))
        package["records"] = [self.record(p) for p in procurements]
        if links:
            package["links"] = links
        return package


class _Index:
    """A procurement's stages by id and its decisions by stage."""

    def __init__(self, procurement: Procurement):
        self.stages = {stage.pk: stage for stage in procurement.stages.all()}
        # Keyed by stage id; None holds the decisions tied to no stage.
        self.decisions: dict[int | None, list] = {}
        for decision in procurement.decisions.all():
            self.decisions.setdefault(decision.stage_id, []).append(decision)


def _latest(procurements: list[Procurement]) -> datetime | None:
    return max((p.updated_at for p in procurements), default=None)
