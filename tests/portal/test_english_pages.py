"""The English site speaks English: a walk over every public page finds no Greek UI label.

The walk starts at /en/ with the demo data loaded and follows every link that stays
under /en/ (never the admin, never downloads). Greek is allowed only where it is data
in the language it was written in: what citizens, officials and suppliers wrote
(subjects, summaries, names, titles, addresses). That is, inside an element marked
as Greek data (`lang="el"` or `translate="no"`), or text that is a value stored in a
data column (`_data_values`). The translated columns (category, department and desk
names) are not data here: the English site must show their English.
"""

import random
import re
from html.parser import HTMLParser
from importlib import import_module
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.core.management.base import OutputWrapper
from django.db import models
from django.utils import timezone

from complaints import seed as complaints_seed
from portal.i18n import TranslatedCharField
from portal.seeding import SeedContext, app_seeders

GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
# Pages that only repeat a listing with other filters or pages; one of each is enough.
SKIP_QUERY = True
MAX_PAGES = 400
SKIPPED_PREFIXES = ("/en/admin/",)
DOWNLOADS = re.compile(r"\.(csv|json|xml|ics|ods|xlsx|zip|pdf|atom|rss)$|/feed|/export|/download")

DATA_APPS = (
    "portal",
    "complaints",
    "procurement",
    "disclosures",
    "appointments",
    "guide",
    "budget",
)


def _is_data(tag: str, attrs: dict) -> bool:
    return attrs.get("lang", "").startswith("el") or attrs.get("translate") == "no"


def _data_values() -> list[str]:
    """Greek text stored in data columns: not the translated names, not choice labels."""
    values = set()
    for app in DATA_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field, (models.CharField, models.TextField)):
                    continue
                if isinstance(field, TranslatedCharField) or field.choices:
                    continue
                for value in model.objects.values_list(field.attname, flat=True).distinct():
                    for line in (value or "").splitlines():
                        if GREEK.search(line):
                            values.add(line.strip())
    return sorted(values, key=len, reverse=True)


class _DataText:
    """Tells data from interface: a text is data when no Greek is left once data is cut out."""

    def __init__(self, values: list[str]):
        self.pattern = re.compile("|".join(re.escape(value) for value in values if value))
        self.starts = "\x00" + "\x00".join(values)

    def is_interface(self, text: str) -> bool:
        if not GREEK.search(text):
            return False
        for chunk in re.split(r"[—·|]", self.pattern.sub(" ", text)):
            part = chunk.strip(" …·—-–()«»,.:")
            if not GREEK.search(part):
                continue
            # A stored value shortened for a breadcrumb or a title ("…"), or a name's
            # initial standing in for a missing photo, is still data.
            shortened = chunk.rstrip().endswith("…") or len(part) == 1
            if shortened and "\x00" + part in self.starts:
                continue
            return True
        return False


class _GreekFinder(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, data: _DataText):
        super().__init__(convert_charrefs=True)
        self.data = data
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("aria-label", "title", "placeholder", "alt"):
            value = attrs.get(name)
            if value and not self._in_data() and self.data.is_interface(value):
                self.found.append(f"<{tag} {name}>: {attrs[name]}")
        if tag not in self.VOID:
            self.stack.append((tag, self._in_data() or _is_data(tag, attrs)))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def _in_data(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        if not self._in_data() and self.data.is_interface(data):
            path = "/".join(tag for tag, _ in self.stack[-3:])
            self.found.append(f"{path}: {data.strip()[:80]}")


@pytest.fixture
def demo(db, monkeypatch, tmp_path):
    monkeypatch.setattr(complaints_seed, "COMPLAINTS_PER_SCALE", 60)
    context = SeedContext(
        rng=random.Random(2026),
        scale=1,
        today=timezone.localdate(),
        stdout=OutputWrapper(StringIO()),
    )
    for _label, seeder in app_seeders():
        import_module(seeder.module).seed(context)


def _walk(client) -> tuple[set[str], dict[str, list[str]]]:
    data = _DataText(_data_values())
    queue, seen, greek = ["/en/"], set(), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        finder = _GreekFinder(data)
        finder.feed(response.content.decode())
        # The language switch names the other language in its own tongue.
        found = [text for text in finder.found if "Ελληνικά" not in text]
        if found:
            greek[url] = found
        for href in finder.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/en/"):
                continue
            if parts.path.startswith(SKIPPED_PREFIXES) or DOWNLOADS.search(parts.path):
                continue
            target = parts.path if SKIP_QUERY else href
            if target not in seen:
                queue.append(target)
    return seen, greek


@pytest.mark.django_db
def test_no_greek_interface_text_on_any_english_page(client, demo):
    seen, greek = _walk(client)
    # Every part of the site was reached: its four services, a record of each, the static pages.
    for prefix in (
        "/en/complaints/",
        "/en/procurement/",
        "/en/disclosures/officials/",
        "/en/appointments/",
        "/en/departments/",
        "/en/privacy/",
    ):
        assert sum(url.startswith(prefix) for url in seen) >= 2 or prefix in seen, prefix
    report = "\n".join(f"{url}\n  " + "\n  ".join(found[:8]) for url, found in greek.items())
    assert not greek, "Greek interface text on English pages:\n" + report
