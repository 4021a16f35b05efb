"""Desks that need to know who books (Δημοτολόγιο, Ληξιαρχείο): TAXISnet, by person."""

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.models import Booking, BookingSource
from tests.accounts.factories import CitizenFactory, TaxisCitizenFactory
from tests.accounts.signin import sign_in_citizen
from tests.appointments.concurrency import outcomes_at_once
from tests.appointments.factories import BookingFactory, ServiceFactory, local, open_day

pytestmark = pytest.mark.django_db


def book(service, starts_at, citizen=None, email="maria@example.gr", **kwargs):
    return services.appointment_book(
        service=service,
        starts_at=starts_at,
        name="Όποιο όνομα",
        email=email,
        phone="+30 2310 123456",
        citizen=citizen,
        **kwargs,
    )


def open_days(count: int) -> list:
    """`count` different open weekdays from the day after tomorrow on."""
    days = [open_day()]
    while len(days) < count:
        days.append(open_day((days[-1] - timezone.localdate()).days + 1))
    return days


def test_an_identity_desk_refuses_a_booking_without_a_taxisnet_sign_in():
    service = ServiceFactory(requires_identity=True)
    starts_at = local(open_day(), 9)
    for citizen in (None, CitizenFactory()):
        with pytest.raises(services.BookingRefused) as refused:
            book(service, starts_at, citizen=citizen)
        assert refused.value.code == "identity_required"
        assert "TAXISnet" in refused.value.message
    assert not Booking.objects.exists()


def test_an_identity_booking_is_tied_to_the_person_and_carries_the_taxisnet_name():
    service = ServiceFactory(requires_identity=True)
    citizen = TaxisCitizenFactory()

    booking = book(service, local(open_day(), 9), citizen=citizen).booking

    assert booking.citizen == citizen and booking.name == "ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ"


def test_the_per_person_limit_counts_by_identity_not_by_email(settings):
    settings.APPOINTMENTS_MAX_FUTURE_PER_EMAIL = 2
    service = ServiceFactory(requires_identity=True, capacity=5)
    citizen = TaxisCitizenFactory()
    first, second, third = open_days(3)
    book(service, local(first, 9), citizen=citizen, email="one@example.gr")
    book(service, local(second, 9), citizen=citizen, email="two@example.gr")

    with pytest.raises(services.BookingRefused) as refused:
        book(service, local(third, 9), citizen=citizen, email="three@example.gr")

    assert refused.value.code == "too_many" and "ανά πρόσωπο" in refused.value.message
    # Another person may still book with an address the first one used.
    book(service, local(third, 9), citizen=TaxisCitizenFactory(), email="one@example.gr")


def test_one_booking_a_day_per_person_whatever_the_email():
    service = ServiceFactory(requires_identity=True, capacity=5)
    citizen = TaxisCitizenFactory()
    book(service, local(open_day(), 9), citizen=citizen, email="one@example.gr")

    with pytest.raises(services.BookingRefused) as refused:
        book(service, local(open_day(), 10), citizen=citizen, email="other@example.gr")

    assert refused.value.code == "same_day"


def test_the_database_holds_one_active_booking_a_day_per_account():
    from django.db import IntegrityError, transaction

    citizen = CitizenFactory()
    first = BookingFactory(citizen=citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(citizen=citizen, slot=first.slot, email="another@example.gr")


def test_staff_book_an_identity_desk_by_phone_as_before():
    service = ServiceFactory(requires_identity=True)
    result = book(service, local(open_day(), 9), source=BookingSource.PHONE, email="")
    assert result.booking.citizen is None


def test_the_booking_page_of_an_identity_desk_sends_to_sign_in_and_back(client):
    service = ServiceFactory(requires_identity=True)
    starts_at = local(open_day(), 9)
    book_url = reverse("appointments:book", kwargs={"slug": service.slug})

    response = client.get(book_url, {"start": starts_at.isoformat()})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/?next=")
    sign_in_page = client.get(response["Location"]).content.decode()
    assert "χρειάζεται ταυτοποίηση" in sign_in_page
    assert "/account/login/gsis/?next=" in sign_in_page
    refused = client.post(book_url, {"start": starts_at.isoformat(), "confirm": "1"})
    assert refused.status_code == 302 and not Booking.objects.exists()


def test_a_taxisnet_citizen_books_an_identity_desk_with_the_form_pre_filled(
    client, django_capture_on_commit_callbacks
):
    import re

    service = ServiceFactory(requires_identity=True)
    citizen = sign_in_citizen(client, TaxisCitizenFactory(phone="+302310123456"))
    starts_at = local(open_day(), 9, 15)
    book_url = reverse("appointments:book", kwargs={"slug": service.slug})

    form_page = client.get(book_url, {"start": starts_at.isoformat()}).content.decode()
    assert 'value="ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ"' in form_page and "disabled" in form_page
    assert 'value="+302310123456"' in form_page
    key = re.search(r'name="submission_key" value="([^"]+)"', form_page).group(1)
    data = {
        "start": starts_at.isoformat(),
        "name": "Κάποιος Άλλος",
        "email": "maria@example.gr",
        "phone": "2310 123456",
        "submission_key": key,
        "confirm": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(book_url, data)

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.citizen == citizen and booking.name == "ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ"
    assert booking.reference in client.get("/account/").content.decode()


def test_an_email_account_is_asked_for_taxisnet_at_an_identity_desk(client):
    service = ServiceFactory(requires_identity=True)
    sign_in_citizen(client, CitizenFactory())
    book_url = reverse("appointments:book", kwargs={"slug": service.slug})

    response = client.get(book_url, {"start": local(open_day(), 9).isoformat()})

    assert response.status_code == 302 and response["Location"].startswith("/account/?next=")


def test_a_booking_made_while_signed_in_elsewhere_belongs_to_the_account(client):
    service = ServiceFactory()
    citizen = CitizenFactory()
    result = book(service, local(open_day(), 9), citizen=citizen)
    assert result.booking.citizen == citizen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_person_booking_many_times_of_a_day_at_once_gets_exactly_one():
    service = ServiceFactory(requires_identity=True, capacity=3)
    citizen = TaxisCitizenFactory()
    day = open_day()
    attempts = 6

    outcomes = outcomes_at_once(
        attempts,
        lambda n: book(
            service, local(day, 9 + n // 4, 15 * (n % 4)), citizen=citizen, email=f"t{n}@x.gr"
        ),
    )

    assert outcomes == ["booked"] + ["same_day"] * (attempts - 1)
    assert Booking.objects.filter(citizen=citizen).count() == 1
