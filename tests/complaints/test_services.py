"""The staff and citizen services: timeline, audit log, email after commit, deadlines."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints import retention, services
from complaints.models import Complaint, Satisfaction, Status, TimelineKind
from complaints.services import ComplaintError
from complaints.text import public_area_from_address
from portal.models import AuditEntry
from portal.roles import Role
from portal.tokens import token_hash
from tests.complaints.factories import (
    CategoryFactory,
    CategoryQuestionFactory,
    ComplaintFactory,
    submitted_complaint,
)
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(category):
    return staff_user(department=category.department, roles=(Role.DEPARTMENT_STAFF,))


def test_submission_numbers_the_complaint_and_routes_it_to_the_category_department(category):
    complaint, secret = submitted_complaint(category=category, address="Τσιμισκή 45, Θεσσαλονίκη")

    year = timezone.localdate().year
    assert complaint.protocol_number == f"{year}-000001"
    assert complaint.department == category.department
    assert complaint.public_area == "Τσιμισκή"
    assert complaint.deadline == timezone.localdate() + timedelta(days=50)
    assert len(secret) >= 43  # 32 random bytes, URL-safe
    assert complaint.tracking_secret_hash == token_hash(secret)
    assert secret not in complaint.tracking_secret_hash
    assert complaint.timeline.get().kind == TimelineKind.SUBMITTED
    assert AuditEntry.objects.filter(action="complaints.complaint.submitted").count() == 1


def test_category_response_days_override_the_legal_deadline():
    category = CategoryFactory(response_days=10)

    complaint, _secret = submitted_complaint(category=category)

    assert complaint.deadline == timezone.localdate() + timedelta(days=10)


def test_receipt_email_goes_only_after_commit_and_carries_the_private_link(
    category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complaint, secret = submitted_complaint(category=category, citizen_email="eleni@example.gr")
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["eleni@example.gr"]
    assert complaint.protocol_number in message.subject
    assert f"/complaints/track/{complaint.protocol_number}/{secret}/" in message.body
    assert complaint.deadline.strftime("%Y") in message.body
    html, media_type = message.alternatives[0]
    assert media_type == "text/html"
    assert f"/complaints/track/{complaint.protocol_number}/{secret}/" in html


def test_same_submission_key_returns_the_first_complaint(category):
    key = "0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d"
    first, secret = submitted_complaint(category=category, submission_key=key)
    again, again_secret = submitted_complaint(category=category, submission_key=key)

    assert again.pk == first.pk
    assert secret and again_secret == ""
    assert Complaint.objects.count() == 1


def test_required_category_question_must_be_answered(category):
    CategoryQuestionFactory(category=category, code="pole", label="Αριθμός κολόνας", required=True)

    with pytest.raises(ValidationError) as error:
        submitted_complaint(category=category, answers={})

    assert "Αριθμός κολόνας" in str(error.value)
    assert not Complaint.objects.exists()


def test_choice_answers_must_be_one_of_the_choices(category):
    CategoryQuestionFactory(
        category=category,
        code="size",
        kind="singlevaluelist",
        choices=[{"key": "small", "name": "Μικρό"}, {"key": "large", "name": "Μεγάλο"}],
    )

    with pytest.raises(ValidationError):
        submitted_complaint(category=category, answers={"size": "huge"})
    complaint, _secret = submitted_complaint(category=category, answers={"size": "large"})

    assert complaint.answers == {"size": "large"}


def test_forwarding_moves_the_complaint_keeps_the_note_internal_and_notifies_after_commit(
    category, clerk, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(
        category=category, citizen_email="nikos@example.gr", assigned_to=clerk
    )
    other = DepartmentFactory(name="Πρασίνου")

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_forward(
            complaint=complaint, department=other, note="Αφορά δέντρο.", actor=clerk
        )

    complaint.refresh_from_db()
    assert complaint.status == Status.FORWARDED
    assert complaint.department == other
    assert complaint.assigned_to is None
    forwarded = complaint.timeline.get(kind=TimelineKind.FORWARDED)
    assert forwarded.is_public and forwarded.department == other and forwarded.text == ""
    note = complaint.timeline.get(kind=TimelineKind.INTERNAL_NOTE)
    assert not note.is_public and note.text == "Αφορά δέντρο."
    assert mail.outbox[0].to == ["nikos@example.gr"]
    assert "Αφορά δέντρο" not in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="complaints.complaint.forwarded").exists()


def test_forwarding_to_the_same_department_is_refused(category, clerk):
    complaint = ComplaintFactory(category=category)

    with pytest.raises(ComplaintError):
        services.complaint_forward(complaint=complaint, department=category.department, actor=clerk)


def test_awaiting_the_citizen_pauses_the_deadline(category, clerk):
    complaint = ComplaintFactory(category=category, status=Status.ACCEPTED)
    deadline = complaint.deadline
    services.complaint_request_information(
        complaint=complaint, question="Σε ποιο ύψος της οδού;", actor=clerk
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        awaiting_since=timezone.now() - timedelta(days=7)
    )

    services.complaint_add_citizen_message(complaint=complaint, text="Στο ύψος του αριθμού 80.")

    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    assert complaint.paused_days == 7
    assert complaint.deadline == deadline + timedelta(days=7)
    assert complaint.awaiting_since is None


def test_reply_reaches_the_citizens_of_duplicates_too(
    category, clerk, django_capture_on_commit_callbacks
):
    original = ComplaintFactory(category=category, citizen_email="first@example.gr")
    duplicate = ComplaintFactory(category=category, citizen_email="second@example.gr")
    services.complaint_mark_duplicate(complaint=duplicate, original=original, actor=clerk)

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reply(complaint=original, text="Θα επισκευαστεί την Τρίτη.", actor=clerk)

    assert sorted(mail.outbox[0].to) == ["first@example.gr", "second@example.gr"]
    duplicate.refresh_from_db()
    assert duplicate.status == Status.DUPLICATE and duplicate.duplicate_of == original


def test_a_complaint_cannot_be_a_duplicate_of_itself(category, clerk):
    complaint = ComplaintFactory(category=category)

    with pytest.raises(ComplaintError):
        services.complaint_mark_duplicate(complaint=complaint, original=complaint, actor=clerk)


def test_rejection_needs_a_reason(category, clerk):
    complaint = ComplaintFactory(category=category)

    with pytest.raises(ComplaintError) as error:
        services.complaint_reject(complaint=complaint, reason="   ", actor=clerk)

    assert "αιτιολογία" in error.value.message
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED


def test_assigning_someone_of_another_department_is_refused(category, clerk):
    complaint = ComplaintFactory(category=category, status=Status.ACCEPTED)
    outsider = staff_user(department=DepartmentFactory(), roles=(Role.DEPARTMENT_STAFF,))

    with pytest.raises(ComplaintError):
        services.complaint_assign(complaint=complaint, user=outsider, actor=clerk)
    services.complaint_assign(complaint=complaint, user=clerk, actor=clerk)

    complaint.refresh_from_db()
    assert complaint.assigned_to == clerk
    assert complaint.status == Status.IN_PROGRESS


def test_not_satisfied_reopens_the_complaint_for_review(category, clerk):
    complaint = ComplaintFactory(category=category, status=Status.IN_PROGRESS)
    services.complaint_resolve(complaint=complaint, text="Αντικαταστάθηκε η λάμπα.", actor=clerk)

    services.complaint_record_satisfaction(complaint=complaint, satisfied=False)

    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    assert complaint.satisfaction == Satisfaction.NOT_SATISFIED
    assert complaint.resolved_at is None


def test_satisfied_closes_the_complaint_and_is_recorded_once(category, clerk):
    complaint = ComplaintFactory(category=category, status=Status.IN_PROGRESS)
    services.complaint_resolve(complaint=complaint, text="Έγινε.", actor=clerk)
    services.complaint_record_satisfaction(complaint=complaint, satisfied=True)

    with pytest.raises(ComplaintError, match="ήδη αξιολογήσει"):
        services.complaint_record_satisfaction(complaint=complaint, satisfied=False)

    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert complaint.closed_at is not None
    assert complaint.resolved_at is not None
    assert complaint.satisfaction == Satisfaction.SATISFIED
    assert complaint.timeline.filter(is_public=True, to_status=Status.CLOSED).exists()


def test_an_answer_is_dated_and_a_reopening_clears_it(category, clerk):
    complaint = ComplaintFactory(category=category, status=Status.ACCEPTED)
    services.complaint_reject(complaint=complaint, reason="Εκτός αρμοδιότητας.", actor=clerk)
    complaint.refresh_from_db()
    assert complaint.answered_at is not None and complaint.answered_on_time is True
    assert complaint.resolved_at is None

    services.complaint_reopen(complaint=complaint, reason="Νέα στοιχεία.", actor=clerk)
    complaint.refresh_from_db()

    assert complaint.answered_at is None and complaint.answered_on_time is None


def test_publishing_needs_a_summary_and_makes_it_searchable(category, clerk):
    complaint = ComplaintFactory(category=category)

    with pytest.raises(ComplaintError):
        services.complaint_publish(
            complaint=complaint, public_summary="", public_area="", actor=clerk
        )
    services.complaint_publish(
        complaint=complaint,
        public_summary="Σπασμένο παγκάκι στην πλατεία.",
        public_area="Πλατεία Ναυαρίνου",
        actor=clerk,
    )

    complaint.refresh_from_db()
    assert complaint.is_published
    assert "παγκακι" in complaint.search_document
    assert "ναυαρινου" in complaint.search_document


@pytest.mark.parametrize(
    ("address", "area"),
    [
        ("Τσιμισκή 45, 546 23 Θεσσαλονίκη", "Τσιμισκή"),
        ("Γεώργιος Παπαδόπουλος, Τσιμισκή 45", "Τσιμισκή"),
        ("Αγίας Σοφίας 117", "Αγίας Σοφίας"),
        ("Γεώργιος Παπαδόπουλος", ""),
        ("Πλατεία Αριστοτέλους", ""),
        ("", ""),
    ],
)
def test_the_suggested_public_area_is_a_numbered_street_without_its_number(address, area):
    assert public_area_from_address(address) == area


def test_anonymising_erases_contact_data_and_files_but_keeps_the_statistics(
    category, clerk, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from portal.uploads import CheckedFile

    photo = CheckedFile(ContentFile(b"%PDF-1.4 test %%EOF"), "scan.pdf", "application/pdf", 19)
    complaint, _secret = submitted_complaint(category=category, attachments=[photo])
    stored = complaint.attachments.get()
    storage, name = stored.file.storage, stored.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        retention.complaint_anonymise(complaint=complaint, actor=None)

    complaint.refresh_from_db()
    assert (complaint.citizen_name, complaint.citizen_email, complaint.address) == ("", "", "")
    assert complaint.latitude is None and complaint.anonymised_at is not None
    assert complaint.category == category and complaint.status == Status.SUBMITTED
    assert not complaint.attachments.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("subject", "θ" * 201, "έως 200 χαρακτήρες"),
        ("description", "δ" * 5001, "έως 5000 χαρακτήρες"),
        ("description", "   ", "υποχρεωτικό"),
        ("citizen_phone", "1" * 21, "έως 20 χαρακτήρες"),
        ("citizen_email", "not-an-email", "δεν είναι έγκυρη"),
    ],
)
def test_submission_refuses_what_the_database_would_with_a_greek_message(
    category, field, value, message
):
    with pytest.raises(ValidationError) as error:
        submitted_complaint(category=category, **{field: value})

    assert message in str(error.value.message_dict[field])
    assert not Complaint.objects.exists()


def test_a_phone_complaint_may_come_without_an_email(category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint, _secret = submitted_complaint(
            category=category, citizen_email="", source="phone", citizen_phone="+302310123456"
        )

    assert complaint.source == "phone"
    assert mail.outbox == []
