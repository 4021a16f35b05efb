"""The demo data: realistic, consistent, and usable for trying the citizen pages."""

import random
from datetime import timedelta

import pytest
from django.core.management.base import OutputWrapper
from django.db.models import Max
from django.utils import timezone

from complaints import seed
from complaints.models import Category, Complaint, ProtocolCounter, Status
from complaints.services import deadline_for
from portal import seed as portal_seed
from portal.seeding import SeedContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch, tmp_path):
    monkeypatch.setattr(seed, "COMPLAINTS_PER_SCALE", 400)
    context = SeedContext(
        rng=random.Random(7),
        scale=1,
        today=timezone.localdate(),
        stdout=OutputWrapper(open(tmp_path / "seed.log", "w")),  # noqa: SIM115
    )
    portal_seed.seed(context)
    seed.seed(context)
    return context


def test_categories_are_routed_to_the_seeded_departments(seeded):
    routed = dict(Category.objects.values_list("code", "department__slug"))

    assert routed["lakouves"] == "odopoiia"
    assert routed["fotismos"] == "ilektrofotismos"
    assert routed["adespota"] == "adespota"
    assert Category.objects.get(code="ogkodi").questions.filter(required=True).exists()


def test_complaints_span_the_years_with_a_realistic_mix(seeded):
    assert Complaint.objects.count() == 400
    years = set(Complaint.objects.values_list("submitted_at__year", flat=True))
    assert {2024, 2025} <= years
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {Status.CLOSED, Status.RESOLVED, Status.IN_PROGRESS} <= statuses
    assert Complaint.objects.filter(is_published=True).exclude(public_summary="").exists()
    assert not Complaint.objects.filter(submitted_at__gt=timezone.now()).exists()


def test_protocol_counters_continue_after_the_seeded_numbers(seeded):
    for counter in ProtocolCounter.objects.all():
        highest = Complaint.objects.filter(
            protocol_number__startswith=f"{counter.year}-"
        ).aggregate(Max("protocol_number"))["protocol_number__max"]
        assert highest == f"{counter.year}-{counter.last_number:06d}"


def test_deadlines_follow_the_category_days_plus_the_pause(seeded):
    for complaint in Complaint.objects.select_related("category")[:100]:
        days = (complaint.category.response_days or 50) + complaint.paused_days
        submitted = timezone.localdate(complaint.submitted_at)
        assert complaint.deadline == submitted + timedelta(days=days)


def test_deadlines_and_search_documents_are_the_portals_own(seeded):
    complaints = Complaint.objects.select_related("category")
    assert complaints.filter(paused_days__gt=0).exists()
    for complaint in complaints:
        stored = complaint.search_document
        complaint.refresh_search_document()
        assert complaint.search_document == stored
        assert complaint.deadline == deadline_for(complaint)


def test_the_printed_demo_link_opens_the_newest_complaint(seeded, client):
    newest = Complaint.objects.order_by("-submitted_at").first()

    response = client.get(
        f"/complaints/track/{newest.protocol_number}/{seed.DEMO_TRACKING_SECRET}/", follow=True
    )

    assert response.status_code == 200
    assert newest.subject in response.content.decode()


def test_the_register_search_finds_seeded_complaints_by_street(seeded, client):
    published = Complaint.objects.filter(is_published=True).first()

    response = client.get("/complaints/", {"q": published.public_area})

    assert published in response.context["page_obj"].paginator.object_list
