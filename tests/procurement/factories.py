from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from procurement.identifiers import afm_with_check_digit
from procurement.models import ContractType, Procedure, Procurement, Status, Supplier
from procurement.services import procurement_refresh_search, stage_register
from tests.portal.factories import DepartmentFactory


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"ΤΕΧΝΙΚΗ ΔΟΚΙΜΩΝ {n} Α.Ε.")
    afm = factory.Sequence(lambda n: afm_with_check_digit(f"0{n:07d}"))


class ProcurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procurement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Προμήθεια υλικών δοκιμής {n}")
    description = "Δοκιμαστική διαδικασία."
    contract_type = ContractType.GOODS
    procedure = Procedure.OPEN
    cpv_codes = factory.LazyFunction(lambda: ["30192000-1"])
    department = factory.SubFactory(DepartmentFactory)
    estimated_net = Decimal("100000.00")
    estimated_vat = Decimal("24000.00")
    status = Status.PLANNED
    is_published = True
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def searchable(obj, create, extracted, **kwargs):
        if create:
            procurement_refresh_search(procurement=obj)


_adam_counter = iter(range(100_000_000, 999_999_999))


def next_adam(code: str, day: date | None = None) -> str:
    return f"{(day or date.today()):%y}{code}{next(_adam_counter):09d}"


def full_chain(procurement: Procurement, *, payments=(), actor=None, start: date | None = None):
    """Register request → notice → award → contract → payments; return (award, contract)."""
    start = start or date.today() - timedelta(days=200)
    supplier = SupplierFactory()
    amount = procurement.estimated_total
    stage_register(
        procurement=procurement,
        kind="request",
        adam=next_adam("REQ", start),
        date=start,
        amount=amount,
        actor=actor,
    )
    stage_register(
        procurement=procurement,
        kind="notice",
        adam=next_adam("PROC", start),
        date=start + timedelta(days=10),
        amount=amount,
        actor=actor,
    )
    award = stage_register(
        procurement=procurement,
        kind="award",
        adam=next_adam("AWRD", start),
        date=start + timedelta(days=60),
        amount=amount,
        supplier=supplier,
        actor=actor,
    )
    contract = stage_register(
        procurement=procurement,
        kind="contract",
        adam=next_adam("SYMV", start),
        date=start + timedelta(days=70),
        amount=amount,
        supplier=supplier,
        parent=award,
        actor=actor,
    )
    for index, value in enumerate(payments, start=1):
        stage_register(
            procurement=procurement,
            kind="payment",
            adam=next_adam("PAY", start),
            date=start + timedelta(days=70 + 30 * index),
            amount=Decimal(value),
            supplier=supplier,
            parent=contract,
            actor=actor,
        )
    procurement.refresh_from_db()
    return award, contract
