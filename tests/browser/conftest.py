"""Real-browser tests: Chromium (Debian's or Playwright's) driven by Playwright, on a live server.

The Django test client skips what only browsers do (referrer policies, `Origin`
headers, the CSP, JavaScript); these journeys catch what it cannot.

Playwright's sync API keeps an asyncio loop running in the test thread from the
moment the browser starts, and Django's ORM refuses to run beside one unless
DJANGO_ALLOW_ASYNC_UNSAFE is set. So the browser tests run last (see
`pytest_collection_modifyitems` below) and the variable is set only from the
first of them, together with the browser, to the end of the run: no other test
runs beside the loop or with the variable set.
"""

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.browser import chromium

BROWSER_TESTS = Path(__file__).parent
# A test that hangs fails in seconds rather than Playwright's default 30.
TIMEOUT_MS = 10_000


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last, in their order, after pytest-django has sorted the rest."""
    browser = [item for item in items if BROWSER_TESTS in Path(item.path).parents]
    if browser:
        others = [item for item in items if BROWSER_TESTS not in Path(item.path).parents]
        items[:] = [*others, *browser]


@pytest.fixture(scope="session")
def _orm_beside_playwright():
    """Allow the ORM in the test thread while Playwright's loop runs (see the module docstring)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(_orm_beside_playwright):
    """One headless Chromium for the whole run (`make test` finds or installs it first)."""
    executable = chromium.locate()
    if executable is None:
        pytest.fail(
            "The browser tests need Chromium: run `make browser` (it says what to install).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable),
            # --no-sandbox: CI runs as root. No name resolves but the live server's.
            args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost"],
        )
        yield browser
        browser.close()


def _blank_tile() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _check_response(response, errors: list[str]) -> None:
    # A page's own 400 or 404 (a form with errors, a dead link) is the test's business;
    # a refused form (403, e.g. by CSRF), a crash or a broken resource is never right.
    document = response.request.resource_type == "document"
    if response.status >= 400 and (
        not document or response.status == 403 or response.status >= 500
    ):
        errors.append(f"{response.status} for {response.request.method} {response.url}")


def _watch(page, errors: list[str]) -> None:
    """Record what a citizen would suffer, seen or not: script errors, CSP refusals, a refused
    form, broken resources."""
    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text}")
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("response", lambda response: _check_response(response, errors))
    page.on(
        "requestfailed",
        lambda request: (
            # Leaving a page cancels what it still loads (net::ERR_ABORTED): not an error.
            errors.append(f"{request.failure} for {request.url}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )


@pytest.fixture
def page(browser, live_server, settings, tmp_path):
    """A fresh browser profile on the live server; fails the test on any error the browser saw.

    The map's OpenStreetMap tiles are answered with a blank tile, so the suite
    needs no network.
    """
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    context = browser.new_context(base_url=live_server.url, locale="el-GR")
    context.set_default_timeout(TIMEOUT_MS)
    tile = _blank_tile()
    context.route(
        re.compile(r"^https://tile\.openstreetmap\.org/"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=tile),
    )
    page = context.new_page()
    errors: list[str] = []
    _watch(page, errors)
    yield page
    context.close()
    assert not errors, "The browser reported errors:\n" + "\n".join(errors)


@pytest.fixture
def png_file() -> dict:
    """A small PNG for a file input, as Playwright's set_input_files takes it."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return {"name": "lakkouva.png", "mimeType": "image/png", "buffer": buffer.getvalue()}
