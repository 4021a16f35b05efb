"""Open311 discovery, service list and service definitions, in JSON and XML."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from complaints.models import CategoryGroup, QuestionKind
from tests.complaints.factories import CategoryFactory
from tests.complaints.open311.factories import FORMATS, call, choice_category, question

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_points_clients_to_the_v2_endpoint(client, fmt):
    response, doc = call(client, "get", "discovery", fmt)

    assert response.status_code == 200
    (endpoint,) = doc["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert doc["changeset"].startswith("20")
    assert "@" in doc["contact"]


def test_v2_root_sends_clients_to_the_discovery_document(client):
    response = client.get("/open311/v2/")

    assert response.status_code == 302
    assert response["Location"] == "/open311/discovery.json"


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_list_shows_every_active_category_as_a_realtime_service(client, fmt):
    plain = CategoryFactory(
        code="lakkouves",
        name="Λακκούβες",
        group=CategoryGroup.ROADS,
        description="Λακκούβες στο οδόστρωμα.",
        keywords="δρόμος, άσφαλτος",
    )
    with_questions = choice_category(code="kadoi", name="Κάδοι", group=CategoryGroup.CLEANLINESS)
    CategoryFactory(code="palia", is_active=False)

    response, services = call(client, "get", "v2/services", fmt)

    assert response.status_code == 200
    assert [service["service_code"] for service in services] == ["kadoi", "lakkouves"]
    by_code = {service["service_code"]: service for service in services}
    assert by_code["lakkouves"] == {
        "service_code": "lakkouves",
        "service_name": plain.name,
        "description": "Λακκούβες στο οδόστρωμα.",
        "metadata": "false",
        "type": "realtime",
        "keywords": "δρόμος, άσφαλτος",
        "group": "Οδοποιία & πεζοδρόμια",
    }
    assert by_code["kadoi"]["metadata"] == "true"
    assert by_code["kadoi"]["service_name"] == with_questions.name


def test_service_list_in_json_uses_real_booleans(client):
    CategoryFactory(code="lakkouves")

    response = client.get("/open311/v2/services.json")

    assert json.loads(response.content)[0]["metadata"] is False


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_lists_the_questions_as_attributes_in_order(client, fmt):
    category = choice_category(code="kadoi")
    question(category, code="posoi", label="Πόσοι κάδοι;", kind=QuestionKind.NUMBER, position=3)

    response, definition = call(client, "get", "v2/services/kadoi", fmt)

    assert response.status_code == 200
    assert definition["service_code"] == "kadoi"
    first, second, third = definition["attributes"]
    assert first == {
        "variable": "true",
        "code": "bin-kind",
        "datatype": "singlevaluelist",
        "required": "true",
        "datatype_description": "",
        "order": "1",
        "description": "Τι είδους κάδος;",
        "values": [
            {"key": "blue", "name": "Μπλε ανακύκλωσης"},
            {"key": "green", "name": "Πράσινος"},
        ],
    }
    assert (second["code"], second["datatype"], second["required"]) == (
        "problems",
        "multivaluelist",
        "false",
    )
    assert (third["code"], third["datatype"], third["order"]) == ("posoi", "number", "3")
    assert "values" not in third


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_is_not_found_for_a_category_without_questions(client, fmt):
    CategoryFactory(code="lakkouves")

    response, errors = call(client, "get", "v2/services/lakkouves", fmt)

    assert response.status_code == 404
    assert errors[0]["code"] == "404"
    assert "lakkouves" in errors[0]["description"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_is_not_found_for_an_unknown_or_inactive_code(client, fmt):
    choice_category(code="palia", is_active=False)

    for code in ("palia", "den-yparxei"):
        response, errors = call(client, "get", f"v2/services/{code}", fmt)
        assert response.status_code == 404
        assert errors[0]["code"] == "404"


def test_an_unknown_format_is_not_found_with_a_json_error(client):
    CategoryFactory(code="lakkouves")

    for path in ("v2/services.html", "v2/requests.csv", "discovery.yaml", "v2/services.JSON"):
        response = client.get(f"/open311/{path}")
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert json.loads(response.content)[0]["code"] == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_matching_jurisdiction_is_accepted_and_another_refused(client, settings, fmt):
    CategoryFactory(code="lakkouves")
    settings.MUNICIPALITY = {**settings.MUNICIPALITY, "open311_jurisdiction": "thessaloniki.gr"}

    ok, services = call(client, "get", "v2/services", fmt, {"jurisdiction_id": "thessaloniki.gr"})
    blank, _ = call(client, "get", "v2/services", fmt, {"jurisdiction_id": "  "})
    wrong, errors = call(client, "get", "v2/services", fmt, {"jurisdiction_id": "athens.gr"})

    assert ok.status_code == 200 and services[0]["service_code"] == "lakkouves"
    assert blank.status_code == 200
    assert wrong.status_code == 400
    assert errors[0]["code"] == "400"
    assert "athens.gr" in errors[0]["description"]


def test_the_jurisdiction_setting_is_read_at_call_time(client, settings):
    settings.MUNICIPALITY = {**settings.MUNICIPALITY, "open311_jurisdiction": "kalamaria.gr"}

    response = client.get("/open311/v2/services.json", {"jurisdiction_id": "kalamaria.gr"})
    assert response.status_code == 200
    response = client.get("/open311/v2/services.json", {"jurisdiction_id": "thessaloniki.gr"})
    assert response.status_code == 400


def test_greek_text_with_markup_characters_survives_both_formats(client):
    tricky = "Κάδοι <γεμάτοι> & \"βρώμικοι\" ό,τι 'άλλο' ]]> &amp;"
    CategoryFactory(code="kadoi", name=tricky, description=tricky)

    xml_response = client.get("/open311/v2/services.xml")
    json_response = client.get("/open311/v2/services.json")

    assert "&lt;γεμάτοι&gt; &amp; " in xml_response.content.decode()
    service = ET.fromstring(xml_response.content).find("service")
    assert service.findtext("service_name") == tricky
    assert service.findtext("description") == tricky
    assert json.loads(json_response.content)[0]["service_name"] == tricky


def test_characters_xml_cannot_carry_are_dropped_so_the_document_parses(client):
    CategoryFactory(code="kadoi", name="Κάδοι\x01\x0b\x1f\ufffe σε\tγραμμή")

    response = client.get("/open311/v2/services.xml")

    assert ET.fromstring(response.content).find("service").findtext("service_name") == (
        "Κάδοι σε\tγραμμή"
    )


def test_a_method_the_endpoint_does_not_serve_is_refused_with_allow(client):
    response = client.delete("/open311/v2/services.xml")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert ET.fromstring(response.content).find("error").findtext("code") == "405"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_a_write_method_gets_the_spec_405_even_with_csrf_enforced(method):
    browser_like = Client(enforce_csrf_checks=True)

    response = getattr(browser_like, method)("/open311/discovery.json")

    assert response.status_code == 405
    assert json.loads(response.content)[0]["code"] == 405


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "application/x-www-form-urlencoded; charset=utf-16"],
)
def test_an_unreadable_body_gets_a_spec_error(client, content_type):
    response = client.generic(
        "POST",
        "/open311/v2/requests.json",
        "service_code=x&api_key=\xff".encode("utf-16"),
        content_type=content_type,
    )

    assert response.status_code == 400
    assert json.loads(response.content)[0]["code"] == 400


def test_public_endpoints_may_be_read_from_other_origins(client):
    CategoryFactory(code="kadoi")

    response = client.get("/open311/v2/services.json")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
