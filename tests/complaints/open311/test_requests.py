"""Open311 GET requests, requests/{id} and tokens/{token}: public records only."""

import json
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import hypothesis
import pytest
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.utils import timezone
from hypothesis import strategies as st

from complaints.models import Attachment, Complaint, Source, Status, TimelineKind
from tests.complaints.factories import CategoryFactory, ComplaintFactory, TimelineEntryFactory
from tests.complaints.open311.factories import (
    FORMATS,
    PERSONAL,
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


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_published_request_shows_its_public_record(client, fmt):
    category = CategoryFactory(code="lakkouves", name="Λακκούβες")
    complaint = PublicRequestFactory(
        category=category,
        public_summary="Λακκούβα στο οδόστρωμα.",
        public_area="Αγίας Σοφίας",
        status=Status.IN_PROGRESS,
        submitted_at=timezone.now() - timedelta(days=3),
    )

    response, requests = call(client, "get", "v2/requests", fmt)

    assert response.status_code == 200
    complaint.refresh_from_db()
    updated = timezone.localtime(complaint.updated_at).isoformat(timespec="seconds")
    assert requests == [
        {
            "service_request_id": complaint.protocol_number,
            "status": "open",
            "status_notes": "Σε εξέλιξη",
            "service_name": "Λακκούβες",
            "service_code": "lakkouves",
            "description": "Λακκούβα στο οδόστρωμα.",
            "agency_responsible": category.department.name,
            "service_notice": "",
            "requested_datetime": timezone.localtime(complaint.submitted_at).isoformat(
                timespec="seconds"
            ),
            "updated_datetime": updated,
            "expected_datetime": f"{complaint.deadline.isoformat()}T23:59:59+02:00",
            "address": "Αγίας Σοφίας",
            "address_id": "",
            "zipcode": "",
            "lat": "40.632",
            "long": "22.941",
            "media_url": "",
        }
    ]


def test_datetimes_carry_the_athens_offset_summer_and_winter(client):
    winter = PublicRequestFactory(submitted_at=timezone.now() - timedelta(days=1))
    Complaint.objects.filter(pk=winter.pk).update(
        submitted_at=at(2026, 1, 10, 9, 30), updated_at=at(2026, 7, 1, 12, 0)
    )

    response = client.get(
        "/open311/v2/requests.json",
        {"start_date": "2026-01-01T00:00:00+02:00", "end_date": "2026-03-01T00:00:00+02:00"},
    )

    (record,) = json.loads(response.content)
    assert record["requested_datetime"] == "2026-01-10T09:30:00+02:00"
    assert record["updated_datetime"] == "2026-07-01T12:00:00+03:00"


def test_json_coordinates_are_numbers_rounded_to_about_100_metres(client):
    PublicRequestFactory(latitude=Decimal("40.6325"), longitude=Decimal("22.944499"))

    (record,) = json.loads(client.get("/open311/v2/requests.json").content)

    assert record["lat"] == 40.633
    assert record["long"] == 22.944


def test_a_request_without_a_pin_has_no_coordinates(client):
    PublicRequestFactory(latitude=None, longitude=None)

    (record,) = json.loads(client.get("/open311/v2/requests.json").content)

    assert record["lat"] is None and record["long"] is None


def test_only_published_requests_are_listed(client):
    published = PublicRequestFactory()
    ComplaintFactory(protocol_number="2025-900001")
    ComplaintFactory(protocol_number="2025-900002", source=Source.OPEN311)

    records = json.loads(client.get("/open311/v2/requests.json").content)

    assert [record["service_request_id"] for record in records] == [published.protocol_number]


@pytest.mark.parametrize("fmt", FORMATS)
def test_planted_personal_data_never_leaves_through_any_endpoint(client, fmt):
    category = CategoryFactory(code="thorybos")
    published = PublicRequestFactory(category=category, answers={"onoma": "Κρυφή Απάντηση"})
    TimelineEntryFactory(
        complaint=published, kind=TimelineKind.INTERNAL_NOTE, is_public=False, text="Σημείωση-Χ"
    )
    TimelineEntryFactory(
        complaint=published,
        kind=TimelineKind.CITIZEN_MESSAGE,
        is_public=True,
        text="Μήνυμα πολίτη 6912345678",
    )
    unpublished = PublicRequestFactory(is_published=False, source=Source.OPEN311)
    public_photo(published, approved=False, name="private-face.png")
    paths = [
        "v2/requests",
        f"v2/requests/{published.protocol_number}",
        f"v2/requests/{unpublished.protocol_number}",
        f"v2/tokens/{unpublished.protocol_number}",
        "v2/services",
    ]
    planted = [
        *PERSONAL.values(),
        "Αγίας Σοφίας 117",
        "Κρυφή Απάντηση",
        "Σημείωση-Χ",
        "6912345678",
        "private-face",
        "40.632456",
    ]

    for path in paths:
        response, _doc = call(client, "get", path, fmt)
        assert response.status_code == (404 if unpublished.protocol_number in path else 200), path
        body = response.content.decode()
        for secret in planted:
            assert secret not in body, (path, secret)
    response, _doc = call(
        client, "get", "v2/requests", fmt, {"service_request_id": unpublished.protocol_number}
    )
    assert PERSONAL["citizen_email"] not in response.content.decode()


def test_status_notes_name_the_status_and_never_quote_a_reply_to_the_citizen(client):
    complaint = PublicRequestFactory(status=Status.RESOLVED)
    TimelineEntryFactory(
        complaint=complaint, text=f"Κυρία {PERSONAL['citizen_name']}, το αίτημά σας επιλύθηκε."
    )

    response = client.get("/open311/v2/requests.json")

    (record,) = json.loads(response.content)
    assert record["status_notes"] == "Επιλύθηκε"
    assert PERSONAL["citizen_name"] not in response.content.decode()


def test_finished_requests_are_closed_and_the_rest_open(client):
    statuses = {
        Status.SUBMITTED: "open",
        Status.AWAITING_CITIZEN: "open",
        Status.RESOLVED: "closed",
        Status.REJECTED: "closed",
        Status.DUPLICATE: "closed",
        Status.CLOSED: "closed",
    }
    made = {
        PublicRequestFactory(status=status).protocol_number: want
        for status, want in statuses.items()
    }

    records = json.loads(client.get("/open311/v2/requests.json").content)

    assert {record["service_request_id"]: record["status"] for record in records} == made


def test_media_url_is_given_only_for_a_staff_approved_photo(client):
    with_photo = PublicRequestFactory()
    photo = public_photo(with_photo)
    public_photo(with_photo, name="second.png")
    without = PublicRequestFactory()
    public_photo(without, approved=False)

    records = json.loads(client.get("/open311/v2/requests.json").content)

    by_id = {record["service_request_id"]: record for record in records}
    assert by_id[with_photo.protocol_number]["media_url"] == (
        f"http://testserver/open311/v2/media/{photo.pk}"
    )
    assert by_id[without.protocol_number]["media_url"] is None


def test_the_media_view_serves_approved_photos_of_published_requests_only(client):
    approved = public_photo(PublicRequestFactory())
    not_approved = public_photo(PublicRequestFactory(), approved=False)
    of_unpublished = public_photo(PublicRequestFactory(is_published=False))

    response = client.get(f"/open311/v2/media/{approved.pk}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(f"/open311/v2/media/{not_approved.pk}").status_code == 404
    assert client.get(f"/open311/v2/media/{of_unpublished.pk}").status_code == 404
    assert client.get("/open311/v2/media/999999").status_code == 404


# --- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_request_comes_as_an_array_of_one(client, fmt):
    complaint = PublicRequestFactory(submitted_at=timezone.now() - timedelta(days=300))

    response, requests = call(client, "get", f"v2/requests/{complaint.protocol_number}", fmt)

    assert response.status_code == 200
    assert len(requests) == 1
    assert requests[0]["service_request_id"] == complaint.protocol_number
    assert requests[0]["description"] == complaint.public_summary


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_or_unpublished_web_request_is_not_found(client, fmt):
    web = ComplaintFactory(protocol_number="2025-800001", source=Source.WEB)

    for request_id in ("2025-000000", web.protocol_number, "nonsense"):
        response, errors = call(client, "get", f"v2/requests/{request_id}", fmt)
        assert response.status_code == 404
        assert errors[0]["code"] == "404"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unpublished_open311_request_answers_exactly_as_an_unknown_id(client, fmt):
    complaint = PublicRequestFactory(is_published=False, public_summary="", source=Source.OPEN311)

    for path in (
        f"v2/requests/{complaint.protocol_number}",
        f"v2/tokens/{complaint.protocol_number}",
    ):
        unpublished, _errors = call(client, "get", path, fmt)
        unknown, _errors = call(
            client, "get", path.replace(complaint.protocol_number, "2025-999999"), fmt
        )
        assert unpublished.status_code == unknown.status_code == 404
        assert unpublished.content == unknown.content.replace(
            b"2025-999999", complaint.protocol_number.encode()
        )
    listed, requests = call(
        client, "get", "v2/requests", fmt, {"service_request_id": complaint.protocol_number}
    )
    assert listed.status_code == 200
    assert requests == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_token_is_the_request_id_itself(client, fmt):
    complaint = PublicRequestFactory()

    response, tokens = call(client, "get", f"v2/tokens/{complaint.protocol_number}", fmt)
    missing, errors = call(client, "get", "v2/tokens/2025-000000", fmt)

    assert response.status_code == 200
    assert tokens == [
        {"service_request_id": complaint.protocol_number, "token": complaint.protocol_number}
    ]
    assert missing.status_code == 404
    assert errors[0]["code"] == "404"


def test_every_xml_answer_is_well_formed(client):
    complaint = PublicRequestFactory(
        public_summary='Σπασμένος <κάδος> & "φανάρι"\x07',
        category=CategoryFactory(name="Φώτα <LED> & λάμπες"),
    )

    for path in (
        "v2/requests.xml",
        f"v2/requests/{complaint.protocol_number}.xml",
        "v2/requests.xml?status=bogus",
    ):
        root = ET.fromstring(client.get(f"/open311/{path}").content)
        assert root.tag in {"service_requests", "errors"}
    root = ET.fromstring(client.get("/open311/v2/requests.xml").content)
    assert root.find("request").findtext("description") == 'Σπασμένος <κάδος> & "φανάρι"'
    assert root.find("request").findtext("service_name") == "Φώτα <LED> & λάμπες"


@pytest.mark.parametrize("fmt", FORMATS)
def test_listing_is_rate_limited_per_client_with_a_spec_error(client, monkeypatch, fmt):
    """Each listing the server renders counts; one served again from the page cache does not."""
    from complaints.open311 import views

    monkeypatch.setattr(views, "LIST_RATE", "2/m")
    for page in (1, 2):
        assert client.get(f"/open311/v2/requests.{fmt}", {"page": page}).status_code == 200
    assert client.get(f"/open311/v2/requests.{fmt}", {"page": 1}).status_code == 200

    response, errors = call(client, "get", "v2/requests", fmt, {"page": 3})

    assert response.status_code == 429
    assert errors[0]["code"] == "429"
    assert int(response["Retry-After"]) > 0


def test_an_approved_photo_whose_file_is_gone_is_not_found_rather_than_a_crash(client):
    photo = public_photo(PublicRequestFactory())
    photo.file.delete(save=False)

    assert client.get(f"/open311/v2/media/{photo.pk}").status_code == 404


@hypothesis.settings(
    max_examples=40, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
@hypothesis.given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "service_request_id",
                "service_code",
                "start_date",
                "end_date",
                "status",
                "page",
                "page_size",
                "jurisdiction_id",
            ]
        ),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    ),
    # What a URL can carry: no lone surrogates (they cannot be encoded), no separators.
    segment=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"),
        min_size=1,
        max_size=20,
    ),
    address=st.ip_addresses(v=4),
)
def test_whatever_a_client_asks_the_answer_is_never_a_server_error(params, segment, address):
    client = Client(REMOTE_ADDR=str(address))
    quoted = urllib.parse.quote(segment, safe="")

    for url in (
        "/open311/v2/requests.xml",
        f"/open311/v2/requests/{quoted}.xml",
        f"/open311/v2/tokens/{quoted}.xml",
        f"/open311/v2/services/{quoted}.xml",
    ):
        response = client.get(url, params)
        assert response.status_code in {200, 400, 404, 429}, (url, response.content)
        if response["Content-Type"].startswith("text/xml"):
            ET.fromstring(response.content)
