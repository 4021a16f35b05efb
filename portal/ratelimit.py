"""Rate limits on public writes and look-ups, shared across gunicorn workers.

Counters live in Redis when REDIS_URL is set (atomic INCR) and otherwise in a
PostgreSQL table updated with one atomic upsert. django-ratelimit was not
used: it refuses Django's database cache, which is this project's default.
"""

import functools
import ipaddress
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.shortcuts import render
from django.utils import timezone

from portal.models import RateLimitCounter

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class RateLimited(Exception):
    """Raised when a client went over a limit; the middleware answers 429."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def parse_rate(rate: str) -> tuple[int, int]:
    """Turn "5/m" or "100/h" into (count, seconds)."""
    count, unit = rate.split("/")
    return int(count), _UNITS[unit]


def client_ip(request) -> str:
    """Return the client's address, trusting TRUSTED_PROXY_COUNT X-Forwarded-For hops.

    A forwarded entry that is not an IP address (a proxy that passed the client's
    own header on) is not trusted: the connecting address is used instead.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            try:
                return str(ipaddress.ip_address(chain[-hops]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")


def _increment(key: str, window: int) -> int:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        backend.add(key, 0, timeout=window)
        return backend.incr(key)
    expires_at = timezone.now() + timedelta(seconds=window)
    table = RateLimitCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s)
            ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1
            RETURNING count
            """,  # noqa: S608 - the table name is ours, the values are parameters
            [key, expires_at],
        )
        return cursor.fetchone()[0]


def _read(key: str) -> int:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return int(backend.get(key) or 0)
    row = RateLimitCounter.objects.filter(key=key, expires_at__gt=timezone.now()).first()
    return row.count if row else 0


def count_failure(scope: str, ident: str, window: int) -> None:
    """Count one failure (a wrong password) of `ident` in scope, in fixed windows."""
    now = int(time.time())
    window_start = now - now % window
    # Kept two windows: recent_failures() reads the previous one as well.
    _increment(f"rl:{scope}:{ident}:{window_start}", 2 * window)


def recent_failures(scope: str, ident: str, window: int) -> int:
    """Failures of `ident` in this window and the one before: at least the last `window` s."""
    now = int(time.time())
    window_start = now - now % window
    return _read(f"rl:{scope}:{ident}:{window_start}") + _read(
        f"rl:{scope}:{ident}:{window_start - window}"
    )


def hit(request, scope: str, rate: str) -> None:
    """Count one request of this client in scope; raise RateLimited past the rate."""
    hit_identity(client_ip(request), scope, rate)


def hit_identity(identity: str, scope: str, rate: str) -> None:
    """Count one request of `identity` (an address, an API key) in scope; raise past the rate."""
    limit, window = parse_rate(rate)
    now = int(time.time())
    window_start = now - now % window
    key = f"rl:{scope}:{identity}:{window_start}"
    if _increment(key, window) > limit:
        raise RateLimited(retry_after=window_start + window - now)


def ratelimit(scope: str, rate: str, methods: tuple[str, ...] = ("POST",)):
    """Decorate a view so that requests with these methods count against a rate."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                hit(request, scope, rate)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


#: A full open-data download streams a whole table: one client may start this many an
#: hour across all datasets, plenty for people and harvesters, too few for one scraper
#: to keep the database busy. Paged distributions (OCDS) are not counted.
DOWNLOAD_RATE = "60/h"

limit_downloads = ratelimit("open-data", DOWNLOAD_RATE, methods=("GET", "HEAD"))


def purge_expired() -> int:
    """Delete counters whose window has passed; return how many."""
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


class RateLimitMiddleware:
    """Answer RateLimited with the portal's 429 page and a Retry-After header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        response = render(
            request, "errors/429.html", {"retry_after": exception.retry_after}, status=429
        )
        response["Retry-After"] = str(exception.retry_after)
        return response
