"""The Citizen's Guide in a real browser: from a life event to a procedure to an appointment,
with and without JavaScript; and a charter printed to an A4 PDF without the site's chrome."""

import io
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from appointments.models import Booking
from guide.models import ChannelKind
from tests.appointments.factories import ServiceFactory
from tests.complaints.factories import CategoryFactory
from tests.guide.factories import (
    ArticleFactory,
    ChannelFactory,
    CharterVersionFactory,
    EvidenceFactory,
    LifeEventFactory,
    ProcedureFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

A4_POINTS = (595, 842)


@pytest.fixture
def birth():
    service = ServiceFactory(name="Ληξιαρχείο", capacity=1)
    event = LifeEventFactory(name="Γέννηση παιδιού")
    procedure = ProcedureFactory(
        title="Δήλωση γέννησης",
        department=service.department,
        appointment_service=service,
        complaint_category=CategoryFactory(code="eksypiretisi", name="Εξυπηρέτηση"),
        duration="P0D",
    )
    procedure.life_events.add(event)
    EvidenceFactory(procedure=procedure, title="Ιατρική βεβαίωση γέννησης")
    ChannelFactory(procedure=procedure, kind=ChannelKind.DESK)
    return service


def _book(page) -> None:
    page.goto("/guide/")
    page.get_by_role("link", name="Γέννηση παιδιού").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Γέννηση παιδιού")
    page.get_by_role("link", name="Δήλωση γέννησης").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Δήλωση γέννησης")
    glance = page.locator(".guide-glance")
    expect(glance.get_by_role("heading", name="Με μια ματιά")).to_be_visible()
    expect(glance).to_contain_text("1 δικαιολογητικό")
    expect(glance).to_contain_text("Αυθημερόν")
    expect(glance).to_contain_text("Χωρίς κόστος")
    glance.get_by_role("link", name="Κλείστε ραντεβού").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ληξιαρχείο")
    page.locator("details[open] input[name='start']").first.check()
    page.locator("details[open]").get_by_role("button", name="Συνέχεια").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Τα στοιχεία σας")
    page.get_by_label("Ονοματεπώνυμο").fill("Αικατερίνη Σαμαρά")
    page.get_by_label("Email").fill("katerina@example.gr")
    page.get_by_label("Τηλέφωνο").fill("6944 123456")
    page.get_by_label("Θέμα του ραντεβού").fill("Δήλωση γέννησης")
    page.get_by_role("button", name="Συνέχεια").click()
    page.get_by_role("button", name="Επιβεβαίωση ραντεβού").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Το ραντεβού σας κλείστηκε")


def test_from_a_life_event_to_a_procedure_to_an_appointment(page, birth):
    _book(page)
    assert Booking.objects.get(service=birth).reason == "Δήλωση γέννησης"


def test_the_same_journey_works_without_javascript(browser, live_server, birth):
    context = browser.new_context(
        base_url=live_server.url, locale="el-GR", java_script_enabled=False
    )
    try:
        _book(context.new_page())
    finally:
        context.close()
    assert Booking.objects.filter(service=birth).count() == 1


def test_the_request_link_preselects_the_procedures_category(page, birth):
    page.goto("/guide/procedures/" + birth.procedures.get().slug + "/")
    page.get_by_role("link", name="Υποβάλετε αίτημα ή παράπονο").click()
    expect(page.get_by_label("Εξυπηρέτηση", exact=True)).to_be_checked()


def test_a_charter_prints_as_an_a4_booklet_without_navigation(page, tmp_path):
    version = CharterVersionFactory(
        charter__title="Χάρτα Δικαιωμάτων και Υποχρεώσεων", effective_on=date(2025, 1, 15)
    )
    for number in range(1, 13):
        ArticleFactory(
            version=version,
            number=number,
            title=f"Άρθρο δοκιμής {number}",
            body="Κάθε πρόσωπο εξυπηρετείται χωρίς διακρίσεις. " * 25,
        )
    page.goto(version.charter.get_absolute_url())
    page.emulate_media(media="print")
    expect(page.locator(".portal-nav")).to_be_hidden()
    expect(page.locator(".govgr-footer")).to_be_hidden()
    expect(page.locator(".guide-versions")).to_be_hidden()
    expect(page.locator(".guide-toc")).to_be_visible()
    page.screenshot(path=str(tmp_path / "charter-print.png"), full_page=True)

    printed = page.pdf(prefer_css_page_size=True)
    (tmp_path / "charter.pdf").write_bytes(printed)
    pdf = PdfReader(io.BytesIO(printed))
    assert len(pdf.pages) >= 3  # cover, contents, articles
    width, height = (round(float(v)) for v in pdf.pages[0].mediabox.upper_right)
    assert (width, height) == A4_POINTS
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    assert "Χάρτα Δικαιωμάτων" in pages[0] and "Περιεχόμενα" not in pages[0]
    assert "Περιεχόμενα" in pages[1]
    text = " ".join(pages)
    assert "Άρθρο δοκιμής 12" in text
    assert "Αιτήματα & καταγγελίες" not in text  # the header's navigation is not printed
