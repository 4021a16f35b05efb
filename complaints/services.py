"""Writes of the complaints service: every change of a complaint goes through here.

Each service opens one transaction, writes the timeline and the audit log in
it, and queues email to the citizen for after the commit. Status changes go
only through `complaint_transition`, which follows `TRANSITIONS`. The caller
(a view or the admin) checks that the actor may act on the complaint's
department (`selectors.complaints_for_staff`).
"""

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.answers import clean_answers
from complaints.models import (
    OPEN_STATUSES,
    Attachment,
    Category,
    Complaint,
    Kind,
    ProtocolCounter,
    Satisfaction,
    Source,
    Status,
    TimelineEntry,
    TimelineKind,
)
from complaints.text import public_area_from_address
from portal.models import Department
from portal.municipality import municipality
from portal.services import audit_log
from portal.tasks import send_email_on_commit
from portal.uploads import CheckedFile

MAX_ATTACHMENTS = 3

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SUBMITTED: frozenset(
        {Status.ACCEPTED, Status.FORWARDED, Status.REJECTED, Status.DUPLICATE}
    ),
    Status.ACCEPTED: frozenset(
        {
            Status.FORWARDED,
            Status.IN_PROGRESS,
            Status.AWAITING_CITIZEN,
            Status.RESOLVED,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.FORWARDED: frozenset(
        {
            Status.ACCEPTED,
            Status.FORWARDED,
            Status.IN_PROGRESS,
            Status.AWAITING_CITIZEN,
            Status.RESOLVED,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.IN_PROGRESS: frozenset(
        {
            Status.FORWARDED,
            Status.AWAITING_CITIZEN,
            Status.RESOLVED,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.AWAITING_CITIZEN: frozenset(
        {Status.IN_PROGRESS, Status.FORWARDED, Status.RESOLVED, Status.REJECTED, Status.CLOSED}
    ),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.REJECTED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.DUPLICATE: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
}

REOPENABLE = frozenset({Status.RESOLVED, Status.REJECTED, Status.DUPLICATE, Status.CLOSED})
# The municipality's final answer to the citizen; the legal deadline is met by one of these.
ANSWERS = frozenset({Status.RESOLVED, Status.REJECTED})


class ComplaintError(Exception):
    """A refused action on a complaint, with a Greek message for the person who tried it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidTransition(ComplaintError):
    """The status map does not allow this move."""


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def deadline_for(complaint: Complaint) -> "timezone.datetime.date":
    """Return the legal deadline: submission day + category days + days spent awaiting."""
    submitted = timezone.localdate(complaint.submitted_at)
    days = complaint.category.effective_response_days + complaint.paused_days
    return submitted + timedelta(days=days)


# --- submission -------------------------------------------------------------------------------


def complaint_submit(
    *,
    kind: str,
    category: Category,
    subject: str,
    description: str,
    address: str,
    citizen_name: str,
    citizen_email: str,
    citizen_phone: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    answers: dict[str, Any] | None = None,
    attachments: Sequence[CheckedFile] = (),
    source: str = Source.WEB,
    actor=None,
    submission_key=None,
) -> tuple[Complaint, str]:
    """Register a complaint and give it the next protocol number of the year.

    Return the complaint and the plain tracking secret (stored only hashed).
    A repeated `submission_key` (a double click, a refresh) returns the first
    complaint and an empty secret instead of registering a second one.
    Raise ValidationError for answers that do not fit the category's questions.
    """
    if submission_key is not None:
        existing = Complaint.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, ""
    _check_submission(
        subject=subject,
        description=description,
        address=address,
        citizen_name=citizen_name,
        citizen_email=citizen_email,
        citizen_phone=citizen_phone,
    )
    if kind not in Kind.values:
        raise ValidationError(_("Άγνωστο είδος αιτήματος."), code="kind")
    if source not in Source.values:
        raise ValidationError(_("Άγνωστη προέλευση αιτήματος."), code="source")
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Μπορείτε να επισυνάψετε έως %(count)d αρχεία."),
            params={"count": MAX_ATTACHMENTS},
            code="attachments",
        )
    clean = clean_answers(category, answers or {})
    secret = secrets.token_urlsafe(32)
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            complaint = _insert_complaint(
                kind=kind,
                category=category,
                subject=subject,
                description=description,
                address=address,
                citizen_name=citizen_name,
                citizen_email=citizen_email,
                citizen_phone=citizen_phone,
                latitude=latitude,
                longitude=longitude,
                answers=clean,
                source=source,
                secret=secret,
                submission_key=submission_key,
            )
            _timeline(
                complaint,
                TimelineKind.SUBMITTED,
                actor=actor,
                is_public=True,
                to_status=Status.SUBMITTED,
                department=complaint.department,
            )
            stored.extend(_store_attachment(complaint, checked) for checked in attachments)
            # Last, so the counter row stays locked for as short a time as possible.
            _assign_protocol_number(complaint)
            audit_log(
                actor=actor,
                action="complaints.complaint.submitted",
                obj=complaint,
                data={"source": source, "category": category.code},
            )
            _email_receipt(complaint, secret)
    except IntegrityError:
        _delete_files(stored)
        existing = (
            Complaint.objects.filter(submission_key=submission_key).first()
            if submission_key is not None
            else None
        )
        if existing is None:
            raise
        return existing, ""
    except BaseException:
        # A rolled-back submission must not leave a citizen's files behind on disk.
        _delete_files(stored)
        raise
    return complaint, secret


def _check_submission(**values: str) -> None:
    """Refuse text the database would refuse, with a Greek message, whoever the caller."""
    errors = {}
    for name, value in values.items():
        model_field = Complaint._meta.get_field(name)
        value = value or ""
        if len(value) > model_field.max_length:
            errors[name] = ValidationError(
                _("Το πεδίο «%(field)s» δέχεται έως %(limit)d χαρακτήρες."),
                params={"field": model_field.verbose_name, "limit": model_field.max_length},
                code="max_length",
            )
    for name in ("subject", "description"):
        if not (values[name] or "").strip():
            errors[name] = ValidationError(
                _("Το πεδίο «%(field)s» είναι υποχρεωτικό."),
                params={"field": Complaint._meta.get_field(name).verbose_name},
                code="required",
            )
    if values["citizen_email"]:
        try:
            validate_email(values["citizen_email"])
        except ValidationError:
            errors["citizen_email"] = ValidationError(
                _("Η διεύθυνση email δεν είναι έγκυρη."), code="email"
            )
    if errors:
        raise ValidationError(errors)


def _insert_complaint(*, category: Category, address: str, secret: str, **fields) -> Complaint:
    complaint = Complaint(
        category=category,
        department=category.department,
        address=address.strip(),
        public_area=public_area_from_address(address),
        tracking_secret_hash=hash_secret(secret),
        submitted_at=timezone.now(),
        **fields,
    )
    complaint.deadline = deadline_for(complaint)
    complaint.refresh_search_document()
    complaint.save()
    return complaint


def _assign_protocol_number(complaint: Complaint) -> None:
    """Take the year's next number; the row lock holds until commit, so there are no gaps.

    The upsert locks the year's counter row exactly like `select_for_update`
    and also creates it race-free on the year's first submission. A rollback
    undoes the increment with everything else; the unique constraint on
    `protocol_number` is the last line of defence.
    """
    year = timezone.localdate(complaint.submitted_at).year
    table = ProtocolCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '10s'")
        cursor.execute(
            f"""
            INSERT INTO {table} (year, last_number) VALUES (%s, 1)
            ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1
            RETURNING last_number
            """,  # noqa: S608 - the table name is ours, the value is a parameter
            [year],
        )
        number = cursor.fetchone()[0]
    complaint.protocol_number = f"{year}-{number:06d}"
    complaint.refresh_search_document()
    complaint.save(update_fields=["protocol_number", "search_document"])


def _store_attachment(
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


def _delete_files(attachments: Sequence[Attachment]) -> None:
    for attachment in attachments:
        attachment.file.delete(save=False)


# --- shared steps -----------------------------------------------------------------------------


def _lock(complaint: Complaint) -> Complaint:
    """Reload the complaint with its row locked, so concurrent staff actions queue up."""
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("category", "department")
        .get(pk=complaint.pk)
    )


def _timeline(
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


def _required_text(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ComplaintError(message)
    return text


def _citizen_addresses(complaint: Complaint) -> list[str]:
    """The citizen's email and those of complaints merged into this one as duplicates."""
    addresses = [complaint.citizen_email]
    addresses += complaint.duplicates.exclude(citizen_email="").values_list(
        "citizen_email", flat=True
    )
    return sorted({address for address in addresses if address})


def _site_url(path: str) -> str:
    from django.conf import settings

    return f"{settings.SITE_URL}{path}"


def _email_receipt(complaint: Complaint, secret: str) -> None:
    from django.urls import reverse

    context = {
        "municipality": municipality(),
        "complaint": complaint,
        "tracking_url": _site_url(
            reverse(
                "complaints:track_link",
                kwargs={"protocol": complaint.protocol_number, "secret": secret},
            )
        ),
    }
    send_email_on_commit(
        subject=_("Αριθμός πρωτοκόλλου %(number)s — %(municipality)s")
        % {"number": complaint.protocol_number, "municipality": municipality().name},
        body=render_to_string("complaints/email/receipt.txt", context),
        html=render_to_string("complaints/email/receipt.html", context),
        to=[complaint.citizen_email],
    )


def _email_update(complaint: Complaint, *, headline: str, message: str = "") -> None:
    from django.urls import reverse

    context = {
        "municipality": municipality(),
        "complaint": complaint,
        "headline": headline,
        "message": message,
        "tracking_url": _site_url(reverse("complaints:track")),
    }
    send_email_on_commit(
        subject=_("Το αίτημα %(number)s: %(headline)s")
        % {"number": complaint.protocol_number, "headline": headline},
        body=render_to_string("complaints/email/update.txt", context),
        html=render_to_string("complaints/email/update.html", context),
        to=_citizen_addresses(complaint),
    )


# --- the status workflow ----------------------------------------------------------------------


def complaint_transition(
    *,
    complaint: Complaint,
    to_status: str,
    actor,
    text: str = "",
    is_public: bool = True,
    kind: str = TimelineKind.STATUS_CHANGED,
    department: Department | None = None,
) -> Complaint:
    """Move a complaint to another status, the only way a status changes.

    Raise InvalidTransition when `TRANSITIONS` does not allow the move. Keep
    the dates in step: leaving "awaiting citizen" extends the deadline by the
    days spent waiting; resolving, rejecting, closing and reopening stamp or
    clear `resolved_at`, `answered_at` and `closed_at`.
    """
    from_status = complaint.status
    if to_status not in TRANSITIONS.get(from_status, ()):
        raise InvalidTransition(
            _("Το αίτημα %(number)s δεν μπορεί να περάσει από «%(from)s» σε «%(to)s».")
            % {
                "number": complaint.protocol_number,
                "from": Status(from_status).label,
                "to": Status(to_status).label,
            }
        )
    now = timezone.now()
    changed = ["status", "updated_at"]
    if from_status == Status.AWAITING_CITIZEN and complaint.awaiting_since is not None:
        waited = timezone.localdate(now) - timezone.localdate(complaint.awaiting_since)
        complaint.paused_days += max(waited.days, 0)
        complaint.awaiting_since = None
        complaint.deadline = deadline_for(complaint)
        changed += ["paused_days", "awaiting_since", "deadline"]
    if to_status == Status.AWAITING_CITIZEN:
        complaint.awaiting_since = now
        changed.append("awaiting_since")
    if to_status == Status.RESOLVED:
        complaint.resolved_at = now
        changed.append("resolved_at")
    if to_status in ANSWERS:
        complaint.answered_at = now
        changed.append("answered_at")
    if to_status == Status.CLOSED:
        complaint.closed_at = now
        changed.append("closed_at")
    if from_status in REOPENABLE and to_status == Status.IN_PROGRESS:
        complaint.resolved_at = None
        complaint.answered_at = None
        complaint.closed_at = None
        complaint.duplicate_of = None
        changed += ["resolved_at", "answered_at", "closed_at", "duplicate_of"]
    complaint.status = to_status
    complaint.save(update_fields=sorted(set(changed)))
    _timeline(
        complaint,
        kind,
        actor=actor,
        text=text,
        is_public=is_public,
        from_status=from_status,
        to_status=to_status,
        department=department,
        at=now,  # the same instant as the dates the change stamps
    )
    audit_log(
        actor=actor,
        action=f"complaints.complaint.{to_status}",
        obj=complaint,
        data={"from": from_status, "to": to_status},
    )
    return complaint


# --- staff actions ----------------------------------------------------------------------------


@transaction.atomic
def complaint_accept(
    *, complaint: Complaint, actor, category: Category | None = None, text: str = ""
) -> Complaint:
    """Accept a complaint for handling, optionally putting it in the right category.

    A new category changes the deadline (its response days) but not the
    department: routing elsewhere is an explicit forward.
    """
    complaint = _lock(complaint)
    if category is not None and category.pk != complaint.category_id:
        previous = complaint.category
        complaint.category = category
        complaint.deadline = deadline_for(complaint)
        complaint.refresh_search_document()
        complaint.save(update_fields=["category", "deadline", "search_document", "updated_at"])
        audit_log(
            actor=actor,
            action="complaints.complaint.recategorised",
            obj=complaint,
            data={"from": previous.code, "to": category.code},
        )
    return complaint_transition(
        complaint=complaint, to_status=Status.ACCEPTED, actor=actor, text=text.strip()
    )


@transaction.atomic
def complaint_forward(
    *, complaint: Complaint, department: Department, note: str = "", actor
) -> Complaint:
    """Route a complaint to another department; the note stays internal."""
    complaint = _lock(complaint)
    if department.pk == complaint.department_id:
        raise ComplaintError(_("Το αίτημα ανήκει ήδη στην υπηρεσία «%s».") % department.name)
    if not department.is_active:
        raise ComplaintError(_("Η υπηρεσία «%s» δεν είναι ενεργή.") % department.name)
    previous = complaint.department
    complaint.department = department
    # The new department decides who handles it.
    complaint.assigned_to = None
    complaint.save(update_fields=["department", "assigned_to", "updated_at"])
    complaint_transition(
        complaint=complaint,
        to_status=Status.FORWARDED,
        actor=actor,
        kind=TimelineKind.FORWARDED,
        department=department,
    )
    if note.strip():
        _timeline(complaint, TimelineKind.INTERNAL_NOTE, actor=actor, text=note.strip())
    audit_log(
        actor=actor,
        action="complaints.complaint.rerouted",
        obj=complaint,
        data={"from": previous.slug, "to": department.slug},
    )
    _email_update(
        complaint,
        headline=_("διαβιβάστηκε στην αρμόδια υπηρεσία"),
        message=_("Αρμόδια υπηρεσία είναι πλέον: %s.") % department.name,
    )
    return complaint


@transaction.atomic
def complaint_assign(*, complaint: Complaint, user, actor) -> Complaint:
    """Give a complaint to a staff member; an accepted or forwarded one is then in progress."""
    from portal.selectors import sees_all_departments, staff_department

    complaint = _lock(complaint)
    if not (user.is_active and user.is_staff):
        raise ComplaintError(_("Ο χρήστης «%s» δεν είναι ενεργό μέλος του προσωπικού.") % user)
    if not sees_all_departments(user) and staff_department(user) != complaint.department:
        raise ComplaintError(
            _("Ο χρήστης «%(user)s» δεν ανήκει στην υπηρεσία «%(department)s».")
            % {"user": user, "department": complaint.department.name}
        )
    complaint.assigned_to = user
    complaint.save(update_fields=["assigned_to", "updated_at"])
    _timeline(complaint, TimelineKind.ASSIGNED, actor=actor, text=user.get_full_name() or str(user))
    audit_log(
        actor=actor,
        action="complaints.complaint.assigned",
        obj=complaint,
        data={"user": user.pk},
    )
    if complaint.status in (Status.ACCEPTED, Status.FORWARDED):
        complaint_transition(complaint=complaint, to_status=Status.IN_PROGRESS, actor=actor)
    return complaint


@transaction.atomic
def complaint_reply(*, complaint: Complaint, text: str, actor) -> TimelineEntry:
    """Answer the citizen publicly; emailed to them and to the citizens of its duplicates."""
    complaint = _lock(complaint)
    text = _required_text(text, _("Γράψτε το κείμενο της απάντησης."))
    entry = _timeline(complaint, TimelineKind.PUBLIC_REPLY, actor=actor, text=text, is_public=True)
    complaint.save(update_fields=["updated_at"])
    audit_log(actor=actor, action="complaints.complaint.replied", obj=complaint)
    _email_update(complaint, headline=_("νέα απάντηση του Δήμου"), message=text)
    return entry


@transaction.atomic
def complaint_add_note(*, complaint: Complaint, text: str, actor) -> TimelineEntry:
    """Add an internal note that the citizen never sees."""
    complaint = _lock(complaint)
    text = _required_text(text, _("Γράψτε το κείμενο της σημείωσης."))
    entry = _timeline(complaint, TimelineKind.INTERNAL_NOTE, actor=actor, text=text)
    audit_log(actor=actor, action="complaints.complaint.noted", obj=complaint)
    return entry


@transaction.atomic
def complaint_request_information(*, complaint: Complaint, question: str, actor) -> Complaint:
    """Ask the citizen for information; the deadline pauses until they answer."""
    complaint = _lock(complaint)
    question = _required_text(question, _("Γράψτε τι χρειάζεστε από τον πολίτη."))
    complaint_transition(
        complaint=complaint,
        to_status=Status.AWAITING_CITIZEN,
        actor=actor,
        text=question,
        kind=TimelineKind.INFORMATION_REQUESTED,
    )
    _email_update(
        complaint,
        headline=_("χρειαζόμαστε περισσότερες πληροφορίες"),
        message=question,
    )
    return complaint


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, text: str, actor) -> Complaint:
    """Mark a complaint resolved with a public answer, and ask the citizen if it is."""
    complaint = _lock(complaint)
    text = _required_text(text, _("Γράψτε πώς επιλύθηκε το αίτημα."))
    complaint_transition(complaint=complaint, to_status=Status.RESOLVED, actor=actor, text=text)
    _email_update(complaint, headline=_("επιλύθηκε"), message=text)
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, reason: str, actor) -> Complaint:
    """Reject a complaint; the reason is required and shown to the citizen."""
    complaint = _lock(complaint)
    reason = _required_text(reason, _("Η απόρριψη χρειάζεται αιτιολογία."))
    complaint_transition(complaint=complaint, to_status=Status.REJECTED, actor=actor, text=reason)
    _email_update(complaint, headline=_("απορρίφθηκε"), message=reason)
    return complaint


@transaction.atomic
def complaint_mark_duplicate(*, complaint: Complaint, original: Complaint, actor) -> Complaint:
    """Merge a complaint into an earlier one; its citizen then hears what the original's does."""
    complaint = _lock(complaint)
    original = original.duplicate_of or original
    if original.pk == complaint.pk:
        raise ComplaintError(_("Ένα αίτημα δεν μπορεί να είναι διπλότυπο του εαυτού του."))
    complaint.duplicate_of = original
    complaint.save(update_fields=["duplicate_of", "updated_at"])
    complaint_transition(
        complaint=complaint,
        to_status=Status.DUPLICATE,
        actor=actor,
        kind=TimelineKind.DUPLICATE_MARKED,
        text=_("Εξετάζεται μαζί με το αίτημα %s.") % original.protocol_number,
    )
    # Citizens merged into this one follow the original from now on.
    complaint.duplicates.update(duplicate_of=original)
    _email_update(
        complaint,
        headline=_("εξετάζεται μαζί με όμοιο αίτημα"),
        message=_(
            "Το ίδιο θέμα έχει ήδη αναφερθεί με αριθμό %s· θα λαμβάνετε τις ενημερώσεις εκείνου."
        )
        % original.protocol_number,
    )
    return complaint


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, reason: str, actor) -> Complaint:
    """Reopen a finished complaint for another look (reason required)."""
    complaint = _lock(complaint)
    reason = _required_text(reason, _("Γράψτε γιατί ανοίγει ξανά το αίτημα."))
    if complaint.status not in REOPENABLE:
        raise InvalidTransition(
            _("Μόνο ολοκληρωμένα αιτήματα ανοίγουν ξανά· το %(number)s είναι «%(status)s».")
            % {"number": complaint.protocol_number, "status": complaint.get_status_display()}
        )
    return complaint_transition(
        complaint=complaint, to_status=Status.IN_PROGRESS, actor=actor, text=reason
    )


@transaction.atomic
def complaint_close(*, complaint: Complaint, actor, text: str = "") -> Complaint:
    """Close a finished complaint (or one whose citizen never answered)."""
    complaint = _lock(complaint)
    return complaint_transition(
        complaint=complaint, to_status=Status.CLOSED, actor=actor, text=text.strip()
    )


@transaction.atomic
def complaint_publish(
    *, complaint: Complaint, public_summary: str, public_area: str, actor
) -> Complaint:
    """Show a complaint in the public register under a summary and area staff approved.

    The area starts as a suggestion taken from the citizen's address; it is public
    only as the staff member publishing confirms or corrects it (blank for none).
    """
    complaint = _lock(complaint)
    public_summary = _required_text(
        public_summary, _("Η δημοσίευση χρειάζεται δημόσια περίληψη χωρίς προσωπικά στοιχεία.")
    )
    complaint.public_summary = public_summary
    complaint.public_area = public_area.strip()
    complaint.is_published = True
    complaint.refresh_search_document()
    complaint.save(
        update_fields=[
            "public_summary",
            "public_area",
            "is_published",
            "search_document",
            "updated_at",
        ]
    )
    _timeline(complaint, TimelineKind.PUBLISHED, actor=actor)
    audit_log(actor=actor, action="complaints.complaint.published", obj=complaint)
    return complaint


@transaction.atomic
def complaint_unpublish(*, complaint: Complaint, actor) -> Complaint:
    """Take a complaint out of the public register."""
    complaint = _lock(complaint)
    complaint.is_published = False
    complaint.save(update_fields=["is_published", "updated_at"])
    audit_log(actor=actor, action="complaints.complaint.unpublished", obj=complaint)
    return complaint


@transaction.atomic
def complaint_anonymise(*, complaint: Complaint, actor=None) -> Complaint:
    """Erase the citizen's contact data, exact location and files; keep the statistics."""
    complaint = _lock(complaint)
    if complaint.anonymised_at is not None:
        return complaint
    attachments = list(complaint.attachments.all())
    complaint.citizen_name = ""
    complaint.citizen_email = ""
    complaint.citizen_phone = ""
    complaint.address = ""
    complaint.latitude = None
    complaint.longitude = None
    complaint.tracking_secret_hash = ""
    complaint.anonymised_at = timezone.now()
    complaint.save(
        update_fields=[
            "citizen_name",
            "citizen_email",
            "citizen_phone",
            "address",
            "latitude",
            "longitude",
            "tracking_secret_hash",
            "anonymised_at",
        ]
    )
    complaint.attachments.all().delete()
    audit_log(
        actor=actor,
        action="complaints.complaint.anonymised",
        obj=complaint,
        data={"attachments_deleted": len(attachments)},
    )
    transaction.on_commit(lambda: _delete_files(attachments))
    return complaint


# --- citizen actions (from the private tracking page) -----------------------------------------


def accepts_citizen_messages(complaint: Complaint) -> bool:
    """Tell whether the citizen may still add information to the complaint."""
    return complaint.status in OPEN_STATUSES | {Status.AWAITING_CITIZEN}


def asks_satisfaction(complaint: Complaint) -> bool:
    """Tell whether the citizen may now say whether the resolution satisfied them."""
    return complaint.status == Status.RESOLVED and complaint.satisfaction != Satisfaction.SATISFIED


@transaction.atomic
def complaint_add_citizen_message(
    *, complaint: Complaint, text: str, attachments: Sequence[CheckedFile] = ()
) -> TimelineEntry:
    """Add the citizen's information; a complaint awaiting them goes back to the department."""
    complaint = _lock(complaint)
    if not accepts_citizen_messages(complaint):
        raise ComplaintError(
            _("Το αίτημα είναι «%s» και δεν δέχεται νέα στοιχεία.") % complaint.get_status_display()
        )
    text = _required_text(text, _("Γράψτε το μήνυμά σας."))
    if len(attachments) > MAX_ATTACHMENTS:
        raise ComplaintError(_("Μπορείτε να επισυνάψετε έως %d αρχεία.") % MAX_ATTACHMENTS)
    entry = _timeline(complaint, TimelineKind.CITIZEN_MESSAGE, text=text, is_public=True)
    stored: list[Attachment] = []
    try:
        stored.extend(_store_attachment(complaint, checked, entry) for checked in attachments)
    except BaseException:
        _delete_files(stored)
        raise
    if complaint.status == Status.AWAITING_CITIZEN:
        complaint_transition(complaint=complaint, to_status=Status.IN_PROGRESS, actor=None)
    else:
        complaint.save(update_fields=["updated_at"])
    audit_log(
        actor=None,
        action="complaints.complaint.citizen_message",
        obj=complaint,
        data={"attachments": len(stored)},
    )
    return entry


@transaction.atomic
def complaint_record_satisfaction(*, complaint: Complaint, satisfied: bool) -> Complaint:
    """Record the citizen's verdict on a resolution.

    "Satisfied" closes the complaint; "not satisfied" reopens it for review.
    """
    complaint = _lock(complaint)
    if complaint.satisfaction == Satisfaction.SATISFIED:
        raise ComplaintError(_("Έχετε ήδη αξιολογήσει την επίλυση."))
    if not asks_satisfaction(complaint):
        raise ComplaintError(_("Η αξιολόγηση γίνεται μόνο αφού επιλυθεί το αίτημα."))
    verdict = Satisfaction.SATISFIED if satisfied else Satisfaction.NOT_SATISFIED
    complaint.satisfaction = verdict
    complaint.save(update_fields=["satisfaction", "updated_at"])
    _timeline(complaint, TimelineKind.SATISFACTION, text=verdict.label, is_public=True)
    audit_log(
        actor=None,
        action="complaints.complaint.satisfaction",
        obj=complaint,
        data={"satisfied": satisfied},
    )
    if satisfied:
        complaint_transition(
            complaint=complaint,
            to_status=Status.CLOSED,
            actor=None,
            text=_("Ο πολίτης επιβεβαίωσε την επίλυση· το αίτημα έκλεισε."),
        )
    else:
        complaint_transition(
            complaint=complaint,
            to_status=Status.IN_PROGRESS,
            actor=None,
            text=_("Ο πολίτης δήλωσε ότι δεν επιλύθηκε· το αίτημα ανοίγει ξανά για έλεγχο."),
        )
    return complaint
