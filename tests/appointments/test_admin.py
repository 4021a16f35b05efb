"""The front desk in the admin: agenda, phone bookings, attendance, cancellations, closures."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from appointments.models import Booking, BookingSource, BookingStatus, Closure, Service
from portal.models import AuditEntry
from portal.roles import Role
from tests.appointments.factories import (
    BookingFactory,
    ServiceFactory,
    SlotFactory,
    local,
    open_day,
)
from tests.portal.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client):
    client.force_login(staff_user(roles=(Role.FRONT_DESK,)))
    return client


def test_the_day_agenda_lists_the_services_bookings_for_the_desk(
    desk, django_assert_max_num_queries
):
    service = ServiceFactory()
    day = open_day()
    for hour in (9, 10, 11):
        BookingFactory(
            slot=SlotFactory(service=service, starts_at=local(day, hour)), name=f"Πολίτης {hour}"
        )
    url = reverse("admin:appointments_booking_agenda") + f"?service={service.pk}&day={day}"
    with django_assert_max_num_queries(12):
        page = desk.get(url).content.decode()
    assert "Πολίτης 9" in page and "Πολίτης 11" in page
    assert "appointments.css" in page
    # The admin styles only an ordered list of breadcrumbs.
    assert '<ol class="breadcrumbs">' in page
    assert 'href="/admin/appointments/booking/"' in page


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_an_agenda_day_beyond_any_horizon_shows_today(desk, day):
    response = desk.get(reverse("admin:appointments_booking_agenda"), {"day": day})
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()


def test_staff_without_the_front_desk_role_cannot_see_the_agenda(client):
    client.force_login(staff_user())
    response = client.get(reverse("admin:appointments_booking_agenda"))
    assert response.status_code == 403


def test_the_desk_books_for_a_phone_caller_under_the_same_rules(desk):
    service = ServiceFactory(capacity=1)
    start = local(open_day(), 9)
    form = {
        "service": service.pk,
        "start": timezone.localtime(start).strftime("%Y-%m-%d %H:%M"),
        "name": "Παρασκευή Τηλεφώνου",
        "phone": "2310 998877",
        "email": "",
        "reason": "",
    }
    response = desk.post(reverse("admin:appointments_booking_phone"), form)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.source == BookingSource.PHONE and booking.created_by is not None
    again = desk.post(reverse("admin:appointments_booking_phone"), {**form, "name": "Άλλος Καλών"})
    assert "γέμισε" in again.content.decode()
    assert Booking.objects.count() == 1


def test_an_unknown_service_on_the_phone_page_is_a_form_error(desk):
    url = reverse("admin:appointments_booking_phone")
    assert desk.get(url, {"service": "abc"}).status_code == 200
    response = desk.post(url + "?service=abc", {"service": "abc", "start": "2026-11-24 09:15"})
    assert response.status_code == 200
    assert response.context["form"].has_error("service", "invalid_choice")
    assert not Booking.objects.exists()


def test_a_phone_booking_beyond_any_horizon_is_refused_as_invalid(desk):
    service = ServiceFactory()
    response = desk.post(
        reverse("admin:appointments_booking_phone"),
        {
            "service": service.pk,
            "start": "9999-12-31 23:59",
            "name": "Τηλεφωνών",
            "phone": "2310 998877",
        },
    )
    assert response.status_code == 200
    assert "Η ώρα του ραντεβού δεν είναι έγκυρη." in response.content.decode()
    assert not Booking.objects.exists()


def test_the_desk_marks_arrival_and_it_is_audited(desk):
    booking = BookingFactory(slot=SlotFactory(starts_at=timezone.now() - timedelta(minutes=30)))
    response = desk.post(
        reverse("admin:appointments_booking_status", args=[booking.pk]), {"status": "arrived"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ARRIVED
    assert AuditEntry.objects.get(action="appointments.booking.arrived").actor is not None


def test_the_desk_cancels_with_a_reason_that_is_emailed(desk, django_capture_on_commit_callbacks):
    booking = BookingFactory()
    url = reverse("admin:appointments_booking_cancel", args=[booking.pk])
    assert "Συμπληρώστε την αιτία" in desk.post(url, {"reason": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(url, {"reason": "Ασθένεια υπαλλήλου"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert "Ασθένεια υπαλλήλου" in mail.outbox[0].body
    assert mail.outbox[0].to == [booking.email]


def test_closing_a_day_shows_the_affected_citizens_and_notifies_them(
    desk, django_capture_on_commit_callbacks
):
    service = ServiceFactory()
    day = open_day()
    booking = BookingFactory(
        slot=SlotFactory(service=service, starts_at=local(day, 9)), name="Ζωή Επηρεασμένη"
    )
    response = desk.post(
        reverse("admin:appointments_closure_add"),
        {
            "service": service.pk,
            "date": day.isoformat(),
            "start_time": "",
            "end_time": "",
            "reason": "Απεργία",
        },
    )
    closure = Closure.objects.get()
    affected_url = reverse("admin:appointments_closure_affected", args=[closure.pk])
    assert response["Location"] == affected_url
    assert "Ζωή Επηρεασμένη" in desk.get(affected_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(affected_url)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_reason == "Απεργία"
    assert len(mail.outbox) == 1


def test_the_utilisation_view_shows_places_offered_and_used(desk):
    service = ServiceFactory(name="Δημοτολόγιο Δοκιμής")
    BookingFactory(slot=SlotFactory(service=service, starts_at=local(open_day(), 9)))
    page = desk.get(
        reverse("admin:appointments_booking_utilisation"),
        {
            "from": timezone.localdate().isoformat(),
            "to": (open_day() + timedelta(days=1)).isoformat(),
        },
    ).content.decode()
    assert "Δημοτολόγιο Δοκιμής" in page


def test_bookings_cannot_be_edited_or_deleted_in_the_stock_admin(desk):
    booking = BookingFactory()
    response = desk.post(
        reverse("admin:appointments_booking_change", args=[booking.pk]), {"name": "Άλλο"}
    )
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.name != "Άλλο"
    page = desk.get(
        reverse("admin:appointments_booking_change", args=[booking.pk])
    ).content.decode()
    assert "Ακύρωση με αιτία" in page


def test_a_new_service_gets_monday_to_friday_eight_to_two(client, department):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "root@example.gr", "x"))
    form = {
        "name": "Νέο γκισέ",
        "slug": "neo-gkise",
        "department": department.pk,
        "location": "Ισόγειο",
        "slot_minutes": 15,
        "capacity": 1,
        "horizon_days": 30,
        "min_notice_minutes": 60,
        "is_active": "on",
        "position": 0,
        "hours-TOTAL_FORMS": 0,
        "hours-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:appointments_service_add"), form)
    assert response.status_code == 302
    service = Service.objects.get(slug="neo-gkise")
    assert sorted((h.weekday, str(h.start), str(h.end)) for h in service.hours.all()) == [
        (weekday, "08:00:00", "14:00:00") for weekday in range(5)
    ]
    reserved = client.post(reverse("admin:appointments_service_add"), {**form, "slug": "api"})
    assert "χρησιμοποιείται ήδη" in reserved.content.decode()
