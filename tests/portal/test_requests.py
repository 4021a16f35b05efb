"""Requests at the edge: a NUL character in a URL gets the 400 page; HEAD is answered."""

import pytest
from django.contrib.auth.models import User

from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/complaints/%00/",
        "/en/complaints/2026-000001%00/",
        "/complaints/%00/photos/1/",
        "/complaints/track/%00/x/",
        "/procurement/suppliers/%00/",
        "/complaints/?q=%00",
        "/procurement/?status%00=open",
    ],
)
def test_a_nul_in_the_path_or_query_gets_the_bad_request_page(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "errors/400.html" in [template.name for template in response.templates]


def test_a_nul_in_an_admin_list_filter_gets_the_bad_request_page(client):
    sign_in(client, User.objects.create_superuser("root", "root@example.gr", "x"))
    assert client.get("/admin/complaints/complaint/?status=%00").status_code == 400
    assert client.get("/admin/complaints/complaint/?status=submitted").status_code == 200


def test_the_open311_api_answers_in_its_own_format(client):
    response = client.get("/open311/v2/requests.json?status=%00")
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "url",
    ["/healthz", "/", "/complaints/", "/complaints/new/", "/complaints/track/", "/disclosures/"],
)
def test_head_is_answered_like_get_for_uptime_checks_and_link_checkers(client, url):
    response = client.head(url)
    assert response.status_code == 200
    assert response.content == b""
