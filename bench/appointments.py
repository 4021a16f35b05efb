"""Benchmark the appointments app: slot computation and concurrent booking on gunicorn.

Seeds the configured database (it is reset!), tops the civil registry up to
10,000 bookings, then prints
  1. the median time to compute 30 days of slots (selector and JSON API), and
  2. bookings/s with 20 concurrent clients posting the real booking form to a
     gunicorn started here on a free port, then checks 0 overbookings.

    .venv/bin/python bench/appointments.py [--scale N] [--clients 20] [--seconds 20]
"""

import argparse
import http.cookiejar
import io
import json
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from appointments import selectors  # noqa: E402
from appointments.models import Booking, BookingStatus, Service, Slot  # noqa: E402
from portal.seeding import bulk_insert as seed_insert  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from _gunicorn import free_port, start_gunicorn, stop_gunicorn  # noqa: E402


def bulk_insert(model, rows, **options):
    """Insert as the seeders do; a benchmark's rows are created now (its own clock)."""
    return seed_insert(model, rows, at=timezone.now(), **options)


TARGET_BOOKINGS = 10_000
SLOT_TARGET_MS = 50


def median_ms(function, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def top_up(service: Service) -> int:
    """Add past bookings (on past slots) until the service holds TARGET_BOOKINGS."""
    missing = TARGET_BOOKINGS - Booking.objects.filter(service=service).count()
    if missing <= 0:
        return Booking.objects.filter(service=service).count()
    first = Slot.objects.filter(service=service).order_by("starts_at").first().starts_at
    slots, bookings = [], []
    moment = first - timedelta(days=1)
    while len(bookings) < missing:
        moment -= timedelta(minutes=service.slot_minutes)
        slot = Slot(
            service=service,
            starts_at=moment,
            ends_at=moment + timedelta(minutes=service.slot_minutes),
            capacity=service.capacity,
            booked=min(service.capacity, missing - len(bookings)),
        )
        slots.append(slot)
        for _place in range(slot.booked):
            number = len(bookings)
            bookings.append(
                Booking(
                    reference=f"B{number // 10000:03d}-{number % 10000:04d}",
                    service=service,
                    slot=slot,
                    day=timezone.localdate(moment),
                    name="Πολίτης Μετρήσεων",
                    email=f"bench{number}@example.gr",
                    phone="+30 694 000 0000",
                    status=BookingStatus.ARRIVED,
                    cancel_token_hash=f"{number:064d}",
                )
            )
    bulk_insert(Slot, slots)
    bulk_insert(Booking, bookings)
    return Booking.objects.filter(service=service).count()


def bench_slots(service: Service, runs: int) -> None:
    today = timezone.localdate()
    end = today + timedelta(days=29)
    service = selectors.service_detail_queryset().get(pk=service.pk)

    def compute():
        fresh = selectors.service_detail_queryset().get(pk=service.pk)
        selectors.service_days(fresh, start=today, end=end)

    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/appointments/api/services/{service.slug}/slots?from={today}&to={end}"

    def api():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    compute()
    api()
    selector_ms = median_ms(compute, runs)
    api_ms = median_ms(api, runs)
    verdict = "ok" if selector_ms < SLOT_TARGET_MS else "SLOW"
    print(
        f"  30 days of slots, selector (incl. service query): median {selector_ms:.1f} ms "
        f"over {runs} runs [{verdict}, target < {SLOT_TARGET_MS} ms]"
    )
    print(f"  30 days of slots, JSON API via test Client:       median {api_ms:.1f} ms")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client_loop(base, slug, starts, number, stop_at, max_attempts, results, latencies, lock):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    rng = random.Random(number)
    for attempt in range(max_attempts):
        if time.monotonic() > stop_at:
            break
        start = rng.choice(starts)
        address = f"10.{number}.{attempt // 250}.{attempt % 250}"
        headers = {"X-Forwarded-For": address}
        query = urllib.parse.urlencode({"start": start})
        attempt_started = time.perf_counter()
        try:
            request = urllib.request.Request(
                f"{base}/appointments/{slug}/book/?{query}", headers=headers
            )
            with opener.open(request, timeout=30) as response:
                page = response.read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            form = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "start": start,
                    "confirm": "1",
                    "name": "Πολίτης Φόρτου",
                    "email": f"load{number}-{attempt}@example.gr",
                    "phone": "6944 123456",
                    "reason": "",
                }
            ).encode()
            request = urllib.request.Request(
                f"{base}/appointments/{slug}/book/",
                data=form,
                headers={**headers, "Referer": f"{base}/appointments/{slug}/book/"},
            )
            try:
                with opener.open(request, timeout=30) as response:
                    body = response.read().decode()
                    outcome = "full" if "γέμισε" in body else f"refused-{response.status}"
            except urllib.error.HTTPError as error:
                outcome = "booked" if error.code == 302 else f"http-{error.code}"
        except urllib.error.HTTPError as error:
            # The form page sends the client back to choose when the time filled meanwhile.
            outcome = "full-before-form" if error.code == 302 else f"page-{error.code}"
        except AttributeError:
            outcome = "page-without-form"
        with lock:
            results.append(outcome)
            latencies.append((time.perf_counter() - attempt_started) * 1000)


def bench_gunicorn(service: Service, clients: int, seconds: float, workers: int) -> None:
    today = timezone.localdate()
    days = selectors.service_days(
        service, start=today + timedelta(days=1), end=today + timedelta(days=30)
    )
    offers = [offer for day in days for offer in day.free_offers]
    starts = [offer.local_start.isoformat() for offer in offers]
    places = sum(offer.remaining for offer in offers)
    port = free_port()
    # Each bench client sends its own X-Forwarded-For, as if behind one proxy,
    # so the per-address booking rate limit does not stop the measurement.
    process = start_gunicorn(port, workers, env={"TRUSTED_PROXY_COUNT": "1"})
    results, latencies, lock = [], [], threading.Lock()
    try:
        stop_at = time.monotonic() + seconds
        threads = [
            threading.Thread(
                target=client_loop,
                args=(
                    f"http://127.0.0.1:{port}",
                    service.slug,
                    starts,
                    n,
                    stop_at,
                    200,
                    results,
                    latencies,
                    lock,
                ),
            )
            for n in range(clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        stop_gunicorn(process)
    counts = {outcome: results.count(outcome) for outcome in sorted(set(results))}
    booked = counts.get("booked", 0)
    print(
        f"  gunicorn ({workers} workers) on 127.0.0.1:{port}, {clients} concurrent clients, "
        f"{len(results)} attempts in {elapsed:.1f} s over {len(starts)} slots "
        f"with {places} free places"
    )
    print(f"  outcomes: {json.dumps(counts, ensure_ascii=False)}")
    print(f"  bookings/s: {booked / elapsed:.1f} (attempts/s: {len(results) / elapsed:.1f})")
    if latencies:
        p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
        print(
            f"  one attempt (form GET + confirm POST): "
            f"median {statistics.median(latencies):.0f} ms, "
            f"p95 {p95:.0f} ms; machine load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FILTER (WHERE s.booked > s.capacity),
                   count(*) FILTER (WHERE s.booked <> coalesce(b.active, 0))
            FROM appointments_slot s
            LEFT JOIN (SELECT slot_id, count(*) AS active FROM appointments_booking
                       WHERE status IN ('booked', 'arrived', 'no_show') GROUP BY slot_id) b
              ON b.slot_id = s.id
            WHERE s.service_id = %s
            """,
            [service.pk],
        )
        overbooked, mismatched = cursor.fetchone()
    print(
        f"  overbooked slots: {overbooked}; "
        f"slots whose count differs from their bookings: {mismatched}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    started = time.perf_counter()
    call_command("seed_demo", reset=True, scale=args.scale, verbosity=0, stdout=io.StringIO())
    service = Service.objects.get(slug="lixiarxeio")
    total = top_up(service)
    print(
        f"  seeded (scale {args.scale}) in {time.perf_counter() - started:.1f} s; "
        f"{service.name}: {total} bookings"
    )
    bench_slots(service, args.runs)
    bench_gunicorn(service, args.clients, args.seconds, args.workers)


if __name__ == "__main__":
    main()
