"""The public pages in Greek use the glossary's terms and cite the laws in force."""

import re
from datetime import date

import pytest
from django.urls import reverse

from appointments.availability import Calendar, Day, closed_reason
from disclosures.models import Official, Term
from tests.appointments.factories import ServiceFactory
from tests.complaints.factories import CategoryFactory, PublishedComplaintFactory
from tests.disclosures.factories import DeclarationFactory, OfficialFactory, TermFactory
from tests.guide.factories import ProcedureFactory
from tests.procurement.factories import ProcurementFactory

pytestmark = pytest.mark.django_db

WITHDRAWN_LAWS = ("4591/2019", "4305/2014")
OLD_TERMS = ("Παράπονο-καταγγελία", "ιδιωτικό σύνδεσμο", "Ιδιωτικός σύνδεσμος", "του/της")


@pytest.fixture
def public_pages(db):
    """Every kind of public page, with one record behind each detail page."""
    category = CategoryFactory()
    complaint = PublishedComplaintFactory(category=category, kind="complaint")
    procurement = ProcurementFactory()
    councillor = OfficialFactory(name="Ελένη Παπαδοπούλου", gender=Official.Gender.FEMALE)
    TermFactory(official=councillor, role=Term.Role.COUNCILLOR)
    DeclarationFactory(official=councillor, published=True)
    former = OfficialFactory(
        name="Μαρία Θεοδωρίδου", gender=Official.Gender.FEMALE, is_active=False
    )
    service = ServiceFactory()
    procedure = ProcedureFactory(appointment_service=service)
    return [
        reverse("portal:home"),
        reverse("portal:department_list"),
        reverse("portal:department_detail", args=[service.department.slug]),
        reverse("portal:data_catalogue"),
        reverse("portal:accessibility"),
        reverse("portal:privacy"),
        reverse("complaints:index"),
        reverse("complaints:new"),
        reverse("complaints:track"),
        reverse("complaints:detail", args=[complaint.protocol_number]),
        reverse("procurement:index"),
        reverse("procurement:detail", args=[procurement.pk]),
        reverse("procurement:ocds_policy"),
        reverse("disclosures:index"),
        reverse("disclosures:official_detail", args=[councillor.slug]),
        reverse("disclosures:official_detail", args=[former.slug]),
        reverse("appointments:index"),
        reverse("appointments:service", args=[service.slug]),
        reverse("guide:index"),
        procedure.get_absolute_url(),
        reverse("portal:organisation"),
    ]


def _checkbox_labels(html: str) -> list[str]:
    """The text of every label that wraps or names a tick box."""
    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*id="([^"]+)"', html)
    labels = []
    for box in boxes:
        found = re.search(rf'<label[^>]*for="{re.escape(box)}"[^>]*>(.*?)</label>', html, re.S)
        if found:
            labels.append(re.sub(r"<[^>]+>", " ", found.group(1)))
    return labels


def test_no_public_page_cites_a_withdrawn_law_or_an_old_term(client, public_pages):
    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for law in WITHDRAWN_LAWS:
            assert law not in html, (url, law)
        for term in OLD_TERMS:
            assert term not in html, (url, term)
        for label in _checkbox_labels(html):
            assert "συγκατ" not in label.lower(), (url, label)


def test_the_complaint_form_asks_for_an_acknowledgement_not_consent(client, public_pages):
    html = client.get(reverse("complaints:new")).content.decode()

    labels = _checkbox_labels(html)
    assert any("Έλαβα γνώση της ενημέρωσης" in label for label in labels)
    assert "συγκατάθεσ" not in html


def test_the_law_pages_cite_the_laws_in_force(client, public_pages):
    accessibility = client.get(reverse("portal:accessibility")).content.decode()
    assert "ν. 4727/2020 (Α΄ 184), άρθρα 36 επ." in accessibility
    assert "Διαδικασία επιβολής" in accessibility
    for name in ("portal:home", "portal:data_catalogue"):
        assert "ν. 4727/2020, άρθρα 59 επ." in client.get(reverse(name)).content.decode()
    privacy = client.get(reverse("portal:privacy")).content.decode()
    assert "ΓΚΠΔ άρθρο 6 παρ. 1 στοιχ. ε΄" in privacy
    assert "δικαίωμα εναντίωσης" in privacy and "άρθρο 21" in privacy
    assert "ν. 5026/2023, άρθρο 6" in client.get(reverse("disclosures:index")).content.decode()


def test_titles_agree_with_a_woman_in_office_and_out_of_it(client, public_pages):
    html = client.get(reverse("disclosures:index")).content.decode()
    listing = re.sub(r"<select.*?</select>", "", html, flags=re.S)  # the role filter's options

    assert "Δημοτική Σύμβουλος" in listing
    assert "Πρώην αιρετή" in listing
    assert "Δημοτικός Σύμβουλος" not in listing
    assert "Πρώην αιρετός" not in listing


def test_the_officials_open_data_names_her_role_in_the_feminine(client, public_pages):
    response = client.get(reverse("disclosures:officials_csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")

    assert "Ελένη Παπαδοπούλου" in text
    assert "Δημοτική Σύμβουλος" in text and "Δημοτικός Σύμβουλος" not in text


def test_a_complaint_of_the_third_kind_is_called_a_katangelia(client, public_pages):
    html = client.get(reverse("complaints:new")).content.decode()
    assert re.search(r"Καταγγελία\s*</label>", html)


def test_a_holiday_reads_as_a_holiday_and_not_as_closed(db):
    calendar = Calendar(service=ServiceFactory(), hours=[], closures=[], slots={})

    christmas = date(2026, 12, 25)
    assert closed_reason(calendar, christmas) == "Αργία: Χριστούγεννα"
    assert Day(christmas, closed_reason="Αργία: Χριστούγεννα").closed_label == "Αργία: Χριστούγεννα"
    strike = Day(date(2026, 12, 9), closed_reason="Απεργία")
    assert strike.closed_label == "Κλειστά: Απεργία"
