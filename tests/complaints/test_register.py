"""The public register: filters, Greek search, pagination, and a fixed query budget."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Status
from tests.complaints.factories import CategoryFactory, ComplaintFactory, PublishedComplaintFactory

pytestmark = pytest.mark.django_db

REGISTER = "/complaints/"


def test_the_register_lists_published_complaints_newest_first(client, category):
    older = PublishedComplaintFactory(
        category=category, submitted_at=timezone.now() - timedelta(days=3)
    )
    newer = PublishedComplaintFactory(category=category)
    ComplaintFactory(category=category, subject="Δεν έχει ελεγχθεί")

    content = client.get(REGISTER).content.decode()

    assert content.index(newer.protocol_number) < content.index(older.protocol_number)
    assert "Δεν έχει ελεγχθεί" not in content


def test_filters_by_category_status_department_and_dates(client, category):
    other = CategoryFactory()
    wanted = PublishedComplaintFactory(category=category, status=Status.RESOLVED)
    PublishedComplaintFactory(category=other, status=Status.RESOLVED)
    PublishedComplaintFactory(category=category, status=Status.SUBMITTED)
    today = timezone.localdate().isoformat()

    response = client.get(
        REGISTER,
        {
            "category": category.code,
            "status": "resolved",
            "department": category.department.slug,
            "submitted_from": today,
            "submitted_to": today,
        },
    )

    assert list(response.context["page_obj"]) == [wanted]


def test_search_ignores_accents_and_case(client, category):
    found = PublishedComplaintFactory(
        category=category, public_summary="Σπασμένη ΛΆΜΠΑ στην Εγνατία"
    )
    PublishedComplaintFactory(category=category, public_summary="Κλαδέματα δέντρων")

    response = client.get(REGISTER, {"q": "λαμπα εγνατια"})

    assert list(response.context["page_obj"]) == [found]


def test_invalid_filter_values_do_not_break_the_page(client, category):
    PublishedComplaintFactory(category=category)

    response = client.get(
        REGISTER, {"status": "<script>", "submitted_from": "χθες", "category": "9999", "page": "x"}
    )

    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_pagination_keeps_the_filters(client, category):
    PublishedComplaintFactory.create_batch(25, category=category)

    content = client.get(REGISTER, {"category": category.code}).content.decode()

    assert f"category={category.code}&amp;page=2" in content


def test_the_register_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    def budget() -> int:
        with django_assert_max_num_queries(20) as captured:
            assert client.get(REGISTER).status_code == 200
        return len(captured)

    PublishedComplaintFactory.create_batch(3)
    few = budget()
    PublishedComplaintFactory.create_batch(30)
    many = budget()

    assert many == few


def test_map_points_are_rounded_and_follow_the_filters(client, category):
    PublishedComplaintFactory(category=category, latitude="40.632512", longitude="22.947801")
    PublishedComplaintFactory(latitude="40.640000", longitude="22.940000")

    points = client.get(reverse("complaints:map_points"), {"category": category.code}).json()[
        "points"
    ]

    assert len(points) == 1
    assert (points[0]["lat"], points[0]["lng"]) == (40.633, 22.948)


def test_the_map_says_when_it_shows_only_the_newest_points(client, category, monkeypatch):
    monkeypatch.setattr("complaints.selectors.MAP_POINTS", 2)
    for _ in range(3):
        PublishedComplaintFactory(category=category, latitude="40.63", longitude="22.94")

    page = client.get(reverse("complaints:index"), {"view": "map"}).content.decode()
    points = client.get(reverse("complaints:map_points")).json()["points"]

    assert len(points) == 2
    assert "Ο χάρτης δείχνει τα 2 πιο πρόσφατα αιτήματα με θέση" in page


def test_the_detail_page_of_an_unpublished_complaint_is_not_found(client, category):
    complaint = ComplaintFactory(category=category)

    assert client.get(f"/complaints/{complaint.protocol_number}/").status_code == 404
    assert client.get("/complaints/no-such-number/").status_code == 404


def test_the_english_register_lives_under_en(client, category):
    PublishedComplaintFactory(category=category)

    assert client.get("/en/complaints/").status_code == 200


def test_a_huge_register_is_counted_only_up_to_the_cap(client, category, monkeypatch):
    from complaints import views

    monkeypatch.setattr(views, "REGISTER_COUNT_CAP", 25)
    PublishedComplaintFactory.create_batch(30, category=category)

    response = client.get(REGISTER)

    content = response.content.decode()
    assert "Περισσότερα από 25 αιτήματα" in content
    assert response.context["page_obj"].paginator.num_pages == 2
    assert client.get(REGISTER, {"page": 3}).context["page_obj"].number == 2
