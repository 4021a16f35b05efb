"""Retention: contact data goes N months after a complaint is finished; statistics stay."""

import io
import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints.models import Attachment, Complaint, Satisfaction, Status
from complaints.retention import months_before
from portal.models import AuditEntry
from portal.uploads import check_upload
from tests.complaints.factories import ComplaintFactory, submitted_complaint
from tests.complaints.helpers import png_upload

pytestmark = pytest.mark.django_db

ATHENS = ZoneInfo("Europe/Athens")


def long_closed(category, **fields):
    moment = timezone.now() - timedelta(days=800)
    values = {
        "category": category,
        "status": Status.CLOSED,
        "submitted_at": moment - timedelta(days=20),
        "resolved_at": moment - timedelta(days=5),
        "closed_at": moment,
        "satisfaction": Satisfaction.SATISFIED,
        "latitude": "40.632500",
        "longitude": "22.947800",
        "citizen_phone": "+302310000000",
    }
    values.update(fields)
    return ComplaintFactory(**values)


def run() -> str:
    out = io.StringIO()
    call_command("anonymise_complaints", stdout=out)
    return out.getvalue()


def test_contact_data_of_long_closed_complaints_is_erased(category):
    old = long_closed(category)

    output = run()

    old.refresh_from_db()
    assert "1" in output
    assert (old.citizen_name, old.citizen_email, old.citizen_phone, old.address) == ("", "", "", "")
    assert old.latitude is None and old.longitude is None
    assert old.anonymised_at is not None


def test_statistics_survive_anonymisation(category):
    old = long_closed(category)
    before = Complaint.objects.values(
        "protocol_number",
        "category",
        "department",
        "status",
        "submitted_at",
        "resolved_at",
        "closed_at",
        "deadline",
        "satisfaction",
        "public_area",
    ).get(pk=old.pk)

    run()

    after = Complaint.objects.values(*before).get(pk=old.pk)
    assert after == before


def test_recent_and_open_complaints_are_kept(category):
    recent = long_closed(category, closed_at=timezone.now() - timedelta(days=30))
    still_open = ComplaintFactory(
        category=category,
        status=Status.IN_PROGRESS,
        submitted_at=timezone.now() - timedelta(days=900),
    )

    run()

    for complaint in (recent, still_open):
        complaint.refresh_from_db()
        assert complaint.citizen_email
        assert complaint.anonymised_at is None


def test_a_resolved_complaint_never_closed_counts_from_its_resolution(category):
    resolved = long_closed(category, status=Status.RESOLVED, closed_at=None)

    run()

    resolved.refresh_from_db()
    assert resolved.anonymised_at is not None


def test_attachments_are_deleted_with_their_files_after_commit(
    category, django_capture_on_commit_callbacks
):
    complaint, _secret = submitted_complaint(
        category=category, attachments=[check_upload(png_upload())]
    )
    attachment = complaint.attachments.get()
    path = attachment.file.path
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=800)
    )

    with django_capture_on_commit_callbacks(execute=True):
        run()

    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not os.path.exists(path)


def test_running_again_changes_nothing_and_logs_each_complaint_once(category):
    long_closed(category)
    long_closed(category)

    run()
    second = run()

    assert AuditEntry.objects.filter(action="complaints.complaint.anonymised").count() == 2
    assert "0" in second


def test_the_retention_period_is_read_from_settings_at_call_time(category, settings):
    closed_two_months_ago = long_closed(category, closed_at=timezone.now() - timedelta(days=62))
    run()
    closed_two_months_ago.refresh_from_db()
    assert closed_two_months_ago.anonymised_at is None

    settings.COMPLAINTS_RETENTION_MONTHS = 1
    run()

    closed_two_months_ago.refresh_from_db()
    assert closed_two_months_ago.anonymised_at is not None


def test_a_dry_run_only_counts(category):
    old = long_closed(category)

    out = io.StringIO()
    call_command("anonymise_complaints", "--dry-run", stdout=out)

    old.refresh_from_db()
    assert old.anonymised_at is None
    assert "Θα ανωνυμοποιηθούν 1" in out.getvalue()


def test_months_are_calendar_months():
    moment = datetime(2026, 3, 31, 12, 0, tzinfo=ATHENS)

    assert months_before(moment, 1) == datetime(2026, 2, 28, 12, 0, tzinfo=ATHENS)
    assert months_before(moment, 24) == datetime(2024, 3, 31, 12, 0, tzinfo=ATHENS)
    assert months_before(moment, 3) == datetime(2025, 12, 31, 12, 0, tzinfo=ATHENS)
