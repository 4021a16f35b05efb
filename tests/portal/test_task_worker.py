"""The task worker: email queued during an SMTP outage goes out after it; nothing is stranded."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.management.commands.task_worker import ABANDONED_AFTER, requeue_interrupted
from portal.sealing import seal
from portal.tasks import send_email, send_email_on_commit

# The worker, like `db_worker`, closes connections it finds inside a transaction (as a
# test's would be): its tests commit, as the site does.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout(120),
]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def smtp_mail(settings, smtp_server):
    """Email goes by SMTP to the test's server; tasks wait in the database for the worker."""
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_server.port, "timeout": 5},
        }
    }
    return smtp_server


def _run_worker() -> None:
    """Run the worker command over every task due now, then return."""
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


@pytest.mark.parametrize("outage", ["refuses", "is down"])
def test_email_queued_during_an_smtp_outage_goes_out_once_the_server_is_back(smtp_mail, outage):
    if outage == "refuses":
        smtp_mail.refusing = True
    else:
        smtp_mail.stop()
    send_email_on_commit(  # outside a transaction: queued at once
        subject="Αρ. πρωτ. 2026-000042",
        body="Το αίτημά σας καταχωρίστηκε.",
        to=["eleni@example.gr"],
    )
    start = timezone.now()
    _run_worker()  # first attempt: refused
    with time_machine.travel(start + timedelta(minutes=3), tick=True):
        _run_worker()  # second attempt, two minutes later: refused again
    assert smtp_mail.messages == []
    if outage == "refuses":
        assert smtp_mail.refused == 2
    retry = DBTaskResult.objects.get()
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["attempt"] == 3

    if outage == "refuses":
        smtp_mail.refusing = False
    else:
        smtp_mail.start()
    with time_machine.travel(start + timedelta(minutes=6), tick=True):
        _run_worker()  # not due yet: the third attempt waits four minutes
    assert smtp_mail.messages == []
    with time_machine.travel(start + timedelta(minutes=8), tick=True):
        _run_worker()
    [message] = smtp_mail.messages
    assert message["Subject"] == "Αρ. πρωτ. 2026-000042"
    assert message["To"] == "eleni@example.gr"
    assert "Το αίτημά σας καταχωρίστηκε." in message.get_content()
    assert not DBTaskResult.objects.exists()  # the sent email's row is gone


def test_every_email_queued_while_the_server_refuses_goes_out_exactly_once(smtp_mail):
    smtp_mail.refusing = True
    for number in range(5):
        send_email.enqueue(
            sealed=seal({"subject": f"Μήνυμα {number}", "body": "…", "to": ["p@example.gr"]})
        )
    start = timezone.now()
    _run_worker()
    assert smtp_mail.refused == 5
    smtp_mail.refusing = False
    with time_machine.travel(start + timedelta(minutes=3), tick=True):
        _run_worker()
    assert smtp_mail.subjects == [f"Μήνυμα {number}" for number in range(5)]
    assert not DBTaskResult.objects.exists()


def _task_row(*, status, worker_ids, started_at):
    result = send_email.using(backend="default").enqueue(
        sealed=seal({"subject": "x", "body": "y", "to": ["p@example.gr"]})
    )
    DBTaskResult.objects.filter(id=result.id).update(
        status=status, worker_ids=worker_ids, started_at=started_at
    )
    return DBTaskResult.objects.get(id=result.id)


def test_after_an_outage_the_worker_requeues_what_it_was_running_and_what_was_abandoned(
    settings,
):
    settings.TASKS = DATABASE_TASKS
    now = timezone.now()
    mine = _task_row(status=TaskResultStatus.RUNNING, worker_ids=["w-1"], started_at=now)
    abandoned = _task_row(
        status=TaskResultStatus.RUNNING,
        worker_ids=["w-gone"],
        started_at=now - ABANDONED_AFTER - timedelta(seconds=1),
    )
    running_elsewhere = _task_row(
        status=TaskResultStatus.RUNNING, worker_ids=["w-2"], started_at=now
    )
    finished = _task_row(status=TaskResultStatus.SUCCESSFUL, worker_ids=["w-1"], started_at=now)

    assert requeue_interrupted(worker_id="w-1") == 2

    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses[mine.id] == statuses[abandoned.id] == TaskResultStatus.READY
    assert statuses[running_elsewhere.id] == TaskResultStatus.RUNNING
    assert statuses[finished.id] == TaskResultStatus.SUCCESSFUL
