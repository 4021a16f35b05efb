"""Serve the portal with gunicorn and the task worker until interrupted.

`make run` calls this after migrating and seeding. It holds the embedded
database open for its children, and on Ctrl-C (or SIGTERM) stops them; the
embedded PostgreSQL stops when the last process using it exits.
"""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from portal import embedded


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
        child_env = {**os.environ, "DATABASE_URL": settings.DATABASE_URL}
        bin_dir = os.path.dirname(sys.executable)
        children = [
            subprocess.Popen(  # noqa: S603 - our own executables
                [
                    os.path.join(bin_dir, "gunicorn"),
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
                ],
                env=child_env,
            ),
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "1"], env=child_env
            ),
        ]
        self.stdout.write(
            self.style.SUCCESS(f"Η πύλη τρέχει στο http://127.0.0.1:{port}/ (Ctrl-C για διακοπή)")
        )

        def stop(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                try:
                    children[0].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        finally:
            stop(None, None)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Η πύλη σταμάτησε.")
