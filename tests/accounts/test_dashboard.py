"""«Η θυρίδα μου»: my complaints and bookings, attached on a verified match, in few queries."""

import pytest
from django.test import Client

from accounts.models import Citizen
from appointments.models import BookingStatus
from complaints.models import Complaint, Status
from complaints.services import complaint_accept
from tests.accounts.factories import CitizenFactory, TaxisCitizenFactory
from tests.accounts.signin import sign_in_citizen
from tests.alerts.factories import SubscriberFactory, SubscriptionFactory
from tests.appointments.factories import BookingFactory, SlotFactory
from tests.complaints.factories import CategoryFactory, submitted_complaint
from tests.complaints.helpers import form_data
from tests.portal.factories import staff_user

pytestmark = pytest.mark.django_db


def test_the_account_page_asks_to_sign_in_until_signed_in(client):
    page = client.get("/account/").content.decode()
    assert "Σύνδεση με TAXISnet" in page and "Αποστολή συνδέσμου" in page
    assert ">Σύνδεση</a>" in client.get("/").content.decode()


def test_the_header_says_my_dashboard_once_signed_in(client):
    sign_in_citizen(client, CitizenFactory())
    home = client.get("/").content.decode()
    assert "Η θυρίδα μου</a>" in home


def test_my_complaints_show_status_deadline_last_update_and_a_link_without_the_secret(client):
    citizen = sign_in_citizen(client, CitizenFactory())
    complaint, secret = submitted_complaint(citizen=citizen)
    complaint_accept(complaint=complaint, actor=staff_user())

    page = client.get("/account/").content.decode()

    assert complaint.protocol_number in page and "Σπασμένο φανάρι" in page
    assert "Έγινε δεκτό" in page
    assert f'href="/complaints/track/{complaint.protocol_number}/"' in page
    assert secret not in page
    tracking = client.get(f"/complaints/track/{complaint.protocol_number}/")
    assert tracking.status_code == 200 and "Σπασμένο φανάρι" in tracking.content.decode()


def test_someone_elses_complaint_is_not_mine_to_track(client):
    sign_in_citizen(client, CitizenFactory())
    other, _secret = submitted_complaint(citizen=CitizenFactory())

    response = client.get(f"/complaints/track/{other.protocol_number}/")

    assert response.status_code == 302 and response["Location"] == "/complaints/track/"
    assert other.protocol_number not in client.get("/account/").content.decode()


def test_a_complaint_filed_while_signed_in_belongs_to_the_account_and_is_pre_filled(client):
    citizen = sign_in_citizen(
        client, TaxisCitizenFactory(email="maria@example.gr", phone="+306944123456")
    )
    citizen.email_verified_at = citizen.created_at
    citizen.save()
    category = CategoryFactory()

    form = client.get("/complaints/new/").content.decode()
    assert 'value="ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ"' in form and 'value="maria@example.gr"' in form
    assert 'value="+306944123456"' in form
    response = client.post(
        "/complaints/new/",
        form_data(category, citizen_name="ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ", citizen_email="maria@example.gr"),
    )

    assert response.status_code == 302
    assert Complaint.objects.get().citizen == citizen


def test_earlier_complaints_of_the_confirmed_email_are_attached_at_sign_in(client):
    from accounts.services import email_link_redeem, email_link_send

    earlier, _secret = submitted_complaint(citizen_email="Eleni@Example.gr")
    someone_elses, _ = submitted_complaint(citizen_email="kostas@example.gr")
    booking = BookingFactory(email="eleni@example.gr")

    email_link_send(email="eleni@example.gr")
    from accounts.models import EmailLink
    from portal.tokens import token_hash

    link = EmailLink.objects.get()
    link.token_hash = token_hash("known-secret")
    link.save()
    citizen, _link = email_link_redeem(secret="known-secret")

    earlier.refresh_from_db()
    someone_elses.refresh_from_db()
    booking.refresh_from_db()
    assert earlier.citizen == citizen and someone_elses.citizen is None
    assert booking.citizen == citizen


def test_a_tracking_link_opened_while_signed_in_attaches_the_complaint(client):
    citizen = sign_in_citizen(client, TaxisCitizenFactory())
    complaint, secret = submitted_complaint(citizen_email="other-address@example.gr")

    client.get(f"/complaints/track/{complaint.protocol_number}/{secret}/")

    complaint.refresh_from_db()
    assert complaint.citizen == citizen
    assert complaint.protocol_number in client.get("/account/").content.decode()


def test_a_tracking_link_never_takes_a_complaint_from_another_account(client):
    owner = CitizenFactory()
    complaint, secret = submitted_complaint(citizen=owner)
    sign_in_citizen(client, TaxisCitizenFactory())

    client.get(f"/complaints/track/{complaint.protocol_number}/{secret}/")

    complaint.refresh_from_db()
    assert complaint.citizen == owner


def test_my_bookings_can_be_moved_and_cancelled_from_the_dashboard(client):
    citizen = sign_in_citizen(client, CitizenFactory())
    booking = BookingFactory(citizen=citizen)
    past = BookingFactory(citizen=citizen, status=BookingStatus.CANCELLED)

    page = client.get("/account/").content.decode()

    assert booking.reference in page and past.reference in page
    assert f'href="/appointments/my-booking/{booking.reference}/"' in page
    assert f'href="/appointments/my-booking/{past.reference}/"' not in page
    manage = client.get(f"/appointments/my-booking/{booking.reference}/")
    assert manage.status_code == 200 and "Ακύρωση του ραντεβού" in manage.content.decode()
    cancelled = client.post(f"/appointments/my-booking/{booking.reference}/cancel/")
    assert cancelled.status_code == 200
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_someone_elses_booking_cannot_be_managed_by_reference(client):
    booking = BookingFactory(citizen=CitizenFactory())
    sign_in_citizen(client, CitizenFactory())

    assert client.get(f"/appointments/my-booking/{booking.reference}/").status_code == 404
    assert client.post(f"/appointments/my-booking/{booking.reference}/cancel/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


@pytest.mark.parametrize("count", [1, 12])
def test_the_dashboard_runs_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    citizen = sign_in_citizen(client, CitizenFactory())
    category = CategoryFactory()
    subscriber = SubscriberFactory(email=citizen.email)
    for index in range(count):
        complaint, _secret = submitted_complaint(citizen=citizen, category=category)
        Complaint.objects.filter(pk=complaint.pk).update(status=Status.ACCEPTED)
        BookingFactory(citizen=citizen, slot=SlotFactory())
        SubscriptionFactory(
            subscriber=subscriber, criteria={"cpv": f"{30190 + index}"}, summary="Νέες προμήθειες"
        )

    # The session, the account, the complaints (last updates as subqueries), the bookings,
    # the alerts.
    with django_assert_max_num_queries(5):
        response = client.get("/account/")

    assert response.status_code == 200
    assert response.content.decode().count("/appointments/my-booking/") == count
    assert response.content.decode().count("Νέες προμήθειες") == count


def test_my_alerts_are_listed_and_someone_elses_are_not(client):
    citizen = sign_in_citizen(client, CitizenFactory())
    SubscriptionFactory(subscriber__email=citizen.email, summary="Προμήθειες CPV 30192")
    SubscriptionFactory(subscriber__email="allos@example.gr", summary="Αιτήματα στην Εγνατία")

    page = client.get("/account/").content.decode()

    assert "Οι ειδοποιήσεις μου" in page and "Προμήθειες CPV 30192" in page
    assert "Αιτήματα στην Εγνατία" not in page
    assert 'href="/alerts/"' in page


def test_a_citizen_session_never_reaches_the_admin(client):
    citizen = sign_in_citizen(client, CitizenFactory())
    staff_user(is_superuser=True)

    for path in ("/admin/", "/admin/complaints/complaint/", "/admin/accounts/citizen/"):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/account/").context["citizen"] == citizen


def test_signing_out_ends_the_session_and_needs_a_post(client):
    sign_in_citizen(client, CitizenFactory())
    assert client.get("/account/logout/").status_code == 405

    response = client.post("/account/logout/")

    assert response["Location"] == "/account/"
    assert "Σύνδεση με TAXISnet" in client.get("/account/").content.decode()


def test_sign_out_everywhere_kills_the_other_sessions():
    from django.test import RequestFactory

    from accounts.services import citizen_sign_out

    citizen = CitizenFactory()
    other_browser = Client()
    sign_in_citizen(other_browser, citizen)
    request = RequestFactory().post("/account/logout/")
    request.session = Client().session
    request.citizen = citizen

    citizen_sign_out(request, everywhere=True)

    assert "Σύνδεση με TAXISnet" in other_browser.get("/account/").content.decode()
    assert Citizen.objects.get().session_generation == 1


def test_contact_details_are_kept_and_a_bad_phone_gets_a_greek_message(client):
    citizen = sign_in_citizen(client, CitizenFactory(email="eleni@example.gr"))

    bad = client.post("/account/contact/", {"email": "eleni@example.gr", "phone": "12"})
    assert bad.status_code == 400 and "έγκυρο αριθμό τηλεφώνου" in bad.content.decode()
    client.post("/account/contact/", {"email": "eleni@example.gr", "phone": "2310 123456"})

    citizen.refresh_from_db()
    assert citizen.phone == "+302310123456"


@pytest.mark.parametrize("path", ["/account/contact/", "/account/delete/"])
def test_account_changes_without_a_session_go_to_sign_in(client, path):
    response = client.post(path, {"phone": "2310123456", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/account/"


def test_the_english_account_pages_are_under_en(client):
    assert "Sign in with TAXISnet" in client.get("/en/account/").content.decode()
    sign_in_citizen(client, CitizenFactory())
    page = client.get("/en/account/").content.decode()
    assert '<h1 class="govgr-heading-xl">My account</h1>' in page
    assert 'href="/en/account/data.json"' in page
