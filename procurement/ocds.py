"""Open Contracting Data Standard 1.1: releases, records and their packages.

A release is made for every KIMDIS stage (planning, tender, award, contract,
implementation) and for the end of a process (cancelled, unsuccessful,
completed); the record compiles them into the procurement's current state.
ΑΔΑΜ and ΑΔΑ numbers travel as documents with their ids.
Builders take procurements from `selectors.ocds_procurements` and run no
queries of their own.
"""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from portal.municipality import municipality
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

RELEASE_TAG = {
    StageKind.REQUEST: "planning",
    StageKind.APPROVED_REQUEST: "planningUpdate",
    StageKind.NOTICE: "tender",
    StageKind.AWARD: "award",
    StageKind.CONTRACT: "contract",
    StageKind.PAYMENT: "implementation",
}
# The tender's status as of each stage; a direct award has no notice.
TENDER_STATUS_AT = {
    StageKind.REQUEST: "planning",
    StageKind.APPROVED_REQUEST: "planned",
    StageKind.NOTICE: "active",
    StageKind.AWARD: "complete",
    StageKind.CONTRACT: "complete",
    StageKind.PAYMENT: "complete",
}
TENDER_STATUS = {
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
CLOSING_TAG = {
    Status.CANCELLED: "tenderCancellation",
    Status.UNSUCCESSFUL: "tenderUpdate",
    Status.COMPLETED: "implementationUpdate",
}
STAGE_DOCUMENT_TYPE = {
    StageKind.REQUEST: "procurementPlan",
    StageKind.APPROVED_REQUEST: "procurementPlan",
    StageKind.NOTICE: "tenderNotice",
    StageKind.AWARD: "awardNotice",
    StageKind.CONTRACT: "contractSigned",
    StageKind.PAYMENT: "financialProgressReport",
}
DECISION_DOCUMENT_TYPE = {
    DecisionType.NOTICE: "tenderNotice",
    DecisionType.AWARD: "awardNotice",
    DecisionType.CONTRACT: "contractSigned",
    DecisionType.CANCELLATION: "cancellationDetails",
    DecisionType.COMMITMENT: "procurementPlan",
    DecisionType.APPROVAL: "procurementPlan",
}
_ATHENS = ZoneInfo("Europe/Athens")


def ocid_prefix() -> str:
    """Return the registered OCID prefix, read from settings at call time."""
    return municipality().ocid_prefix


def ocid(procurement: Procurement) -> str:
    return f"{ocid_prefix()}-{procurement.pk}"


def _day(value) -> str:
    return datetime.combine(value, time(0), tzinfo=_ATHENS).isoformat()


def _moment(value: datetime) -> str:
    return timezone.localtime(value, _ATHENS).isoformat(timespec="seconds")


def _money(amount: Decimal) -> dict:
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
        return self.base_url + path

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
        return {"id": f"{SCHEME}-{supplier.afm}", "name": supplier.name}

    def supplier_party(self, stage: Stage) -> dict:
        supplier = stage.supplier
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
            "url": decision.url,
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
            procurement._ocds_index = index
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
        item = {
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
        contract = {
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
        return self._index(procurement).stages[contract.parent_id].adam

    def planning(self, procurement: Procurement, stages: list[Stage]) -> dict:
        planning = {
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
        return {Status.CANCELLED: "cancelled", Status.COMPLETED: "terminated"}.get(
            procurement.status, "active"
        )

    def stage_release(self, procurement: Procurement, stage: Stage) -> dict:
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
            tender_documents += self.public_documents(procurement)
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
        release["tender"] = self.tender(procurement, TENDER_STATUS_AT[stage.kind], tender_documents)
        return release

    def _parent(self, procurement: Procurement, stage: Stage) -> Stage:
        return self._index(procurement).stages[stage.parent_id]

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
        release["tender"] = self.tender(procurement, "planned", self.public_documents(procurement))
        return release

    def closing_release(self, procurement: Procurement) -> dict | None:
        """Return the release that ends a cancelled, unsuccessful or completed process."""
        tag = CLOSING_TAG.get(procurement.status)
        if tag is None:
            return None
        date = procurement.status_changed_at or procurement.updated_at
        release = self._base(
            procurement, f"{ocid(procurement)}-{procurement.status}", _moment(date), [tag]
        )
        release["parties"] = self.parties([])
        release["tender"] = self.tender(procurement, TENDER_STATUS[procurement.status], [])
        return release

    def release_heads(self, procurement: Procurement) -> list[dict]:
        """Return the id, date and tag of every release, oldest first, without their bodies."""
        key = ocid(procurement)
        stages = list(procurement.stages.all())
        heads = [
            {
                "id": f"{key}-{stage.kind}-{stage.pk}",
                "date": _day(stage.date),
                "tag": [RELEASE_TAG[stage.kind]],
            }
            for stage in stages
        ]
        if not stages:
            date = procurement.published_at or procurement.created_at
            heads.append({"id": f"{key}-published", "date": _moment(date), "tag": ["planning"]})
        if procurement.status in CLOSING_TAG:
            date = procurement.status_changed_at or procurement.updated_at
            heads.append(
                {
                    "id": f"{key}-{procurement.status}",
                    "date": _moment(date),
                    "tag": [CLOSING_TAG[procurement.status]],
                }
            )
        return sorted(heads, key=lambda head: head["date"])

    def releases(self, procurement: Procurement) -> list[dict]:
        """Return every release of a procurement, oldest first."""
        stages = list(procurement.stages.all())
        releases = [self.stage_release(procurement, stage) for stage in stages]
        if not stages:
            releases.append(self.opening_release(procurement))
        closing = self.closing_release(procurement)
        if closing is not None:
            releases.append(closing)
        return sorted(releases, key=lambda release: release["date"])

    def compiled_release(self, procurement: Procurement, date: str) -> dict:
        """Return the procurement's current state as one compiled release."""
        stages = list(procurement.stages.all())
        by_kind: dict[str, list[Stage]] = {kind: [] for kind in StageKind.values}
        for stage in stages:
            by_kind[stage.kind].append(stage)
        release = self._base(
            procurement,
            f"{ocid(procurement)}-compiled",
            date,
            ["compiled"],
        )
        release["parties"] = self.parties(stages)
        release["planning"] = self.planning(
            procurement, by_kind[StageKind.REQUEST] + by_kind[StageKind.APPROVED_REQUEST]
        )
        notice_documents = [
            doc
            for stage in by_kind[StageKind.NOTICE]
            for doc in self.stage_documents(procurement, stage)
        ]
        unlinked = [
            self.decision_document(d) for d in procurement.decisions.all() if not d.stage_id
        ]
        release["tender"] = self.tender(
            procurement,
            TENDER_STATUS[procurement.status],
            notice_documents + unlinked + self.public_documents(procurement),
        )
        if by_kind[StageKind.AWARD]:
            status = self._award_status(procurement)
            release["awards"] = [
                self.award(procurement, stage, status) for stage in by_kind[StageKind.AWARD]
            ]
        if by_kind[StageKind.CONTRACT]:
            status = self._contract_status(procurement)
            release["contracts"] = [
                self.contract(
                    procurement,
                    stage,
                    status,
                    [p for p in by_kind[StageKind.PAYMENT] if p.parent_id == stage.pk],
                )
                for stage in by_kind[StageKind.CONTRACT]
            ]
        return release

    def record(self, procurement: Procurement) -> dict:
        """Return the record: linked releases and the compiled release."""
        heads = self.release_heads(procurement)
        package_url = self.url(
            reverse("procurement:ocds_procurement_releases", kwargs={"pk": procurement.pk})
        )
        return {
            "ocid": ocid(procurement),
            "releases": [
                {
                    "url": f"{package_url}#{head['id']}",
                    "date": head["date"],
                    "tag": head["tag"],
                }
                for head in heads
            ],
            "compiledRelease": self.compiled_release(procurement, heads[-1]["date"]),
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
        self.decisions: dict[int, list] = {}
        for decision in procurement.decisions.all():
            self.decisions.setdefault(decision.stage_id, []).append(decision)


def _latest(procurements: list[Procurement]) -> datetime | None:
    return max((p.updated_at for p in procurements), default=None)
