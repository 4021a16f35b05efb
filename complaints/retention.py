"""Retention: citizens' contact data is erased N months after a complaint is finished.

N is the setting ``COMPLAINTS_RETENTION_MONTHS`` (default 24), read at call
time. A complaint counts as finished when its status is final (resolved,
rejected, duplicate, closed), from its closing date or, if it was never
closed, its resolution or last change. Statistics (category, department,
dates, status, satisfaction) stay; `complaint_anonymise` erases the rest
(`Complaint.PERSONAL_FIELDS`, the tracking secret and the files), and the free
text that can name the citizen: subject and description unless published, the
citizen's messages and the audit log's names of the complaint. What staff
wrote for publication (the public summary, public replies) stays.
"""

import calendar
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from complaints.models import FINISHED_STATUSES, Complaint, TimelineKind
from complaints.storage import delete_files
from portal.models import AuditEntry
from portal.services import audit_log
from portal.types import Actor

SCRUBBED = "—"
BATCH_SIZE = 500


def retention_months() -> int:
    return int(settings.COMPLAINTS_RETENTION_MONTHS)


def months_before(moment: datetime, months: int) -> datetime:
    """Return the same day and time `months` calendar months earlier (clamped to month end)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def complaints_due_for_anonymisation(*, months: int, now: datetime | None = None) -> QuerySet:
    """Return the complaints finished more than `months` months ago, not yet anonymised."""
    cutoff = months_before(now or timezone.now(), months)
    return (
        Complaint.objects.filter(anonymised_at__isnull=True, status__in=FINISHED_STATUSES)
        .alias(finished_at=Coalesce("closed_at", "resolved_at", "updated_at"))
        .filter(finished_at__lt=cutoff)
        .order_by()
    )


def complaints_anonymise_due(
    *, months: int, now: datetime | None = None, actor: Actor | None = None
) -> int:
    """Anonymise every complaint due; return how many. Safe to run again (idempotent)."""
    count = 0
    while True:
        batch = list(
            complaints_due_for_anonymisation(months=months, now=now).only("pk")[:BATCH_SIZE]
        )
        if not batch:
            return count
        for complaint in batch:
            complaint_anonymise(complaint=complaint, actor=actor)
        count += len(batch)


@transaction.atomic
def complaint_anonymise(*, complaint: Complaint, actor=None) -> Complaint:
    """Erase the citizen's contact data, exact location and files; keep the statistics."""
    complaint = Complaint.objects.for_update().get(pk=complaint.pk)
    if complaint.anonymised_at is not None:
        return complaint
    attachments = list(complaint.attachments.all())
    for name in Complaint.PERSONAL_FIELDS:
        field = Complaint._meta.get_field(name)
        setattr(complaint, name, None if field.null else "")
    complaint.tracking_secret_hash = ""
    complaint.anonymised_at = timezone.now()
    free_text = []
    if not complaint.is_published:
        complaint.subject = complaint.description = SCRUBBED
        free_text = ["subject", "description"]
    complaint.save(
        update_fields=[
            *Complaint.PERSONAL_FIELDS,
            *free_text,
            "tracking_secret_hash",
            "anonymised_at",
        ]
    )
    complaint.timeline.filter(kind=TimelineKind.CITIZEN_MESSAGE).update(text=SCRUBBED)
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint), object_id=str(complaint.pk)
    ).update(object_repr=str(complaint)[:200])
    complaint.attachments.all().delete()
    audit_log(
        actor=actor,
        action="complaints.complaint.anonymised",
        obj=complaint,
        data={"attachments_deleted": len(attachments)},
    )
    transaction.on_commit(lambda: delete_files(attachments))
    return complaint
