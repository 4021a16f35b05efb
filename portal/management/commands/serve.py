"""Serve the portal with gunicorn and the task worker until interrupted.

`make run` calls this after migrating and seeding. It holds the embedded
database open for its children and supervises them: a child that exits is
started again after a back-off (1 s, doubling up to 30 s while it keeps
failing at once), and the other child runs on meanwhile, so a worker that
stops never takes the web tier with it. On Ctrl-C (or SIGTERM) it stops them
all; the embedded PostgreSQL stops when the last process using it exits.
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand

from portal import embedded

FIRST_DELAY = 1.0  # seconds before restarting a child that exited
MAX_DELAY = 30.0  # the delay doubles, while the child keeps failing, up to this
STABLE_AFTER = 60.0  # a child that ran this long starts again with the first delay
POLL = 0.5  # how often the children are looked at
STOP_TIMEOUT = 15.0  # a child not gone this long after SIGTERM is killed


@dataclass
class Child:
    """One supervised process: how to start it, and when to start it again."""

    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    quick_failures: int = 0
    restart_at: float = 0.0

    def start(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(self.argv, env=env)  # noqa: S603 - our own executables
        self.started_at = time.monotonic()

    def exit_code(self) -> int | None:
        """The exit code if the process has ended since it was started, else None."""
        return self.process.poll() if self.process is not None else None

    def schedule_restart(self, now: float) -> float:
        """Forget the ended process; return the delay before the next start."""
        self.quick_failures = (
            0 if now - self.started_at >= STABLE_AFTER else self.quick_failures + 1
        )
        delay = min(FIRST_DELAY * 2 ** max(self.quick_failures - 1, 0), MAX_DELAY)
        self.process = None
        self.restart_at = now + delay
        return delay

    def terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()


class Command(BaseCommand):
    help = "Εκκινεί gunicorn και τον εκτελεστή εργασιών (Ctrl-C για τερματισμό)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3"))
        )

    def handle(self, *args, port, workers, **options):
        self.stdout.write(
            "Βάση δεδομένων: "
            + embedded.describe(settings.DATABASE_URL, embedded=settings.DATABASE_EMBEDDED)
        )
        env = {**os.environ, "DATABASE_URL": settings.DATABASE_URL}
        children = [
            Child("gunicorn", _gunicorn_argv(port=port, workers=workers)),
            Child("task_worker", [sys.executable, "manage.py", "task_worker", "--interval", "1"]),
        ]
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for child in children:
            child.start(env)
        self.stdout.write(
            self.style.SUCCESS(f"Η πύλη τρέχει στο http://127.0.0.1:{port}/ (Ctrl-C για διακοπή)")
        )
        try:
            while not stopping:
                self._look_after(children, env)
                time.sleep(POLL)
        finally:
            _stop_all(children)
        self.stdout.write("Η πύλη σταμάτησε.")

    def _look_after(self, children: list[Child], env: dict[str, str]) -> None:
        """Start again, once its delay is over, each child that has exited."""
        now = time.monotonic()
        for child in children:
            if child.process is None:
                if now >= child.restart_at:
                    child.start(env)
                    self.stderr.write(f"{child.name}: ξεκίνησε ξανά.")
                continue
            code = child.exit_code()
            if code is not None:
                delay = child.schedule_restart(now)
                self.stderr.write(
                    f"{child.name}: σταμάτησε (κωδικός {code}), ξεκινά ξανά σε {delay:.0f} s."
                )


def _gunicorn_argv(*, port: int, workers: int) -> list[str]:
    return [
        os.path.join(os.path.dirname(sys.executable), "gunicorn"),
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--logger-class",
        "portal.gunicorn_logging.RedactingLogger",
        "--graceful-timeout",
        "5",
    ]


def _stop_all(children: list[Child]) -> None:
    """SIGTERM every child, wait for them together, kill any still there after the timeout."""
    for child in children:
        child.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for child in children:
        if child.process is None:
            continue
        try:
            child.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait(timeout=5)
