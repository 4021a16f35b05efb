"""Run the task worker (django-tasks-db's `db_worker`), riding out database outages.

`db_worker` dies on the first `OperationalError`: a restart of PostgreSQL
ended the worker, and queued email waited until someone started it again.
This worker waits for the database with back-off instead, then goes on where
it stopped. A task that was running when the connection went (its outcome
never recorded) goes back to the queue, so email is sent at least once: one
being handed to the mail server at that moment may go out twice, none is lost.
"""

import contextlib
import logging
import signal
import time
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("django_tasks_db")

# What a database that is down, restarting or unreachable raises.
DATABASE_DOWN = (OperationalError, InterfaceError)
FIRST_DELAY = 1.0  # seconds before the first reconnection attempt
MAX_DELAY = 16.0  # the back-off doubles up to this
# A task still marked running this long after it started belongs to a worker
# that died (killed, machine lost); emails take seconds.
ABANDONED_AFTER = timedelta(minutes=15)
# The signals the worker handles (a graceful stop); restored when it returns.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


def requeue_interrupted(*, worker_id: str) -> int:
    """Put back in the queue the tasks this worker was running and those long abandoned."""
    started_long_ago = timezone.now() - ABANDONED_AFTER
    return (
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        .filter(Q(worker_ids__contains=[worker_id]) | Q(started_at__lt=started_long_ago))
        .update(status=TaskResultStatus.READY, started_at=None)
    )


class Worker(db_worker.Worker):
    """django-tasks-db's worker, which waits for the database instead of dying."""

    def run(self) -> None:
        self.wait_for_database()
        while self.running:
            try:
                super().run()
                return
            except DATABASE_DOWN as error:
                logger.warning("Database unavailable (%s); the worker waits for it.", error)
                _close_connections()
            self.wait_for_database()

    def wait_for_database(self) -> None:
        """Reconnect with exponential back-off, then requeue what an outage interrupted."""
        delay = FIRST_DELAY
        while self.running:
            try:
                count = requeue_interrupted(worker_id=self.worker_id)
            except DATABASE_DOWN:
                _close_connections()
                logger.info("Database still unavailable; next attempt in %.0f s.", delay)
                time.sleep(delay)
                delay = min(delay * 2, MAX_DELAY)
                continue
            if count:
                logger.warning("%d interrupted task(s) went back to the queue.", count)
            return


def _close_connections() -> None:
    """Drop broken connections so that the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()


class Command(db_worker.Command):
    help = (
        "Εκτελεί τις εργασίες της ουράς (email, υπενθυμίσεις)· "
        "αν η βάση δεδομένων πέσει, περιμένει και συνεχίζει."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        # Autoreload (`--reload`, db_worker's default under DEBUG) is for code
        # changes in development; `make dev` runs no worker, `serve` supervises it.
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        handlers = {number: signal.getsignal(number) for number in STOP_SIGNALS}
        worker.configure_signals()
        try:
            worker.run()
        finally:
            # Called in-process (tests, `--batch` from a script): leave no handler of ours.
            for number, handler in handlers.items():
                signal.signal(number, handler)
