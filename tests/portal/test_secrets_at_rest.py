"""No tracking or booking secret stays at rest: not in the task table, not in the access log."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from gunicorn.config import Config

from complaints.models import Complaint
from portal.gunicorn_logging import RedactingLogger
from tests.appointments.factories import ServiceFactory, local, open_day
from tests.complaints.factories import CategoryFactory
from tests.complaints.helpers import form_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LINK = re.compile(r"https?://[^\s\"<>]+/(?:complaints/track|appointments/booking)/[^\s\"<>]+")


def _task_table() -> str:
    """Everything the task table holds, as text."""
    return "\n".join(
        f"{row.args_kwargs} {row.return_value} {row.traceback}"
        for row in DBTaskResult.objects.all()
    )


def _journey(client):
    """File a complaint and book an appointment on the public site."""
    category = CategoryFactory()
    response = client.post("/complaints/new/", form_data(category))
    assert response.status_code == 302
    service = ServiceFactory()
    starts_at = local(open_day(), 9, 15)
    book_url = reverse("appointments:book", kwargs={"slug": service.slug})
    form_page = client.get(book_url, {"start": starts_at.isoformat()}).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', form_page).group(1)
    fields = {
        "name": "Αικατερίνη Σαμαρά",
        "email": "katerina@example.gr",
        "phone": "6944 123456",
        "reason": "Ληξιαρχική πράξη γάμου",
        "start": starts_at.isoformat(),
        "submission_key": key,
    }
    response = client.post(book_url, {**fields, "confirm": "1"})
    assert response.status_code == 302


def _access_log(tmp_path, paths: list[str]) -> str:
    """What gunicorn, configured as `manage.py serve` runs it, logs for these requests."""
    log_file = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(log_file))
    config.set("logger_class", "portal.gunicorn_logging.RedactingLogger")
    logger = config.logger_class(config)
    assert isinstance(logger, RedactingLogger)
    for path in paths:
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "203.0.113.9",
            "HTTP_REFERER": "https://diafaneia.example" + path,
        }
        response = SimpleNamespace(status="302 Found", sent=0, headers=[])
        request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
        logger.access(response, request, environ, timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()
    return log_file.read_text()


def test_a_full_journey_leaves_no_secret_in_the_task_table_or_the_access_log(
    client, settings, tmp_path
):
    settings.TASKS = DATABASE_TASKS
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    _journey(client)

    queued = _task_table()
    emails = DBTaskResult.objects.filter(task_path="portal.tasks.send_email")
    assert emails.count() >= 2
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    links = [match.group(0) for message in mail.outbox if (match := LINK.search(message.body))]
    assert len(links) == 2, [message.subject for message in mail.outbox]
    secrets = [link.rstrip("/").split("/")[-1] for link in links]
    assert all(len(secret) >= 16 for secret in secrets)
    complaint = Complaint.objects.get()
    for secret in secrets:
        assert secret not in queued
    # Nor the email itself: who wrote, to whom, about what.
    assert complaint.citizen_email not in queued and "Σαμαρά" not in queued
    # Sent email leaves no row behind at all.
    assert not emails.exists()

    paths = [link.split("://", 1)[1].split("/", 1)[1] for link in links]
    paths = ["/" + path for path in paths] + [
        f"/complaints/track/{complaint.protocol_number}/message/"
    ]
    log = _access_log(tmp_path, paths)
    for secret in secrets:
        assert secret not in log
    assert log.count("[redacted]") == 4  # request line and referer of both links
    # The status page's own actions are not secrets and stay readable.
    assert f"/complaints/track/{complaint.protocol_number}/message/" in log
