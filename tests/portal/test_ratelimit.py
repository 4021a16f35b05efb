import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from portal.ratelimit import RateLimited, client_ip, hit, ratelimit


@pytest.mark.django_db
def test_requests_past_the_rate_are_refused_per_client():
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="10.0.0.1")
    other = factory.post("/", REMOTE_ADDR="10.0.0.2")
    for _ in range(3):
        hit(first, "test", "3/m")
    with pytest.raises(RateLimited):
        hit(first, "test", "3/m")
    hit(other, "test", "3/m")


@pytest.mark.django_db
def test_a_rate_limited_view_answers_with_the_429_page(client, settings):
    from django.urls import path

    @ratelimit("probe", "1/h")
    def view(request):
        return HttpResponse("ok")

    from portal import urls as portal_urls

    urlconf = type("urls", (), {"urlpatterns": [path("probe/", view), *portal_urls.urlpatterns]})
    settings.ROOT_URLCONF = urlconf
    assert client.post("/probe/").status_code == 200
    response = client.post("/probe/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Πάρα πολλές αιτήσεις" in response.content.decode()
    assert client.get("/probe/").status_code == 200


def test_client_ip_trusts_only_the_configured_proxy_hops(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 5.5.5.5")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "5.5.5.5"


@pytest.mark.parametrize("forwarded", ["x" * 300, "not-an-address", "10.0.0.1; DROP"])
def test_a_forwarded_entry_that_is_no_address_is_not_trusted(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == "127.0.0.1"


@pytest.mark.django_db
def test_expired_counters_are_purged_and_current_ones_kept():
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from portal.models import RateLimitCounter

    now = timezone.now()
    RateLimitCounter.objects.create(key="old", count=3, expires_at=now - timedelta(minutes=1))
    RateLimitCounter.objects.create(key="live", count=1, expires_at=now + timedelta(minutes=1))
    out = StringIO()
    call_command("purge_ratelimits", stdout=out)
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["live"]
    assert out.getvalue().startswith("1 ")
