"""Personal pages are never cached, by the server or by a proxy (portal/pagecache.py).

Signed-in staff and any visitor with a session get fresh pages marked private;
a response that sets a cookie (a CSRF token, a session, a message) or is not
a plain 200 is never stored, so no visitor is ever handed another's page.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from disclosures.models import Declaration
from procurement.models import Procurement
from tests.appointments.factories import ServiceFactory, local, open_day
from tests.complaints.factories import CategoryFactory, submitted_complaint
from tests.disclosures.factories import DeclarationFactory, OfficialFactory
from tests.portal import pagecache_urls
from tests.portal.factories import staff_user
from tests.procurement.factories import ProcurementFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _page_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM portal_cache WHERE cache_key LIKE %s", ["%pagecache:page:%"]
        )
        return cursor.fetchone()[0]


def _private(response) -> bool:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return "no-store" in directives and "public" not in directives


@pytest.fixture
def stale_list(client, committed):
    """The procurement list cached for anonymous visitors, then changed past the signals."""
    with committed():
        procurement = ProcurementFactory(title="Παλιός τίτλος")
    client.get(reverse("procurement:index"))
    Procurement.objects.filter(pk=procurement.pk).update(title="Νέος τίτλος")
    assert "Παλιός τίτλος" in client.get(reverse("procurement:index")).content.decode()
    return procurement


def test_signed_in_staff_get_fresh_private_pages_and_store_none(client, stale_list):
    staff = Client()
    sign_in(staff, staff_user())
    rows = _page_rows()

    page = staff.get(reverse("procurement:index"))

    assert "Νέος τίτλος" in page.content.decode()
    assert _private(page)
    assert "ETag" not in page
    assert _page_rows() == rows
    assert "Παλιός τίτλος" in client.get(reverse("procurement:index")).content.decode()


def test_a_visitor_with_a_session_gets_fresh_private_pages(client, stale_list):
    visitor = Client()
    session = visitor.session
    session["complaints_receipt"] = {"protocol": "2026-000001"}
    session.save()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    page = visitor.get(reverse("procurement:index"))

    assert "Νέος τίτλος" in page.content.decode()
    assert _private(page)


def test_a_staff_preview_of_a_draft_declaration_never_reaches_anyone_else(client, committed):
    with committed():
        draft = DeclarationFactory(official=OfficialFactory(name="Πρόχειρη Δήλωση"))
    assert draft.status == Declaration.Status.DRAFT
    url = reverse("disclosures:declaration_detail", kwargs={"pk": draft.pk})
    staff = Client()
    sign_in(staff, staff_user(is_superuser=True))

    preview = staff.get(url)

    assert preview.status_code == 200
    assert _private(preview)
    assert client.get(url).status_code == 404
    assert staff.get(url).status_code == 200


@pytest.fixture
def personal_pages(client, committed):
    """(client, url) of pages with a form, a secret or a sign-in behind them."""
    category = CategoryFactory()
    complaint, secret = submitted_complaint(category=category)
    tracked = Client()
    tracked.get(reverse("complaints:track_link", args=[complaint.protocol_number, secret]))
    service = ServiceFactory()
    from appointments.services import appointment_book

    booking = appointment_book(
        service=service,
        starts_at=local(open_day(), 9),
        name="Αικατερίνη Σαμαρά",
        email="katerina@example.gr",
        phone="+30 694 412 3456",
    )
    book = reverse("appointments:book", kwargs={"slug": service.slug})
    booked = Client()
    booked.get(reverse("appointments:manage_link", kwargs={"token": booking.token}))
    staff = Client()
    sign_in(staff, staff_user(is_superuser=True))
    return [
        (client, reverse("complaints:new")),
        (client, reverse("complaints:track")),
        (tracked, reverse("complaints:track_status", args=[complaint.protocol_number])),
        (client, f"{book}?{urlencode({'start': local(open_day(), 10).isoformat()})}"),
        (booked, reverse("appointments:manage", args=[booking.booking.reference])),
        (client, reverse("admin:login")),
        (staff, reverse("admin:index")),
        (staff, reverse("admin:complaints_complaint_change", args=[complaint.pk])),
        (staff, reverse("complaints:index")),
    ]


def test_personal_pages_are_marked_no_store_and_never_stored(personal_pages):
    rows = _page_rows()
    for visitor, url in personal_pages:
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
    assert _page_rows() == rows


@pytest.mark.urls("tests.portal.pagecache_urls")
@pytest.mark.parametrize(
    "name", ["with_form", "with_cookie", "with_session", "with_message", "marked_private"]
)
def test_a_page_that_sets_a_cookie_or_is_private_is_rendered_for_each_visitor(name):
    pagecache_urls.CALLS.clear()
    first, second = Client(), Client()

    one = first.get(f"/{name}/")
    two = second.get(f"/{name}/")

    assert one.content.decode().startswith(f"{name} 1")
    assert two.content.decode().startswith(f"{name} 2")
    assert "private" in one["Cache-Control"]
    assert "public" not in one["Cache-Control"]
    assert _page_rows() == 0


@pytest.mark.urls("tests.portal.pagecache_urls")
def test_every_visitor_gets_a_csrf_token_of_their_own():
    pagecache_urls.CALLS.clear()
    first, second = Client(), Client()
    first.get("/with_form/")
    second.get("/with_form/")

    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


@pytest.mark.urls("tests.portal.pagecache_urls")
def test_a_rate_limited_answer_and_a_404_are_not_stored():
    pagecache_urls.CALLS.clear()

    refused = Client().get("/limited_once/")
    served = Client().get("/limited_once/")
    Client().get("/missing/")
    Client().get("/missing/")

    assert refused.status_code == 429
    assert "public" not in refused.get("Cache-Control", "")
    assert served.status_code == 200
    assert pagecache_urls.CALLS["missing"] == 2


@pytest.mark.urls("tests.portal.pagecache_urls")
def test_a_page_varying_on_another_header_is_not_stored_but_a_plain_one_is():
    pagecache_urls.CALLS.clear()

    agents = [Client(HTTP_USER_AGENT=agent).get("/per_agent/") for agent in ("A", "B")]
    plain = [Client().get("/plain/") for _ in range(2)]

    assert [page.content.decode() for page in agents] == ["per_agent 1 A", "per_agent 2 B"]
    assert [page.content.decode() for page in plain] == ["plain 1", "plain 1"]
    assert "public" in plain[1]["Cache-Control"]
    assert _page_rows() == 1
