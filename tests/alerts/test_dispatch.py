"""Matching events to subscriptions and sending digests: exactly the matching events, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alerts import dispatch
from alerts.models import Delivery, Frequency, Subscription
from alerts.services import alerts_send
from complaints.models import Status as ComplaintStatus
from complaints.models import TimelineKind
from procurement.models import Procedure
from tests.alerts.factories import SubscriberFactory, SubscriptionFactory
from tests.alerts.helpers import everything
from tests.complaints.factories import (
    CategoryFactory,
    PublishedComplaintFactory,
    TimelineEntryFactory,
)
from tests.portal.factories import DepartmentFactory
from tests.procurement.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def _notice(**fields):
    fields.setdefault("cpv_codes", ["45233120-6"])
    return ProcurementFactory(**fields)


def test_a_procurement_digest_contains_exactly_the_matching_notices(send, mailoutbox):
    roads = DepartmentFactory(slug="odopoiia", name="Διεύθυνση Οδοποιίας")
    subscription = SubscriptionFactory(
        criteria={
            "cpv": "4523",
            "words": "ασφαλτοστρωση",
            "department": "odopoiia",
            "procedure": "open",
        }
    )
    wanted = _notice(title="Ασφαλτόστρωση οδών Άνω Πόλης", department=roads)
    also = _notice(
        title="Συντήρηση δρόμων", description="Εργασίες ασφαλτόστρωσης.", department=roads
    )
    _notice(title="Ασφαλτόστρωση πλατείας", department=roads, procedure=Procedure.DIRECT)
    _notice(title="Ασφαλτόστρωση οδών", department=roads, cpv_codes=["30192000-1"])
    _notice(title="Ασφαλτόστρωση οδών", cpv_codes=["45233120-6"])  # another department
    _notice(title="Ασφάλτινη επίστρωση", department=roads)  # not the keyword
    _notice(title="Ασφαλτόστρωση, όχι ακόμη δημοσιευμένη", department=roads, is_published=False)

    report = send()

    assert report.emails == 1
    [message] = mailoutbox
    assert message.to == [subscription.subscriber.email]
    text = everything(message)
    for procurement in (wanted, also):
        assert procurement.title in message.body
        assert f"/procurement/{procurement.pk}/" in message.body
    assert message.body.count("/procurement/") == 2
    delivery = Delivery.objects.get()
    assert sorted(delivery.event_keys) == sorted(
        f"procurement.published:{procurement.pk}" for procurement in (wanted, also)
    )
    assert "List-Unsubscribe" in text


def test_a_register_digest_matches_category_area_and_map_rectangle(send, mailoutbox):
    lighting = CategoryFactory(code="lighting", name="Ηλεκτροφωτισμός")
    other = CategoryFactory(code="other")
    SubscriptionFactory(
        source="complaints.register",
        criteria={
            "categories": ["lighting"],
            "area": "Εγνατια",
            "south": "40.630000",
            "west": "22.940000",
            "north": "40.640000",
            "east": "22.950000",
        },
    )
    inside = {"latitude": "40.635100", "longitude": "22.945100", "public_area": "Εγνατίας"}
    matching = PublishedComplaintFactory(category=lighting, **inside)
    elsewhere = PublishedComplaintFactory(
        category=lighting, latitude="40.600000", longitude="22.945000", public_area="Εγνατίας"
    )
    wrong_kind = PublishedComplaintFactory(category=other, **inside)
    wrong_street = PublishedComplaintFactory(
        category=lighting, **{**inside, "public_area": "Τσιμισκή"}
    )
    for complaint in (matching, elsewhere, wrong_kind, wrong_street):
        TimelineEntryFactory(complaint=complaint, kind=TimelineKind.PUBLISHED, is_public=False)
    TimelineEntryFactory(
        complaint=matching,
        kind=TimelineKind.STATUS_CHANGED,
        to_status=ComplaintStatus.IN_PROGRESS,
        is_public=True,
    )
    # Not the register's news: a reply, and a staff-only status entry.
    TimelineEntryFactory(complaint=matching, kind=TimelineKind.PUBLIC_REPLY)
    TimelineEntryFactory(
        complaint=matching, kind=TimelineKind.STATUS_CHANGED, to_status="resolved", is_public=False
    )

    send()

    [message] = mailoutbox
    assert message.body.count(f"/complaints/{matching.protocol_number}/") == 2
    assert "Δημοσιεύθηκε στο μητρώο" in message.body
    assert "Η κατάσταση του αιτήματος είναι «Σε εξέλιξη»" in message.body
    assert "Επιλύθηκε" not in message.body
    for complaint in (elsewhere, wrong_kind, wrong_street):
        assert complaint.protocol_number not in message.body


def test_one_email_per_person_per_run_whatever_the_number_of_subscriptions(send, mailoutbox):
    subscriber = SubscriberFactory()
    SubscriptionFactory(subscriber=subscriber, criteria={"cpv": "4523"})
    SubscriptionFactory(
        subscriber=subscriber, criteria={"words": "οδών"}, frequency=Frequency.WEEKLY
    )
    other = SubscriptionFactory(criteria={"cpv": "45"})
    notice = _notice(title="Ασφαλτόστρωση οδών")

    send()

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [subscriber.email, other.subscriber.email]
    )
    mine = next(message for message in mailoutbox if message.to == [subscriber.email])
    # Matched by both subscriptions, told once.
    assert mine.body.count(f"/procurement/{notice.pk}/") == 1


def test_a_repeated_run_sends_nothing_twice_and_a_later_run_only_what_is_new(send, mailoutbox):
    subscription = SubscriptionFactory(frequency=Frequency.IMMEDIATE, criteria={"cpv": "4523"})
    first = _notice()
    send()
    send()
    assert len(mailoutbox) == 1

    second = _notice()
    send()

    assert len(mailoutbox) == 2
    assert f"/procurement/{second.pk}/" in mailoutbox[1].body
    assert f"/procurement/{first.pk}/" not in mailoutbox[1].body
    subscription.refresh_from_db()
    assert subscription.covered_until is not None


def test_a_daily_digest_waits_a_day_and_a_weekly_one_a_week(send, mailoutbox):
    SubscriptionFactory(frequency=Frequency.DAILY, criteria={"cpv": "4523"})
    SubscriptionFactory(frequency=Frequency.WEEKLY, criteria={"cpv": "4523"})
    _notice()
    now = timezone.now()
    send(now=now)
    assert len(mailoutbox) == 2

    _notice(published_at=now + timedelta(hours=2))
    send(now=now + timedelta(hours=3))
    assert len(mailoutbox) == 2
    send(now=now + timedelta(days=1))
    assert len(mailoutbox) == 3
    send(now=now + timedelta(days=7))
    assert len(mailoutbox) == 4
    # A week on, the weekly subscriber hears of the second notice too.
    assert "/procurement/" in mailoutbox[3].body


def test_an_event_committed_late_is_still_sent_by_the_next_run(send, mailoutbox):
    """A transaction stamps its rows when it writes them and shows them when it commits."""
    SubscriptionFactory(frequency=Frequency.IMMEDIATE, criteria={"cpv": "4523"})
    now = timezone.now()
    send(now=now)
    # Stamped before that run, seen only after it: within the settling time.
    late = _notice(published_at=now - timedelta(minutes=5))

    send(now=now + timedelta(minutes=1))

    [message] = mailoutbox
    assert f"/procurement/{late.pk}/" in message.body


def test_nothing_from_before_the_subscription_is_sent(send, mailoutbox):
    _notice(published_at=timezone.now() - timedelta(days=2))
    SubscriptionFactory(criteria={"cpv": "4523"})
    send()
    assert mailoutbox == []


def test_a_run_that_crashes_halfway_sends_nothing_twice_and_skips_nothing(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    subscriptions = [SubscriptionFactory(criteria={"cpv": "4523"}) for _ in range(3)]
    _notice()
    monkeypatch.setattr(dispatch, "BATCH", 1)
    real_queue = dispatch.emails.queue
    queued = []

    def crash_on_the_second(outgoing):
        if len(queued) == 1:
            raise ConnectionError("the worker died")
        queued.extend(email.to for email in outgoing)
        real_queue(outgoing)

    monkeypatch.setattr(dispatch.emails, "queue", crash_on_the_second)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConnectionError):
        alerts_send()
    assert [message.to for message in mailoutbox] == [[subscriptions[0].subscriber.email]]
    assert Delivery.objects.count() == 1

    monkeypatch.setattr(dispatch.emails, "queue", real_queue)
    with django_capture_on_commit_callbacks(execute=True):
        alerts_send()

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        subscription.subscriber.email for subscription in subscriptions
    )


def test_a_cancelled_or_pending_subscription_gets_nothing(send, mailoutbox):
    SubscriptionFactory(status="cancelled", criteria={"cpv": "4523"})
    SubscriptionFactory(status="pending", confirmed_at=None, criteria={"cpv": "4523"})
    _notice()
    send()
    assert mailoutbox == []


def test_matching_runs_a_fixed_number_of_queries_however_many_subscriptions(
    django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def prepare(count: int) -> None:
        for _ in range(count):
            SubscriptionFactory(criteria={"cpv": "4523"})
            SubscriptionFactory(source="complaints.register", criteria={"area": "Εγνατία"})
            SubscriptionFactory(criteria={"cpv": "99"})  # matches nothing
        _notice()
        complaint = PublishedComplaintFactory(public_area="Εγνατίας")
        TimelineEntryFactory(complaint=complaint, kind=TimelineKind.PUBLISHED, is_public=False)

    # The sources' events, the due subscriptions' windows, one batch (read, move on the
    # quiet ones, lock, read again, what was sent, record, move on) and the audit entry.
    prepare(2)
    with django_assert_max_num_queries(16), django_capture_on_commit_callbacks(execute=False):
        assert alerts_send().emails == 4
    Subscription.objects.all().delete()
    prepare(60)
    with django_assert_max_num_queries(16), django_capture_on_commit_callbacks(execute=False):
        assert alerts_send().emails == 120
