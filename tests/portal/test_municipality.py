"""Another municipality is one settings block away: nothing of Thessaloniki leaks through."""

import json
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from appointments import services as appointment_services
from appointments.availability import holiday_name
from portal.municipality import municipality
from procurement.identifiers import afm_with_check_digit
from tests.appointments.factories import ServiceFactory, local, open_day
from tests.complaints.factories import CategoryFactory
from tests.complaints.helpers import form_data
from tests.procurement.factories import ProcurementFactory, full_chain

pytestmark = pytest.mark.django_db

PATRAS_AFM = afm_with_check_digit("99820147")
PATRAS = {
    "name": {"el": "Δήμος Πατρέων", "en": "Municipality of Patras"},
    "name_genitive": {"el": "Δήμου Πατρέων", "en": "Municipality of Patras"},
    "name_accusative": {"el": "Δήμο Πατρέων", "en": "Municipality of Patras"},
    "short_name": {"el": "Πάτρα", "en": "Patras"},
    "short_name_genitive": {"el": "Πάτρας", "en": "Patras"},
    "afm": PATRAS_AFM,
    "domain": "patras.gr",
    "ocid_prefix": "ocds-pat123-patra",
    "open311_jurisdiction": "patras.gr",
    "centre": ["38.2466", "21.7346"],
    "bounds": ["38.18", "21.68", "38.32", "21.85"],
    "local_holidays": [
        [11, 30, {"el": "Αγίου Ανδρέα, πολιούχου της Πάτρας", "en": "Saint Andrew"}]
    ],
    "contact": {
        "street_address": {"el": "Μαιζώνος 108", "en": "108 Maizonos St"},
        "postal_code": "26221",
        "office": "",
        "phones": ["2613 610100"],
        "email": "diafaneia@patras.gr",
        "dpo_email": "dpo@patras.gr",
    },
}
BOUNDS = "38.18,21.68,38.32,21.85"
THESSALONIKI = ("Θεσσαλονίκη", "Θεσσαλονίκης", "Thessaloniki", "thessaloniki", "40.6", "22.9")
PAGES = [
    "portal:home",
    "portal:department_list",
    "portal:data_catalogue",
    "portal:accessibility",
    "portal:privacy",
    "complaints:index",
    "complaints:new",
    "procurement:index",
    "disclosures:index",
    "appointments:index",
]


@pytest.fixture(autouse=True)
def patras(settings):
    # Warm the accessor with Thessaloniki first: a stale copy must not survive the switch.
    assert str(municipality().name) == "Δήμος Θεσσαλονίκης"
    settings.MUNICIPALITY = PATRAS


def _no_thessaloniki(text: str, where: str) -> None:
    for word in THESSALONIKI:
        assert word not in text, f"{word!r} in {where}"


@pytest.mark.parametrize("language", ["el", "en"])
def test_every_public_page_names_patras_and_its_map(client, language):
    name = PATRAS["name"][language]
    for page in PAGES:
        with translation.override(language):
            url = reverse(page)
        html = client.get(url).content.decode()
        assert name in html, page
        assert "diafaneia@patras.gr" in html and "tel:+302613610100" in html, page
        _no_thessaloniki(html, page)
    with translation.override(language):
        home, form = reverse("portal:home"), reverse("complaints:new")
    heading = {
        "el": "Διαφάνεια στον Δήμο Πατρέων",
        "en": "Transparency at the Municipality of Patras",
    }
    assert heading[language] in client.get(home).content.decode()
    form = client.get(form).content.decode()
    assert f'data-bounds="{BOUNDS}"' in form and 'data-centre="38.2466,21.7346"' in form


def test_the_form_takes_a_pin_in_patras_refuses_one_in_thessaloniki_and_mails_as_patras(
    client, django_capture_on_commit_callbacks
):
    category = CategoryFactory()
    address = {"address": "Μαιζώνος 20"}
    refused = client.post(
        "/complaints/new/", form_data(category, latitude="40.632512", longitude="22.947801")
    )
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(
            "/complaints/new/",
            form_data(category, latitude="38.246600", longitude="21.734600", **address),
        )

    assert refused.status_code == 400
    assert "εκτός Πάτρας" in refused.content.decode()
    assert taken.status_code == 302
    (receipt,) = mail.outbox
    assert "Δήμος Πατρέων" in receipt.subject and "Δήμος Πατρέων" in receipt.body
    _no_thessaloniki(receipt.subject + receipt.body, "the receipt email")


def test_the_ocds_package_names_patras_as_the_buyer(client):
    procurement = ProcurementFactory()
    full_chain(procurement, payments=["1000.00"])

    for name, kwargs in [
        ("ocds_procurement_releases", {"pk": procurement.pk}),
        ("ocds_releases", {}),
    ]:
        response = client.get(reverse(f"procurement:{name}", kwargs=kwargs or None))
        text = response.content.decode()
        package = json.loads(text)
        release = package["releases"][0]
        assert package["publisher"] == {
            "name": "Δήμος Πατρέων",
            "scheme": "GR-AFM",
            "uid": PATRAS_AFM,
        }
        assert release["ocid"] == f"ocds-pat123-patra-{procurement.pk}"
        assert release["buyer"] == {"id": f"GR-AFM-{PATRAS_AFM}", "name": "Δήμος Πατρέων"}
        (buyer,) = [party for party in release["parties"] if "buyer" in party["roles"]]
        assert buyer["address"]["locality"] == "Πάτρα"
        _no_thessaloniki(text, name)


def test_the_calendar_file_and_the_holidays_are_patras_own(client):
    service = ServiceFactory()
    result = appointment_services.appointment_book(
        service=service,
        starts_at=local(open_day(), 9),
        name="Αικατερίνη Σαμαρά",
        email="katerina@example.gr",
        phone="+30 694 412 3456",
    )

    client.get(reverse("appointments:manage_link", kwargs={"token": result.token}))
    ics = client.get(
        reverse("appointments:manage_ics", kwargs={"reference": result.booking.reference})
    ).content.decode()

    assert f"UID:{result.booking.reference}@patras.gr" in ics
    assert "PRODID:-//Municipality of Patras//" in ics
    _no_thessaloniki(ics, "the .ics file")
    assert holiday_name(date(2027, 11, 30)) == "Αγίου Ανδρέα, πολιούχου της Πάτρας"
    assert holiday_name(date(2027, 10, 26)) == ""


def test_open311_discovery_and_jurisdiction_are_patras(client):
    discovery = client.get("/open311/discovery.json").content.decode()
    ours = client.get("/open311/v2/services.json", {"jurisdiction_id": "patras.gr"})
    theirs = client.get("/open311/v2/services.json", {"jurisdiction_id": "thessaloniki.gr"})

    assert "Δήμος Πατρέων" in json.loads(discovery)["contact"]
    assert "diafaneia@patras.gr" in discovery
    _no_thessaloniki(discovery, "Open311 discovery")
    assert ours.status_code == 200
    assert theirs.status_code == 400


def test_the_feed_and_the_admin_carry_patras_name(client, admin_client):
    feed = client.get(reverse("procurement:feed_rss")).content.decode()
    admin = admin_client.get(reverse("admin:index")).content.decode()

    assert "Δήμος Πατρέων — Προμήθειες" in feed and "του Δήμου Πατρέων" in feed
    assert "Δήμος Πατρέων — Διαφάνεια" in admin
    _no_thessaloniki(feed, "the RSS feed")
    _no_thessaloniki(admin, "the admin")


def test_an_incomplete_block_is_refused_with_the_missing_key(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.MUNICIPALITY = {key: value for key, value in PATRAS.items() if key != "afm"}

    with pytest.raises(ImproperlyConfigured, match="afm"):
        municipality()


def test_names_follow_the_language_and_phones_get_the_country_code():
    town = municipality()

    with translation.override("en"):
        assert (
            f"{town.name} / {town.address}"
            == "Municipality of Patras / 108 Maizonos St, 26221 Patras"
        )
    assert str(town.name_genitive) == "Δήμου Πατρέων"
    assert [phone.tel for phone in town.phones] == ["+302613610100"]
    assert not town.office
