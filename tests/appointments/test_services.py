"""Booking, moving, cancelling and marking attendance, with their rules."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from appointments import services
from appointments.models import Booking, BookingSource, BookingStatus, Closure, Slot
from appointments.tasks import send_reminder
from portal.models import AuditEntry
from tests.appointments.concurrency import outcomes_at_once
from tests.appointments.factories import ServiceFactory, local, open_day
from tests.portal.factories import staff_user


def book(service, starts_at, email="eleni@example.gr", **kwargs):
    return services.appointment_book(
        service=service,
        starts_at=starts_at,
        name="Ελένη Καλλιγά",
        email=email,
        phone="+30 2310 123456",
        reason="Πράξη γέννησης",
        **kwargs,
    )


@pytest.mark.django_db
def test_booking_takes_a_place_and_emails_the_citizen_after_commit(
    django_capture_on_commit_callbacks,
):
    service = ServiceFactory(capacity=2)
    starts_at = local(open_day(), 9)
    with django_capture_on_commit_callbacks(execute=True):
        result = book(service, starts_at)
    slot = Slot.objects.get(service=service, starts_at=starts_at)
    assert slot.booked == 1 and slot.capacity == 2
    assert result.booking.reference and len(result.token) >= 32
    assert result.booking.cancel_token_hash != result.token
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert result.booking.reference in message.subject
    assert result.token in message.body
    assert "Αστυνομική ταυτότητα" in message.body
    assert message.attachments[0][0].endswith(".ics")
    assert AuditEntry.objects.filter(action="appointments.booking.booked").count() == 1


@pytest.mark.django_db
def test_a_full_slot_refuses_with_the_greek_slot_full_message():
    service = ServiceFactory(capacity=1)
    starts_at = local(open_day(), 9)
    book(service, starts_at, email="a@example.gr")
    with pytest.raises(services.BookingRefused) as refused:
        book(service, starts_at, email="b@example.gr")
    assert refused.value.code == "slot_full"
    assert "γέμισε" in refused.value.message
    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_bookings_of_the_last_places_never_overbook():
    threads_count, capacity = 12, 3
    service = ServiceFactory(capacity=capacity)
    starts_at = local(open_day(), 10)

    outcomes = outcomes_at_once(
        threads_count, lambda n: book(service, starts_at, email=f"thread{n}@example.gr")
    )

    assert outcomes == ["booked"] * capacity + ["slot_full"] * (threads_count - capacity)
    slot = Slot.objects.get(service=service, starts_at=starts_at)
    assert slot.booked == capacity
    assert Booking.objects.filter(slot=slot, status=BookingStatus.BOOKED).count() == capacity


@pytest.mark.django_db
def test_the_database_refuses_more_bookings_than_capacity_whatever_the_code():
    from django.db import IntegrityError, transaction

    service = ServiceFactory(capacity=1)
    book(service, local(open_day(), 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(service=service).update(booked=2)


@pytest.mark.django_db
def test_one_active_booking_per_email_per_service_per_day():
    service = ServiceFactory()
    day = open_day()
    book(service, local(day, 9), email="Maria@Example.gr")
    with pytest.raises(services.BookingRefused) as refused:
        book(service, local(day, 11), email="maria@example.gr")
    assert refused.value.code == "same_day"
    other_service = ServiceFactory()
    book(other_service, local(day, 11), email="maria@example.gr")


@pytest.mark.django_db
def test_at_most_three_future_bookings_per_email_read_from_settings(settings):
    services_ = [ServiceFactory() for _ in range(4)]
    day = open_day()
    for service in services_[:3]:
        book(service, local(day, 9), email="nikos@example.gr")
    with pytest.raises(services.BookingRefused) as refused:
        book(services_[3], local(day, 9), email="nikos@example.gr")
    assert refused.value.code == "too_many"
    assert "έως 3" in refused.value.message
    settings.APPOINTMENTS_MAX_FUTURE_PER_EMAIL = 4
    book(services_[3], local(day, 9), email="nikos@example.gr")


@pytest.mark.django_db
def test_refused_times_leave_nothing_written():
    service = ServiceFactory()
    with pytest.raises(services.BookingRefused):
        book(service, timezone.now() - timedelta(hours=1))
    with pytest.raises(services.BookingRefused):
        book(service, local(open_day(), 7))
    Closure.objects.create(date=open_day(), reason="Απεργία")
    with pytest.raises(services.BookingRefused) as refused:
        book(service, local(open_day(), 9))
    assert "Απεργία" in refused.value.message
    assert not Booking.objects.exists()
    assert not Slot.objects.filter(booked__gt=0).exists()


@pytest.mark.django_db
def test_a_resubmitted_form_returns_the_booking_it_already_made():
    import uuid

    service = ServiceFactory()
    key = uuid.uuid4()
    first = book(service, local(open_day(), 9), submission_key=key)
    again = book(service, local(open_day(), 9), submission_key=key)
    assert again.duplicate and again.booking == first.booking
    assert Slot.objects.get().booked == 1


@pytest.mark.django_db
def test_cancelling_frees_the_place_at_once(django_capture_on_commit_callbacks):
    service = ServiceFactory(capacity=1)
    starts_at = local(open_day(), 9)
    result = book(service, starts_at, email="a@example.gr")
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=result.booking, reason="Δεν χρειάζεται πια")
    assert Slot.objects.get().booked == 0
    assert mail.outbox[-1].subject.startswith("Ακύρωση")
    book(service, starts_at, email="b@example.gr")
    with pytest.raises(services.BookingRefused) as refused:
        services.booking_cancel(booking=result.booking)
    assert refused.value.code == "not_active"


@pytest.mark.django_db
def test_moving_a_booking_frees_the_old_place_and_takes_the_new(
    django_capture_on_commit_callbacks,
):
    service = ServiceFactory(capacity=1)
    day = open_day()
    result = book(service, local(day, 9))
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.booking_move(booking=result.booking, starts_at=local(day, 11))
    assert moved.slot.starts_at == local(day, 11)
    assert moved.sequence == 1
    assert Slot.objects.get(starts_at=local(day, 9)).booked == 0
    assert Slot.objects.get(starts_at=local(day, 11)).booked == 1
    assert "Αλλαγή" in mail.outbox[-1].subject
    other = book(service, local(day, 9), email="other@example.gr")
    with pytest.raises(services.BookingRefused) as refused:
        services.booking_move(booking=other.booking, starts_at=local(day, 11))
    assert refused.value.code == "slot_full"


@pytest.mark.django_db
def test_the_reminder_is_queued_for_the_day_before_and_skips_a_cancelled_booking(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    service = ServiceFactory()
    day = open_day(after_days=3)
    with django_capture_on_commit_callbacks(execute=True):
        kept = book(service, local(day, 9), email="a@example.gr")
        cancelled = book(service, local(day, 10), email="b@example.gr")
    queued = list(DBTaskResult.objects.filter(task_path="appointments.tasks.send_reminder"))
    assert len(queued) == 2
    assert {task.run_after for task in queued} == {local(day - timedelta(days=1), 10)}
    services.booking_cancel(booking=cancelled.booking, notify=False)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for task in queued:
            send_reminder.call(**task.args_kwargs["kwargs"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.gr"]
    assert kept.booking.reference in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_moved_bookings_old_reminder_does_nothing(django_capture_on_commit_callbacks):
    service = ServiceFactory()
    day = open_day()
    result = book(service, local(day, 9))
    old_start = result.booking.slot.starts_at.isoformat()
    services.booking_move(booking=result.booking, starts_at=local(day, 12))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminder.call(booking_id=result.booking.pk, starts_at=old_start)
    assert mail.outbox == []


@pytest.mark.django_db
def test_phone_bookings_need_no_email_and_record_the_clerk():
    clerk = staff_user()
    service = ServiceFactory()
    result = services.appointment_book(
        service=service,
        starts_at=local(open_day(), 9),
        name="Σταύρος Αλεξίου",
        email="",
        phone="+30 2310 555555",
        source=BookingSource.PHONE,
        actor=clerk,
    )
    assert result.booking.created_by == clerk
    assert result.booking.source == BookingSource.PHONE
    entry = AuditEntry.objects.get(action="appointments.booking.booked")
    assert entry.actor == clerk


@pytest.mark.django_db
def test_attendance_follows_the_transition_map_from_the_day_of_the_appointment():
    from tests.appointments.factories import BookingFactory, SlotFactory

    clerk = staff_user()
    today_slot = SlotFactory(starts_at=timezone.now() - timedelta(hours=1))
    booking = BookingFactory(slot=today_slot)
    services.booking_set_status(booking=booking, status=BookingStatus.ARRIVED, actor=clerk)
    services.booking_set_status(booking=booking, status=BookingStatus.NO_SHOW, actor=clerk)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW
    future = BookingFactory()
    with pytest.raises(services.BookingRefused) as refused:
        services.booking_set_status(booking=future, status=BookingStatus.ARRIVED, actor=clerk)
    assert refused.value.code == "too_early"
    cancelled = BookingFactory(slot=today_slot, status=BookingStatus.CANCELLED)
    with pytest.raises(services.BookingRefused):
        services.booking_set_status(booking=cancelled, status=BookingStatus.ARRIVED, actor=clerk)
    assert AuditEntry.objects.filter(action__startswith="appointments.booking.").count() == 2


@pytest.mark.django_db
def test_closing_a_day_with_bookings_cancels_and_notifies_the_affected_citizens(
    django_capture_on_commit_callbacks,
):
    clerk = staff_user()
    service = ServiceFactory()
    day = open_day()
    morning = book(service, local(day, 9), email="a@example.gr")
    noon = book(service, local(day, 12), email="b@example.gr")
    closure = services.closure_save(
        closure=Closure(
            service=service,
            date=day,
            start_time=local(day, 11).time(),
            end_time=local(day, 14).time(),
            reason="Βλάβη στο σύστημα",
        ),
        actor=clerk,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.closure_cancel_affected(closure=closure, actor=clerk)
    assert count == 1
    noon.booking.refresh_from_db()
    morning.booking.refresh_from_db()
    assert noon.booking.status == BookingStatus.CANCELLED
    assert morning.booking.status == BookingStatus.BOOKED
    assert [m.to for m in mail.outbox] == [["b@example.gr"]]
    assert "Βλάβη στο σύστημα" in mail.outbox[0].body


@pytest.mark.django_db
def test_old_bookings_lose_their_personal_data_but_keep_their_counts(settings):
    from django.core.management import call_command

    from appointments.selectors import daily_statistics
    from tests.appointments.factories import BookingFactory, SlotFactory

    old_slot = SlotFactory(starts_at=timezone.now() - timedelta(days=400))
    old = BookingFactory(slot=old_slot, status=BookingStatus.NO_SHOW)
    recent = BookingFactory(slot=SlotFactory(starts_at=timezone.now() - timedelta(days=10)))
    settings.APPOINTMENTS_RETENTION_DAYS = 365
    call_command("anonymise_bookings")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.phone, old.reason) == ("—", "", "", "")
    assert old.status == BookingStatus.NO_SHOW
    assert recent.email.endswith("@example.gr")
    assert sum(row.no_shows for row in daily_statistics()) == 1
    assert AuditEntry.objects.filter(action="appointments.booking.anonymised").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_slot_locked_too_long_answers_try_again_instead_of_waiting(settings):
    from django.db import transaction

    settings.APPOINTMENTS_LOCK_TIMEOUT_MS = 200
    service = ServiceFactory(capacity=2)
    starts_at = local(open_day(), 9)
    book(service, starts_at, email="first@example.gr")
    locked, release = threading.Event(), threading.Event()

    def hold_the_slot():
        try:
            with transaction.atomic():
                Slot.objects.select_for_update().get(service=service, starts_at=starts_at)
                locked.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_slot)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        with pytest.raises(services.BookingRefused) as refused:
            book(service, starts_at, email="second@example.gr")
        assert refused.value.code == "busy"
        assert "Δοκιμάστε ξανά" in refused.value.message
    finally:
        release.set()
        holder.join(timeout=10)
    assert Slot.objects.get(service=service, starts_at=starts_at).booked == 1
    book(service, starts_at, email="second@example.gr")


@pytest.mark.django_db
def test_a_closure_of_several_days_cancels_the_bookings_of_each_day(
    django_capture_on_commit_callbacks,
):
    from datetime import timedelta as days_

    clerk = staff_user()
    service = ServiceFactory()
    first = open_day()
    second = open_day(after_days=(first - timezone.localdate()).days + 1)
    inside = [
        book(service, local(first, 9), email="a@example.gr"),
        book(service, local(second, 9), email="b@example.gr"),
    ]
    after = second + days_(days=1)
    while after.weekday() >= 5:
        after += days_(days=1)
    outside = book(service, local(after, 9), email="c@example.gr")
    closure = services.closure_save(
        closure=Closure(date=first, end_date=second, reason="Απεργία διαρκείας"), actor=clerk
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.closure_cancel_affected(closure=closure, actor=clerk) == 2
    for result in inside:
        result.booking.refresh_from_db()
        assert result.booking.status == BookingStatus.CANCELLED
    outside.booking.refresh_from_db()
    assert outside.booking.status == BookingStatus.BOOKED
