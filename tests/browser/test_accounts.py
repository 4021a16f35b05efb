"""The citizen's account in a real browser: TAXISnet through the local GSIS stand-in, an
email link, and a registry desk that needs to know who books."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Citizen
from appointments.models import Booking
from tests.appointments.factories import ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def gsis(settings, live_server):
    """GSIS is the stand-in on the live server itself: real HTTP, both ways."""
    settings.GSIS_BASE_URL = f"{live_server.url}/gsis-standin"
    settings.GSIS_CLIENT_ID = "diafaneia-browser"
    settings.GSIS_CLIENT_SECRET = "browser-secret"
    settings.SITE_URL = live_server.url


def _consent_as(page, name: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Σύνδεση με κωδικούς TAXISnet")
    page.get_by_label(re.compile(name)).check()
    page.get_by_role("button", name="Συναίνεση και σύνδεση").click()


def test_a_taxpayer_signs_in_through_the_gsis_stand_in_and_sees_my_dashboard(page, gsis):
    page.goto("/")
    page.get_by_role("link", name="Σύνδεση", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Σύνδεση στη θυρίδα μου")
    page.get_by_role("link", name="Σύνδεση με TAXISnet").click()

    _consent_as(page, "ΕΛΕΝΗ ΓΕΩΡΓΙΑΔΟΥ")

    expect(page.get_by_role("heading", level=1)).to_have_text("Η θυρίδα μου")
    expect(page.get_by_text("ΕΛΕΝΗ ΓΕΩΡΓΙΑΔΟΥ")).to_be_visible()
    expect(page.get_by_role("link", name="Η θυρίδα μου")).to_be_visible()
    assert Citizen.objects.get().identity_verified
    page.get_by_role("button", name="Αποσύνδεση").click()
    expect(page.get_by_role("link", name="Σύνδεση", exact=True)).to_be_visible()


def test_a_resident_signs_in_with_an_email_link(page, gsis, mailoutbox):
    page.goto("/account/")
    page.get_by_role("textbox", name="Email").fill("maria.resident@example.gr")
    page.get_by_role("button", name="Αποστολή συνδέσμου").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ελέγξτε το email σας")

    link = re.search(r"http://\S+/account/login/email/\S+/", mailoutbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Σύνδεση").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Η θυρίδα μου")
    expect(page.get_by_role("link", name="Η θυρίδα μου")).to_be_visible()
    assert Citizen.objects.get().email == "maria.resident@example.gr"
    assert "/login/email/" not in page.url


def test_a_signed_in_citizen_books_a_desk_that_requires_identity(page, gsis):
    service = ServiceFactory(name="Δημοτολόγιο", requires_identity=True, capacity=1)
    page.goto(service.get_absolute_url())
    expect(page.get_by_text("Η υπηρεσία ζητά ταυτοποίηση")).to_be_visible()
    page.get_by_role("link", name="Σύνδεση με TAXISnet").click()
    page.get_by_role("link", name="Σύνδεση με TAXISnet").click()
    _consent_as(page, "ΓΕΩΡΓΙΟΣ ΝΙΚΟΛΑΟΥ")

    # Back on the desk's page, now signed in.
    expect(page.get_by_role("heading", level=1)).to_have_text("Δημοτολόγιο")
    page.locator("details[open] input[name='start']").first.check()
    page.locator("details[open]").get_by_role("button", name="Συνέχεια").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Τα στοιχεία σας")
    expect(page.get_by_label("Ονοματεπώνυμο")).to_have_value("ΓΕΩΡΓΙΟΣ ΝΙΚΟΛΑΟΥ")
    expect(page.get_by_label("Ονοματεπώνυμο")).to_be_disabled()
    page.get_by_label("Email").fill("giorgos@example.gr")
    page.get_by_label("Τηλέφωνο").fill("6944 123456")
    page.get_by_role("button", name="Συνέχεια").click()
    page.get_by_role("button", name="Επιβεβαίωση ραντεβού").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Το ραντεβού σας κλείστηκε")
    booking = Booking.objects.get()
    assert booking.citizen.last_name == "ΝΙΚΟΛΑΟΥ" and booking.name == "ΓΕΩΡΓΙΟΣ ΝΙΚΟΛΑΟΥ"
    page.get_by_role("link", name="Η θυρίδα μου").click()
    expect(page.get_by_text(f"Κωδικός κράτησης {booking.reference}")).to_be_visible()
