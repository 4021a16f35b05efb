"""Open311 GET requests: the date window, filters, paging and the parameters refused."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from complaints.models import Attachment, Complaint, Status
from tests.complaints.factories import CategoryFactory, ComplaintFactory, TimelineEntryFactory
from tests.complaints.open311.factories import (
    FORMATS,
    PublicRequestFactory,
    call,
    public_photo,
)

pytestmark = pytest.mark.django_db
ATHENS = ZoneInfo("Europe/Athens")


@pytest.fixture(autouse=True)
def _private_files(tmp_path, monkeypatch):
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", FileSystemStorage(tmp_path))


def at(*args) -> datetime:
    return datetime(*args, tzinfo=ATHENS)


def _ids(client, **params) -> list[str]:
    response = client.get("/open311/v2/requests.json", params)
    assert response.status_code == 200, response.content
    return [record["service_request_id"] for record in json.loads(response.content)]


def test_by_default_the_last_90_days_are_listed_newest_first(client):
    now = timezone.now()
    recent = PublicRequestFactory(submitted_at=now - timedelta(days=1))
    older = PublicRequestFactory(submitted_at=now - timedelta(days=89))
    PublicRequestFactory(submitted_at=now - timedelta(days=91))

    assert _ids(client) == [recent.protocol_number, older.protocol_number]


def test_start_and_end_dates_select_by_requested_datetime(client):
    inside = PublicRequestFactory(submitted_at=at(2026, 3, 15, 12, 0))
    PublicRequestFactory(submitted_at=at(2026, 2, 28, 23, 59))
    PublicRequestFactory(submitted_at=at(2026, 4, 1, 0, 1))

    found = _ids(
        client, start_date="2026-03-01T00:00:00+02:00", end_date="2026-04-01T00:00:00+03:00"
    )

    assert found == [inside.protocol_number]


def test_a_start_date_alone_covers_the_90_days_after_it(client):
    inside = PublicRequestFactory(submitted_at=at(2026, 5, 29, 10, 0))
    PublicRequestFactory(submitted_at=at(2026, 6, 2, 10, 0))

    assert _ids(client, start_date="2026-03-01T00:00:00Z") == [inside.protocol_number]


def test_an_end_date_alone_covers_the_90_days_before_it(client):
    inside = PublicRequestFactory(submitted_at=at(2026, 3, 5, 10, 0))
    PublicRequestFactory(submitted_at=at(2026, 2, 28, 10, 0))

    assert _ids(client, end_date="2026-06-01T00:00:00+03:00") == [inside.protocol_number]


def test_an_offset_past_what_postgresql_takes_is_understood(client):
    inside = PublicRequestFactory(submitted_at=at(2026, 3, 15, 12, 0))

    # 2026-03-01T00:00-23:59 is 2026-03-01T23:59Z; PostgreSQL refuses the -23:59 itself.
    found = _ids(client, start_date="2026-03-01T00:00:00-23:59")

    assert found == [inside.protocol_number]


def test_an_unencoded_plus_in_the_zone_is_understood(client):
    inside = PublicRequestFactory(submitted_at=at(2026, 3, 15, 12, 0))

    response = client.get(
        "/open311/v2/requests.json?start_date=2026-03-01T00:00:00+02:00"
        "&end_date=2026-03-30T00:00:00+03:00"
    )

    assert [r["service_request_id"] for r in json.loads(response.content)] == [
        inside.protocol_number
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        (
            {"start_date": "2026-01-01T00:00:00+02:00", "end_date": "2026-04-02T00:00:00+03:00"},
            "90",
        ),
        (
            {"start_date": "2026-03-01T00:00:00+02:00", "end_date": "2026-02-01T00:00:00+02:00"},
            "end_date",
        ),
        ({"start_date": "2026-03-01T00:00:00"}, "start_date"),
        ({"end_date": "2026-03-01"}, "end_date"),
        ({"start_date": "χθες"}, "start_date"),
        ({"start_date": "2026-02-30T00:00:00+02:00"}, "start_date"),
        ({"status": "pending"}, "status"),
        ({"page": "0"}, "page"),
        ({"page_size": "1001"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
        ({"page": "²"}, "page"),
    ],
)
def test_bad_list_parameters_are_refused_with_a_400(client, fmt, params, fragment):
    response, errors = call(client, "get", "v2/requests", fmt, params)

    assert response.status_code == 400
    assert errors[0]["code"] == "400"
    assert fragment in errors[0]["description"]


def test_a_span_of_exactly_90_days_is_allowed(client):
    assert (
        _ids(client, start_date="2026-01-01T00:00:00+02:00", end_date="2026-04-01T00:00:00+02:00")
        == []
    )


def test_status_filters_open_and_closed(client):
    open_one = PublicRequestFactory(status=Status.FORWARDED)
    closed_one = PublicRequestFactory(status=Status.RESOLVED)

    assert _ids(client, status="open") == [open_one.protocol_number]
    assert _ids(client, status="closed") == [closed_one.protocol_number]
    assert set(_ids(client, status="open,closed")) == {
        open_one.protocol_number,
        closed_one.protocol_number,
    }


def test_service_code_takes_a_comma_list(client):
    lights = PublicRequestFactory(category=CategoryFactory(code="fota"))
    bins = PublicRequestFactory(category=CategoryFactory(code="kadoi"))
    PublicRequestFactory(category=CategoryFactory(code="dentra"))

    assert set(_ids(client, service_code="fota, kadoi")) == {
        lights.protocol_number,
        bins.protocol_number,
    }


def test_service_codes_that_cannot_exist_match_nothing(client):
    PublicRequestFactory(category=CategoryFactory(code="fota"))

    assert _ids(client, service_code="{bad code}") == []
    assert _ids(client, service_code="fota,{bad code}") != []


def test_service_request_id_overrides_every_other_filter(client):
    old = PublicRequestFactory(submitted_at=timezone.now() - timedelta(days=400))
    recent = PublicRequestFactory(status=Status.RESOLVED)
    PublicRequestFactory()
    unpublished_web = ComplaintFactory(protocol_number="2025-700001")

    found = _ids(
        client,
        service_request_id=(
            f"{old.protocol_number},{recent.protocol_number},2025-999999,"
            f"{unpublished_web.protocol_number}"
        ),
        status="open",
        service_code="allo",
        start_date="nonsense",
        page="nonsense",
    )

    assert set(found) == {old.protocol_number, recent.protocol_number}


def test_malformed_request_ids_match_nothing(client):
    PublicRequestFactory()

    assert _ids(client, service_request_id="{,<x>") == []


def test_blank_optional_parameters_behave_as_absent_ones(client):
    recent = PublicRequestFactory()

    found = _ids(
        client,
        service_request_id="",
        service_code=" ",
        start_date="",
        end_date="",
        status="",
        page="",
        page_size="",
        jurisdiction_id="",
    )

    assert found == [recent.protocol_number]


def test_pages_follow_each_other_with_a_link_to_the_next(client):
    now = timezone.now()
    made = [
        PublicRequestFactory(submitted_at=now - timedelta(hours=hour)).protocol_number
        for hour in range(5)
    ]

    first = client.get("/open311/v2/requests.json", {"page_size": 2, "status": "open"})
    last = client.get("/open311/v2/requests.json", {"page_size": 2, "page": 3})

    assert [r["service_request_id"] for r in json.loads(first.content)] == made[:2]
    assert first["Link"] == (
        '<http://testserver/open311/v2/requests.json?page_size=2&status=open&page=2>; rel="next"'
    )
    assert _ids(client, page_size=2, page=2) == made[2:4]
    assert [r["service_request_id"] for r in json.loads(last.content)] == made[4:]
    assert "Link" not in last


def test_at_most_1000_requests_are_returned(client):
    category = CategoryFactory()
    now = timezone.now()
    Complaint.objects.bulk_create(
        PublicRequestFactory.build(
            category=category,
            department=category.department,
            submitted_at=now - timedelta(minutes=i),
        )
        for i in range(1001)
    )

    assert len(_ids(client)) == 1000
    assert len(_ids(client, page=2)) == 1


def test_a_page_of_1000_requests_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    categories = [CategoryFactory() for _ in range(5)]
    now = timezone.now()
    complaints = Complaint.objects.bulk_create(
        PublicRequestFactory.build(
            category=categories[i % 5],
            department=categories[i % 5].department,
            submitted_at=now - timedelta(minutes=i),
        )
        for i in range(1000)
    )
    for complaint in complaints[:50]:
        TimelineEntryFactory(complaint=complaint)
        public_photo(complaint)

    # one rate-limit counter upsert, one query for the page
    with django_assert_max_num_queries(2):
        response = client.get("/open311/v2/requests.json")

    records = json.loads(response.content)
    assert len(records) == 1000
    assert sum(1 for record in records if record["media_url"]) == 50


# --- one request, tokens ----------------------------------------------------------------------
