"""The shared page cache: public pages served from it, with validators, and replaced by writes.

Rows written inside a test's transaction commit only under
`django_capture_on_commit_callbacks(execute=True)` (`committed` below): until
then a connection with writes pending reads its own pages fresh, as
portal/pagecache.py says, so the tests that show the cache at work commit
their data first.
"""

import gzip
from datetime import date

import pytest
from django.db import connection, transaction
from django.urls import reverse

from complaints.services import complaint_publish, complaint_unpublish
from disclosures.services import declaration_publish
from portal import pagecache
from procurement.models import Procurement
from procurement.services import procurement_unpublish, stage_register
from tests.complaints.factories import CategoryFactory, ComplaintFactory, PublishedComplaintFactory
from tests.disclosures.factories import DeclarationFactory, OfficialFactory, income
from tests.portal.factories import DepartmentFactory
from tests.procurement.factories import ProcurementFactory, full_chain, next_adam

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's commit callbacks, as a real commit would (the page cache's invalidation)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def public(committed):
    """One published row of each kind the cached pages show, committed."""
    with committed():
        department = DepartmentFactory(
            name="Διεύθυνση Καθαριότητας", name_en="Cleaning Directorate"
        )
        category = CategoryFactory(
            code="kadoi", name="Γεμάτοι κάδοι", name_en="Full bins", department=department
        )
        complaint = PublishedComplaintFactory(
            category=category, public_summary="Κάδοι στην Εγνατία."
        )
        procurement = ProcurementFactory(title="Προμήθεια λαμπτήρων LED", department=department)
        full_chain(procurement)
        declaration = DeclarationFactory(official=OfficialFactory(), published=True)
        income(declaration, "1000.00")
    return {
        "department": department,
        "complaint": complaint,
        "procurement": procurement,
        "declaration": declaration,
    }


def _urls(public) -> list[str]:
    return [
        reverse("complaints:index"),
        reverse("complaints:detail", kwargs={"protocol": public["complaint"].protocol_number}),
        reverse("procurement:index"),
        reverse("procurement:detail", kwargs={"pk": public["procurement"].pk}),
        reverse("disclosures:index"),
        reverse("disclosures:declaration_detail", kwargs={"pk": public["declaration"].pk}),
        reverse("portal:department_list"),
        reverse("portal:department_detail", kwargs={"slug": public["department"].slug}),
        "/en/procurement/",
        "/open311/v2/services.json",
        "/open311/v2/requests.json",
        f"/open311/v2/requests/{public['complaint'].protocol_number}.xml",
    ]


def _page_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM portal_cache WHERE cache_key LIKE %s", ["%pagecache:page:%"]
        )
        return cursor.fetchone()[0]


def test_every_public_page_is_served_again_from_the_cache_in_one_query(
    client, public, django_assert_num_queries
):
    for url in _urls(public):
        first = client.get(url)
        assert first.status_code == 200, url
        assert "public" in first["Cache-Control"], url
        assert first["ETag"] and first["Last-Modified"], url
        assert "Cookie" in first["Vary"], url
        assert not first.cookies, url

        with django_assert_num_queries(1):
            again = client.get(url)

        assert again.status_code == 200
        assert again.content == first.content, url
        assert again["ETag"] == first["ETag"]
        assert again["Content-Type"] == first["Content-Type"]
    assert _page_rows() == len(_urls(public))


def test_html_pages_are_revalidated_every_time_and_open311_keeps_its_max_age(client, public):
    page = client.get(reverse("procurement:index"))
    assert page["Cache-Control"] == "public, max-age=0, must-revalidate"
    services = client.get("/open311/v2/services.json")
    assert services["Cache-Control"] == "public, max-age=300"
    assert "Accept-Language" in services["Vary"]


def test_a_conditional_get_is_answered_304_while_the_page_is_current(client, public):
    url = reverse("procurement:detail", kwargs={"pk": public["procurement"].pk})
    page = client.get(url)

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=page["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
    stale = client.get(url, HTTP_IF_NONE_MATCH='"an-older-etag"')

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == page["ETag"]
    assert by_date.status_code == 304
    assert stale.status_code == 200
    assert stale.content == page.content


def test_a_client_that_accepts_gzip_gets_the_stored_gzip_with_its_own_etag(client, public):
    url = reverse("procurement:index")
    plain = client.get(url)

    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    revalidated = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])

    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
    assert zipped["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in plain
    assert revalidated.status_code == 304


def test_the_key_holds_the_language_and_the_query_string(client, public):
    greek = client.get(reverse("portal:department_list")).content.decode()
    english = client.get("/en/departments/").content.decode()
    everything = client.get(reverse("procurement:index")).content.decode()
    searched = client.get(reverse("procurement:index"), {"q": "ανύπαρκτη λέξη"}).content.decode()

    assert "Διεύθυνση Καθαριότητας" in greek
    assert "Cleaning Directorate" in english
    assert "Διεύθυνση Καθαριότητας" not in english
    assert "Προμήθεια λαμπτήρων LED" in everything
    assert "Προμήθεια λαμπτήρων LED" not in searched


def test_open311_pages_are_kept_per_language_the_client_asks_for(client, public):
    english = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en")
    greek = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="el")
    english_again = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert english.json()[0]["service_name"] == "Full bins"
    assert english["Content-Language"] == "en"
    assert greek.json()[0]["service_name"] == "Γεμάτοι κάδοι"
    assert greek["Content-Language"] == "el"
    assert english_again.content == english.content


def test_a_page_stays_cached_until_its_app_changes(client, public, committed):
    """The control: a write past the model signals leaves the page as it was, until changed()."""
    url = reverse("procurement:index")
    client.get(url)
    Procurement.objects.filter(pk=public["procurement"].pk).update(title="Νέος τίτλος")

    assert "Προμήθεια λαμπτήρων LED" in client.get(url).content.decode()

    with committed():
        pagecache.changed("procurement")
    page = client.get(url).content.decode()
    assert "Νέος τίτλος" in page
    assert "Προμήθεια λαμπτήρων LED" not in page


def test_publishing_and_unpublishing_a_complaint_replace_the_register_and_open311(
    client, public, committed
):
    with committed():
        hidden = ComplaintFactory(category=public["complaint"].category)
    register, requests = reverse("complaints:index"), "/open311/v2/requests.json"
    assert hidden.protocol_number not in client.get(register).content.decode()
    assert hidden.protocol_number not in client.get(requests).content.decode()

    with committed():
        complaint_publish(
            complaint=hidden, public_summary="Σπασμένο παγκάκι.", public_area="", actor=None
        )
    assert "Σπασμένο παγκάκι." in client.get(register).content.decode()
    assert hidden.protocol_number in client.get(requests).content.decode()

    detail = reverse("complaints:detail", kwargs={"protocol": hidden.protocol_number})
    assert client.get(detail).status_code == 200
    with committed():
        complaint_unpublish(complaint=hidden, actor=None)
    assert client.get(detail).status_code == 404
    assert "Σπασμένο παγκάκι." not in client.get(register).content.decode()


def test_a_new_stage_and_an_unpublished_procurement_replace_its_pages(client, public, committed):
    with committed():
        procurement = ProcurementFactory(title="Ανάπλαση πλατείας")
    detail = reverse("procurement:detail", kwargs={"pk": procurement.pk})
    adam = next_adam("REQ", date(2026, 1, 5))
    assert adam not in client.get(detail).content.decode()

    with committed():
        stage_register(
            procurement=procurement, kind="request", adam=adam, date=date(2026, 1, 5), actor=None
        )
    assert adam in client.get(detail).content.decode()

    assert "Ανάπλαση πλατείας" in client.get(reverse("procurement:index")).content.decode()
    with committed():
        procurement_unpublish(procurement=procurement, actor=None)
    assert "Ανάπλαση πλατείας" not in client.get(reverse("procurement:index")).content.decode()
    assert client.get(detail).status_code == 404


def test_publishing_a_declaration_replaces_its_pages(client, public, committed):
    with committed():
        draft = DeclarationFactory(official=OfficialFactory(name="Ευτυχία Νέα"), fiscal_year=2023)
    page = reverse("disclosures:declaration_detail", kwargs={"pk": draft.pk})
    official = reverse("disclosures:official_detail", kwargs={"slug": draft.official.slug})
    assert client.get(page).status_code == 404
    assert page not in client.get(official).content.decode()

    with committed():
        declaration_publish(declaration=draft, actor=None)

    assert client.get(page).status_code == 200
    assert page in client.get(official).content.decode()


def test_editing_a_department_replaces_every_page_that_names_it(client, public, committed):
    department = public["department"]
    pages = [
        reverse("portal:department_detail", kwargs={"slug": department.slug}),
        reverse("procurement:detail", kwargs={"pk": public["procurement"].pk}),
        reverse("complaints:index"),
    ]
    for url in pages:
        assert "Διεύθυνση Καθαριότητας" in client.get(url).content.decode()

    with committed():
        department.name = "Διεύθυνση Ανακύκλωσης"
        department.save()

    for url in pages:
        assert "Διεύθυνση Ανακύκλωσης" in client.get(url).content.decode(), url


def test_a_connection_with_uncommitted_writes_sees_them(client, public):
    """Read your own writes: the pages are neither read nor stored until the commit."""
    url = reverse("procurement:index")
    client.get(url)
    rows = _page_rows()

    ProcurementFactory(title="Προμήθεια πριν από τη δέσμευση")

    assert "Προμήθεια πριν από τη δέσμευση" in client.get(url).content.decode()
    assert _page_rows() == rows


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_commit_replaces_the_page_for_every_later_request(client):
    procurement = ProcurementFactory(title="Προμήθεια καυσίμων")
    url = reverse("procurement:index")
    assert "Προμήθεια καυσίμων" in client.get(url).content.decode()
    Procurement.objects.filter(pk=procurement.pk).update(title="Χωρίς σήμα")
    assert "Προμήθεια καυσίμων" in client.get(url).content.decode()

    with transaction.atomic():
        procurement_unpublish(procurement=procurement, actor=None)

    page = client.get(url).content.decode()
    assert "Προμήθεια καυσίμων" not in page
    assert "Χωρίς σήμα" not in page


def test_a_cache_that_does_not_answer_costs_speed_not_the_page(client, public, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1 of the loopback: every connection is refused at once.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    page = client.get(reverse("procurement:index"))

    assert page.status_code == 200
    assert "Προμήθεια λαμπτήρων LED" in page.content.decode()
    assert "The page cache does not answer" in caplog.text
