"""The citizen's pages: choose a time, give details, confirm, manage the booking."""

import re
from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.models import Booking, BookingStatus, Slot
from tests.appointments.factories import (
    BookingFactory,
    ServiceFactory,
    SlotFactory,
    local,
    open_day,
)

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Αικατερίνη Σαμαρά",
    "email": "katerina@example.gr",
    "phone": "6944 123456",
    "reason": "Ληξιαρχική πράξη γάμου",
}


def details(starts_at, **extra):
    return {**DETAILS, "start": starts_at.isoformat(), **extra}


def test_the_index_lists_the_active_services(client):
    active = ServiceFactory(name="Ληξιαρχείο")
    ServiceFactory(name="Κλειστό γκισέ", is_active=False)
    page = client.get(reverse("appointments:index")).content.decode()
    assert "Ληξιαρχείο" in page and active.get_absolute_url() in page
    assert "Κλειστό γκισέ" not in page


def test_the_service_page_lists_days_and_times_as_radio_buttons(client):
    service = ServiceFactory()
    response = client.get(service.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'type="radio" name="start"' in page
    assert local(open_day(), 9).isoformat() in page
    assert "Αστυνομική ταυτότητα" in page


def test_the_service_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    service = ServiceFactory(capacity=3)
    day = open_day()
    for hour in range(8, 14):
        slot = SlotFactory(service=service, starts_at=local(day, hour), capacity=3, booked=3)
        for _ in range(3):
            BookingFactory(slot=slot)
    with django_assert_max_num_queries(4):
        response = client.get(service.get_absolute_url())
    assert response.status_code == 200


def test_booking_online_takes_three_steps_and_ends_on_the_confirmation(
    client, django_capture_on_commit_callbacks
):
    service = ServiceFactory()
    starts_at = local(open_day(), 9, 15)
    book_url = reverse("appointments:book", kwargs={"slug": service.slug})
    form_page = client.get(book_url, {"start": starts_at.isoformat()}).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', form_page).group(1)
    preview = client.post(book_url, details(starts_at, submission_key=key))
    assert "Ελέγξτε το ραντεβού σας" in preview.content.decode()
    assert not Booking.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(book_url, details(starts_at, submission_key=key, confirm="1"))
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "appointments:confirmation", kwargs={"reference": booking.reference}
    )
    page = client.get(response["Location"]).content.decode()
    assert booking.reference in page
    assert booking.phone == "+30 694 412 3456"
    assert len(mail.outbox) == 1
    again = client.post(book_url, details(starts_at, submission_key=key, confirm="1"))
    assert again.status_code == 302
    assert Booking.objects.count() == 1


def test_a_refused_booking_keeps_the_citizens_input_and_offers_other_times(client):
    service = ServiceFactory(capacity=1)
    starts_at = local(open_day(), 9)
    SlotFactory(service=service, starts_at=starts_at, capacity=1, booked=1)
    response = client.post(
        reverse("appointments:book", kwargs={"slug": service.slug}),
        details(starts_at, confirm="1"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "γέμισε" in page
    assert 'value="Αικατερίνη Σαμαρά"' in page
    assert 'value="katerina@example.gr"' in page
    assert local(open_day(), 9, 15).isoformat() in page
    assert not Booking.objects.exists()


def test_a_resident_with_a_foreign_number_can_book(client):
    service = ServiceFactory()
    starts_at = local(open_day(), 9)
    book_url = reverse("appointments:book", kwargs={"slug": service.slug})

    client.post(book_url, details(starts_at, phone="+49 151 23456789", confirm="1"))

    assert Booking.objects.get().phone == "+49 1512 3456789"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "ονοματεπώνυμό"),
        ("email", "όχι-email", "έγκυρο email"),
        ("phone", "12345", "έγκυρο αριθμό τηλεφώνου"),
        ("phone", "+44 20", "έγκυρο αριθμό τηλεφώνου"),
        ("reason", "α" * 5000, "1000"),
    ],
)
def test_bad_details_get_a_greek_message(client, field, value, message):
    service = ServiceFactory()
    response = client.post(
        reverse("appointments:book", kwargs={"slug": service.slug}),
        details(local(open_day(), 9), **{field: value}),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_ten_megabytes_of_text_is_refused_without_a_server_error(client):
    service = ServiceFactory()
    response = client.post(
        reverse("appointments:book", kwargs={"slug": service.slug}),
        details(local(open_day(), 9), reason="α" * 10_000_000),
    )
    assert response.status_code == 400
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "start",
    [
        "",
        "not-a-date",
        "2020-01-01T09:00:00+02:00",
        "9" * 100,
        "9999-12-31T23:59",
        "2026-11-24T09:15-23:59",
    ],
)
def test_a_forged_or_past_start_sends_the_citizen_back_to_choose(client, start):
    service = ServiceFactory()
    response = client.get(
        reverse("appointments:book", kwargs={"slug": service.slug}), {"start": start}
    )
    assert response.status_code == 302
    assert response["Location"] == service.get_absolute_url()


def test_a_start_written_with_any_utc_offset_is_read_as_local_time(client):
    service = ServiceFactory()
    starts_at = local(open_day(), 9, 15)
    written = starts_at.astimezone(dt_timezone(timedelta(hours=-23, minutes=-59)))
    response = client.get(
        reverse("appointments:book", kwargs={"slug": service.slug}),
        {"start": written.isoformat()},
    )
    assert response.status_code == 200
    assert f'name="start" value="{starts_at.isoformat()}"' in response.content.decode()


def test_a_start_beyond_any_horizon_is_refused_as_invalid_without_writing(client):
    service = ServiceFactory()
    response = client.post(
        reverse("appointments:book", kwargs={"slug": service.slug}),
        {**DETAILS, "start": "9999-12-31T23:59", "confirm": "1"},
    )
    assert response.status_code == 200
    assert "Η ώρα του ραντεβού δεν είναι έγκυρη." in response.content.decode()
    assert not Booking.objects.exists() and not Slot.objects.exists()


def test_booking_is_rate_limited(client):
    service = ServiceFactory()
    url = reverse("appointments:book", kwargs={"slug": service.slug})
    codes = [client.post(url, {}).status_code for _ in range(21)]
    assert codes[:20] == [200] * 20
    assert codes[20] == 429


def _booked(client, service, starts_at, email="katerina@example.gr"):
    result = services.appointment_book(
        service=service,
        starts_at=starts_at,
        name="Αικατερίνη Σαμαρά",
        email=email,
        phone="+30 694 412 3456",
    )
    return result.booking, result.token


def _opened(client, service, starts_at, email="katerina@example.gr"):
    """Book, then open the private link from the email in `client`: the booking's reference."""
    booking, token = _booked(client, service, starts_at, email)
    response = client.get(reverse("appointments:manage_link", kwargs={"token": token}))
    assert response.status_code == 302
    return booking, booking.reference


def test_the_private_link_shows_the_booking(client):
    service = ServiceFactory()
    booking, token = _booked(client, service, local(open_day(), 9))
    response = client.get(reverse("appointments:manage_link", kwargs={"token": token}), follow=True)
    page = response.content.decode()
    assert booking.reference in page
    assert "Ακύρωση του ραντεβού" in page


def test_the_booking_token_leaves_the_address_after_the_first_visit(client):
    service = ServiceFactory()
    booking, token = _booked(client, service, local(open_day(), 9))
    response = client.get(reverse("appointments:manage_link", kwargs={"token": token}))
    assert response.status_code == 302
    assert token not in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert token not in page.content.decode()
    # The page's own forms and links carry no token either.
    assert booking.reference in page.content.decode()
    # Another browser, without the link, sees nothing at the token-free address.
    from django.test import Client

    stranger = Client().get(response["Location"])
    assert stranger.status_code == 404
    assert "Σαμαρά" not in stranger.content.decode()


def test_forged_cancelled_and_past_links_reveal_nothing(client):
    service = ServiceFactory()
    cancelled, cancelled_token = _booked(client, service, local(open_day(), 9))
    services.booking_cancel(booking=cancelled)
    past_slot = SlotFactory(service=service, starts_at=timezone.now() - timedelta(days=1))
    past = BookingFactory(slot=past_slot)
    from portal.tokens import token_hash

    past.cancel_token_hash = token_hash("past-token-secret")
    past.save(update_fields=["cancel_token_hash"])
    pages = []
    for token in ["forged-token", cancelled_token, "past-token-secret", cancelled.reference]:
        response = client.get(reverse("appointments:manage_link", kwargs={"token": token}))
        assert response.status_code == 404
        # The language switch repeats the requested address; nothing else may differ.
        page = response.content.decode().replace(token, "TOKEN")
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
        for secret in [past.reference, "Σαμαρά", "katerina@example.gr", "09:00"]:
            assert secret not in pages[-1]
    assert len(set(pages)) == 1
    response = client.post(
        reverse("appointments:manage_cancel", kwargs={"reference": cancelled.reference})
    )
    assert response.status_code == 404


def test_the_citizen_cancels_from_the_link_and_the_place_is_free_at_once(client):
    service = ServiceFactory(capacity=1)
    starts_at = local(open_day(), 9)
    booking, reference = _opened(client, service, starts_at)
    response = client.post(
        reverse("appointments:manage_cancel", kwargs={"reference": reference}),
        {"reason": "Άλλαξαν τα σχέδια"},
    )
    assert response.status_code == 200
    assert "ακυρώθηκε" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert Slot.objects.get().booked == 0
    page = client.get(service.get_absolute_url()).content.decode()
    assert starts_at.isoformat() in page
    again = client.post(reverse("appointments:manage_cancel", kwargs={"reference": reference}))
    assert again.status_code == 404


def test_the_citizen_moves_the_booking_from_the_link(client):
    service = ServiceFactory()
    day = open_day()
    booking, reference = _opened(client, service, local(day, 9))
    response = client.post(
        reverse("appointments:manage_move", kwargs={"reference": reference}),
        {"start": local(day, 10, 30).isoformat()},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.slot.starts_at == local(day, 10, 30)
    refused = client.post(
        reverse("appointments:manage_move", kwargs={"reference": reference}),
        {"start": local(day, 7).isoformat()},
        follow=True,
    )
    assert "ωραρίου" in refused.content.decode()


def test_a_move_beyond_any_horizon_is_refused_and_the_booking_stays(client):
    service = ServiceFactory()
    starts_at = local(open_day(), 9)
    booking, reference = _opened(client, service, starts_at)
    response = client.post(
        reverse("appointments:manage_move", kwargs={"reference": reference}),
        {"start": "9999-12-31T23:59"},
        follow=True,
    )
    assert "Επιλέξτε νέα ημέρα και ώρα." in response.content.decode()
    # A refusal looks like one: the error box, announced to screen readers.
    assert re.search(
        r'<div class="govgr-error-summary" role="alert"><p class="govgr-body">Επιλέξτε νέα',
        response.content.decode(),
    )
    booking.refresh_from_db()
    assert booking.slot.starts_at == starts_at
    assert Slot.objects.count() == 1


def test_the_calendar_file_downloads_from_the_link(client):
    service = ServiceFactory()
    booking, reference = _opened(client, service, local(open_day(), 9))
    response = client.get(reverse("appointments:manage_ics", kwargs={"reference": reference}))
    assert response["Content-Type"].startswith("text/calendar")
    assert f"{booking.reference}@thessaloniki.gr" in response.content.decode()


def test_link_look_ups_are_rate_limited(client):
    codes = [
        client.get(reverse("appointments:manage_link", kwargs={"token": f"guess{n}"})).status_code
        for n in range(31)
    ]
    assert codes[:30] == [404] * 30
    assert codes[30] == 429


def test_the_confirmation_page_shows_only_in_the_browser_that_booked(client):
    service = ServiceFactory()
    booking, _token = _booked(client, service, local(open_day(), 9))
    response = client.get(
        reverse("appointments:confirmation", kwargs={"reference": booking.reference})
    )
    assert response.status_code == 404


def test_the_per_email_limit_is_explained_without_offering_other_times(client, settings):
    settings.APPOINTMENTS_MAX_FUTURE_PER_EMAIL = 1
    first, second = ServiceFactory(), ServiceFactory()
    _booked(client, first, local(open_day(), 9))
    response = client.post(
        reverse("appointments:book", kwargs={"slug": second.slug}),
        details(local(open_day(), 9), confirm="1"),
    )
    page = response.content.decode()
    assert "έως 1 μελλοντικά ραντεβού" in page
    assert "Επιλέξτε άλλη ώρα" not in page
    assert 'value="katerina@example.gr"' in page


def test_changing_details_at_the_check_step_returns_the_filled_form(client):
    service = ServiceFactory()
    response = client.post(
        reverse("appointments:book", kwargs={"slug": service.slug}),
        details(local(open_day(), 9), edit="1"),
    )
    page = response.content.decode()
    assert "Τα στοιχεία σας" in page
    assert 'value="Αικατερίνη Σαμαρά"' in page
    assert not Booking.objects.exists()


def test_a_closed_day_is_refused_at_the_check_step(client):
    from appointments.models import Closure

    service = ServiceFactory()
    Closure.objects.create(date=open_day(), reason="Εκλογές")
    response = client.post(
        reverse("appointments:book", kwargs={"slug": service.slug}), details(local(open_day(), 9))
    )
    page = response.content.decode()
    assert "Εκλογές" in page
    assert "Ελέγξτε το ραντεβού σας" not in page


def test_the_index_shows_each_services_first_free_time_in_fixed_queries(
    client, django_assert_max_num_queries
):
    day = open_day()
    for _ in range(3):
        service = ServiceFactory(capacity=1, min_notice_minutes=0)
    full = SlotFactory(service=service, starts_at=local(day, 8), capacity=1, booked=1)
    BookingFactory(slot=full)
    service.hours.all().delete()
    service.hours.create(
        weekday=day.weekday(), start=local(day, 8).time(), end=local(day, 9).time()
    )
    with django_assert_max_num_queries(4):
        page = client.get(reverse("appointments:index")).content.decode()
    assert "08:15" in page
    assert "Πρώτη διαθέσιμη ώρα" in page


def test_choosing_a_time_that_filled_meanwhile_sends_the_citizen_back_to_choose(client):
    service = ServiceFactory(capacity=1)
    starts_at = local(open_day(), 9)
    SlotFactory(service=service, starts_at=starts_at, capacity=1, booked=1)
    response = client.get(
        reverse("appointments:book", kwargs={"slug": service.slug}),
        {"start": starts_at.isoformat()},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == service.get_absolute_url()
    assert "γέμισε" in response.content.decode()
