"""The staff queue and the ticket page: scoping, filters, tags and the query budget."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import services
from complaints.admin import ComplaintAdmin
from complaints.models import QuestionKind, Status
from portal.roles import Role
from tests.complaints.backoffice import (
    CHANGELIST,
    act_url,
    change_url,
    clerk_of,
    revoke,
    transparency_officer,
)
from tests.complaints.factories import CategoryFactory, CategoryQuestionFactory, ComplaintFactory
from tests.portal.factories import DepartmentFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleaning(db):
    return CategoryFactory(name="Καθαριότητα δρόμων")


@pytest.fixture
def lighting(db):
    return CategoryFactory(name="Φωτισμός")


def test_a_clerk_sees_only_the_tickets_of_their_department(client, cleaning, lighting):
    ours = ComplaintFactory(category=cleaning, subject="Σκουπίδια στην Εγνατία")
    theirs = ComplaintFactory(category=lighting, subject="Σβηστή λάμπα στην Τσιμισκή")
    sign_in(client, clerk_of(cleaning.department))

    page = client.get(CHANGELIST).content.decode()

    assert ours.subject in page
    assert theirs.subject not in page


def test_transparency_staff_see_every_department(client, cleaning, lighting):
    ComplaintFactory(category=cleaning, subject="Σκουπίδια στην Εγνατία")
    ComplaintFactory(category=lighting, subject="Σβηστή λάμπα στην Τσιμισκή")
    sign_in(client, transparency_officer(DepartmentFactory()))

    page = client.get(CHANGELIST).content.decode()

    assert "Σκουπίδια στην Εγνατία" in page
    assert "Σβηστή λάμπα στην Τσιμισκή" in page


def test_another_departments_ticket_is_not_found(client, cleaning, lighting):
    theirs = ComplaintFactory(category=lighting)
    sign_in(client, clerk_of(cleaning.department))

    assert client.get(change_url(theirs)).status_code == 404
    assert client.get(act_url(theirs, "resolve")).status_code == 404


def test_a_forged_action_on_another_departments_ticket_changes_nothing(client, cleaning, lighting):
    theirs = ComplaintFactory(category=lighting, status=Status.ACCEPTED)
    sign_in(client, clerk_of(cleaning.department))

    response = client.post(act_url(theirs, "resolve"), {"text": "Έγινε."})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.ACCEPTED
    assert not theirs.timeline.exists()


def test_staff_without_a_department_see_no_tickets(client, cleaning):
    ComplaintFactory(category=cleaning, subject="Σκουπίδια στην Εγνατία")
    from tests.portal.factories import staff_user

    sign_in(client, staff_user(roles=(Role.DEPARTMENT_STAFF,)))

    assert "Σκουπίδια στην Εγνατία" not in client.get(CHANGELIST).content.decode()


def test_the_change_page_cannot_be_posted_to_directly(client, cleaning):
    complaint = ComplaintFactory(category=cleaning)
    sign_in(client, clerk_of(cleaning.department))

    response = client.post(change_url(complaint), {"subject": "Άλλο θέμα"})

    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.subject != "Άλλο θέμα"


def test_overdue_tickets_stand_out_in_the_queue(client, cleaning):
    today = timezone.localdate()
    ComplaintFactory(category=cleaning, status=Status.IN_PROGRESS, deadline=today - timedelta(1))
    sign_in(client, clerk_of(cleaning.department))

    page = client.get(CHANGELIST).content.decode()

    assert "complaints-deadline--overdue" in page
    assert "css/complaints_admin.css" in page


def test_the_queue_dates_deadlines_the_greek_way(client, cleaning):
    deadline = timezone.localdate() + timedelta(days=30)
    ComplaintFactory(category=cleaning, status=Status.ACCEPTED, deadline=deadline)
    sign_in(client, clerk_of(cleaning.department))

    page = client.get(CHANGELIST).content.decode()

    assert f"{deadline:%d/%m/%Y}" in page
    assert deadline.isoformat() not in page


def test_the_ticket_page_shows_answers_by_question_and_choice_name(client, cleaning):
    CategoryQuestionFactory(
        category=cleaning,
        code="size",
        label="Μέγεθος",
        kind=QuestionKind.SINGLE,
        choices=[{"key": "large", "name": "Μεγάλη ή επικίνδυνη"}],
    )
    complaint = ComplaintFactory(category=cleaning, answers={"size": "large"})
    sign_in(client, clerk_of(cleaning.department))

    page = client.get(change_url(complaint)).content.decode()

    assert "Μέγεθος: Μεγάλη ή επικίνδυνη" in page
    assert '"size"' not in page


def test_a_finished_ticket_past_its_deadline_is_not_flagged(client, cleaning):
    ComplaintFactory(
        category=cleaning,
        status=Status.RESOLVED,
        deadline=timezone.localdate() - timedelta(10),
    )
    sign_in(client, clerk_of(cleaning.department))

    assert "complaints-deadline--overdue" not in client.get(CHANGELIST).content.decode()


def test_queue_filters_overdue_due_this_week_and_assigned_to_me(client, cleaning):
    today = timezone.localdate()
    clerk = clerk_of(cleaning.department)
    late = ComplaintFactory(
        category=cleaning, status=Status.ACCEPTED, deadline=today - timedelta(2), subject="Αργό"
    )
    soon = ComplaintFactory(
        category=cleaning, status=Status.ACCEPTED, deadline=today + timedelta(3), subject="Σύντομο"
    )
    mine = ComplaintFactory(
        category=cleaning,
        status=Status.IN_PROGRESS,
        deadline=today + timedelta(30),
        subject="Δικό μου",
        assigned_to=clerk,
    )
    sign_in(client, clerk)

    def subjects(query):
        page = client.get(CHANGELIST + query).content.decode()
        return {c.subject for c in (late, soon, mine) if c.subject in page}

    assert subjects("?overdue=yes") == {"Αργό"}
    assert subjects("?due=week") == {"Σύντομο"}
    assert subjects("?assigned=me") == {"Δικό μου"}
    assert subjects("?assigned=nobody") == {"Αργό", "Σύντομο"}
    assert subjects("?status__exact=in_progress") == {"Δικό μου"}


def test_search_finds_a_ticket_by_protocol_number_email_or_words(client, cleaning):
    wanted = ComplaintFactory(
        category=cleaning,
        protocol_number="2026-004242",
        subject="Κάδος καμένος",
        citizen_email="Anna@Example.gr",
        description="Ο κάδος στη γωνία κάηκε χθες βράδυ.",
    )
    ComplaintFactory(category=cleaning, subject="Άλλο θέμα")
    sign_in(client, clerk_of(cleaning.department))

    for term in ("2026-004242", "anna@example.gr", "γωνία", "ΓΩΝΙΑ", "καδος καμενος", "ΚΑΗΚΕ"):
        page = client.get(CHANGELIST, {"q": term}).content.decode()
        assert wanted.subject in page, term
        assert "Άλλο θέμα" not in page, term


def test_searching_by_email_needs_the_right_to_see_contact_data(client, cleaning):
    ComplaintFactory(category=cleaning, subject="Κάδος καμένος", citizen_email="anna@example.gr")
    revoke(Role.TRANSPARENCY_STAFF, "view_contact_data")
    sign_in(client, transparency_officer(DepartmentFactory()))

    page = client.get(CHANGELIST, {"q": "anna@example.gr"}).content.decode()

    assert "Κάδος καμένος" not in page


def test_department_filter_is_offered_only_to_staff_who_see_all(client, cleaning):
    ComplaintFactory(category=cleaning)
    sign_in(client, clerk_of(cleaning.department))
    assert "department__id__exact" not in client.get(CHANGELIST).content.decode()

    sign_in(client, transparency_officer(DepartmentFactory()))
    assert "department__id__exact" in client.get(CHANGELIST).content.decode()


def test_a_queue_longer_than_its_count_cap_says_more_than_and_pages_that_far(
    client, cleaning, monkeypatch
):
    monkeypatch.setattr(ComplaintAdmin, "count_cap", 3)
    monkeypatch.setattr(ComplaintAdmin, "list_per_page", 2)
    for index in range(5):
        ComplaintFactory(category=cleaning, subject=f"Αίτημα {index}")
    sign_in(client, transparency_officer(DepartmentFactory()))

    page = client.get(CHANGELIST).content.decode()
    short = client.get(CHANGELIST, {"q": "Αίτημα 4"}).content.decode()

    assert "Περισσότερα από 3 αιτήματα" in page
    assert "Επιλογή όλων των αιτημάτων της λίστας (περισσότερα από 3)" in page
    assert "?p=2" in page and "?p=3" not in page
    assert "Περισσότερα από" not in short and "1 αίτημα" in short


@pytest.mark.parametrize("rows", [3, 40])
def test_the_queue_runs_a_fixed_number_of_queries(
    client, cleaning, django_assert_max_num_queries, rows
):
    officer = transparency_officer(DepartmentFactory())
    for index in range(rows):
        ComplaintFactory(category=cleaning, assigned_to=officer if index % 2 else None)
    sign_in(client, officer)

    with django_assert_max_num_queries(
        12
    ):  # +2: the sign-in checks (verified device, session generation)
        response = client.get(CHANGELIST, {"status__exact": "submitted"})

    assert response.status_code == 200


@pytest.mark.parametrize("events", [1, 12])
def test_the_ticket_page_runs_a_fixed_number_of_queries(
    client, cleaning, django_assert_max_num_queries, events
):
    clerk = clerk_of(cleaning.department)
    complaint = ComplaintFactory(category=cleaning, assigned_to=clerk)
    services.complaint_accept(complaint=complaint, actor=clerk)
    for index in range(events):
        services.complaint_add_note(complaint=complaint, text=f"Σημείωση {index}", actor=clerk)
    sign_in(client, clerk)

    with django_assert_max_num_queries(17):  # +2: the sign-in checks (device, generation)
        response = client.get(change_url(complaint))

    assert response.status_code == 200
    assert f"Σημείωση {events - 1}" in response.content.decode()


def test_contact_data_shows_to_the_responsible_department(client, cleaning):
    complaint = ComplaintFactory(
        category=cleaning, citizen_name="Ευάγγελος Μοναδικός", citizen_phone="+302310999111"
    )
    sign_in(client, clerk_of(cleaning.department))

    page = client.get(change_url(complaint)).content.decode()

    assert "Ευάγγελος Μοναδικός" in page
    assert "+302310999111" in page


def test_contact_data_is_hidden_without_the_permission_outside_the_department(client, cleaning):
    complaint = ComplaintFactory(
        category=cleaning, citizen_name="Ευάγγελος Μοναδικός", citizen_email="evangelos@example.gr"
    )
    revoke(Role.TRANSPARENCY_STAFF, "view_contact_data")
    sign_in(client, transparency_officer(DepartmentFactory()))

    page = client.get(change_url(complaint)).content.decode()

    assert complaint.subject in page
    assert "Ευάγγελος Μοναδικός" not in page
    assert "evangelos@example.gr" not in page


def test_the_ticket_page_offers_only_the_actions_its_status_allows(client, cleaning):
    complaint = ComplaintFactory(category=cleaning, status=Status.SUBMITTED)
    sign_in(client, clerk_of(cleaning.department))

    page = client.get(change_url(complaint)).content.decode()

    assert act_url(complaint, "accept") in page
    assert act_url(complaint, "reject") in page
    assert act_url(complaint, "reopen") not in page
    assert act_url(complaint, "resolve") not in page


def test_complaints_cannot_be_deleted_even_by_transparency_staff(client, cleaning):
    complaint = ComplaintFactory(category=cleaning)
    sign_in(client, transparency_officer(DepartmentFactory()))

    response = client.post(reverse_delete(complaint), {"post": "yes"})

    assert response.status_code == 403
    assert type(complaint).objects.filter(pk=complaint.pk).exists()


def reverse_delete(complaint) -> str:
    from django.urls import reverse

    return reverse("admin:complaints_complaint_delete", args=[complaint.pk])


@pytest.mark.parametrize("object_id", ["abc", "999999", "1%20OR%201=1"])
def test_forged_ticket_ids_are_not_found(client, cleaning, object_id):
    sign_in(client, transparency_officer(DepartmentFactory()))

    assert client.get(f"{CHANGELIST}{object_id}/change/").status_code == 404
    assert client.post(f"{CHANGELIST}{object_id}/act/note/", {"text": "x"}).status_code == 404
