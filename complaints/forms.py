"""Citizens' forms: filing a complaint, finding it again, adding to it, judging its outcome."""

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from complaints.models import (
    Category,
    CategoryGroup,
    CategoryQuestion,
    Kind,
    QuestionKind,
)
from complaints.services import MAX_ATTACHMENTS
from portal.forms import GovGrFormMixin, HoneypotField, clean_phone, govgr_styled
from portal.i18n import translated_choice_name
from portal.municipality import municipality
from portal.uploads import CheckedFile, check_upload

PROTOCOL_PATTERN = r"^\d{4}-\d{6}$"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to three files, each checked by its content (JPEG, PNG, PDF; ≤ 10 MB)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = "image/jpeg,image/png,application/pdf"

    def clean(self, data, initial=None) -> list[CheckedFile]:
        uploads = [upload for upload in (data or []) if upload]
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Μπορείτε να επισυνάψετε έως %(count)d αρχεία."),
                params={"count": MAX_ATTACHMENTS},
                code="too_many",
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_upload(upload))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return checked

    def to_python(self, data):
        return data

    def bound_data(self, data, initial):
        return data


def answer_field_name(question: CategoryQuestion) -> str:
    return f"answer__{question.category.code}__{question.code}"


def question_field(question: CategoryQuestion, *, required: bool = False) -> forms.Field:
    """The form field of a category's question, by its kind: the one mapping for every form."""
    common: dict[str, Any] = {"label": question.label, "required": required}
    choices = [
        (str(choice.get("key")), translated_choice_name(choice))
        for choice in question.choices or []
    ]
    if question.kind == QuestionKind.NUMBER:
        return forms.DecimalField(max_digits=12, decimal_places=2, **common)
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.DATETIME:
        return forms.DateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common
        )
    return forms.CharField(max_length=500, **common)


class ComplaintForm(GovGrFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Είδος"),
        choices=Kind.choices,
        initial=Kind.REQUEST,
        widget=forms.RadioSelect,
    )
    category = forms.ModelChoiceField(
        label=_("Κατηγορία"),
        queryset=Category.objects.none(),
        to_field_name="code",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Επιλέξτε μία από τις κατηγορίες της λίστας.")},
    )
    subject = forms.CharField(label=_("Θέμα"), max_length=200)
    description = forms.CharField(
        label=_("Περιγραφή"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Τι συμβαίνει, από πότε, τι χρειάζεται. Έως 5.000 χαρακτήρες."),
    )
    address = forms.CharField(
        label=_("Διεύθυνση"),
        max_length=200,
        help_text=_("Οδός και αριθμός ή το πλησιέστερο σημείο, π.χ. «Τσιμισκή 45»."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    latitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    attachments = AttachmentsField(
        label=_("Φωτογραφίες ή έγγραφα"),
        help_text=_("Έως 3 αρχεία JPEG, PNG ή PDF, έως 10 MB το καθένα."),
    )
    citizen_name = forms.CharField(
        label=_("Ονοματεπώνυμο"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    citizen_email = forms.EmailField(
        label=_("Email"),
        help_text=_("Εδώ θα λάβετε τον αριθμό πρωτοκόλλου και τις ενημερώσεις."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    citizen_phone = forms.CharField(
        label=_("Τηλέφωνο"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    # An acknowledgement, not consent: the legal basis is public task (ΓΚΠΔ άρθρο 6 παρ. 1 ε΄).
    privacy_acknowledged = forms.BooleanField(
        label=_("Έλαβα γνώση της ενημέρωσης για την επεξεργασία των προσωπικών μου δεδομένων."),
        error_messages={
            "required": _("Επιβεβαιώστε ότι λάβατε γνώση της ενημέρωσης για τα προσωπικά δεδομένα.")
        },
    )
    website = HoneypotField()
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        self.fields["category"].queryset = Category.objects.filter(
            pk__in=[category.pk for category in self.categories]
        )
        self.question_fields: dict[int, list[str]] = {}
        for category in self.categories:
            for question in category.questions.all():
                name = answer_field_name(question)
                # Never required here: only the chosen category's questions count.
                self.fields[name] = govgr_styled(question_field(question))
                self.question_fields.setdefault(category.pk, []).append(name)
        for name in ("subject", "description", "address", "citizen_name", "citizen_email"):
            self.fields[name].widget.attrs["class"] += " govgr-!-width-full"

    def clean_citizen_phone(self) -> str:
        value = self.cleaned_data["citizen_phone"].strip()
        return clean_phone(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            cleaned["latitude"] = cleaned["longitude"] = None
        elif latitude is not None and not (town := municipality()).bounds.contains(
            latitude, longitude
        ):
            self.add_error(
                "address",
                _("Το σημείο του χάρτη είναι εκτός %(town)s· διορθώστε το.")
                % {"town": town.short_name_genitive},
            )
        return cleaned

    def answers(self) -> dict[str, object]:
        """Return the answers to the chosen category's questions, keyed by question code."""
        category = self.cleaned_data["category"]
        answers = {}
        for question in category.questions.all():
            value = self.cleaned_data.get(answer_field_name(question))
            if value not in (None, "", []):
                answers[question.code] = value.isoformat() if hasattr(value, "isoformat") else value
        return answers

    def category_groups(self) -> list[tuple[str, list[dict], bool]]:
        """Group the category radios for the template, each with its description and questions.

        The third item tells whether the group holds the chosen category (or the one a
        link preselected, `?category=<code>`), so that the page opens it.
        """
        radios = {str(radio.data["value"]): radio for radio in self["category"]}
        groups: dict[str, list[dict]] = {}
        labels = {}
        for category in self.categories:
            labels[category.group] = category.get_group_display()
            groups.setdefault(category.group, []).append(
                {
                    "category": category,
                    "radio": radios.get(category.code),
                    "questions": [self[name] for name in self.question_fields.get(category.pk, [])],
                }
            )
        order = {value: position for position, value in enumerate(CategoryGroup.values)}
        return [
            (
                labels[group],
                groups[group],
                any(item["radio"] and item["radio"].data["selected"] for item in groups[group]),
            )
            for group in sorted(groups, key=order.__getitem__)
        ]


class TrackForm(GovGrFormMixin, forms.Form):
    protocol_number = forms.RegexField(
        label=_("Αριθμός πρωτοκόλλου"),
        regex=PROTOCOL_PATTERN,
        max_length=11,
        help_text=_("Όπως στο email που λάβατε, π.χ. 2026-000123."),
        error_messages={"invalid": _("Ο αριθμός πρωτοκόλλου έχει τη μορφή ΕΕΕΕ-ΝΝΝΝΝΝ.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Το email που δώσατε στην υποβολή."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CitizenMessageForm(GovGrFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Το μήνυμά σας"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachments = AttachmentsField(
        label=_("Φωτογραφίες ή έγγραφα"),
        help_text=_("Έως 3 αρχεία JPEG, PNG ή PDF, έως 10 MB το καθένα."),
    )


class SatisfactionForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Επιλύθηκε το θέμα σας;"),
        choices=[("yes", _("Ναι, επιλύθηκε")), ("no", _("Όχι, δεν επιλύθηκε"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs={"class": "govgr-radios__input"}),
        error_messages={"required": _("Επιλέξτε μία απάντηση.")},
    )
