"""Shared steps of the complaints writes: refusals, deadline, lock, timeline, files.

Used by `complaints.services` and `complaints.submission`; callers outside the
app import these names from `complaints.services`.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from complaints.models import Attachment, Complaint, TimelineEntry, TimelineKind
from portal.alerting import public_change_on_commit
from portal.errors import DomainError
from portal.models import Department
from portal.uploads import CheckedFile

MAX_ATTACHMENTS = 3


class ComplaintError(DomainError):
    """A refused action on a complaint, with a Greek message for the person who tried it."""


class InvalidTransition(ComplaintError):
    """The status map does not allow this move."""


def deadline_for(complaint: Complaint) -> date:
    """Return the legal deadline: submission day + category days + days spent awaiting."""
    submitted = timezone.localdate(complaint.submitted_at)
    days = complaint.category.effective_response_days + complaint.paused_days
    return submitted + timedelta(days=days)


def lock(complaint: Complaint) -> Complaint:
    """Reload the complaint with its row locked, so concurrent staff actions queue up."""
    return Complaint.objects.for_update().get(pk=complaint.pk)


def timeline(
    complaint: Complaint,
    kind: str,
    *,
    actor=None,
    text: str = "",
    is_public: bool = False,
    from_status: str = "",
    to_status: str = "",
    department: Department | None = None,
    at: datetime | None = None,
) -> TimelineEntry:
    if complaint.is_published and (is_public or kind == TimelineKind.PUBLISHED):
        public_change_on_commit()  # immediate alerts of the register's subscribers
    return TimelineEntry.objects.create(
        created_at=at or timezone.now(),
        complaint=complaint,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        text=text,
        is_public=is_public,
        from_status=from_status,
        to_status=to_status,
        department=department,
    )


def required_text(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ComplaintError(message)
    return text


def store_attachment(
    complaint: Complaint, checked: CheckedFile, entry: TimelineEntry | None = None
) -> Attachment:
    attachment = Attachment(
        complaint=complaint,
        original_name=checked.name,
        media_type=checked.media_type,
        size=checked.size,
        timeline_entry=entry,
    )
    attachment.file.save(checked.name, checked.content, save=False)
    attachment.save()
    return attachment
