"""The sources of the apps: what one procurement's and one complaint's followers hear of, and
immediate alerts going out only once the change is committed."""

from contextlib import suppress
from datetime import date

import pytest
from django.core import mail
from django.db import transaction

from alerts.models import Frequency, Subscription
from complaints import services as complaint_services
from complaints.models import Status as ComplaintStatus
from portal.alerting import alert_sources
from procurement.services import procurement_publish, stage_register
from tests.alerts.factories import SubscriptionFactory
from tests.complaints.factories import PublishedComplaintFactory, submitted_complaint
from tests.portal.factories import staff_user
from tests.procurement.factories import ProcurementFactory, SupplierFactory, next_adam

pytestmark = pytest.mark.django_db


def test_every_app_declares_its_sources_and_the_alerts_app_names_none():
    assert list(alert_sources()) == [
        "complaints.register",
        "complaints.complaint",
        "procurement.notices",
        "procurement.procurement",
    ]
    from pathlib import Path

    import alerts

    code = "".join(path.read_text() for path in Path(alerts.__file__).parent.rglob("*.py"))
    for app in ("complaints", "procurement"):
        assert f"import {app}" not in code and f"from {app}" not in code


def test_followers_of_a_procurement_hear_of_its_stages_and_status(send):
    procurement = ProcurementFactory(cpv_codes=["45233120-6"])
    SubscriptionFactory(
        source="procurement.procurement",
        criteria={"procurement": str(procurement.pk)},
        frequency=Frequency.IMMEDIATE,
    )
    other = ProcurementFactory()
    stage_register(
        procurement=procurement,
        kind="notice",
        adam=next_adam("PROC"),
        date=date.today(),
        amount=procurement.estimated_total,
        actor=staff_user(),
    )
    stage_register(
        procurement=other, kind="notice", adam=next_adam("PROC"), date=date.today(), actor=None
    )

    send()

    [message] = mail.outbox
    assert "Νέο στάδιο στο ΚΗΜΔΗΣ: Προκήρυξη / διακήρυξη" in message.body
    assert "Η κατάσταση είναι «Σε εξέλιξη — δεκτές προσφορές»" in message.body
    assert f"/procurement/{other.pk}/" not in message.body


def test_an_award_names_its_supplier_as_the_public_page_does(send):
    procurement = ProcurementFactory(status="closed")
    SubscriptionFactory(
        source="procurement.procurement", criteria={"procurement": str(procurement.pk)}
    )
    supplier = SupplierFactory(name="ΑΣΦΑΛΤΙΚΗ ΒΟΡΕΙΟΥ Α.Ε.")
    stage_register(
        procurement=procurement,
        kind="award",
        adam=next_adam("AWRD"),
        date=date.today(),
        amount=procurement.estimated_total,
        supplier=supplier,
        actor=None,
    )
    send()
    [message] = mail.outbox
    assert "ΑΣΦΑΛΤΙΚΗ ΒΟΡΕΙΟΥ Α.Ε." in message.body
    assert "124.000,00 €" in message.body


def test_followers_of_a_complaint_hear_of_public_updates_only(send, category):
    complaint = PublishedComplaintFactory(category=category)
    SubscriptionFactory(
        source="complaints.complaint", criteria={"protocol": complaint.protocol_number}
    )
    clerk = staff_user(department=category.department)
    complaint_services.complaint_add_note(complaint=complaint, text="Μόνο για εμάς.", actor=clerk)
    complaint_services.complaint_transition(
        complaint=complaint, to_status=ComplaintStatus.ACCEPTED, actor=clerk
    )
    send()
    [message] = mail.outbox
    assert "Η κατάσταση του αιτήματος είναι «Έγινε δεκτό»" in message.body
    assert "Εσωτερική" not in message.body and "Μόνο για εμάς" not in message.body


def test_unpublished_complaints_are_never_told(send, category):
    complaint, _secret = submitted_complaint(category=category)
    SubscriptionFactory(source="complaints.register", criteria={"categories": [category.code]})
    complaint_services.complaint_accept(complaint=complaint, actor=staff_user())
    send()
    assert mail.outbox == []


def test_immediate_alerts_go_out_only_after_the_change_commits(django_capture_on_commit_callbacks):
    SubscriptionFactory(frequency=Frequency.IMMEDIATE, criteria={"cpv": "4523"})
    procurement = ProcurementFactory(
        is_published=False, published_at=None, cpv_codes=["45233120-6"]
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        procurement_publish(procurement=procurement, actor=staff_user())
    assert mail.outbox == []
    assert callbacks

    # The commit: the hook queues the immediate run, whose email goes out as it commits.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    [message] = mail.outbox
    assert f"/procurement/{procurement.pk}/" in message.body
    assert message.subject.startswith("Νέα δημοσίευση: Ανοικτή διαδικασία:")


def test_a_change_rolled_back_alerts_no_one(django_capture_on_commit_callbacks):
    SubscriptionFactory(frequency=Frequency.IMMEDIATE, criteria={"cpv": "4523"})
    procurement = ProcurementFactory(
        is_published=False, published_at=None, cpv_codes=["45233120-6"]
    )
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        suppress(RuntimeError),
        transaction.atomic(),
    ):
        procurement_publish(procurement=procurement, actor=staff_user())
        raise RuntimeError("the save failed after all")
    assert callbacks == []
    assert mail.outbox == []


def test_the_demo_seeds_a_few_confirmed_alerts(send):
    import random
    from io import StringIO

    from django.core.management.base import OutputWrapper
    from django.utils import timezone

    from alerts import seed
    from portal.seeding import SeedContext

    context = SeedContext(
        rng=random.Random(1), scale=1, today=timezone.localdate(), stdout=OutputWrapper(StringIO())
    )
    seed.seed(context)
    assert Subscription.objects.filter(status="active").count() == 3
    ProcurementFactory(cpv_codes=["45233120-6"])
    send()
    assert [message.to for message in mail.outbox] == [["promitheftis@example.org"]]
