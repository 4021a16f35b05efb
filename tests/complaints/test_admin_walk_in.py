"""Complaints entered by staff (phone, walk-in) and attachments served to staff only."""

import uuid

import pytest

from complaints.models import Complaint, Source, TimelineKind
from portal.models import AuditEntry
from portal.roles import Role
from portal.uploads import check_upload
from tests.complaints.backoffice import clerk_of
from tests.complaints.factories import CategoryFactory, CategoryQuestionFactory, submitted_complaint
from tests.complaints.helpers import png_upload
from tests.portal.factories import DepartmentFactory, staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

ADD = "/admin/complaints/complaint/add/"


@pytest.fixture
def front_desk(db):
    return staff_user(department=DepartmentFactory(), roles=(Role.FRONT_DESK,))


def walk_in_data(category, **overrides):
    data = {
        "source": Source.PHONE,
        "kind": "complaint",
        "category": category.pk,
        "subject": "Θόρυβος από συναγερμό",
        "description": "Ο συναγερμός χτυπά όλη τη νύχτα.",
        "address": "Κασσάνδρου 80",
        "citizen_name": "Αθηνά Τηλεφωνική",
        "citizen_email": "",
        "citizen_phone": "2310 555 123",
        "informed": "on",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_front_desk_registers_a_phone_complaint_and_gets_the_tracking_link(
    client, front_desk, category
):
    sign_in(client, front_desk)

    response = client.post(ADD, walk_in_data(category))

    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.source == Source.PHONE
    assert complaint.citizen_phone == "+302310555123"
    assert complaint.department == category.department
    page = response.content.decode()
    assert complaint.protocol_number in page
    assert f"/complaints/track/{complaint.protocol_number}/" in page
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    submitted = AuditEntry.objects.get(action="complaints.complaint.submitted")
    assert submitted.actor == front_desk
    assert complaint.timeline.get(kind=TimelineKind.SUBMITTED).actor == front_desk


def test_a_double_submit_registers_one_complaint(client, front_desk, category):
    sign_in(client, front_desk)
    data = walk_in_data(category)

    client.post(ADD, data)
    again = client.post(ADD, data)

    assert Complaint.objects.count() == 1
    assert "διπλή υποβολή" in again.content.decode()


def test_an_empty_form_gets_greek_messages(client, front_desk):
    sign_in(client, front_desk)

    response = client.post(ADD, {})

    assert response.status_code == 200
    assert "Αυτό το πεδίο είναι απαραίτητο" in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("forged", ["²", "abc", "99999999999999999999", "-1"])
def test_a_forged_category_gets_a_message_not_an_error(client, front_desk, category, forged):
    sign_in(client, front_desk)

    response = client.post(ADD, {**walk_in_data(category), "category": forged})

    assert response.status_code == 200
    assert "Επιλέξτε μια έγκυρη επιλογή" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_way_to_reach_the_citizen_is_required(client, front_desk, category):
    sign_in(client, front_desk)

    response = client.post(ADD, walk_in_data(category, citizen_phone="", citizen_email=""))

    assert "Δώστε email ή τηλέφωνο" in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_invalid_phone_is_refused(client, front_desk, category):
    sign_in(client, front_desk)

    response = client.post(ADD, walk_in_data(category, citizen_phone="12"))

    assert "έγκυρο αριθμό τηλεφώνου" in response.content.decode()


def test_the_categorys_required_questions_are_asked(client, front_desk):
    question = CategoryQuestionFactory(label="Πόσα αυτοκίνητα;", required=True)
    sign_in(client, front_desk)

    first = client.post(ADD, walk_in_data(question.category))
    assert "Πόσα αυτοκίνητα;" in first.content.decode()
    assert not Complaint.objects.exists()

    client.post(ADD, walk_in_data(question.category, **{f"answer_{question.code}": "3"}))
    assert Complaint.objects.get().answers == {question.code: "3"}


def test_staff_without_the_add_permission_cannot_enter_complaints(client, category):
    sign_in(client, clerk_of(category.department))

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, walk_in_data(category)).status_code == 403


def _with_attachment(category):
    complaint, _secret = submitted_complaint(
        category=category, attachments=[check_upload(png_upload("κάδος.png"))]
    )
    return complaint.attachments.get()


def _download_url(attachment):
    return f"/admin/complaints/complaint/attachment/{attachment.pk}/"


def test_the_responsible_department_downloads_an_attachment_safely(client, category):
    attachment = _with_attachment(category)
    sign_in(client, clerk_of(category.department))

    response = client.get(_download_url(attachment))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_another_department_cannot_download_an_attachment(client, category):
    attachment = _with_attachment(category)
    sign_in(client, clerk_of(CategoryFactory().department))

    assert client.get(_download_url(attachment)).status_code == 404


def test_anonymous_visitors_cannot_download_an_attachment(client, category):
    attachment = _with_attachment(category)

    response = client.get(_download_url(attachment))

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_ticket_page_links_attachments_to_the_private_download(client, category):
    attachment = _with_attachment(category)
    sign_in(client, clerk_of(category.department))

    page = client.get(f"/admin/complaints/complaint/{attachment.complaint_id}/change/")

    assert _download_url(attachment) in page.content.decode()
    assert attachment.file.name not in page.content.decode()


def test_categories_are_offered_in_their_groups(client, front_desk, category):
    sign_in(client, front_desk)

    page = client.get(ADD).content.decode()

    assert f'<optgroup label="{category.get_group_display()}">' in page
    assert category.name in page
