import pytest
from django.urls import reverse

from portal import seed as portal_seed
from portal.seeding import SeedContext

PUBLIC_PAGES = [
    "portal:home",
    "portal:department_list",
    "portal:data_catalogue",
    "portal:accessibility",
    "portal:privacy",
    "complaints:index",
    "procurement:index",
    "disclosures:index",
    "appointments:index",
]


@pytest.fixture
def seeded_departments(db):
    import random
    from datetime import date
    from io import StringIO

    from django.core.management.base import OutputWrapper

    portal_seed.seed(
        SeedContext(random.Random(1), 1, date(2026, 11, 22), OutputWrapper(StringIO()))
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["el", "en"])
def test_every_public_page_renders_in_both_languages(client, name, language, seeded_departments):
    from django.utils import translation

    with translation.override(language):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert ("Βασ. Γεωργίου 1" if language == "el" else "Vas. Georgiou St") in html
    assert "diafaneia@thessaloniki.gr" in html


def test_english_pages_live_under_en_and_greek_at_the_root(client, db):
    greek = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Αιτήματα & καταγγελίες" in greek
    assert "Requests and complaints" in english


def test_language_switch_links_to_the_same_page_in_the_other_language(client, db):
    html = client.get("/departments/").content.decode()
    assert 'href="/en/departments/"' in html
    html = client.get("/en/departments/").content.decode()
    assert 'href="/departments/"' in html


def test_pages_have_a_skip_link_and_no_inline_script_or_style(client, db):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_pages_send_a_strict_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


def test_unknown_page_gets_the_portal_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Η σελίδα δεν βρέθηκε" in response.content.decode()


@pytest.mark.parametrize("code", [400, 403, 404, 429, 500])
def test_error_pages_share_the_portal_look(rf, code, db):
    from django.template.loader import render_to_string

    request = rf.get("/")
    html = render_to_string(f"errors/{code}.html", request=request)
    assert "govgr-header" in html and "govgr-footer" in html
    assert str(code) in html


def test_server_error_page_is_served_with_status_500(rf, db):
    from portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Κάτι πήγε στραβά" in response.content.decode()
