"""Writes of the complaints service: every change of a complaint goes through here.

Each service opens one transaction, writes the timeline and the audit log in
it, and queues email to the citizen for after the commit. Status changes go
only through `complaint_transition`, which follows `Complaint.TRANSITIONS`. The caller
(a view or the admin) checks that the actor may act on the complaint's
department (`selectors.complaints_for_staff`). Submission lives in
`complaints.submission`, shared steps in `complaints.steps`, anonymisation in
`complaints.retention`, email in `complaints.emails`; the names other modules
need are re-exported here.
"""

from collections.abc import Sequence

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import emails
from complaints.models import (
    ANSWERS,
    OPEN_STATUSES,
    REOPENABLE,
    Attachment,
    Category,
    Complaint,
    Satisfaction,
    Status,
    TimelineEntry,
    TimelineKind,
)
from complaints.steps import MAX_ATTACHMENTS as MAX_ATTACHMENTS
from complaints.steps import ComplaintError as ComplaintError
from complaints.steps import InvalidTransition as InvalidTransition
from complaints.steps import deadline_for as deadline_for
from complaints.steps import lock, required_text, store_attachment, timeline
from complaints.storage import delete_files
from complaints.submission import complaint_submit as complaint_submit
from portal.models import Department
from portal.services import audit_log
from portal.types import Actor
from portal.uploads import CheckedFile

# --- the status workflow ----------------------------------------------------------------------


def complaint_transition(
    *,
    complaint: Complaint,
    to_status: str,
    actor: Actor | None,
    text: str = "",
    is_public: bool = True,
    kind: str = TimelineKind.STATUS_CHANGED,
    department: Department | None = None,
) -> Complaint:
    """Move a complaint to another status, the only way a status changes.

    Raise InvalidTransition when `Complaint.TRANSITIONS` does not allow the move. Keep
    the dates in step: leaving "awaiting citizen" extends the deadline by the
    days spent waiting; resolving, rejecting, closing and reopening stamp or
    clear `resolved_at`, `answered_at` and `closed_at`.
    """
    from_status = complaint.status
    if not complaint.can_move_to(to_status):
        raise InvalidTransition(
            _(
                "Η κατάσταση του αιτήματος %(number)s δεν μπορεί να αλλάξει από «%(from)s» "
                "σε «%(to)s»."
            )
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
    timeline(
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
    *, complaint: Complaint, actor: Actor, category: Category | None = None, text: str = ""
) -> Complaint:
    """Accept a complaint for handling, optionally putting it in the right category.

    A new category changes the deadline (its response days) but not the
    department: routing elsewhere is an explicit forward.
    """
    complaint = lock(complaint)
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
    *, complaint: Complaint, department: Department, note: str = "", actor: Actor
) -> Complaint:
    """Route a complaint to another department; the note stays internal."""
    complaint = lock(complaint)
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
        timeline(complaint, TimelineKind.INTERNAL_NOTE, actor=actor, text=note.strip())
    audit_log(
        actor=actor,
        action="complaints.complaint.rerouted",
        obj=complaint,
        data={"from": previous.slug, "to": department.slug},
    )
    emails.send_update(
        complaint,
        headline=_("διαβιβάστηκε στην αρμόδια υπηρεσία"),
        message=_("Αρμόδια υπηρεσία είναι πλέον: %s.") % department.name,
    )
    return complaint


@transaction.atomic
def complaint_assign(*, complaint: Complaint, user: Actor, actor: Actor) -> Complaint:
    """Give a complaint to a staff member; an accepted or forwarded one is then in progress."""
    from portal.selectors import sees_all_departments, staff_department

    complaint = lock(complaint)
    if not (user.is_active and user.is_staff):
        raise ComplaintError(_("Ο χρήστης «%s» δεν είναι ενεργό μέλος του προσωπικού.") % user)
    if not sees_all_departments(user) and staff_department(user) != complaint.department:
        raise ComplaintError(
            _("Ο χρήστης «%(user)s» δεν ανήκει στην υπηρεσία «%(department)s».")
            % {"user": user, "department": complaint.department.name}
        )
    complaint.assigned_to = user
    complaint.save(update_fields=["assigned_to", "updated_at"])
    timeline(complaint, TimelineKind.ASSIGNED, actor=actor, text=user.get_full_name() or str(user))
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
def complaint_reply(*, complaint: Complaint, text: str, actor: Actor) -> TimelineEntry:
    """Answer the citizen publicly; emailed to them and to the citizens of its duplicates."""
    complaint = lock(complaint)
    text = required_text(text, _("Συμπληρώστε το κείμενο της απάντησης."))
    entry = timeline(complaint, TimelineKind.PUBLIC_REPLY, actor=actor, text=text, is_public=True)
    complaint.save(update_fields=["updated_at"])
    audit_log(actor=actor, action="complaints.complaint.replied", obj=complaint)
    emails.send_update(complaint, headline=_("νέα απάντηση του Δήμου"), message=text)
    return entry


@transaction.atomic
def complaint_add_note(*, complaint: Complaint, text: str, actor: Actor) -> TimelineEntry:
    """Add an internal note that the citizen never sees."""
    complaint = lock(complaint)
    text = required_text(text, _("Συμπληρώστε το κείμενο της σημείωσης."))
    entry = timeline(complaint, TimelineKind.INTERNAL_NOTE, actor=actor, text=text)
    audit_log(actor=actor, action="complaints.complaint.noted", obj=complaint)
    return entry


@transaction.atomic
def complaint_request_information(
    *, complaint: Complaint, question: str, actor: Actor
) -> Complaint:
    """Ask the citizen for information; the deadline pauses until they answer."""
    complaint = lock(complaint)
    question = required_text(question, _("Συμπληρώστε τι χρειάζεστε από τον πολίτη."))
    complaint_transition(
        complaint=complaint,
        to_status=Status.AWAITING_CITIZEN,
        actor=actor,
        text=question,
        kind=TimelineKind.INFORMATION_REQUESTED,
    )
    emails.send_update(
        complaint,
        headline=_("χρειαζόμαστε περισσότερες πληροφορίες"),
        message=question,
    )
    return complaint


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, text: str, actor: Actor) -> Complaint:
    """Mark a complaint resolved with a public answer, and ask the citizen if it is."""
    complaint = lock(complaint)
    text = required_text(text, _("Συμπληρώστε πώς επιλύθηκε το αίτημα."))
    complaint_transition(complaint=complaint, to_status=Status.RESOLVED, actor=actor, text=text)
    emails.send_update(complaint, headline=_("επιλύθηκε"), message=text)
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, reason: str, actor: Actor) -> Complaint:
    """Reject a complaint; the reason is required and shown to the citizen."""
    complaint = lock(complaint)
    reason = required_text(reason, _("Η απόρριψη χρειάζεται αιτιολογία."))
    complaint_transition(complaint=complaint, to_status=Status.REJECTED, actor=actor, text=reason)
    emails.send_update(complaint, headline=_("απορρίφθηκε"), message=reason)
    return complaint


@transaction.atomic
def complaint_mark_duplicate(
    *, complaint: Complaint, original: Complaint, actor: Actor
) -> Complaint:
    """Merge a complaint into an earlier one; its citizen then hears what the original's does."""
    complaint = lock(complaint)
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
    emails.send_update(
        complaint,
        headline=_("εξετάζεται μαζί με όμοιο αίτημα"),
        message=_(
            "Το ίδιο θέμα έχει ήδη αναφερθεί με αριθμό %s· θα λαμβάνετε τις ενημερώσεις εκείνου."
        )
        % original.protocol_number,
    )
    return complaint


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, reason: str, actor: Actor) -> Complaint:
    """Reopen a finished complaint for another look (reason required)."""
    complaint = lock(complaint)
    reason = required_text(reason, _("Συμπληρώστε γιατί ανοίγει ξανά το αίτημα."))
    if complaint.status not in REOPENABLE:
        raise InvalidTransition(
            _(
                "Μόνο ολοκληρωμένα αιτήματα ανοίγουν ξανά· η κατάσταση του αιτήματος "
                "%(number)s είναι «%(status)s»."
            )
            % {"number": complaint.protocol_number, "status": complaint.get_status_display()}
        )
    return complaint_transition(
        complaint=complaint, to_status=Status.IN_PROGRESS, actor=actor, text=reason
    )


@transaction.atomic
def complaint_close(*, complaint: Complaint, actor: Actor, text: str = "") -> Complaint:
    """Close a finished complaint (or one whose citizen never answered)."""
    complaint = lock(complaint)
    return complaint_transition(
        complaint=complaint, to_status=Status.CLOSED, actor=actor, text=text.strip()
    )


@transaction.atomic
def complaint_publish(
    *, complaint: Complaint, public_summary: str, public_area: str, actor: Actor
) -> Complaint:
    """Show a complaint in the public register under a summary and area staff approved.

    The area starts as a suggestion taken from the citizen's address; it is public
    only as the staff member publishing confirms or corrects it (blank for none).
    """
    complaint = lock(complaint)
    public_summary = required_text(
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
    timeline(complaint, TimelineKind.PUBLISHED, actor=actor)
    audit_log(actor=actor, action="complaints.complaint.published", obj=complaint)
    return complaint


@transaction.atomic
def complaint_unpublish(*, complaint: Complaint, actor: Actor) -> Complaint:
    """Take a complaint out of the public register."""
    complaint = lock(complaint)
    complaint.is_published = False
    complaint.save(update_fields=["is_published", "updated_at"])
    audit_log(actor=actor, action="complaints.complaint.unpublished", obj=complaint)
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
    complaint = lock(complaint)
    if not accepts_citizen_messages(complaint):
        raise ComplaintError(
            _(
                "Η κατάσταση του αιτήματος είναι «%s», οπότε δεν μπορείτε να προσθέσετε "
                "νέα στοιχεία."
            )
            % complaint.get_status_display()
        )
    text = required_text(text, _("Συμπληρώστε το μήνυμά σας."))
    if len(attachments) > MAX_ATTACHMENTS:
        raise ComplaintError(_("Μπορείτε να επισυνάψετε έως %d αρχεία.") % MAX_ATTACHMENTS)
    entry = timeline(complaint, TimelineKind.CITIZEN_MESSAGE, text=text, is_public=True)
    stored: list[Attachment] = []
    try:
        stored.extend(store_attachment(complaint, checked, entry) for checked in attachments)
    except BaseException:
        delete_files(stored)
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
    complaint = lock(complaint)
    if complaint.satisfaction == Satisfaction.SATISFIED:
        raise ComplaintError(_("Έχετε ήδη αξιολογήσει την επίλυση."))
    if not asks_satisfaction(complaint):
        raise ComplaintError(_("Η αξιολόγηση γίνεται μόνο αφού επιλυθεί το αίτημα."))
    verdict = Satisfaction.SATISFIED if satisfied else Satisfaction.NOT_SATISFIED
    complaint.satisfaction = verdict
    complaint.save(update_fields=["satisfaction", "updated_at"])
    timeline(complaint, TimelineKind.SATISFACTION, text=str(verdict.label), is_public=True)
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


# --- the citizen's account --------------------------------------------------------------------


def complaint_claim(*, complaint: Complaint, citizen) -> bool:
    """Attach a complaint no account holds yet to `citizen` (its tracking link was opened
    while signed in); True when it was attached."""
    with transaction.atomic():
        attached = Complaint.objects.filter(
            pk=complaint.pk, citizen__isnull=True, anonymised_at__isnull=True
        ).update(citizen=citizen)
        if attached:
            complaint.citizen = citizen
            audit_log(
                actor=None,
                action="complaints.complaint.claimed",
                obj=complaint,
                data={"citizen": citizen.pk, "by": "tracking_link"},
            )
    return bool(attached)


def complaints_claim_by_email(*, citizen, email: str) -> int:
    """Attach the complaints filed with this address, now confirmed by `citizen`, that no
    account holds yet; return how many."""
    with transaction.atomic():
        claimed = list(
            Complaint.objects.alias(email_lower=Lower("citizen_email"))
            .filter(email_lower=email.strip().lower(), citizen__isnull=True)
            .filter(anonymised_at__isnull=True)
            .values_list("pk", flat=True)
        )
        if claimed:
            Complaint.objects.filter(pk__in=claimed).update(citizen=citizen)
            audit_log(
                actor=None,
                action="complaints.complaint.claimed",
                obj=citizen,
                data={"complaints": claimed, "by": "confirmed_email"},
            )
    return len(claimed)
