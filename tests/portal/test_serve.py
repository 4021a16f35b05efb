"""`manage.py serve` keeps the portal up: through a database restart, and when a child dies.

Each test starts the real `serve` (gunicorn and the task worker) on the test
database behind a TCP relay that a cut turns into a restarting PostgreSQL, and
with email going to a real SMTP server in the test. Every wait is bounded.
"""

import os
import signal
import time

import psutil
import pytest
from django_tasks_db.models import DBTaskResult

from portal.sealing import seal
from portal.tasks import send_email
from tests.portal.serving import Serve, database_relay, wait_for

# serve's children read what the test writes: the test commits, as the site does.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout(240),
]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
OUTAGE = 6  # seconds without a database, as in the restart that once left the portal down


@pytest.fixture
def relay():
    relay = database_relay()
    yield relay
    relay.cut()


@pytest.fixture
def serve(relay, smtp_server, tmp_path, settings):
    settings.TASKS = DATABASE_TASKS  # the test queues email where serve's worker looks
    serve = Serve(relay=relay, smtp_port=smtp_server.port, log=tmp_path / "serve.log")
    try:
        try:
            wait_for(lambda: serve.status() == 200, timeout=120, what="the site answering")
            wait_for(lambda: len(serve.children()) == 2, timeout=30, what="both children")
        except AssertionError as error:
            raise AssertionError(f"{error}\n{serve.output()}") from None
        yield serve
    finally:
        if serve.process.poll() is None:
            serve.stop()
        serve.kill_leftovers()


def _queue(*subjects: str) -> None:
    for subject in subjects:
        send_email.enqueue(
            sealed=seal({"subject": subject, "body": "Ενημέρωση.", "to": ["p@example.gr"]})
        )


def test_a_database_restart_leaves_the_site_and_the_worker_up_and_loses_no_email(
    serve, relay, smtp_server
):
    children = serve.children()
    _queue("Πριν 1", "Πριν 2")
    wait_for(lambda: len(smtp_server.messages) == 2, timeout=30, what="email before the outage")

    relay.cut()
    _queue("Κατά 1", "Κατά 2", "Κατά 3")  # the site keeps queueing while the database is away
    answers = []
    back_at = time.monotonic() + OUTAGE
    while time.monotonic() < back_at:
        answers.append(serve.status())
        time.sleep(0.25)
    relay.open()
    took = wait_for(lambda: serve.status() == 200, timeout=30, what="the site after the outage")
    wait_for(lambda: len(smtp_server.messages) == 5, timeout=60, what="every queued email")

    assert answers and set(answers) == {503}, answers  # up all along, saying the database is not
    assert took < 5
    assert smtp_server.subjects == ["Κατά 1", "Κατά 2", "Κατά 3", "Πριν 1", "Πριν 2"]
    assert serve.children() == children  # nothing had to be restarted: the worker waited
    assert "Database unavailable" in serve.output()
    # The worker deletes a sent email's row just after the mail server has it.
    wait_for(lambda: not DBTaskResult.objects.exists(), timeout=10, what="the sent emails' rows")


def _kill_and_wait_for_its_restart(serve: Serve, name: str) -> list[int | None]:
    """SIGKILL one child; wait for serve to start it again; return the site's answers meanwhile."""
    pid = serve.children()[name]
    os.kill(pid, signal.SIGKILL)
    answers = []

    def restarted() -> bool:
        answers.append(serve.status())
        return serve.children().get(name, pid) != pid

    wait_for(restarted, timeout=60, what=f"a new {name}")
    return answers


def _stop_and_check_everything_stopped(serve: Serve, *, ctrl_c: bool) -> None:
    children = serve.children()
    if ctrl_c:  # a terminal signals the whole foreground process group
        os.killpg(serve.process.pid, signal.SIGINT)
        code = serve.stop(signal.SIGINT)
    else:  # systemd and the like signal serve alone
        code = serve.stop(signal.SIGTERM)
    assert code == 0, serve.output()
    assert "Η πύλη σταμάτησε." in serve.output()
    for pid in children.values():
        assert not psutil.pid_exists(pid)


def test_a_worker_that_dies_is_started_again_while_the_site_stays_up(serve, smtp_server):
    before = serve.children()
    answers = _kill_and_wait_for_its_restart(serve, "task_worker")
    assert set(answers) == {200}
    assert serve.children()["gunicorn"] == before["gunicorn"]
    _queue("Μετά την επανεκκίνηση")
    wait_for(lambda: len(smtp_server.messages) == 1, timeout=30, what="email by the new worker")
    assert "task_worker: σταμάτησε" in serve.output()
    # SIGTERM stops the restarted worker too.
    _stop_and_check_everything_stopped(serve, ctrl_c=False)


def test_gunicorn_that_dies_is_started_again(serve):
    before = serve.children()
    _kill_and_wait_for_its_restart(serve, "gunicorn")
    wait_for(lambda: serve.status() == 200, timeout=60, what="the site after gunicorn's restart")
    assert serve.children()["task_worker"] == before["task_worker"]
    # Ctrl-C stops the restarted gunicorn too.
    _stop_and_check_everything_stopped(serve, ctrl_c=True)
