"""Blocked senders: their submissions are kept but held for moderation; the list is audited."""

import pytest

from complaints.models import Complaint
from portal.models import AuditEntry, BlockedSender
from portal.roles import Role
from tests.complaints.helpers import form_data
from tests.portal.factories import staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

NEW_URL = "/complaints/new/"


def test_staff_block_a_domain_and_its_submissions_are_held_not_refused(client, category):
    officer = staff_user(roles=(Role.TRANSPARENCY_STAFF,), is_superuser=False)
    sign_in(client, officer)
    added = client.post(
        "/admin/portal/blockedsender/add/",
        {"value": "@Spam.Example", "reason": "Μαζικές αναφορές"},
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    block = BlockedSender.objects.get()
    assert block.value == "spam.example"
    assert AuditEntry.objects.filter(
        action="portal.blockedsender.created", actor=officer, object_id=str(block.pk)
    ).exists()
    client.logout()

    held = client.post(NEW_URL, form_data(category, citizen_email="Bot@spam.example"))
    fine = client.post(NEW_URL, form_data(category, citizen_email="eleni@example.gr"))

    assert held.status_code == fine.status_code == 302
    assert Complaint.objects.count() == 2  # nothing is lost
    flagged = Complaint.objects.get(citizen_email="Bot@spam.example")
    assert flagged.held_for_moderation
    assert not Complaint.objects.get(citizen_email="eleni@example.gr").held_for_moderation

    # Staff see the hold in the queue and can list only the held ones.
    sign_in(client, staff_user(roles=(Role.TRANSPARENCY_STAFF,)))
    queue = client.get("/admin/complaints/complaint/?held_for_moderation__exact=1")
    page = queue.content.decode()
    assert queue.status_code == 200
    assert flagged.protocol_number in page
    assert Complaint.objects.get(citizen_email="eleni@example.gr").protocol_number not in page


def test_a_blocked_address_matches_only_itself_and_removing_it_is_audited(client, category):
    officer = staff_user(roles=(Role.TRANSPARENCY_STAFF,))
    block = BlockedSender.objects.create(value="troll@example.gr")
    client.post(NEW_URL, form_data(category, citizen_email="troll@example.gr"))
    client.post(NEW_URL, form_data(category, citizen_email="neighbour@example.gr"))
    held = dict(Complaint.objects.values_list("citizen_email", "held_for_moderation"))
    assert held == {"troll@example.gr": True, "neighbour@example.gr": False}

    sign_in(client, officer)
    response = client.post(f"/admin/portal/blockedsender/{block.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not BlockedSender.objects.exists()
    assert AuditEntry.objects.filter(
        action="portal.blockedsender.deleted", actor=officer, object_repr="troll@example.gr"
    ).exists()
