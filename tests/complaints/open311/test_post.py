"""Open311 POST requests: a posted service request is a complaint like any other."""

import itertools
import json
import threading
import xml.etree.ElementTree as ET
from decimal import Decimal

import hypothesis
import pytest
from django.db import connection
from django.test import Client
from hypothesis import strategies as st

from complaints.models import Complaint, Source, Status, TimelineKind
from complaints.selectors import complaints_for_staff
from portal.models import ApiKey, AuditEntry
from portal.roles import Role
from tests.complaints.factories import CategoryFactory
from tests.complaints.open311.factories import (
    FORMATS,
    call,
    choice_category,
    new_api_key,
    question,
)
from tests.portal.factories import DepartmentFactory, staff_user
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_key():
    return new_api_key()


@pytest.fixture
def category():
    return CategoryFactory(code="lakkouves", name="Λακκούβες")


def _request(api_key, **overrides) -> dict[str, str]:
    data = {
        "api_key": api_key,
        "service_code": "lakkouves",
        "lat": "40.632456",
        "long": "22.941234",
        "address_string": "Αγίας Σοφίας 117",
        "email": "eleni@example.gr",
        "first_name": "Ελένη",
        "last_name": "Δημητρίου",
        "phone": "2310 123456",
        "description": "Βαθιά λακκούβα στη λωρίδα των λεωφορείων.\nΚινδυνεύουν δίκυκλα.",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_posted_request_is_registered_like_a_web_complaint(
    client, api_key, category, fmt, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response, created = call(client, "post", "v2/requests", fmt, _request(api_key))

    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert created == [
        {
            "service_request_id": complaint.protocol_number,
            "service_notice": created[0]["service_notice"],
            "account_id": "",
        }
    ]
    assert complaint.protocol_number.startswith("20") and len(complaint.protocol_number) == 11
    assert complaint.protocol_number in created[0]["service_notice"]
    assert complaint.source == Source.OPEN311
    assert complaint.status == Status.SUBMITTED
    assert complaint.category == category
    assert complaint.department == category.department
    assert complaint.citizen_name == "Ελένη Δημητρίου"
    assert complaint.citizen_email == "eleni@example.gr"
    assert complaint.citizen_phone == "+302310123456"
    assert complaint.address == "Αγίας Σοφίας 117"
    assert complaint.public_area == "Αγίας Σοφίας"
    assert (complaint.latitude, complaint.longitude) == (Decimal("40.632456"), Decimal("22.941234"))
    assert complaint.subject == "Βαθιά λακκούβα στη λωρίδα των λεωφορείων."
    assert "Κινδυνεύουν δίκυκλα." in complaint.description
    assert not complaint.is_published
    assert complaint.timeline.filter(kind=TimelineKind.SUBMITTED).exists()
    (receipt,) = mailoutbox
    assert receipt.to == ["eleni@example.gr"]
    assert complaint.protocol_number in receipt.subject


def test_the_receipt_is_sent_only_after_commit(
    client, api_key, category, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/open311/v2/requests.json", _request(api_key))

    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_a_posted_request_reaches_the_staff_of_its_department_only(client, api_key, category):
    client.post("/open311/v2/requests.json", _request(api_key))
    complaint = Complaint.objects.get()
    own = staff_user(department=category.department, roles=(Role.DEPARTMENT_STAFF,))
    other = staff_user(department=DepartmentFactory(), roles=(Role.DEPARTMENT_STAFF,))

    assert list(complaints_for_staff(own)) == [complaint]
    assert list(complaints_for_staff(other)) == []


def test_a_posted_request_is_in_the_audit_log_with_the_key_that_sent_it(client, api_key, category):
    client.post("/open311/v2/requests.json", _request(api_key))

    complaint = Complaint.objects.get()
    key = ApiKey.objects.get()
    entry = AuditEntry.objects.get(action="complaints.open311.request_created")
    assert entry.object_id == str(complaint.pk)
    assert entry.data["api_key"] == key.prefix
    assert AuditEntry.objects.filter(action="complaints.complaint.submitted").exists()


def test_web_and_open311_requests_share_one_protocol_sequence(client, api_key, category):
    from tests.complaints.factories import submitted_complaint

    web, _secret = submitted_complaint(category=category)
    client.post("/open311/v2/requests.json", _request(api_key))

    api = Complaint.objects.get(source=Source.OPEN311)
    year, number = web.protocol_number.split("-")
    assert api.protocol_number == f"{year}-{int(number) + 1:06d}"


def test_only_a_location_and_the_service_are_needed(client, api_key, category, mailoutbox):
    response = client.post(
        "/open311/v2/requests.json",
        {"api_key": api_key, "service_code": "lakkouves", "address_string": "Εγνατίας 12"},
    )

    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.citizen_email == "" and complaint.citizen_name == ""
    assert complaint.subject == "Λακκούβες"
    assert complaint.latitude is None
    assert mailoutbox == []


def test_blank_optional_parameters_behave_as_absent_ones(client, api_key, category):
    response = client.post(
        "/open311/v2/requests.json",
        _request(
            api_key,
            email="",
            phone=" ",
            first_name="",
            last_name="",
            description="",
            media_url="",
            jurisdiction_id="",
            address_string="",
            device_id="",
            account_id="",
        ),
    )

    assert response.status_code == 200, response.content
    complaint = Complaint.objects.get()
    assert complaint.citizen_phone == "" and complaint.address == ""


def test_a_media_url_is_kept_for_staff_and_never_fetched(client, api_key, category):
    response = client.post(
        "/open311/v2/requests.json",
        _request(api_key, media_url="https://photos.example.org/λακκούβα.jpg"),
    )

    assert response.status_code == 200
    assert "https://photos.example.org/λακκούβα.jpg" in Complaint.objects.get().description


def test_answers_to_the_service_attributes_are_stored(client, api_key):
    choice_category(code="kadoi")

    response = client.post(
        "/open311/v2/requests.json",
        _request(
            api_key,
            service_code="kadoi",
            **{"attribute[bin-kind]": "blue", "attribute[problems][]": ["full", "broken"]},
        ),
    )

    assert response.status_code == 200, response.content
    assert Complaint.objects.get().answers == {"bin-kind": "blue", "problems": ["broken", "full"]}


def test_two_answers_to_a_one_answer_attribute_are_refused(client, api_key):
    question(CategoryFactory(code="thorivos"), code="source", label="Από πού ακούγεται;")

    repeated = {"attribute[source]": ["Από το πάρκο", "Από τη λεωφόρο"]}
    response = client.post(
        "/open311/v2/requests.json", _request(api_key, service_code="thorivos", **repeated)
    )
    single = {"attribute[source]": "Από το πάρκο"}
    accepted = client.post(
        "/open311/v2/requests.json", _request(api_key, service_code="thorivos", **single)
    )

    assert response.status_code == 400
    assert "Από πού ακούγεται;" in json.loads(response.content)[0]["description"]
    assert accepted.status_code == 200
    assert Complaint.objects.get().answers == {"source": "Από το πάρκο"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_attributes_that_do_not_fit_are_refused_and_nothing_is_written(client, api_key, fmt):
    choice_category(code="kadoi")

    missing, errors = call(
        client, "post", "v2/requests", fmt, _request(api_key, service_code="kadoi")
    )
    wrong, wrong_errors = call(
        client,
        "post",
        "v2/requests",
        fmt,
        _request(api_key, service_code="kadoi", **{"attribute[bin-kind]": "red"}),
    )

    assert missing.status_code == 400 and wrong.status_code == 400
    assert "Τι είδους κάδος;" in errors[0]["description"]
    assert "Τι είδους κάδος;" in wrong_errors[0]["description"]
    assert not Complaint.objects.exists()


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", [None, "", "nonsense", "a" * 500])
def test_a_missing_or_bad_api_key_is_forbidden(client, category, fmt, key):
    data = _request("x")
    if key is None:
        del data["api_key"]
    else:
        data["api_key"] = key

    response, errors = call(client, "post", "v2/requests", fmt, data)

    assert response.status_code == 403
    assert errors == [{"code": "403", "description": errors[0]["description"]}]
    assert "api_key" in errors[0]["description"]
    assert not Complaint.objects.exists()


def test_a_deactivated_api_key_is_forbidden(client, api_key, category):
    ApiKey.objects.update(is_active=False)

    response = client.post("/open311/v2/requests.json", _request(api_key))

    assert response.status_code == 403


def test_the_api_key_is_checked_before_the_parameters(client):
    response = client.post("/open311/v2/requests.xml", {"service_code": ""})

    assert response.status_code == 403


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_missing_parameter_is_named_in_one_answer(client, api_key, fmt):
    response, errors = call(client, "post", "v2/requests", fmt, {"api_key": api_key})

    assert response.status_code == 400
    descriptions = " ".join(error["description"] for error in errors)
    assert "service_code" in descriptions
    assert "address_string" in descriptions
    assert {error["code"] for error in errors} == {"400"}


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"service_code": "den-yparxei"}, "service_code"),
        ({"service_code": "lakk\x00ouves"}, "service_code"),
        ({"lat": "βόρεια", "long": "22.94"}, "lat"),
        ({"lat": "NaN", "long": "22.94"}, "lat"),
        ({"lat": "91", "long": "22.94"}, "lat"),
        ({"lat": "40.63", "long": "-181"}, "long"),
        ({"lat": "40.63", "long": ""}, "lat"),
        ({"lat": "37.98", "long": "23.72"}, "Θεσσαλονίκης"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"description": "λ" * 4001}, "4000"),
        ({"first_name": "Ε" * 76}, "first_name"),
        ({"jurisdiction_id": "athens.gr"}, "jurisdiction_id"),
    ],
)
def test_bad_parameters_are_refused_and_nothing_is_written(
    client, api_key, category, overrides, fragment, mailoutbox
):
    response, errors = call(client, "post", "v2/requests", "json", _request(api_key, **overrides))

    assert response.status_code == 400
    assert any(fragment in error["description"] for error in errors), errors
    assert not Complaint.objects.exists()
    assert mailoutbox == []


def test_an_inactive_service_takes_no_new_requests(client, api_key):
    CategoryFactory(code="palia", is_active=False)

    response = client.post("/open311/v2/requests.json", _request(api_key, service_code="palia"))

    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_description_of_exactly_4000_characters_is_accepted(client, api_key, category):
    response = client.post("/open311/v2/requests.json", _request(api_key, description="λ" * 4000))

    assert response.status_code == 200


def test_a_json_body_is_refused_with_a_clear_message(client, api_key, category):
    response = client.post(
        "/open311/v2/requests.json",
        json.dumps(_request(api_key)),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "x-www-form-urlencoded" in json.loads(response.content)[0]["description"]


def test_ten_megabytes_of_text_get_a_spec_error_not_a_crash(client, api_key, category):
    response = client.post(
        "/open311/v2/requests.xml", _request(api_key, description="λ" * 5_000_000)
    )

    assert response.status_code == 400
    assert ET.fromstring(response.content).find("error").findtext("code") == "400"
    assert not Complaint.objects.exists()


def test_control_characters_are_dropped_from_the_text(client, api_key, category):
    response = client.post(
        "/open311/v2/requests.json",
        _request(api_key, description="Κείμενο\x00 με\x07 μηδενικό", last_name="Δη\x00μ"),
    )

    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.description.startswith("Κείμενο με μηδενικό")
    assert complaint.citizen_name == "Ελένη Δημ"


def test_posting_needs_no_csrf_token(api_key, category):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/open311/v2/requests.json", _request(api_key))

    assert response.status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_posting_counts_against_the_api_keys_quota_not_the_address(api_key, category, fmt):
    # A server-side client: every request from its one address, but also from many.
    for index in range(10):
        client = Client(REMOTE_ADDR=f"10.0.1.{index}")
        assert client.post(f"/open311/v2/requests.{fmt}", _request(api_key)).status_code == 200

    response, errors = call(
        Client(REMOTE_ADDR="10.0.1.99"), "post", "v2/requests", fmt, _request(api_key)
    )

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert errors[0]["code"] == "429"
    assert Complaint.objects.count() == 10
    # Another key, from the same address as the last refusal, has its own quota.
    other = Client(REMOTE_ADDR="10.0.1.99").post(
        f"/open311/v2/requests.{fmt}", _request(new_api_key())
    )
    assert other.status_code == 200


def test_staff_raise_an_aggregators_quota_in_the_admin(client, api_key, category):
    from portal.models import ApiKey

    key = ApiKey.objects.get()
    admin = staff_user(roles=(Role.TRANSPARENCY_STAFF,))
    sign_in(client, admin)
    page = client.get(f"/admin/portal/apikey/{key.pk}/change/").content.decode()
    assert 'name="hourly_quota"' in page
    response = client.post(
        f"/admin/portal/apikey/{key.pk}/change/",
        {
            "name": key.name,
            "owner": key.owner,
            "owner_email": "",
            "is_active": "on",
            "hourly_quota": "25",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    codes = [
        client.post("/open311/v2/requests.json", _request(api_key)).status_code for _ in range(26)
    ]
    assert codes == [200] * 25 + [429]


def test_wrong_keys_are_refused_and_guessing_is_limited_per_address(client, category):
    codes = [
        client.post("/open311/v2/requests.json", _request("guess.wrong")).status_code
        for _ in range(11)
    ]
    assert codes == [403] * 10 + [429]


def test_a_repeated_idempotency_key_returns_the_first_request(client, api_key, category):
    first = client.post(
        "/open311/v2/requests.json", _request(api_key), HTTP_IDEMPOTENCY_KEY="tap-1"
    )
    again = client.post(
        "/open311/v2/requests.json", _request(api_key), HTTP_IDEMPOTENCY_KEY="tap-1"
    )
    other = client.post(
        "/open311/v2/requests.json", _request(api_key), HTTP_IDEMPOTENCY_KEY="tap-2"
    )

    first_id = json.loads(first.content)[0]["service_request_id"]
    assert json.loads(again.content)[0]["service_request_id"] == first_id
    assert json.loads(other.content)[0]["service_request_id"] != first_id
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_just_posted_request_is_unknown_until_staff_publish_it(client, api_key, category, fmt):
    _response, created = call(client, "post", "v2/requests", fmt, _request(api_key))
    request_id = created[0]["service_request_id"]

    before, _errors = call(client, "get", f"v2/requests/{request_id}", fmt)
    token_before, _errors = call(client, "get", f"v2/tokens/{request_id}", fmt)
    Complaint.objects.filter(protocol_number=request_id).update(
        is_published=True, public_summary="Λακκούβα στο οδόστρωμα"
    )
    after, found = call(client, "get", f"v2/requests/{request_id}", fmt)
    token_after, tokens = call(client, "get", f"v2/tokens/{request_id}", fmt)

    assert before.status_code == token_before.status_code == 404
    assert after.status_code == token_after.status_code == 200
    assert found[0]["service_request_id"] == request_id
    assert found[0]["status"] == "open"
    assert tokens == [{"service_request_id": request_id, "token": request_id}]
    body = after.content.decode()
    for private in ("Ελένη", "eleni@example.gr", "123456", "Αγίας Σοφίας 117"):
        assert private not in body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_posts_get_distinct_consecutive_numbers():
    CategoryFactory(code="lakkouves")
    api_key = new_api_key()
    results: list[int] = []

    def post(index: int) -> None:
        try:
            response = Client(REMOTE_ADDR=f"10.0.0.{index}").post(
                "/open311/v2/requests.json", _request(api_key)
            )
            results.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [200] * 6
    numbers = sorted(
        int(n.split("-")[1]) for n in Complaint.objects.values_list("protocol_number", flat=True)
    )
    assert numbers == list(range(numbers[0], numbers[0] + 6))


def test_staff_find_a_posted_request_in_their_admin_queue(client, api_key, category):
    client.post("/open311/v2/requests.json", _request(api_key))
    complaint = Complaint.objects.get()
    clerk = staff_user(department=category.department, roles=(Role.DEPARTMENT_STAFF,))
    sign_in(client, clerk)

    queue = client.get("/admin/complaints/complaint/")
    ticket = client.get(f"/admin/complaints/complaint/{complaint.pk}/change/")

    assert queue.status_code == 200
    assert complaint.protocol_number in queue.content.decode()
    assert ticket.status_code == 200
    assert complaint.protocol_number in ticket.content.decode()
    assert "Open311" in ticket.content.decode()


def test_an_api_key_in_the_query_string_is_accepted_as_old_clients_send_it(
    client, api_key, category
):
    data = _request(api_key)
    del data["api_key"]

    response = client.post(
        f"/open311/v2/requests.json?api_key={api_key}&jurisdiction_id=thessaloniki.gr", data
    )
    wrong_place = client.post("/open311/v2/requests.json?jurisdiction_id=athens.gr", data)

    assert response.status_code == 200
    assert wrong_place.status_code == 403
    assert Complaint.objects.count() == 1


def test_a_first_and_last_name_longer_together_than_the_record_holds_are_refused(
    client, api_key, category
):
    response = client.post(
        "/open311/v2/requests.json", _request(api_key, first_name="Α" * 75, last_name="Β" * 75)
    )

    assert response.status_code == 400
    assert "150" in json.loads(response.content)[0]["description"]
    assert not Complaint.objects.exists()


_examples = itertools.count()


@hypothesis.settings(
    max_examples=40, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
@hypothesis.given(
    values=st.dictionaries(
        st.sampled_from(
            [
                "lat",
                "long",
                "address_string",
                "email",
                "first_name",
                "last_name",
                "phone",
                "description",
                "media_url",
                "attribute[bin-kind]",
                "attribute[problems][]",
                "jurisdiction_id",
            ]
        ),
        # Lone surrogates cannot be encoded into a request at all.
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    ),
    address=st.ip_addresses(v=4),
)
def test_whatever_a_client_posts_the_answer_is_never_a_server_error(values, address):
    category = choice_category(code=f"kadoi-{next(_examples)}")
    plain = new_api_key()

    response = Client(REMOTE_ADDR=str(address)).post(
        "/open311/v2/requests.xml",
        {"api_key": plain, "service_code": category.code, **values},
    )

    assert response.status_code in {200, 400, 429}, response.content
    ET.fromstring(response.content)
