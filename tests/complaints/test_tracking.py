"""Tracking a complaint: the private link, number + email, and what a stranger learns (nothing)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from complaints import retention, services
from complaints.models import Satisfaction, Status, TimelineKind
from tests.complaints.factories import ComplaintFactory, submitted_complaint
from tests.complaints.helpers import png_upload
from tests.portal.factories import staff_user

pytestmark = pytest.mark.django_db

TRACK_URL = "/complaints/track/"


def _without_csrf(content: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def _link(protocol: str, secret: str) -> str:
    return reverse("complaints:track_link", kwargs={"protocol": protocol, "secret": secret})


def _browser_post(browser: Client, page, url: str, data: dict):
    """POST a form from `page` as a browser does: with the CSRF token, and under a
    `no-referrer` policy (header or meta tag) with `Origin: null`."""
    html = page.content.decode()
    no_referrer = page["Referrer-Policy"] == "no-referrer" or 'content="no-referrer"' in html
    token = browser.cookies["csrftoken"].value
    return browser.post(
        url,
        {**data, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null" if no_referrer else "http://testserver",
    )


def test_a_browser_can_look_up_a_complaint_by_number_and_email(category):
    complaint, _secret = submitted_complaint(category=category)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(TRACK_URL)

    response = _browser_post(
        browser,
        page,
        TRACK_URL,
        {"protocol_number": complaint.protocol_number, "email": complaint.citizen_email},
    )

    assert response.status_code == 302
    assert complaint.subject in browser.get(response["Location"]).content.decode()


def test_a_browser_can_answer_from_the_status_page_and_satisfied_closes_it(category):
    complaint, secret = submitted_complaint(category=category)
    clerk = staff_user(department=category.department)
    services.complaint_accept(complaint=complaint, actor=clerk)
    services.complaint_resolve(complaint=complaint, text="Καθαρίστηκε.", actor=clerk)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(_link(complaint.protocol_number, secret), follow=True)

    response = _browser_post(
        browser,
        page,
        reverse("complaints:track_satisfaction", kwargs={"protocol": complaint.protocol_number}),
        {"satisfied": "yes"},
    )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert "Έκλεισε" in browser.get(response["Location"]).content.decode()


def test_a_form_without_its_security_token_gets_a_plain_greek_explanation(category):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(TRACK_URL, {"protocol_number": "2026-000001", "email": "a@b.gr"})

    assert response.status_code == 403
    assert "Η φόρμα δεν στάλθηκε" in response.content.decode()


def test_the_private_link_opens_the_status_page_without_the_secret_in_the_address(client, category):
    complaint, secret = submitted_complaint(category=category)

    response = client.get(_link(complaint.protocol_number, secret))

    assert response.status_code == 302
    assert secret not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert complaint.subject in page.content.decode()


def test_a_wrong_secret_and_an_unknown_number_look_exactly_the_same(client, category):
    complaint, secret = submitted_complaint(category=category)

    wrong_url = _link(complaint.protocol_number, "x" + secret[1:])
    unknown_url = _link("2019-999999", secret)
    wrong_secret = client.get(wrong_url)
    unknown = client.get(unknown_url)

    assert wrong_secret.status_code == unknown.status_code == 404
    # Only the language switch differs: it links to the address asked for.
    assert _without_csrf(wrong_secret.content).replace(wrong_url, "") == _without_csrf(
        unknown.content
    ).replace(unknown_url, "")
    assert complaint.subject not in wrong_secret.content.decode()


def test_number_and_email_open_the_status_page_case_insensitively(client, category):
    complaint, _secret = submitted_complaint(category=category, citizen_email="Anna@Example.gr")

    response = client.post(
        TRACK_URL, {"protocol_number": complaint.protocol_number, "email": "anna@example.GR"}
    )

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_a_wrong_email_and_an_unknown_number_look_exactly_the_same(client, category):
    complaint, _secret = submitted_complaint(category=category, citizen_email="anna@example.gr")

    wrong_email = client.post(
        TRACK_URL, {"protocol_number": complaint.protocol_number, "email": "eve@example.gr"}
    )
    unknown = client.post(TRACK_URL, {"protocol_number": "2019-999999", "email": "eve@example.gr"})

    assert wrong_email.status_code == unknown.status_code == 400
    # The pages differ only by echoing the number typed.
    echoed = _without_csrf(unknown.content).replace("2019-999999", complaint.protocol_number)
    assert _without_csrf(wrong_email.content) == echoed
    assert "Δεν βρέθηκε αίτημα με αυτά τα στοιχεία" in wrong_email.content.decode()


def test_the_status_page_needs_a_verified_session(client, category):
    complaint, _secret = submitted_complaint(category=category)

    response = client.get(
        reverse("complaints:track_status", kwargs={"protocol": complaint.protocol_number})
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:track")


def test_the_status_page_shows_public_events_without_staff_names_or_internal_notes(
    client, category
):
    complaint, secret = submitted_complaint(category=category)
    clerk = staff_user(department=category.department, first_name="Σταύρος", last_name="Κλητήρας")
    services.complaint_accept(complaint=complaint, actor=clerk)
    services.complaint_add_note(
        complaint=complaint, text="Εσωτερικό: ζήτημα εργολάβου", actor=clerk
    )
    services.complaint_reply(complaint=complaint, text="Προγραμματίστηκε αυτοψία.", actor=clerk)

    page = client.get(client.get(_link(complaint.protocol_number, secret))["Location"])

    content = page.content.decode()
    assert "Προγραμματίστηκε αυτοψία." in content
    assert "Εσωτερικό" not in content
    assert "Κλητήρας" not in content and clerk.username not in content
    assert category.department.name in content


def test_the_citizen_answers_a_question_and_the_complaint_goes_back_to_the_department(
    client, category
):
    complaint, secret = submitted_complaint(category=category)
    clerk = staff_user(department=category.department)
    services.complaint_accept(complaint=complaint, actor=clerk)
    services.complaint_request_information(
        complaint=complaint, question="Ποιος αριθμός κολόνας;", actor=clerk
    )
    client.get(_link(complaint.protocol_number, secret))
    message_url = reverse(
        "complaints:track_message", kwargs={"protocol": complaint.protocol_number}
    )

    response = client.post(message_url, {"text": "Η κολόνα 1234.", "attachments": [png_upload()]})

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    entry = complaint.timeline.get(kind=TimelineKind.CITIZEN_MESSAGE)
    assert entry.text == "Η κολόνα 1234." and entry.attachments.count() == 1


def test_script_in_a_message_is_shown_as_text(client, category):
    complaint, secret = submitted_complaint(category=category)
    client.get(_link(complaint.protocol_number, secret))
    message_url = reverse(
        "complaints:track_message", kwargs={"protocol": complaint.protocol_number}
    )

    client.post(message_url, {"text": "<script>alert('x')</script>"})
    page = client.get(
        reverse("complaints:track_status", kwargs={"protocol": complaint.protocol_number})
    )

    content = page.content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content


def test_a_message_on_a_closed_complaint_is_refused_with_a_reason(client, category):
    complaint, secret = submitted_complaint(category=category)
    client.get(_link(complaint.protocol_number, secret))
    complaint.status = Status.CLOSED
    complaint.save()
    message_url = reverse(
        "complaints:track_message", kwargs={"protocol": complaint.protocol_number}
    )

    response = client.post(message_url, {"text": "Ακόμα υπάρχει το πρόβλημα."})

    assert response.status_code == 400
    assert "δεν μπορείτε να προσθέσετε νέα στοιχεία" in response.content.decode()


def test_a_message_for_a_complaint_not_verified_in_this_session_is_refused(client, category):
    complaint = ComplaintFactory(category=category)
    message_url = reverse(
        "complaints:track_message", kwargs={"protocol": complaint.protocol_number}
    )

    response = client.post(message_url, {"text": "Πλαστό μήνυμα"})

    assert response.status_code == 302
    assert not complaint.timeline.filter(kind=TimelineKind.CITIZEN_MESSAGE).exists()


def test_not_satisfied_from_the_tracking_page_reopens_the_complaint(client, category):
    complaint, secret = submitted_complaint(category=category)
    clerk = staff_user(department=category.department)
    services.complaint_accept(complaint=complaint, actor=clerk)
    services.complaint_resolve(complaint=complaint, text="Καθαρίστηκε.", actor=clerk)
    status_url = client.get(_link(complaint.protocol_number, secret))["Location"]
    assert "Επιλύθηκε το θέμα σας;" in client.get(status_url).content.decode()

    client.post(
        reverse("complaints:track_satisfaction", kwargs={"protocol": complaint.protocol_number}),
        {"satisfied": "no"},
    )

    complaint.refresh_from_db()
    assert complaint.satisfaction == Satisfaction.NOT_SATISFIED
    assert complaint.status == Status.IN_PROGRESS


def test_a_verdict_from_a_stale_page_is_explained(client, category):
    complaint, secret = submitted_complaint(category=category)
    client.get(_link(complaint.protocol_number, secret))

    response = client.post(
        reverse("complaints:track_satisfaction", kwargs={"protocol": complaint.protocol_number}),
        {"satisfied": "yes"},
    )

    assert response.status_code == 400
    assert "Η αξιολόγηση γίνεται μόνο αφού επιλυθεί το αίτημα." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""


def test_look_ups_are_rate_limited_per_address(client, category):
    statuses = [
        client.post(
            TRACK_URL,
            {"protocol_number": "2026-000001", "email": f"guess{n}@example.gr"},
            REMOTE_ADDR="198.51.100.4",
        ).status_code
        for n in range(11)
    ]

    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_an_anonymised_complaint_can_no_longer_be_tracked(client, category):
    complaint, secret = submitted_complaint(category=category)
    retention.complaint_anonymise(complaint=complaint)

    assert client.get(_link(complaint.protocol_number, secret)).status_code == 404


@pytest.mark.parametrize("replies", [1, 12])
def test_the_status_page_runs_a_fixed_number_of_queries(
    client, category, django_assert_max_num_queries, replies
):
    complaint, secret = submitted_complaint(category=category)
    clerk = staff_user(department=category.department)
    services.complaint_accept(complaint=complaint, actor=clerk)
    for index in range(replies):
        services.complaint_reply(complaint=complaint, text=f"Απάντηση {index}", actor=clerk)
    status_url = client.get(_link(complaint.protocol_number, secret))["Location"]

    with django_assert_max_num_queries(3):
        page = client.get(status_url)

    assert page.status_code == 200
    assert f"Απάντηση {replies - 1}" in page.content.decode()
