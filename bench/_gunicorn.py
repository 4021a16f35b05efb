"""Start and stop a gunicorn of the portal for a benchmark (a helper: run.py skips it).

Production settings, except static files unhashed (a benchmark must not run
collectstatic into the shared var/static just to render a page); `extra`
lines are appended to the settings module.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BENCH_SETTINGS = """
from portal.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(
    port: int, workers: int, *, env: dict[str, str] | None = None, extra: str = ""
) -> subprocess.Popen:
    """Serve the portal on 127.0.0.1:port; return once /healthz answers."""
    settings_dir = tempfile.mkdtemp(prefix="diafaneia-bench-")
    Path(settings_dir, "diafaneia_bench_settings.py").write_text(BENCH_SETTINGS + extra)
    process_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diafaneia_bench_settings",
        "PYTHONPATH": os.pathsep.join([settings_dir, str(ROOT)]),
        "HTTPS": "0",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=process_env,
        start_new_session=True,
    )
    process.settings_dir = settings_dir  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    stop_gunicorn(process)
    raise SystemExit("gunicorn did not start")


def stop_gunicorn(process: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (its own process group) and remove its settings."""
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    shutil.rmtree(process.settings_dir)  # type: ignore[attr-defined]
