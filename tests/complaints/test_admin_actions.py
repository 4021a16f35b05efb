"""Staff actions on one ticket and in bulk: every one through a service, errors in Greek."""

import pytest
from django.core import mail
from django.urls import reverse

from complaints.models import Complaint, Status, TimelineKind
from portal.models import AuditEntry
from tests.complaints.backoffice import CHANGELIST, act_url, change_url, clerk_of
from tests.complaints.factories import CategoryFactory, ComplaintFactory, submitted_complaint
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(category):
    return clerk_of(category.department)


@pytest.fixture
def staff_client(client, clerk):
    client.force_login(clerk)
    return client


def test_accepting_recategorises_and_writes_timeline_and_audit(staff_client, category):
    complaint = ComplaintFactory(category=category)
    better = CategoryFactory(department=category.department, name="Ογκώδη αντικείμενα")

    response = staff_client.post(
        act_url(complaint, "accept"), {"category": better.pk, "text": "Το παραλάβαμε."}
    )

    assert response.status_code == 302
    assert response.url == change_url(complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.ACCEPTED
    assert complaint.category == better
    assert complaint.timeline.filter(to_status=Status.ACCEPTED).exists()
    assert AuditEntry.objects.filter(action="complaints.complaint.recategorised").exists()


def test_forwarding_moves_the_ticket_out_of_the_clerks_queue(staff_client, category):
    complaint = ComplaintFactory(category=category)
    roads = DepartmentFactory(name="Οδοποιία")

    response = staff_client.post(
        act_url(complaint, "forward"), {"department": roads.pk, "note": "Αρμοδιότητα οδοποιίας."}
    )

    assert response.url == CHANGELIST

    complaint.refresh_from_db()
    assert complaint.department == roads
    assert complaint.status == Status.FORWARDED
    assert complaint.timeline.filter(kind=TimelineKind.INTERNAL_NOTE, is_public=False).exists()
    assert staff_client.get(change_url(complaint)).status_code == 404


def test_assigning_offers_only_staff_of_the_tickets_department(staff_client, category, clerk):
    complaint = ComplaintFactory(category=category, status=Status.ACCEPTED)
    outsider = staff_user(department=DepartmentFactory(), first_name="Ξένος")

    page = staff_client.get(act_url(complaint, "assign")).content.decode()
    assert "Ξένος" not in page
    refused = staff_client.post(act_url(complaint, "assign"), {"user": outsider.pk})
    assert refused.status_code == 200
    staff_client.post(act_url(complaint, "assign"), {"user": clerk.pk})

    complaint.refresh_from_db()
    assert complaint.assigned_to == clerk
    assert complaint.status == Status.IN_PROGRESS


def test_a_public_reply_is_emailed_to_the_citizen_after_commit(
    staff_client, category, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(category=category, citizen_email="polites@example.gr")

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(act_url(complaint, "reply"), {"text": "Το συνεργείο θα έρθει την Τρίτη."})

    assert [message.to for message in mail.outbox] == [["polites@example.gr"]]
    assert "Το συνεργείο θα έρθει την Τρίτη." in mail.outbox[0].body
    assert complaint.timeline.get(kind=TimelineKind.PUBLIC_REPLY).is_public


def test_an_internal_note_is_not_public_and_emails_nobody(
    staff_client, category, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(category=category)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(act_url(complaint, "note"), {"text": "Να ελεγχθεί το ιστορικό."})

    assert complaint.timeline.get(kind=TimelineKind.INTERNAL_NOTE).is_public is False
    assert mail.outbox == []


def test_asking_the_citizen_pauses_the_ticket(
    staff_client, category, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(category=category, status=Status.ACCEPTED)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            act_url(complaint, "request_information"), {"question": "Σε ποιο ύψος της οδού;"}
        )

    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_CITIZEN
    assert complaint.awaiting_since is not None
    assert "Σε ποιο ύψος της οδού;" in mail.outbox[0].body


def test_resolving_then_reopening(staff_client, category):
    complaint = ComplaintFactory(category=category, status=Status.IN_PROGRESS)

    staff_client.post(act_url(complaint, "resolve"), {"text": "Αντικαταστάθηκε ο λαμπτήρας."})
    complaint.refresh_from_db()
    assert complaint.status == Status.RESOLVED
    assert complaint.resolved_at is not None

    staff_client.post(act_url(complaint, "reopen"), {"reason": "Ο πολίτης λέει ότι σβήνει ξανά."})
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    assert complaint.resolved_at is None


def test_rejecting_needs_a_reason(staff_client, category):
    complaint = ComplaintFactory(category=category)

    response = staff_client.post(act_url(complaint, "reject"), {"reason": "   "})

    assert response.status_code == 200
    assert "Αυτό το πεδίο είναι απαραίτητο" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED


def test_a_refused_transition_shows_the_services_greek_message(
    staff_client, category, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(category=category, status=Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(act_url(complaint, "resolve"), {"text": "Έγινε."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "δεν μπορεί να αλλάξει από «Υποβλήθηκε» σε «Επιλύθηκε»" in page
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED
    assert mail.outbox == []


def test_marking_a_duplicate_merges_it_into_the_original(staff_client, category):
    original = ComplaintFactory(category=category, protocol_number="2026-000700")
    copy = ComplaintFactory(category=category, citizen_email="deuteros@example.gr")

    staff_client.post(act_url(copy, "mark_duplicate"), {"original": "2026-000700"})

    copy.refresh_from_db()
    assert copy.status == Status.DUPLICATE
    assert copy.duplicate_of == original


def test_a_duplicate_of_a_ticket_the_clerk_cannot_see_is_refused(staff_client, category):
    ComplaintFactory(category=CategoryFactory(), protocol_number="2026-000800")
    copy = ComplaintFactory(category=category)

    response = staff_client.post(act_url(copy, "mark_duplicate"), {"original": "2026-000800"})

    assert "Δεν βρέθηκε αίτημα με αριθμό 2026-000800." in response.content.decode()
    copy.refresh_from_db()
    assert copy.status == Status.SUBMITTED


def test_publishing_needs_a_summary_and_puts_it_in_the_register(staff_client, category):
    complaint = ComplaintFactory(category=category)

    empty = staff_client.post(act_url(complaint, "publish"), {"public_summary": ""})
    assert empty.status_code == 200
    staff_client.post(
        act_url(complaint, "publish"),
        {"public_summary": "Λακκούβα στην Εγνατία.", "public_area": "Εγνατία"},
    )

    complaint.refresh_from_db()
    assert complaint.is_published
    assert complaint.public_summary == "Λακκούβα στην Εγνατία."
    assert complaint.public_area == "Εγνατία"


def test_the_public_area_is_suggested_from_the_address_and_staff_have_the_last_word(
    staff_client, category, client
):
    complaint, _secret = submitted_complaint(
        category=category, address="Γεώργιος Χατζηπαυλίδης, Τσιμισκή 45, 546 23 Θεσσαλονίκη"
    )
    form = staff_client.get(act_url(complaint, "publish")).content.decode()
    assert 'name="public_area" value="Τσιμισκή"' in form
    assert "Χατζηπαυλίδης" not in form.split('name="public_area"')[1].split(">")[0]

    staff_client.post(
        act_url(complaint, "publish"),
        {"public_summary": "Σπασμένο φανάρι.", "public_area": "Κέντρο"},
    )

    page = client.get(reverse("complaints:index")).content.decode()
    assert "Κέντρο" in page
    assert "Τσιμισκή" not in page and "Χατζηπαυλίδης" not in page


def test_oversized_text_gets_a_clear_message(staff_client, category):
    complaint = ComplaintFactory(category=category)

    response = staff_client.post(act_url(complaint, "note"), {"text": "α" * 5001})

    assert response.status_code == 200
    assert "5000" in response.content.decode()
    assert not complaint.timeline.exists()


def test_an_unknown_action_is_not_found(staff_client, category):
    complaint = ComplaintFactory(category=category)

    assert staff_client.get(act_url(complaint, "explode")).status_code == 404


def test_staff_without_change_permission_cannot_act(client, category):
    complaint = ComplaintFactory(category=category)
    from portal.roles import Role

    client.force_login(staff_user(department=category.department, roles=(Role.FRONT_DESK,)))

    assert client.post(act_url(complaint, "note"), {"text": "Σημείωση"}).status_code in (403, 404)
    assert not complaint.timeline.exists()


def _bulk(client, action, complaints, **data):
    return client.post(
        CHANGELIST,
        {
            "action": f"bulk_{action}",
            "_selected_action": [c.pk for c in complaints],
            "index": 0,
            **data,
        },
    )


def test_a_bulk_action_asks_for_its_form_first(staff_client, category):
    tickets = ComplaintFactory.create_batch(2, category=category)

    response = _bulk(staff_client, "reject", tickets)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Αιτιολογία απόρριψης" in page
    assert all(t.protocol_number in page for t in tickets)
    assert not Complaint.objects.filter(status=Status.REJECTED).exists()


def test_a_bulk_action_applies_to_each_ticket_and_reports_the_refused(staff_client, category):
    fresh = ComplaintFactory.create_batch(2, category=category)
    finished = ComplaintFactory(category=category, status=Status.CLOSED)

    response = _bulk(
        staff_client, "reject", [*fresh, finished], apply="1", reason="Εκτός αρμοδιότητας Δήμου."
    )

    assert response.status_code == 302
    assert Complaint.objects.filter(status=Status.REJECTED).count() == 2
    finished.refresh_from_db()
    assert finished.status == Status.CLOSED
    page = staff_client.get(response.url).content.decode()
    assert "ολοκληρώθηκε για 2 αιτήματα" in page
    assert finished.protocol_number in page


def test_a_bulk_action_with_forged_ids_touches_only_the_clerks_tickets(staff_client, category):
    ours = ComplaintFactory(category=category)
    theirs = ComplaintFactory(category=CategoryFactory())

    _bulk(staff_client, "note", [ours, theirs], apply="1", text="Ελέγχθηκε.")

    assert ours.timeline.count() == 1
    assert not theirs.timeline.exists()
