"""Status moves, KIMDIS stages, payments within the contract, search kept up to date."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from portal.models import AuditEntry
from portal.search import apply_search
from procurement.models import Procurement, Stage, StageKind, Status
from procurement.services import (
    ProcurementRefused,
    decision_register,
    procurement_publish,
    procurement_transition,
    procurement_unpublish,
    stage_register,
)
from tests.portal.factories import staff_user
from tests.procurement.factories import ProcurementFactory, SupplierFactory, full_chain, next_adam

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[int]:
    return list(apply_search(Procurement.objects.all(), text).values_list("pk", flat=True))


def test_a_transition_outside_the_map_is_refused_in_greek():
    procurement = ProcurementFactory(status=Status.COMPLETED)
    with pytest.raises(ProcurementRefused) as error:
        procurement_transition(procurement=procurement, to=Status.ACTIVE, actor=None)
    assert "Δεν επιτρέπεται η αλλαγή κατάστασης" in error.value.messages[0]
    procurement.refresh_from_db()
    assert procurement.status == Status.COMPLETED


def test_a_transition_is_written_to_the_audit_log_with_the_actor():
    user = staff_user()
    procurement = ProcurementFactory()
    procurement_transition(procurement=procurement, to=Status.CANCELLED, actor=user)
    entry = AuditEntry.objects.get(action="procurement.procurement.status_changed")
    assert entry.actor == user
    assert entry.data == {"from": "planned", "to": "cancelled"}
    procurement.refresh_from_db()
    assert procurement.status_changed_at is not None


def test_registering_stages_moves_the_status_forward():
    procurement = ProcurementFactory()
    full_chain(procurement)
    assert procurement.status == Status.CONTRACTED
    moves = AuditEntry.objects.filter(action="procurement.procurement.status_changed")
    assert [entry.data["to"] for entry in moves.order_by("id")] == [
        "active",
        "closed",
        "awarded",
        "contracted",
    ]


def test_a_direct_award_goes_from_planned_to_awarded():
    procurement = ProcurementFactory(procedure="direct")
    stage_register(
        procurement=procurement,
        kind=StageKind.AWARD,
        adam=next_adam("AWRD"),
        date=date.today(),
        amount=Decimal("5000.00"),
        supplier=SupplierFactory(),
        actor=None,
    )
    procurement.refresh_from_db()
    assert procurement.status == Status.AWARDED


def test_a_stage_with_the_adam_of_another_kind_is_refused():
    procurement = ProcurementFactory()
    with pytest.raises(ValidationError) as error:
        stage_register(
            procurement=procurement,
            kind=StageKind.NOTICE,
            adam=next_adam("AWRD"),
            date=date.today(),
            actor=None,
        )
    assert "θέλει PROC" in str(error.value)
    assert not Stage.objects.exists()


def test_a_duplicate_adam_is_refused_without_writing():
    procurement = ProcurementFactory()
    adam = next_adam("REQ")
    stage_register(
        procurement=procurement, kind="request", adam=adam, date=date.today(), actor=None
    )
    with pytest.raises(ValidationError):
        stage_register(
            procurement=procurement, kind="request", adam=adam, date=date.today(), actor=None
        )
    assert Stage.objects.count() == 1


def test_payments_may_add_up_to_the_contract_but_never_above_it():
    procurement = ProcurementFactory()
    _award, contract = full_chain(procurement, payments=["100000.00", "24000.00"])
    contract.refresh_from_db()
    assert contract.paid_amount == contract.amount
    with pytest.raises(ProcurementRefused) as error:
        stage_register(
            procurement=procurement,
            kind=StageKind.PAYMENT,
            adam=next_adam("PAY"),
            date=date.today(),
            amount=Decimal("0.01"),
            supplier=contract.supplier,
            parent=contract,
            actor=None,
        )
    assert "υπερβαίνει το υπόλοιπο της σύμβασης" in str(error.value)
    assert Stage.objects.filter(kind=StageKind.PAYMENT).count() == 2


def test_the_database_refuses_a_paid_total_above_the_contract():
    procurement = ProcurementFactory()
    _award, contract = full_chain(procurement)
    contract.paid_amount = contract.amount + Decimal("1")
    with pytest.raises(IntegrityError):
        contract.save(update_fields=["paid_amount"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_payments_cannot_overpay_a_contract():
    procurement = ProcurementFactory(estimated_net=Decimal("1000.00"), estimated_vat=Decimal("0"))
    _award, contract = full_chain(procurement)
    outcomes = []
    barrier = threading.Barrier(4)

    def pay():
        try:
            barrier.wait()
            stage_register(
                procurement=procurement,
                kind=StageKind.PAYMENT,
                adam=next_adam("PAY"),
                date=date.today(),
                amount=Decimal("400.00"),
                supplier=contract.supplier,
                parent=contract,
                actor=None,
            )
            outcomes.append("paid")
        except ProcurementRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paid", "paid", "refused", "refused"]
    contract.refresh_from_db()
    assert contract.paid_amount == Decimal("800.00")


def test_the_search_document_follows_new_stages_decisions_and_suppliers():
    procurement = ProcurementFactory(title="Ανακατασκευή πεζοδρομίων")
    award, _contract = full_chain(procurement)
    decision_register(
        procurement=procurement,
        stage=award,
        ada="6ΤΧ1ΩΡΙ-7ΥΔ",
        decision_type="Δ.2.2",
        subject="Κατακύρωση",
        date=award.date,
        actor=None,
    )
    assert _found(award.adam) == [procurement.pk]
    assert _found(award.adam.lower()) == [procurement.pk]
    assert _found("6ΤΧ1ΩΡΙ-7ΥΔ") == [procurement.pk]
    assert _found(award.supplier.afm) == [procurement.pk]
    assert _found(award.supplier.name.split()[0].lower()) == [procurement.pk]


def test_a_decision_with_a_bad_ada_is_refused_and_nothing_is_written():
    procurement = ProcurementFactory()
    with pytest.raises(ValidationError) as error:
        decision_register(
            procurement=procurement,
            ada="ABC-1",
            decision_type="Δ.1",
            subject="Διακήρυξη",
            date=date.today(),
            actor=None,
        )
    assert "Ο ΑΔΑ «ABC-1» δεν είναι έγκυρος" in error.value.messages[0]
    assert not procurement.decisions.exists()


def test_publish_and_unpublish_are_audited_and_idempotent():
    user = staff_user()
    procurement = ProcurementFactory(is_published=False, published_at=None)
    procurement_publish(procurement=procurement, actor=user)
    procurement_publish(procurement=procurement, actor=user)
    procurement_unpublish(procurement=procurement, actor=user, reason="λάθος καταχώριση")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["procurement.procurement.published", "procurement.procurement.unpublished"]
    procurement.refresh_from_db()
    assert procurement.is_published is False
    assert procurement.published_at is not None
