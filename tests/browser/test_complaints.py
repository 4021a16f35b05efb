"""A citizen's complaint in a real browser: file it, track it, add to it, judge the outcome."""

import re

import pytest
from playwright.sync_api import expect

from complaints import services
from complaints.models import Complaint, Status, TimelineKind
from tests.complaints.factories import CategoryFactory, submitted_complaint
from tests.portal.factories import staff_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROTOCOL = re.compile(r"\d{4}-\d{6}")


def _file_in_greek(page, category, *, subject: str, attachment=None) -> None:
    page.goto("/complaints/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Νέο αίτημα, πρόταση ή καταγγελία")
    page.get_by_label("Καταγγελία", exact=True).check()
    page.get_by_label(category.name, exact=True).check()
    page.get_by_label("Θέμα", exact=True).fill(subject)
    page.get_by_label("Περιγραφή", exact=True).fill("Οι πλάκες έχουν σηκωθεί εδώ και έναν μήνα.")
    if attachment is not None:
        page.get_by_label("Φωτογραφίες ή έγγραφα").set_input_files(attachment)
    page.get_by_label("Διεύθυνση", exact=True).fill("Αγίας Σοφίας 20")
    page.get_by_label("Ονοματεπώνυμο", exact=True).fill("Κατερίνα Ιωάννου")
    page.get_by_label("Email", exact=True).fill("katerina@example.gr")
    page.get_by_label("Έλαβα γνώση της ενημέρωσης").check()
    page.get_by_role("button", name="Υποβολή", exact=True).click()


def _receipt_protocol(page, heading: str = "Το αίτημά σας καταχωρίστηκε") -> str:
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    protocol = page.locator(".complaints-protocol")
    expect(protocol).to_have_text(PROTOCOL)
    return protocol.inner_text()


def _status_row(page, key: str = "Κατάσταση"):
    key_cell = page.locator("dt").get_by_text(key, exact=True)
    return page.locator(".govgr-summary-list__row").filter(has=key_cell)


def test_a_citizen_files_a_complaint_opens_the_private_link_and_adds_a_message(page):
    category = CategoryFactory()

    _file_in_greek(page, category, subject="Σπασμένο πεζοδρόμιο")

    protocol = _receipt_protocol(page)
    expect(page.get_by_text("Σπασμένο πεζοδρόμιο")).to_be_visible()
    expect(page.get_by_text(category.department.name)).to_be_visible()
    page.locator(".complaints-secret-link a").click()

    expect(page).to_have_url(re.compile(rf"/complaints/track/{protocol}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Σπασμένο πεζοδρόμιο")
    expect(_status_row(page)).to_contain_text("Υποβλήθηκε")
    page.get_by_label("Το μήνυμά σας").fill("Έσπασε και η πλάκα μπροστά στο 22.")
    page.get_by_role("button", name="Αποστολή", exact=True).click()

    timeline = page.locator(".complaints-timeline")
    expect(timeline).to_contain_text("Συμπληρωματικά στοιχεία του πολίτη")
    expect(timeline).to_contain_text("Έσπασε και η πλάκα μπροστά στο 22.")
    complaint = Complaint.objects.get(protocol_number=protocol)
    assert complaint.timeline.filter(kind=TimelineKind.CITIZEN_MESSAGE).count() == 1


def test_a_citizen_files_a_complaint_with_a_photo(page, png_file):
    category = CategoryFactory()

    _file_in_greek(page, category, subject="Λακκούβα με φωτογραφία", attachment=png_file)

    protocol = _receipt_protocol(page)
    expect(page.get_by_text("Λακκούβα με φωτογραφία")).to_be_visible()
    complaint = Complaint.objects.get(protocol_number=protocol)
    assert [a.media_type for a in complaint.attachments.all()] == ["image/png"]


def test_tracking_by_number_and_email_and_a_wrong_email_finds_nothing(page):
    complaint, _secret = submitted_complaint(
        category=CategoryFactory(), citizen_email="anna@example.gr"
    )
    page.goto("/complaints/track/")

    page.get_by_label("Αριθμός πρωτοκόλλου").fill(complaint.protocol_number)
    page.get_by_label("Email").fill("eve@example.gr")
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        page.get_by_role("button", name="Αναζήτηση").click()

    assert refused.value.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Δεν βρέθηκε αίτημα με αυτά τα στοιχεία")
    expect(page.get_by_label("Αριθμός πρωτοκόλλου")).to_have_value(complaint.protocol_number)

    page.get_by_label("Email").fill("anna@example.gr")
    page.get_by_role("button", name="Αναζήτηση").click()

    expect(page).to_have_url(re.compile(rf"/complaints/track/{complaint.protocol_number}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(complaint.subject)
    expect(_status_row(page)).to_contain_text("Υποβλήθηκε")


def test_a_citizen_satisfied_with_the_resolution_closes_the_complaint(page):
    category = CategoryFactory()
    complaint, secret = submitted_complaint(category=category)
    clerk = staff_user(department=category.department)
    services.complaint_accept(complaint=complaint, actor=clerk)
    services.complaint_resolve(complaint=complaint, text="Αντικαταστάθηκε η λάμπα.", actor=clerk)

    page.goto(f"/complaints/track/{complaint.protocol_number}/{secret}/")

    expect(_status_row(page)).to_contain_text("Επιλύθηκε")
    expect(page.locator(".complaints-timeline")).to_contain_text("Αντικαταστάθηκε η λάμπα.")
    page.get_by_label("Ναι, επιλύθηκε").check()
    page.get_by_role("button", name="Αποστολή αξιολόγησης").click()

    expect(_status_row(page)).to_contain_text("Έκλεισε")
    expect(page.get_by_role("button", name="Αποστολή αξιολόγησης")).to_have_count(0)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_filing_on_the_english_site(page):
    category = CategoryFactory()
    page.goto("/en/complaints/new/")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "New request, suggestion or complaint"
    )
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label(category.name, exact=True).check()
    page.get_by_label("Subject", exact=True).fill("Broken street light")
    page.get_by_label("Description", exact=True).fill("The light on the corner is out.")
    page.get_by_label("Address", exact=True).fill("Tsimiski 12")
    page.get_by_label("Full name", exact=True).fill("Anna Smith")
    page.get_by_label("Email", exact=True).fill("anna@example.com")
    page.get_by_label("I have read the information on the processing of my personal data").check()
    page.get_by_role("button", name="Submit", exact=True).click()

    protocol = _receipt_protocol(page, heading="Your request has been recorded")
    expect(page.get_by_role("heading", name="Your personal tracking link")).to_be_visible()
    page.locator(".complaints-secret-link a").click()

    expect(page).to_have_url(re.compile(rf"/en/complaints/track/{protocol}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Broken street light")
    expect(_status_row(page, "Status")).to_contain_text("Submitted")
    page.get_by_label("Your message").fill("It has been dark for a week.")
    page.get_by_role("button", name="Send", exact=True).click()

    timeline = page.locator(".complaints-timeline")
    expect(timeline).to_contain_text("More information from the citizen")
    expect(timeline).to_contain_text("It has been dark for a week.")


def test_the_acknowledgement_box_sits_beside_its_sentence_on_a_phone(page):
    CategoryFactory()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/complaints/new/")

    box = page.get_by_label("Έλαβα γνώση της ενημέρωσης").bounding_box()
    sentence = page.get_by_text("Έλαβα γνώση της ενημέρωσης").bounding_box()

    assert abs(box["y"] - sentence["y"]) < 40
    assert box["x"] < sentence["x"] + 60
