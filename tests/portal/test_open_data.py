"""The open data catalogue: every dataset downloadable, full downloads limited per client."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from portal.catalogue import all_datasets
from portal.ratelimit import DOWNLOAD_RATE, hit, parse_rate

pytestmark = pytest.mark.django_db

DISTRIBUTIONS = [d for dataset in all_datasets() for d in dataset.distributions]
FULL = [d.url_name for d in DISTRIBUTIONS if not d.paged]
PAGED = [d.url_name for d in DISTRIBUTIONS if d.paged]


def _spend_the_hour(address: str) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    for _ in range(parse_rate(DOWNLOAD_RATE)[0]):
        hit(request, "open-data", DOWNLOAD_RATE)


def test_the_catalogue_links_every_distribution_and_states_the_limit(client):
    html = client.get(reverse("portal:data_catalogue")).content.decode()
    for distribution in DISTRIBUTIONS:
        assert f'href="{distribution.url}"' in html
    assert f"έως {parse_rate(DOWNLOAD_RATE)[0]} πλήρεις λήψεις την ώρα" in html


@pytest.mark.parametrize("url_name", FULL)
def test_full_downloads_share_one_hourly_limit_per_client(client, url_name):
    _spend_the_hour("127.0.0.1")
    response = client.get(reverse(url_name))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert client.get(reverse(url_name), REMOTE_ADDR="10.9.9.9").status_code == 200


@pytest.mark.parametrize("url_name", PAGED)
def test_paged_distributions_are_not_counted(client, url_name):
    _spend_the_hour("127.0.0.1")
    assert client.get(reverse(url_name)).status_code == 200
