"""An appointment in a real browser: pick a time, give details, confirm, move and cancel it."""

from datetime import datetime

import pytest
from playwright.sync_api import expect

from appointments.models import Booking, BookingStatus
from tests.appointments.factories import ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _when_row(page):
    return page.locator(".govgr-summary-list__row").filter(has_text="Ημέρα και ώρα")


def _first_free_time(page) -> tuple[str, str]:
    """Pick the first free time of the day the picker opens; return its value and "HH:MM"."""
    radio = page.locator("details[open] input[name='start']").first
    value = radio.get_attribute("value")
    radio.check()
    return value, value[11:16]


def test_a_citizen_books_an_appointment_moves_it_and_cancels_it_from_the_private_page(page):
    # One place a time: a booked time leaves the picker, so the move always picks another.
    service = ServiceFactory(name="Ληξιαρχείο", capacity=1)
    page.goto("/appointments/")
    page.get_by_role("link", name="Ληξιαρχείο", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ληξιαρχείο")
    start, time = _first_free_time(page)
    page.locator("details[open]").get_by_role("button", name="Συνέχεια").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Τα στοιχεία σας")
    expect(_when_row(page)).to_contain_text(time)
    page.get_by_label("Ονοματεπώνυμο").fill("Αικατερίνη Σαμαρά")
    page.get_by_label("Email").fill("katerina@example.gr")
    page.get_by_label("Τηλέφωνο").fill("6944 123456")
    page.get_by_label("Θέμα του ραντεβού").fill("Ληξιαρχική πράξη γάμου")
    page.get_by_role("button", name="Συνέχεια").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ελέγξτε το ραντεβού σας")
    expect(page.get_by_text("+30 694 412 3456")).to_be_visible()
    page.get_by_role("button", name="Επιβεβαίωση ραντεβού").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Το ραντεβού σας κλείστηκε")
    booking = Booking.objects.get(service=service)
    expect(page.locator(".appt-reference")).to_have_text(booking.reference)
    expect(_when_row(page)).to_contain_text(time)
    assert booking.slot.starts_at == datetime.fromisoformat(start)
    page.get_by_role("link", name="Αλλαγή ή ακύρωση του ραντεβού").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Το ραντεβού μου")
    expect(page.get_by_text(f"Κωδικός κράτησης {booking.reference}")).to_be_visible()
    new_start, new_time = _first_free_time(page)
    assert new_start != start
    page.locator("details[open]").get_by_role("button", name="Αλλαγή σε αυτή την ώρα").click()

    expect(page.get_by_role("status")).to_contain_text("Η ώρα του ραντεβού άλλαξε")
    expect(_when_row(page)).to_contain_text(new_time)
    page.get_by_label("Γιατί ακυρώνετε;").fill("Βρήκα άλλη λύση.")
    page.get_by_role("button", name="Ακύρωση του ραντεβού").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Το ραντεβού ακυρώθηκε")
    expect(page.get_by_text(booking.reference)).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
