"""Filing a complaint on the public site: the happy path, double submits and bad input."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import Attachment, Complaint, QuestionKind, Source
from tests.complaints.factories import CategoryQuestionFactory
from tests.complaints.helpers import form_data, png_upload

pytestmark = pytest.mark.django_db

NEW_URL = "/complaints/new/"


def test_form_lists_categories_grouped_with_their_descriptions(client, category):
    category.description = "Κάδοι που ξεχειλίζουν, σκουπίδια στον δρόμο."
    category.save()

    response = client.get(NEW_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert category.name in content
    assert "Κάδοι που ξεχειλίζουν" in content
    assert 'name="submission_key"' in content
    assert "<script>" not in content


def test_filing_registers_one_complaint_and_shows_the_private_receipt(client, category):
    response = client.post(NEW_URL, form_data(category, attachments=[png_upload()]))

    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:receipt")
    complaint = Complaint.objects.get()
    assert complaint.source == Source.WEB
    assert complaint.citizen_phone == "+302310123456"
    assert Attachment.objects.get().media_type == "image/png"

    receipt = client.get(response["Location"])
    content = receipt.content.decode()
    assert receipt.status_code == 200
    assert receipt["Cache-Control"] == "no-store"
    assert receipt["Referrer-Policy"] == "no-referrer"
    assert complaint.protocol_number in content
    assert f"/complaints/track/{complaint.protocol_number}/" in content


def test_a_double_submit_creates_one_complaint_and_both_land_on_the_receipt(client, category):
    data = form_data(category)

    first = client.post(NEW_URL, data)
    second = client.post(NEW_URL, data)

    assert first.status_code == second.status_code == 302
    assert Complaint.objects.count() == 1
    assert (
        Complaint.objects.get().protocol_number in client.get(second["Location"]).content.decode()
    )


def test_an_empty_form_explains_each_missing_field_in_greek(client, category):
    response = client.post(NEW_URL, {})

    content = response.content.decode()
    assert response.status_code == 400
    assert "Υπάρχει πρόβλημα" in content
    assert "Αυτό το πεδίο είναι απαραίτητο" in content or "υποχρεωτικό" in content
    assert "Επιβεβαιώστε ότι λάβατε γνώση της ενημέρωσης" in content
    assert not Complaint.objects.exists()


def test_a_forged_category_is_refused(client, category):
    response = client.post(NEW_URL, form_data(category, category="no-such-category"))

    assert response.status_code == 400
    assert "Επιλέξτε μία από τις κατηγορίες" in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_inactive_category_cannot_be_chosen(client, category):
    category.is_active = False
    category.save()

    response = client.post(NEW_URL, form_data(category))

    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_file_disguised_by_its_extension_is_refused_by_its_content(client, category):
    disguised = SimpleUploadedFile(
        "photo.jpg", b"#!/bin/sh\necho not an image\n", content_type="image/jpeg"
    )

    response = client.post(NEW_URL, form_data(category, attachments=[disguised]))

    assert response.status_code == 400
    assert "ελέγχεται το περιεχόμενο" in response.content.decode()
    assert not Complaint.objects.exists()


def test_more_than_three_files_are_refused(client, category):
    files = [png_upload(f"photo{number}.png") for number in range(4)]

    response = client.post(NEW_URL, form_data(category, attachments=files))

    assert response.status_code == 400
    assert "έως 3 αρχεία" in response.content.decode()


def test_an_overlong_description_gets_a_clear_message(client, category):
    response = client.post(NEW_URL, form_data(category, description="α" * 6000))

    assert response.status_code == 400
    assert "5000" in response.content.decode() or "5.000" in response.content.decode()
    assert not Complaint.objects.exists()


def test_ten_megabytes_of_text_get_the_greek_400_page_not_a_500(client, category):
    response = client.post(NEW_URL, form_data(category, description="α" * 10_000_000))

    assert response.status_code == 400
    assert "Η σελίδα δεν μπορεί να εμφανιστεί" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_foreign_number_is_taken_with_its_country_code_and_nonsense_is_refused(client, category):
    nonsense = client.post(NEW_URL, form_data(category, citizen_phone="12345"))
    foreign = client.post(NEW_URL, form_data(category, citizen_phone="+49 151 23456789"))

    assert nonsense.status_code == 400
    assert "έγκυρο αριθμό τηλεφώνου" in nonsense.content.decode()
    assert foreign.status_code == 302
    assert Complaint.objects.get().citizen_phone == "+4915123456789"


def test_the_honeypot_stops_bots(client, category):
    response = client.post(NEW_URL, form_data(category, website="http://spam.example"))

    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_pin_outside_thessaloniki_is_refused(client, category):
    response = client.post(NEW_URL, form_data(category, latitude="37.9838", longitude="23.7275"))

    assert response.status_code == 400
    assert "εκτός Θεσσαλονίκης" in response.content.decode()


def test_a_pin_inside_thessaloniki_is_stored_exactly(client, category):
    client.post(NEW_URL, form_data(category, latitude="40.632512", longitude="22.947801"))

    complaint = Complaint.objects.get()
    assert str(complaint.latitude) == "40.632512"
    assert str(complaint.longitude) == "22.947801"


def test_a_required_category_question_is_asked_on_the_form(client, category):
    question = CategoryQuestionFactory(
        category=category, code="items", label="Ποια αντικείμενα;", required=True
    )
    field = f"answer__{category.code}__{question.code}"

    missing = client.post(NEW_URL, form_data(category))
    answered = client.post(NEW_URL, form_data(category, **{field: "Ένας καναπές"}))

    assert missing.status_code == 400
    assert "Ποια αντικείμενα;" in missing.content.decode()
    assert answered.status_code == 302
    assert Complaint.objects.get().answers == {"items": "Ένας καναπές"}


def test_submissions_are_rate_limited_per_address(client, category):
    statuses = [
        client.post(NEW_URL, form_data(category), REMOTE_ADDR="192.0.2.7").status_code
        for _attempt in range(11)
    ]

    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    other = client.post(NEW_URL, form_data(category), REMOTE_ADDR="192.0.2.8")
    assert other.status_code == 302


def test_the_receipt_without_a_submission_goes_to_the_tracking_page(client, db):
    response = client.get(reverse("complaints:receipt"))

    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:track")


def test_the_form_page_has_no_inline_script_or_style(client, category):
    content = client.get(NEW_URL).content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)", content)
    assert " style=" not in content
    assert "<style" not in content


def test_every_link_of_the_error_summary_leads_to_its_field(client, category):
    response = client.post(NEW_URL, {"submission_key": "a3f1c2d4-0000-4000-8000-000000000001"})

    content = response.content.decode()
    summary = content.split('class="govgr-error-summary"', 1)[1].split("</div>", 1)[0]
    targets = re.findall(r'href="#([^"]*)"', summary)
    assert {"id_kind", "id_category", "id_privacy_acknowledged"} <= set(targets)
    for target in targets:
        assert f'id="{target}"' in content, target
    assert ".:" not in summary


def test_category_questions_wear_the_design_system_and_list_their_choices(client, category):
    CategoryQuestionFactory(category=category, code="what", label="Τι είναι;")
    CategoryQuestionFactory(
        category=category,
        code="kinds",
        label="Τι είδους;",
        kind=QuestionKind.MULTIPLE,
        choices=[{"key": "wood", "name": "Ξύλο"}, {"key": "metal", "name": "Μέταλλο"}],
    )

    content = client.get(NEW_URL).content.decode()

    text_input = re.search(rf'<input[^>]*name="answer__{category.code}__what"[^>]*>', content)
    assert "govgr-input" in text_input.group(0)
    assert (
        content.count('<div class="govgr-checkboxes__item">') >= 3
    )  # two choices, acknowledgement
    assert re.search(r'<legend class="govgr-label"><span>Τι είδους;', content)
