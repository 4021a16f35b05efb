"""What the complaints app holds on one citizen, for the data-protection tool."""

from complaints.models import Attachment, Complaint, TimelineEntry, TimelineKind
from complaints.retention import complaint_anonymise
from portal.personal_data import Found, PersonalDataProvider, Subject, matching


def _complaints(subject: Subject):
    return matching(
        Complaint.objects.all(),
        subject,
        email="citizen_email",
        phone="citizen_phone",
        citizen="citizen",
    ).filter(anonymised_at__isnull=True)


def find(subject: Subject) -> Found:
    found = Found(label="complaints")
    complaints = list(_complaints(subject).order_by("submitted_at"))
    messages = TimelineEntry.objects.filter(
        complaint__in=complaints, kind=TimelineKind.CITIZEN_MESSAGE
    ).order_by("created_at")
    by_complaint: dict[int, list] = {}
    for entry in messages:
        by_complaint.setdefault(entry.complaint_id, []).append(
            {"created_at": entry.created_at, "text": entry.text}
        )
    attachments = Attachment.objects.filter(complaint__in=complaints).order_by("pk")
    files: dict[int, list] = {}
    for attachment in attachments:
        name = f"{attachment.complaint.protocol_number}/{attachment.pk}-{attachment.original_name}"
        files.setdefault(attachment.complaint_id, []).append(name)
        found.files.append((name, attachment.file.open))
    for complaint in complaints:
        found.records.append(
            {
                "protocol_number": complaint.protocol_number,
                "submitted_at": complaint.submitted_at,
                "status": complaint.status,
                "subject": complaint.subject,
                "description": complaint.description,
                "address": complaint.address,
                "citizen_name": complaint.citizen_name,
                "citizen_email": complaint.citizen_email,
                "citizen_phone": complaint.citizen_phone,
                "messages": by_complaint.get(complaint.pk, []),
                "attachments": files.get(complaint.pk, []),
            }
        )
    return found


def erase(subject: Subject, *, actor) -> int:
    complaints = list(_complaints(subject))
    for complaint in complaints:
        complaint_anonymise(complaint=complaint, actor=actor)
    return len(complaints)


provider = PersonalDataProvider(find=find, erase=erase)
