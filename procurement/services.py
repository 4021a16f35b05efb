"""Writes of procurement: status moves, KIMDIS stages, Diavgeia decisions, publishing."""

from datetime import date
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.alerting import public_change_on_commit
from portal.errors import DomainError
from portal.search import search_document
from portal.services import audit_log
from portal.types import Actor
from procurement.identifiers import clean_ada
from procurement.models import (
    DiavgeiaDecision,
    Procurement,
    Stage,
    StageKind,
    Status,
    Supplier,
)

# The status a stage moves its procurement forward to.
STATUS_AFTER_STAGE: dict[str, str] = {
    StageKind.NOTICE: Status.ACTIVE,
    StageKind.AWARD: Status.AWARDED,
    StageKind.CONTRACT: Status.CONTRACTED,
}


class ProcurementRefused(DomainError):
    """A move or a payment the procurement rules refuse; the message is for staff."""


FORWARD: list[str] = [
    Status.PLANNED,
    Status.ACTIVE,
    Status.CLOSED,
    Status.AWARDED,
    Status.CONTRACTED,
    Status.COMPLETED,
]


def procurement_transition(*, procurement: Procurement, to: str, actor: Actor) -> Procurement:
    """Move a procurement to another status if the transition map allows it."""
    with transaction.atomic():
        current = procurement.status
        if not procurement.can_move_to(to):
            raise ProcurementRefused(
                _("Δεν επιτρέπεται η αλλαγή κατάστασης από «%(old)s» σε «%(new)s».")
                % {"old": Status(current).label, "new": Status(to).label}
            )
        procurement.status = to
        procurement.status_changed_at = timezone.now()
        procurement.save(update_fields=["status", "status_changed_at", "updated_at"])
        if procurement.is_published:
            public_change_on_commit()
        audit_log(
            actor=actor,
            action="procurement.procurement.status_changed",
            obj=procurement,
            data={"from": current, "to": to},
        )
    return procurement


def _advance_for_stage(procurement: Procurement, kind: str, actor: Actor) -> None:
    target = STATUS_AFTER_STAGE.get(kind)
    if target is None or procurement.status not in FORWARD:
        return
    while FORWARD.index(procurement.status) < FORWARD.index(target):
        allowed = procurement.allowed_moves()
        step = target if target in allowed else FORWARD[FORWARD.index(procurement.status) + 1]
        procurement_transition(procurement=procurement, to=step, actor=actor)


def procurement_publish(*, procurement: Procurement, actor: Actor) -> Procurement:
    """Make a procurement public (pages, feeds, open data and OCDS)."""
    with transaction.atomic():
        procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
        if procurement.is_published:
            return procurement
        procurement.is_published = True
        procurement.published_at = procurement.published_at or timezone.now()
        procurement.save(update_fields=["is_published", "published_at", "updated_at"])
        public_change_on_commit()
        audit_log(actor=actor, action="procurement.procurement.published", obj=procurement)
    return procurement


def procurement_unpublish(
    *, procurement: Procurement, actor: Actor, reason: str = ""
) -> Procurement:
    """Withdraw a procurement from every public place; the record stays for staff."""
    with transaction.atomic():
        procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
        if not procurement.is_published:
            return procurement
        procurement.is_published = False
        procurement.save(update_fields=["is_published", "updated_at"])
        audit_log(
            actor=actor,
            action="procurement.procurement.unpublished",
            obj=procurement,
            data={"reason": reason},
        )
    return procurement


def procurement_refresh_search(*, procurement: Procurement) -> None:
    """Rebuild the search document from the record, its stages, decisions and suppliers."""
    stages = list(Stage.objects.filter(procurement=procurement).select_related("supplier"))
    decisions = DiavgeiaDecision.objects.filter(procurement=procurement).only("ada")
    suppliers = {stage.supplier for stage in stages if stage.supplier is not None}
    parts = procurement.search_parts(stages=stages, decisions=decisions, suppliers=suppliers)
    procurement.search_document = search_document(*parts)
    Procurement.objects.filter(pk=procurement.pk).update(
        search_document=procurement.search_document, updated_at=timezone.now()
    )


def procurement_recount_payments(*, procurement: Procurement) -> None:
    """Recompute each contract's paid total; the database refuses one above the contract."""
    contracts = Stage.objects.select_for_update().filter(
        procurement=procurement, kind=StageKind.CONTRACT
    )
    for contract in contracts.order_by("pk"):
        paid = contract.children.filter(kind=StageKind.PAYMENT).aggregate(total=Sum("amount"))
        contract.paid_amount = paid["total"] or Decimal("0")
        contract.save(update_fields=["paid_amount"])


def procurement_record_edit(*, procurement: Procurement, actor: Actor, created: bool) -> None:
    """Bring derived data up to date after staff edited a record and its inlines."""
    with transaction.atomic():
        procurement_recount_payments(procurement=procurement)
        procurement_refresh_search(procurement=procurement)
        if procurement.is_published:
            public_change_on_commit()  # a new document or stage may have been added
        audit_log(
            actor=actor,
            action="procurement.procurement." + ("created" if created else "changed"),
            obj=procurement,
        )


def _check_payment_fits(contract: Stage, amount: Decimal) -> None:
    remaining = (contract.amount or 0) - contract.paid_amount
    if amount > remaining:
        raise ProcurementRefused(
            _(
                "Η πληρωμή των %(amount)s € υπερβαίνει το υπόλοιπο της σύμβασης "
                "%(adam)s (%(remaining)s € από %(total)s €)."
            )
            % {
                "amount": amount,
                "adam": contract.adam,
                "remaining": remaining,
                "total": contract.amount,
            },
            field="amount",
        )


def stage_register(
    *,
    procurement: Procurement,
    kind: str,
    adam: str,
    date: date,
    amount: Decimal | None = None,
    supplier: Supplier | None = None,
    parent: Stage | None = None,
    note: str = "",
    document: File | None = None,
    budget_line_id: int | None = None,
    actor: Actor,
) -> Stage:
    """Record a KIMDIS registration, keep payments within their contract, move the status on.

    `document` must already be checked to be a PDF (forms use `check_upload`).
    """
    with transaction.atomic():
        if kind == StageKind.PAYMENT and parent is not None:
            # Lock the contract late, once: concurrent payments queue here.
            parent = Stage.objects.select_for_update().get(pk=parent.pk)
        stage = Stage(
            procurement=procurement,
            kind=kind,
            adam=adam,
            date=date,
            amount=amount,
            supplier=supplier,
            parent=parent,
            note=note,
            budget_line_id=budget_line_id,
        )
        stage.full_clean()
        if document:
            stage.document.save(document.name or "", document, save=False)
        # full_clean has checked that a payment names its contract and an amount.
        contract, paid = (parent, amount) if kind == StageKind.PAYMENT else (None, None)
        if contract is not None and paid is not None:
            _check_payment_fits(contract, paid)
        stage.save()
        if contract is not None and paid is not None:
            contract.paid_amount += paid
            contract.save(update_fields=["paid_amount"])
        procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
        _advance_for_stage(procurement, kind, actor)
        procurement_refresh_search(procurement=procurement)
        if procurement.is_published:
            public_change_on_commit()
        audit_log(
            actor=actor,
            action="procurement.stage.registered",
            obj=procurement,
            data={"kind": kind, "adam": stage.adam, "amount": str(amount or "")},
        )
    return stage


def decision_register(
    *,
    procurement: Procurement,
    ada: str,
    decision_type: str,
    subject: str,
    date: date,
    stage: Stage | None = None,
    actor: Actor,
) -> DiavgeiaDecision:
    """Link a Diavgeia decision (by its ΑΔΑ) to a procurement and one of its stages."""
    with transaction.atomic():
        decision = DiavgeiaDecision(
            procurement=procurement,
            stage=stage,
            ada=clean_ada(ada),
            decision_type=decision_type,
            subject=subject,
            date=date,
        )
        decision.full_clean()
        decision.save()
        procurement_refresh_search(procurement=procurement)
        audit_log(
            actor=actor,
            action="procurement.decision.registered",
            obj=procurement,
            data={"ada": decision.ada},
        )
    return decision
