"""The shared page cache: anonymous GETs of public pages, kept until a write changes them.

A view wears `@cached_page("complaints", "portal")`, naming the apps whose data
it shows. For a visitor without a session (no session or messages cookie, not
signed in) a GET or HEAD is answered from the project's cache (Redis when
REDIS_URL is set, else the database cache: never one process's memory, so
every worker and node sees the same pages). The key holds the scheme, host,
path with query string, the page's language and the language the request
asks for (Open311 picks its language from Accept-Language).

Each app has a generation: a random token in the cache. A stored page
remembers the generations it was rendered under, read before rendering, and
is served only while they are still the current ones. A save or delete of a
model the app declares (`page_cache_models` on its AppConfig, "__all__" for
every model) draws the app a new token when the transaction commits, on every
node at once. A write that bypasses model signals (`QuerySet.update()`,
`bulk_create`) calls `changed("<app>")` itself. Pages also expire after
PAGE_CACHE_SECONDS, for what changes with the clock (deadlines, "today").

`PageCacheMiddleware`, outside the session, CSRF and message middleware,
stores a fresh page only from the final response: 200, not streaming, sets
no cookie (so it carries no CSRF token and opened no session), not marked
private or no-store, varying on nothing but Cookie, Accept-Language and
Accept-Encoding. Cached pages carry ETag, Last-Modified and `Cache-Control:
public` and are answered 304 to a matching conditional GET; they are kept
gzipped and sent so to clients that accept it. Every other response to a
request with a session, or that sets a cookie, is marked `private, no-store`,
so no proxy keeps a personal page.

A request on a connection whose open transaction wrote to a watched model
(a test, or a view inside `transaction.atomic`) neither reads nor stores
pages: it sees its own writes. A cache that does not answer (Redis down)
costs speed, not the page: the view renders as if nothing were cached.
"""

import functools
import gzip
import hashlib
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

GENERATION_KEY = "pagecache:generation:"
PAGE_KEY = "pagecache:page:"
#: The request headers a cached page may vary on: part of the key, of the eligibility
#: rule or of the answer (gzip); a page varying on anything else is not stored.
CACHEABLE_VARY = {"accept-encoding", "accept-language", "cookie"}
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_CACHE_CONTROL_SPLIT = re.compile(r"\s*,\s*")
_REQUEST_ATTRIBUTE = "_page_cache"

_local = threading.local()
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Miss:
    """A page rendered for a visitor it may be stored for, under these generations."""

    key: str
    generations: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    """A stored page: the response's status, headers and gzipped body, and its generations.

    The body is kept gzipped (fastest level): a JSON list shrinks about eight
    times, which is what the cache sends on every hit, and a client that accepts
    gzip (every browser and HTTP library) gets it as it is. A cached page holds
    no secret (no CSRF token, no session), so compression reveals nothing (BREACH).
    """

    generations: tuple[str, ...]
    status: int
    headers: tuple[tuple[str, str], ...]
    gzipped: bytes

    def response(self, request: HttpRequest) -> HttpResponse:
        """The page for this request: gzipped if it accepts gzip, with that variant's ETag."""
        if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(self.gzipped, status=self.status)
            encoding = "gzip"
        else:
            response = HttpResponse(gzip.decompress(self.gzipped), status=self.status)
            encoding = ""
        for name, value in self.headers:
            response[name] = value
        if encoding:
            response["Content-Encoding"] = encoding
            # A strong ETag names one representation: the gzipped one has its own.
            response["ETag"] = response["ETag"].removesuffix('"') + f'-{encoding}"'
        response["Content-Length"] = str(len(response.content))
        return response


# --- invalidation -----------------------------------------------------------------------------


def _pending(using: str) -> set[str]:
    """The apps whose pages this thread's open transaction on `using` has changed."""
    pending = _local.__dict__.setdefault("pending", {})
    return pending.setdefault(using, set())


def changed(*labels: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """The cached pages of these apps are out of date once the current transaction commits."""
    _pending(using).update(labels)
    transaction.on_commit(functools.partial(_flush, using), using=using, robust=True)


def changed_everywhere(using: str = DEFAULT_DB_ALIAS) -> None:
    """Every cached page is out of date once the current transaction commits (demo data)."""
    changed(*watched_labels(), using=using)


def _flush(using: str) -> None:
    pending = _pending(using)
    labels = sorted(pending)
    pending.clear()
    if labels:
        tokens = {GENERATION_KEY + label: secrets.token_hex(8) for label in labels}
        caches["default"].set_many(tokens, timeout=None)


def forget_pending() -> None:
    """Drop what a rolled-back transaction had marked (each test starts afresh)."""
    _local.__dict__.pop("pending", None)


def watched_labels() -> list[str]:
    return [
        config.label
        for config in apps.get_app_configs()
        if getattr(config, "page_cache_models", None)
    ]


def _model_changed(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    changed(sender._meta.app_label, using=using)


def connect_signals() -> None:
    """Invalidate an app's pages on every save and delete of the models it declares."""
    for config in apps.get_app_configs():
        names = getattr(config, "page_cache_models", None)
        if not names:
            continue
        models = (
            list(config.get_models())
            if names == "__all__"
            else [config.get_model(name) for name in names]
        )
        for model in models:
            uid = f"pagecache.{model._meta.label}"
            post_save.connect(_model_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_model_changed, sender=model, dispatch_uid=uid)


# --- reading and storing ----------------------------------------------------------------------


def _has_session(request: HttpRequest) -> bool:
    """Whether the request carries a session, messages or a signed-in user."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in (
        request.COOKIES
    ):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _may_use_cache(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or _has_session(request):
        return False
    connection = connections[DEFAULT_DB_ALIAS]
    return not (connection.in_atomic_block and _pending(DEFAULT_DB_ALIAS))


def _page_key(request: HttpRequest) -> str:
    parts = (
        request.scheme or "",
        request.get_host(),
        translation.get_language() or "",
        translation.get_language_from_request(request),
        request.get_full_path(),
    )
    return PAGE_KEY + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_page(*labels: str):
    """Serve this public view to visitors without a session from the shared page cache.

    `labels` name the apps whose data the page shows; a write to any of them
    replaces it.
    """

    generation_keys = [GENERATION_KEY + label for label in labels]

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _may_use_cache(request):
                return view(request, *args, **kwargs)
            cache = caches["default"]
            key = _page_key(request)
            try:
                found = cache.get_many([*generation_keys, key])
                generations = tuple(
                    found.get(name) or cache.get_or_set(name, secrets.token_hex(8), timeout=None)
                    for name in generation_keys
                )
            except Exception:
                logger.exception("The page cache does not answer; rendering %s", request.path)
                return view(request, *args, **kwargs)
            entry = found.get(key)
            if isinstance(entry, _Entry) and entry.generations == generations:
                return _conditional(request, entry.response(request))
            response = view(request, *args, **kwargs)
            setattr(request, _REQUEST_ATTRIBUTE, _Miss(key, generations))
            return response

        return wrapped

    return decorator


def _cache_control(response: HttpResponseBase) -> set[str]:
    header = response.get("Cache-Control", "")
    return {part.split("=")[0].lower() for part in _CACHE_CONTROL_SPLIT.split(header) if part}


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return (
        request.method == "GET"
        and response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.cookies
        and not _cache_control(response) & {"private", "no-store", "no-cache"}
        and vary <= CACHEABLE_VARY
    )


def _store(request: HttpRequest, response: HttpResponse, miss: _Miss) -> HttpResponse:
    """Store the page; return it as a later visitor would get it (gzipped if accepted)."""
    set_response_etag(response)
    response["Last-Modified"] = http_date(time.time())
    if not response.has_header("Cache-Control"):
        patch_cache_control(
            response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, must_revalidate=True
        )
    else:
        patch_cache_control(response, public=True)
    patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
    entry = _Entry(
        generations=miss.generations,
        status=response.status_code,
        headers=tuple(
            (name, value) for name, value in response.items() if name != "Content-Length"
        ),
        gzipped=gzip.compress(response.content, compresslevel=1, mtime=0),
    )
    try:
        caches["default"].set(miss.key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("The page cache does not answer; %s not stored", request.path)
    return entry.response(request)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The page, or 304 Not Modified when the request's validators match it."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    answer = get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
    return answer if answer is not None else response


def _make_private(response: HttpResponseBase) -> None:
    if "no-store" not in _cache_control(response):
        patch_cache_control(response, private=True, no_store=True)


class PageCacheMiddleware:
    """Store fresh public pages from their final response; keep personal ones out of caches.

    Sits outside the session, CSRF and message middleware, so it sees every cookie a
    response sets (see the module's docstring).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        miss = getattr(request, _REQUEST_ATTRIBUTE, None)
        if (
            isinstance(miss, _Miss)
            and isinstance(response, HttpResponse)
            and _storable(request, response)
        ):
            return _conditional(request, _store(request, response, miss))
        if response.cookies or _has_session(request):
            _make_private(response)
        return response
