"""Shared fixtures: real PostgreSQL (embedded or DATABASE_URL), locmem email, tasks run at once."""

import pytest
from django.conf import settings

from portal import embedded


def pytest_report_header(config):
    return "database: " + embedded.describe(
        settings.DATABASE_URL, embedded=settings.DATABASE_EMBEDDED
    )


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Run tasks at once (after commit), hash passwords fast, serve static files unhashed."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _greek_by_default():
    """Start every test in Greek: a request to /en/ leaves English active in its thread."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Transactional tests flush and restore tables; never trust cached content type ids."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _fresh_page_cache(request, django_db_blocker):
    """Start with no page invalidation pending; a test that commits leaves no page behind.

    Tests in a transaction roll their cached pages back with everything else; a
    transactional test (a browser journey) commits them, so they are cleared after it.
    """
    from portal import pagecache

    pagecache.forget_pending()
    yield
    pagecache.forget_pending()
    marker = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    ):
        from django.core.cache import caches

        with django_db_blocker.unblock():
            caches["default"].clear()


@pytest.fixture
def department(db):
    from tests.portal.factories import DepartmentFactory

    return DepartmentFactory()


@pytest.fixture
def admin_client(db, admin_user, client):
    """pytest-django's admin_client, past the back office's second sign-in step."""
    from tests.signin import sign_in

    sign_in(client, admin_user)
    return client
