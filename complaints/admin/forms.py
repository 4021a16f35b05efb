"""Forms of the staff back office: one small form per action, each calling one service."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import services
from complaints.forms import question_field
from complaints.models import (
    REOPENABLE,
    Category,
    Complaint,
    Kind,
    Source,
    Status,
)
from complaints.reports import Semester
from complaints.selectors import complaints_for_staff
from portal.forms import clean_phone
from portal.models import Department
from portal.selectors import sees_all_departments, staff_department
from portal.types import Actor, StrOrPromise

TEXT_LIMIT = 5000
STAFF_SOURCES = [
    (Source.PHONE.value, Source.PHONE.label),
    (Source.WALK_IN.value, Source.WALK_IN.label),
    (Source.EMAIL.value, Source.EMAIL.label),
]


def _text_field(label, *, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
    )


class ActionForm(forms.Form):
    """Base of the per-ticket action forms.

    `complaint` is the ticket acted on (None in a bulk action, where the form
    applies to each selected ticket); `user` is the staff member acting.
    Each subclass defines `perform(*, complaint, actor)`, which calls one service.
    """

    def __init__(self, *args, user: Actor, complaint: Complaint | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.complaint = complaint


class AcceptForm(ActionForm):
    category = forms.ModelChoiceField(
        label=_("Κατηγορία"),
        queryset=Category.objects.filter(is_active=True).order_by("group", "position", "name"),
        required=False,
        empty_label=_("— χωρίς αλλαγή —"),
        help_text=_("Αλλάξτε την κατηγορία αν ο πολίτης επέλεξε λάθος."),
    )
    text = _text_field(_("Μήνυμα προς τον πολίτη (προαιρετικό)"), required=False)

    def perform(self, *, complaint, actor: Actor):
        services.complaint_accept(
            complaint=complaint,
            actor=actor,
            category=self.cleaned_data["category"],
            text=self.cleaned_data["text"],
        )


class ForwardForm(ActionForm):
    department = forms.ModelChoiceField(
        label=_("Υπηρεσία"), queryset=Department.objects.filter(is_active=True)
    )
    note = _text_field(_("Εσωτερική σημείωση (προαιρετική)"), required=False)

    def perform(self, *, complaint, actor: Actor):
        services.complaint_forward(
            complaint=complaint,
            department=self.cleaned_data["department"],
            note=self.cleaned_data["note"],
            actor=actor,
        )


class AssignForm(ActionForm):
    # A form field (the assignee), not the acting `self.user` that ActionForm keeps.
    user = forms.ModelChoiceField(  # type: ignore[assignment]
        label=_("Χειριστής"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(is_active=True, is_staff=True)
        if self.complaint is not None:
            staff = staff.filter(staff_profile__department=self.complaint.department_id)
        elif not sees_all_departments(self.user):
            staff = staff.filter(staff_profile__department=staff_department(self.user))
        self.fields["user"].queryset = staff.order_by("last_name", "first_name", "username")
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username

    def perform(self, *, complaint, actor: Actor):
        services.complaint_assign(complaint=complaint, user=self.cleaned_data["user"], actor=actor)


class ReplyForm(ActionForm):
    text = _text_field(
        _("Απάντηση"), help_text=_("Δημόσια: εμφανίζεται στον πολίτη και του αποστέλλεται.")
    )

    def perform(self, *, complaint, actor: Actor):
        services.complaint_reply(complaint=complaint, text=self.cleaned_data["text"], actor=actor)


class NoteForm(ActionForm):
    text = _text_field(_("Σημείωση"), help_text=_("Εσωτερική: ο πολίτης δεν τη βλέπει."))

    def perform(self, *, complaint, actor: Actor):
        services.complaint_add_note(
            complaint=complaint, text=self.cleaned_data["text"], actor=actor
        )


class RequestInformationForm(ActionForm):
    question = _text_field(
        _("Τι χρειάζεστε από τον πολίτη"),
        help_text=_("Η προθεσμία αναστέλλεται μέχρι να απαντήσει."),
    )

    def perform(self, *, complaint, actor: Actor):
        services.complaint_request_information(
            complaint=complaint, question=self.cleaned_data["question"], actor=actor
        )


class ResolveForm(ActionForm):
    text = _text_field(_("Πώς επιλύθηκε"), help_text=_("Δημόσιο· αποστέλλεται στον πολίτη."))

    def perform(self, *, complaint, actor: Actor):
        services.complaint_resolve(complaint=complaint, text=self.cleaned_data["text"], actor=actor)


class RejectForm(ActionForm):
    reason = _text_field(
        _("Αιτιολογία απόρριψης"), help_text=_("Υποχρεωτική· αποστέλλεται στον πολίτη.")
    )

    def perform(self, *, complaint, actor: Actor):
        services.complaint_reject(
            complaint=complaint, reason=self.cleaned_data["reason"], actor=actor
        )


class DuplicateForm(ActionForm):
    original = forms.CharField(
        label=_("Αριθμός πρωτοκόλλου του αρχικού αιτήματος"),
        max_length=11,
        help_text=_("π.χ. 2026-000123· οι πολίτες θα λαμβάνουν τις ενημερώσεις εκείνου."),
    )

    def clean_original(self) -> Complaint:
        number = self.cleaned_data["original"].strip()
        original = complaints_for_staff(self.user).filter(protocol_number=number).first()
        if original is None:
            raise ValidationError(
                _("Δεν βρέθηκε αίτημα με αριθμό %(number)s."), params={"number": number}
            )
        if self.complaint is not None and original.pk == self.complaint.pk:
            raise ValidationError(_("Ένα αίτημα δεν μπορεί να είναι διπλότυπο του εαυτού του."))
        return original

    def perform(self, *, complaint, actor: Actor):
        services.complaint_mark_duplicate(
            complaint=complaint, original=self.cleaned_data["original"], actor=actor
        )


class ReopenForm(ActionForm):
    reason = _text_field(_("Γιατί ανοίγει ξανά"))

    def perform(self, *, complaint, actor: Actor):
        services.complaint_reopen(
            complaint=complaint, reason=self.cleaned_data["reason"], actor=actor
        )


class CloseForm(ActionForm):
    text = _text_field(_("Σημείωση κλεισίματος (προαιρετική)"), required=False)

    def perform(self, *, complaint, actor: Actor):
        services.complaint_close(complaint=complaint, text=self.cleaned_data["text"], actor=actor)


class PublishForm(ActionForm):
    public_summary = forms.CharField(
        label=_("Δημόσια περίληψη"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=_("Χωρίς ονόματα, διευθύνσεις κατοικίας, τηλέφωνα ή άλλα προσωπικά στοιχεία."),
    )
    public_area = forms.CharField(
        label=_("Δημόσια περιοχή"),
        max_length=Complaint._meta.get_field("public_area").max_length,
        required=False,
        help_text=_(
            "Η οδός ή η γειτονιά, χωρίς αριθμό και χωρίς ονόματα προσώπων· "
            "προτείνεται από τη διεύθυνση του πολίτη. Κενό: δεν εμφανίζεται περιοχή."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.complaint is not None:
            self.fields["public_summary"].initial = self.complaint.public_summary
            self.fields["public_area"].initial = self.complaint.public_area

    def perform(self, *, complaint, actor: Actor):
        services.complaint_publish(
            complaint=complaint,
            public_summary=self.cleaned_data["public_summary"],
            public_area=self.cleaned_data["public_area"],
            actor=actor,
        )


class UnpublishForm(ActionForm):
    def perform(self, *, complaint, actor: Actor):
        services.complaint_unpublish(complaint=complaint, actor=actor)


def _moves_to(status: Status):
    return lambda complaint: complaint.can_move_to(status)


@dataclass(frozen=True)
class TicketAction:
    """An action staff take on a ticket: its URL name, button label and form."""

    name: str
    label: StrOrPromise
    form_class: type[ActionForm]
    available: Callable[[Complaint], bool]  # whether the button shows for this ticket
    bulk: bool = True  # offered as an action on the queue's selected tickets


TICKET_ACTIONS = {
    action.name: action
    for action in (
        TicketAction(
            "accept", _("Αποδοχή / κατηγοριοποίηση"), AcceptForm, _moves_to(Status.ACCEPTED)
        ),
        TicketAction(
            "forward",
            _("Διαβίβαση στην αρμόδια υπηρεσία"),
            ForwardForm,
            _moves_to(Status.FORWARDED),
        ),
        TicketAction("assign", _("Ανάθεση σε χειριστή"), AssignForm, lambda c: c.is_open),
        TicketAction("reply", _("Δημόσια απάντηση"), ReplyForm, lambda c: True),
        TicketAction("note", _("Εσωτερική σημείωση"), NoteForm, lambda c: True),
        TicketAction(
            "request_information",
            _("Αίτημα στοιχείων από τον πολίτη"),
            RequestInformationForm,
            _moves_to(Status.AWAITING_CITIZEN),
        ),
        TicketAction("resolve", _("Επίλυση"), ResolveForm, _moves_to(Status.RESOLVED)),
        TicketAction("reject", _("Απόρριψη"), RejectForm, _moves_to(Status.REJECTED)),
        TicketAction(
            "mark_duplicate", _("Σήμανση ως διπλότυπο"), DuplicateForm, _moves_to(Status.DUPLICATE)
        ),
        TicketAction(
            "reopen",
            _("Επανεξέταση"),
            ReopenForm,
            lambda c: c.status in REOPENABLE,
        ),
        TicketAction("close", _("Κλείσιμο"), CloseForm, _moves_to(Status.CLOSED)),
        TicketAction(
            "publish", _("Δημοσίευση στο μητρώο"), PublishForm, lambda c: True, bulk=False
        ),
        TicketAction(
            "unpublish", _("Απόσυρση από το μητρώο"), UnpublishForm, lambda c: c.is_published
        ),
    )
}


class WalkInComplaintForm(forms.Form):
    """A complaint a citizen gives by phone, in person or by email, entered by staff."""

    source = forms.ChoiceField(label=_("Προέλευση"), choices=STAFF_SOURCES)
    kind = forms.ChoiceField(label=_("Είδος"), choices=Kind.choices, initial=Kind.COMPLAINT)
    category = forms.ModelChoiceField(
        label=_("Κατηγορία"),
        queryset=Category.objects.filter(is_active=True)
        .select_related("department")
        .order_by("group", "position", "name"),
    )
    subject = forms.CharField(label=_("Θέμα"), max_length=200)
    description = forms.CharField(
        label=_("Περιγραφή"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6})
    )
    address = forms.CharField(
        label=_("Διεύθυνση (οδός και αριθμός)"), max_length=200, required=False
    )
    citizen_name = forms.CharField(label=_("Ονοματεπώνυμο πολίτη"), max_length=150)
    citizen_email = forms.EmailField(
        label=_("Email πολίτη"),
        required=False,
        help_text=_("Αν το δώσει, θα λαμβάνει τις ενημερώσεις και τον σύνδεσμο παρακολούθησης."),
    )
    citizen_phone = forms.CharField(label=_("Τηλέφωνο πολίτη"), max_length=20, required=False)
    informed = forms.BooleanField(
        label=_("Ο πολίτης ενημερώθηκε για την επεξεργασία των στοιχείων του"),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        for category in self.fields["category"].queryset:
            groups.setdefault(category.get_group_display(), []).append((category.pk, category.name))
        self.fields["category"].choices = [("", _("— επιλέξτε κατηγορία —")), *groups.items()]
        self.question_fields: list[str] = []
        category = self._chosen_category()
        if category is not None:
            for question in category.questions.all():
                name = f"answer_{question.code}"
                self.fields[name] = question_field(question, required=question.required)
                self.question_fields.append(name)

    def _chosen_category(self) -> Category | None:
        key = self.data.get(self.add_prefix("category")) if self.is_bound else None
        if not key or not re.fullmatch(r"[0-9]{1,9}", str(key)):
            return None
        return Category.objects.filter(pk=key, is_active=True).first()

    def clean_citizen_phone(self) -> str:
        raw = self.cleaned_data["citizen_phone"].strip()
        return clean_phone(raw) if raw else ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("citizen_email") and not cleaned.get("citizen_phone"):
            self.add_error(
                "citizen_email", _("Δώστε email ή τηλέφωνο ώστε να ενημερώνεται ο πολίτης.")
            )
        return cleaned

    def answers(self) -> dict:
        return {
            name.removeprefix("answer_"): self.cleaned_data.get(name)
            for name in self.question_fields
            if self.cleaned_data.get(name) not in (None, "", [])
        }


class SemesterForm(forms.Form):
    """Choose a semester and, for staff who see every department, optionally one."""

    year = forms.IntegerField(label=_("Έτος"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Εξάμηνο"),
        coerce=int,
        choices=[
            (1, _("Α΄ εξάμηνο (Ιανουάριος–Ιούνιος)")),
            (2, _("Β΄ εξάμηνο (Ιούλιος–Δεκέμβριος)")),
        ],
    )
    department = forms.ModelChoiceField(
        label=_("Υπηρεσία"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("Όλες οι υπηρεσίες"),
        to_field_name="slug",
    )

    def __init__(self, *args, fixed_department: Department | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_department = fixed_department
        if fixed_department is not None:
            del self.fields["department"]

    @classmethod
    def default_data(cls, today: date | None = None) -> dict:
        """The last complete semester, which is what a report is usually drawn for."""
        latest = Semester.containing(today or timezone.localdate()).previous()
        return {"year": latest.year, "half": latest.half}

    @property
    def semester(self) -> Semester:
        return Semester(self.cleaned_data["year"], self.cleaned_data["half"])

    @property
    def chosen_department(self) -> Department | None:
        if self.fixed_department is not None:
            return self.fixed_department
        return self.cleaned_data.get("department")
