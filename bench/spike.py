"""A traffic spike: the cached public pages against the /healthz ceiling, on gunicorn.

Seeds the configured database (it is reset!) with `seed_demo --scale N`, starts
gunicorn (2 workers) on a free port of 127.0.0.1, and drives each page with
C connections for S seconds, asking for gzip as browsers do: with wrk when it
is installed (`apt-get install wrk`), else with a Python client (threads over
keep-alive connections; on a small machine it is the bottleneck, so its
figures are a floor). It prints requests/s, p50 and p99 for each page and
its ceiling, /healthz (one `SELECT 1` through every middleware), measured
before and after the page (the mean of the two: the load of a shared machine
drifts), the page's ratio to it and the load average; once with the database
cache and once with Redis (REDIS_URL, by default redis://127.0.0.1:6379/0,
under a key prefix of this run, removed at the end).

Target: every cached page at >= 40 % of the /healthz rate with p99 < 200 ms
at 32 connections.

    .venv/bin/python bench/spike.py [--scale 10] [--seconds 10] [--connections 32]
        [--backends database,redis] [--no-seed] [--client wrk|python] [--identity]
"""

import argparse
import http.client
import io
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from _gunicorn import free_port, start_gunicorn, stop_gunicorn  # noqa: E402
from django.core.management import call_command  # noqa: E402

from complaints.models import Complaint  # noqa: E402
from disclosures.models import Declaration  # noqa: E402
from procurement.models import Procurement  # noqa: E402

WORKERS = 2
TARGET_RATIO = 0.40
TARGET_P99_MS = 200
REDIS_SETTINGS = """
import os
CACHES["default"]["KEY_PREFIX"] = os.environ["SPIKE_KEY_PREFIX"]
"""


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def pages() -> list[tuple[str, str]]:
    """The cached public pages of the issue, with a published row for the detail pages."""
    procurement = (
        Procurement.objects.filter(is_published=True, stages__isnull=False).order_by("pk").first()
    )
    declaration = (
        Declaration.objects.filter(status=Declaration.Status.PUBLISHED).order_by("pk").first()
    )
    complaint = Complaint.objects.filter(is_published=True).order_by("pk").first()
    if procurement is None or declaration is None or complaint is None:
        raise SystemExit("The demo data has no published procurement, declaration or complaint.")
    return [
        ("complaints register", "/complaints/"),
        ("procurement list", "/procurement/"),
        ("procurement notice", f"/procurement/{procurement.pk}/"),
        ("disclosures directory", "/disclosures/"),
        ("declaration", f"/disclosures/declarations/{declaration.pk}/"),
        ("departments", "/departments/"),
        ("Open311 requests.json", "/open311/v2/requests.json"),
        ("Open311 services.json", "/open311/v2/services.json"),
        ("Open311 request", f"/open311/v2/requests/{complaint.protocol_number}.json"),
    ]


# --- load generators --------------------------------------------------------------------------

_WRK_LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, connections: int, seconds: int, headers: dict[str, str]) -> Result:
    options = [f"--header={name}: {value}" for name, value in headers.items()]
    output = subprocess.run(
        [
            "wrk",
            *options,
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=5s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {
        percent: float(value) * _UNITS_MS[unit]
        for percent, value, unit in _WRK_LATENCY.findall(output)
    }
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        # gunicorn's sync workers close every connection: reads of a closed one are not errors.
        errors += int(socket_errors.group(1)) + int(socket_errors.group(4))
    if rate is None or set(latency) != {"50", "99"}:
        raise SystemExit(f"Could not read wrk's output:\n{output}")
    return Result(float(rate.group(1)), latency["50"], latency["99"], errors)


def run_python(url: str, connections: int, seconds: int, headers: dict[str, str]) -> Result:
    """C threads, each on its own keep-alive connection (reopened when gunicorn closes it)."""
    address = url.split("//", 1)[1]
    host_port, path = address.split("/", 1)
    host, port = host_port.split(":")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop():
        mine, failed = [], 0
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", "/" + path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                continue
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=loop) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if len(latencies) < 2:
        raise SystemExit(f"No answers from {url}")
    cuts = statistics.quantiles(latencies, n=100)
    return Result(len(latencies) / elapsed, cuts[49], cuts[98], errors[0])


# --- the run ----------------------------------------------------------------------------------


def measure(base: str, args, generator) -> list[tuple[str, Result, Result, float]]:
    """Each page between two /healthz runs: its ceiling is their mean (the load drifts)."""
    headers = {} if args.identity else {"Accept-Encoding": "gzip"}

    def run(path: str) -> Result:
        url = base + path
        request = urllib.request.Request(url, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as warm:  # the first visitor fills it
            warm.read()
        return generator(url, args.connections, args.seconds, headers)

    rows = []
    ceiling = run("/healthz")
    for label, path in pages():
        result = run(path)
        load = os.getloadavg()[0]
        after = run("/healthz")
        mean = Result(
            (ceiling.requests_per_second + after.requests_per_second) / 2,
            (ceiling.p50_ms + after.p50_ms) / 2,
            (ceiling.p99_ms + after.p99_ms) / 2,
            ceiling.errors + after.errors,
        )
        rows.append((label, result, mean, load))
        ceiling = after
    return rows


def report(backend: str, rows, connections: int) -> bool:
    print(f"\n  {backend} cache, {connections} connections, gunicorn {WORKERS} workers:")
    print(
        f"  {'page':<24} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'healthz':>8} {'hz p99':>7}"
        f" {'ratio':>6}  load  verdict"
    )
    met = True
    for label, result, ceiling, load in rows:
        ratio = result.requests_per_second / ceiling.requests_per_second
        if ratio >= TARGET_RATIO and result.p99_ms < TARGET_P99_MS and not result.errors:
            verdict = "ok"
        else:
            verdict = "BELOW TARGET"
            met = False
        errors = f" ({result.errors} errors)" if result.errors else ""
        print(
            f"  {label:<24} {result.requests_per_second:>7.0f} {result.p50_ms:>7.1f} "
            f"{result.p99_ms:>7.1f} {ceiling.requests_per_second:>8.0f} {ceiling.p99_ms:>7.1f}"
            f" {ratio:>6.0%}  {load:>4.1f}  {verdict}{errors}"
        )
    return met


def forget_redis_keys(redis_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--backends", default="database,redis")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    )
    parser.add_argument("--client", choices=("wrk", "python"), default=None)
    parser.add_argument("--no-seed", action="store_true", help="keep the data already there")
    parser.add_argument(
        "--identity", action="store_true", help="ask for uncompressed pages (default: gzip)"
    )
    # make bench passes the same arguments to every script: ignore the ones of others.
    args, _others = parser.parse_known_args()

    client = args.client or ("wrk" if shutil.which("wrk") else "python")
    generator = run_wrk if client == "wrk" else run_python
    if not args.no_seed:
        started = time.perf_counter()
        call_command("seed_demo", reset=True, scale=args.scale, verbosity=0, stdout=io.StringIO())
        print(f"  seeded (scale {args.scale}) in {time.perf_counter() - started:.0f} s")
    print(
        f"  load generator: {client}; {os.cpu_count()} CPUs; "
        f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )
    all_met = True
    for backend in args.backends.split(","):
        env: dict[str, str] = {}
        extra = ""
        prefix = f"spike-{secrets.token_hex(4)}"
        if backend == "redis":
            env |= {"REDIS_URL": args.redis_url, "SPIKE_KEY_PREFIX": prefix}
            extra = REDIS_SETTINGS
        elif backend != "database":
            raise SystemExit(f"Unknown backend {backend!r}: database or redis.")
        else:
            env["REDIS_URL"] = ""
        port = free_port()
        process = start_gunicorn(port, WORKERS, env=env, extra=extra)
        try:
            rows = measure(f"http://127.0.0.1:{port}", args, generator)
        finally:
            stop_gunicorn(process)
            if backend == "redis":
                forget_redis_keys(args.redis_url, prefix)
        all_met &= report(backend, rows, args.connections)
    print(
        f"\n  target: every page >= {TARGET_RATIO:.0%} of healthz, p99 < {TARGET_P99_MS} ms: "
        f"{'met' if all_met else 'NOT met'}; load average after: "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
