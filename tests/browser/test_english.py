"""The English complaint form in a real browser: labels, category and question in English."""

import re

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint, QuestionKind
from tests.complaints.factories import CategoryFactory, CategoryQuestionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GREEK = re.compile(r"[\u0370-\u03ff]")


def test_a_visitor_files_a_complaint_in_english_end_to_end(page):
    category = CategoryFactory(
        name="Ογκώδη αντικείμενα",
        name_en="Bulky items",
        description="Παραλαβή επίπλων.",
        description_en="Collection of furniture.",
        department__name="Διεύθυνση Καθαριότητας",
        department__name_en="Cleaning Directorate",
    )
    CategoryQuestionFactory(
        category=category,
        code="volume",
        label="Πόσα περίπου;",
        label_en="About how many?",
        kind=QuestionKind.SINGLE,
        required=True,
        choices=[
            {"key": "1-2", "name": "1–2 αντικείμενα", "name_en": "1–2 items"},
            {"key": "3+", "name": "3 ή περισσότερα", "name_en": "3 or more"},
        ],
    )

    page.goto("/en/complaints/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "New request, suggestion or complaint"
    )
    form = page.locator("main form")
    assert not GREEK.search(form.inner_text()), form.inner_text()
    page.get_by_label("Request", exact=True).check()
    page.get_by_label("Bulky items", exact=True).check()
    page.get_by_label("About how many?").select_option("3+")
    page.get_by_label("Subject", exact=True).fill("Old sofa on the pavement")
    page.get_by_label("Description", exact=True).fill("A sofa has been left outside number 20.")
    page.get_by_label("Address", exact=True).fill("Agias Sofias 20")
    page.get_by_label("Full name", exact=True).fill("Anna Smith")
    page.get_by_label("Email", exact=True).fill("anna@example.org")
    page.get_by_label(re.compile(r"I have read")).check()
    page.get_by_role("button", name="Submit", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your request has been recorded")
    expect(page.get_by_text("Cleaning Directorate")).to_be_visible()
    protocol = page.locator(".complaints-protocol").inner_text()
    complaint = Complaint.objects.get(protocol_number=protocol)
    assert complaint.category == category
    assert complaint.answers == {"volume": "3+"}
    # The department's Greek name stays in its column: the English page wrote nothing over it.
    category.department.refresh_from_db()
    assert category.department.name == "Διεύθυνση Καθαριότητας"
