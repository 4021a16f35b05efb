"""`manage.py serve` in a subprocess, on the test database behind a relay the test can cut."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import psutil
from django.conf import settings
from django.db import connection

from tests.portal.smtp_server import free_port
from tests.portal.tcp_relay import Relay


def wait_for(condition: Callable[[], object], *, timeout: float, what: str) -> float:
    """Poll `condition` until it is true; return the seconds it took, fail after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout} s: {what}")


def database_relay() -> Relay:
    """A relay to the server of the test database (its Unix socket or its TCP port)."""
    connection.ensure_connection()
    info = connection.connection.info  # where psycopg did connect, whatever the URL said
    host, port = info.host, info.port
    relay = Relay(f"{host}/.s.PGSQL.{port}" if host.startswith("/") else (host, port))
    relay.open()
    return relay


class Serve:
    """`manage.py serve` with one gunicorn worker, its output in a file."""

    def __init__(self, *, relay: Relay, smtp_port: int, log: Path):
        self.port = free_port()
        self.log = log
        database = connection.settings_dict
        credentials = quote(database["USER"] or "", safe="")
        if database["PASSWORD"]:
            credentials += ":" + quote(database["PASSWORD"], safe="")
        env = {
            **os.environ,
            "DATABASE_URL": f"postgresql://{credentials}@127.0.0.1:{relay.port}/{database['NAME']}",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "SECRET_KEY": settings.SECRET_KEY,
            "TASK_ARGUMENTS_KEY": settings.TASK_ARGUMENTS_KEY,
            "HTTPS": "0",
            "DEBUG": "0",
        }
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "serve", "--port", str(self.port), "--workers", "1"],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the test can end it all
            )

    def status(self, path: str = "/healthz") -> int | None:
        """The HTTP status of a GET, or None when nothing answers."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as reply:
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code
        except (OSError, urllib.error.URLError):
            return None

    def children(self) -> dict[str, int]:
        """The pids of the supervised children: gunicorn's master and the task worker."""
        found = {}
        for child in psutil.Process(self.process.pid).children():
            try:
                with_args = " ".join(child.cmdline())
            except psutil.Error:
                continue  # gone, or a zombie serve has not reaped yet
            if "gunicorn" in with_args:
                found["gunicorn"] = child.pid
            elif "task_worker" in with_args:
                found["task_worker"] = child.pid
        return found

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, signum: int = signal.SIGTERM, *, timeout: float = 30) -> int:
        """Signal serve and wait for it; kill its whole process group if it will not go."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            raise AssertionError(f"serve did not stop within {timeout} s") from None

    def kill_leftovers(self) -> None:
        """Kill whatever is still in serve's process group (nothing, if it stopped cleanly)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
