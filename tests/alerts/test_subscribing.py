"""Subscribing: double opt-in without an account, none with a verified one, and bad input."""

import pytest
from django.core import mail
from django.test import Client

from alerts.models import Delivery, Status, Subscription
from tests.accounts.factories import CitizenFactory
from tests.accounts.signin import sign_in_citizen
from tests.alerts.factories import SubscriptionFactory
from tests.alerts.helpers import tokens
from tests.complaints.factories import CategoryFactory, PublishedComplaintFactory
from tests.portal.factories import DepartmentFactory
from tests.procurement.factories import ProcurementFactory

pytestmark = pytest.mark.django_db

URL = "/alerts/new/procurement.notices/"


def _subscribe(client, email="eleni@example.gr", **criteria):
    data = {"email": email, "frequency": "daily"}
    data |= {f"criteria-{name}": value for name, value in criteria.items()}
    return client.post(URL, data)


def test_the_form_is_prefilled_from_the_procurement_list_filters(client):
    DepartmentFactory(slug="odopoiia")
    page = client.get(URL, {"cpv": "45233", "q": "άσφαλτος", "department": "odopoiia"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="45233"' in html and 'value="άσφαλτος"' in html
    assert '<option value="odopoiia" selected>' in html


def test_without_an_account_nothing_is_sent_but_the_confirmation_until_it_is_followed(
    client, send, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client, cpv="4523")
    assert response.status_code == 302
    assert response["Location"] == "/alerts/subscribed/?state=pending"
    subscription = Subscription.objects.get()
    assert subscription.status == Status.PENDING
    [confirmation] = mail.outbox
    assert confirmation.to == ["eleni@example.gr"]
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [token] = tokens(confirmation, "confirm")

    ProcurementFactory(cpv_codes=["45233120-6"])
    send()
    assert len(mail.outbox) == 1  # the notice is not sent before the confirmation

    page = client.get(f"/alerts/confirm/{token}/")
    assert page.status_code == 200 and "Επιβεβαίωση" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Status.PENDING  # a mail scanner's GET confirms nothing
    assert client.post(f"/alerts/confirm/{token}/").status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Status.ACTIVE and subscription.confirmation_hash == ""

    after = ProcurementFactory(cpv_codes=["45233120-6"])
    send()
    assert len(mail.outbox) == 2
    assert f"/procurement/{after.pk}/" in mail.outbox[1].body
    # The link works once.
    assert client.post(f"/alerts/confirm/{token}/").status_code == 404


def test_a_citizen_with_a_verified_email_needs_no_opt_in(
    client, django_capture_on_commit_callbacks
):
    citizen = CitizenFactory(email="Maria@Example.gr")
    sign_in_citizen(client, citizen)
    assert 'value="Maria@Example.gr"' in client.get(URL).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client, email="maria@example.gr", cpv="4523")

    assert response["Location"] == "/alerts/subscribed/?state=active"
    subscription = Subscription.objects.get()
    assert subscription.status == Status.ACTIVE
    assert subscription.subscriber.citizen == citizen
    assert mail.outbox == []


def test_a_citizen_subscribing_another_address_confirms_it(
    client, django_capture_on_commit_callbacks
):
    sign_in_citizen(client, CitizenFactory(email="maria@example.gr", email_verified_at=None))
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, email="maria@example.gr", cpv="4523")
    assert Subscription.objects.get().status == Status.PENDING
    assert len(mail.outbox) == 1


def test_asking_again_sends_a_new_link_and_makes_no_second_subscription(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, cpv="4523")
        _subscribe(client, email="ELENI@example.gr", cpv="4523")
    assert Subscription.objects.count() == 1
    first, second = (tokens(message, "confirm")[0] for message in mail.outbox)
    assert client.post(f"/alerts/confirm/{first}/").status_code == 404
    assert client.post(f"/alerts/confirm/{second}/").status_code == 200


def test_following_one_complaint_from_its_page(client, django_capture_on_commit_callbacks):
    complaint = PublishedComplaintFactory(public_summary="Σπασμένο παγκάκι στην πλατεία.")
    detail = client.get(f"/complaints/{complaint.protocol_number}/").content.decode()
    link = f"/alerts/new/complaints.complaint/?protocol={complaint.protocol_number}"
    assert link.replace("&", "&amp;") in detail
    page = client.get(link)
    assert page.status_code == 200
    assert "Σπασμένο παγκάκι" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/alerts/new/complaints.complaint/",
            {
                "email": "eleni@example.gr",
                "frequency": "immediate",
                "criteria-protocol": complaint.protocol_number,
            },
        )
    subscription = Subscription.objects.get()
    assert subscription.criteria == {"protocol": complaint.protocol_number}


@pytest.mark.parametrize(
    ("source", "criteria", "message"),
    [
        ("procurement.notices", {}, "Συμπληρώστε τουλάχιστον ένα κριτήριο"),
        ("procurement.notices", {"cpv": "ABC"}, "δεν είναι έγκυρος"),
        ("procurement.notices", {"cpv": "4"}, "δεν είναι έγκυρος"),
        ("procurement.notices", {"cpv": ", ".join(str(n) for n in range(10, 21))}, "έως 10"),
        ("procurement.notices", {"cpv": "45, " * 40}, "έως 120 χαρακτήρες"),
        ("procurement.notices", {"department": "no-such-department"}, "Επιλέξτε υπηρεσία"),
        ("procurement.notices", {"procedure": "bribery"}, "Επιλέξτε διαδικασία"),
        ("procurement.notices", {"words": "λέξη " * 20_000}, "έως 200 χαρακτήρες"),
        ("complaints.register", {}, "Επιλέξτε τουλάχιστον μία κατηγορία"),
        ("complaints.register", {"categories": "forged"}, "Επιλέξτε κατηγορίες από τη λίστα"),
        ("complaints.register", {"south": "40.6"}, "και τα τέσσερα όρια"),
        (
            "complaints.register",
            {"south": "38", "west": "23", "north": "39", "east": "24"},
            "μέσα στα όρια του Δήμου",
        ),
        (
            "complaints.register",
            {"south": "x", "west": "y", "north": "1e999", "east": "z"},
            "αριθμό",
        ),
        ("complaints.complaint", {"protocol": "2026-999999"}, "Δεν βρέθηκε δημοσιευμένο αίτημα"),
        ("procurement.procurement", {"procurement": "999999"}, "Δεν βρέθηκε δημοσιευμένος"),
        ("procurement.procurement", {"procurement": "9" * 40}, "Δεν βρέθηκε δημοσιευμένος"),
    ],
)
def test_bad_criteria_get_a_greek_message_and_nothing_is_saved(client, source, criteria, message):
    CategoryFactory()
    data = {"email": "eleni@example.gr", "frequency": "daily"}
    data |= {f"criteria-{name}": value for name, value in criteria.items()}
    response = client.post(f"/alerts/new/{source}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-email"}, "Συμπληρώστε ένα έγκυρο email"),
        ({"email": ""}, "Συμπληρώστε το email σας"),
        ({"frequency": "hourly"}, "Επιλέξτε πόσο συχνά"),
        ({"website": "http://spam.example"}, "Η υποβολή δεν έγινε δεκτή"),
    ],
)
def test_bad_address_or_frequency_gets_a_greek_message(client, fields, message):
    data = {"email": "eleni@example.gr", "frequency": "daily", "criteria-cpv": "45"} | fields
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_ten_megabyte_body_is_refused_with_a_page_not_a_crash(client):
    response = client.post(
        URL, {"email": "eleni@example.gr", "frequency": "daily", "criteria-words": "α" * 10_000_000}
    )
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_an_unknown_kind_of_alert_is_not_found(client):
    assert client.get("/alerts/new/budget.lines/").status_code == 404
    assert client.post("/alerts/new/budget.lines/", {"email": "x@example.gr"}).status_code == 404


def test_subscribing_is_rate_limited(client):
    for number in range(10):
        _subscribe(client, email=f"person{number}@example.gr", cpv="4523")
    response = _subscribe(client, email="another@example.gr", cpv="4523")
    assert response.status_code == 429


def test_one_address_cannot_be_flooded_with_confirmations(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for prefix in range(45, 51):
            Client(REMOTE_ADDR=f"203.0.113.{prefix}").post(
                URL,
                {"email": "victim@example.gr", "frequency": "daily", "criteria-cpv": str(prefix)},
            )
    assert len(mail.outbox) == 5


def test_english_pages_speak_english(client):
    html = client.get("/en" + URL).content.decode()
    assert "CPV codes" in html and "How often" in html


def test_too_many_subscriptions_for_one_address_are_refused(client, monkeypatch):
    from alerts import services

    monkeypatch.setattr(services, "MAX_SUBSCRIPTIONS", 1)
    subscription = SubscriptionFactory(subscriber__email="eleni@example.gr")
    response = _subscribe(client, cpv="4523")
    assert response.status_code == 400
    assert "έως 1 ειδοποιήσεις" in response.content.decode()
    assert list(Subscription.objects.all()) == [subscription]
    assert not Delivery.objects.exists()
