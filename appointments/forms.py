"""Forms of the appointments app: the citizen's details, staff bookings and cancellations."""

from datetime import date, datetime, timedelta

import phonenumbers
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from appointments.models import Service
from portal.forms import GovGrFormMixin, HoneypotField, clean_phone

# How far from today a date from a form or URL may lie: years of history for the
# desk's agenda and reports, and past the longest booking horizon (366 days) ahead.
# Anything further is invalid, which keeps date arithmetic clear of the calendar's ends.
DAYS_BACK = 10 * 365
DAYS_AHEAD = 2 * 365


def _within_reach(day: date) -> bool:
    today = timezone.localdate()
    return today - timedelta(days=DAYS_BACK) <= day <= today + timedelta(days=DAYS_AHEAD)


def parse_start(value: str) -> datetime | None:
    """Parse a slot start from a form or URL (ISO 8601) into local time; None if bad.

    A naive time is local; one with a UTC offset is converted, so that whatever
    offset was written, the database receives local time.
    """
    if not value or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if not _within_reach(moment.date()):
        return None
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=timezone.get_default_timezone())
    return timezone.localtime(moment)


def parse_day(value: str | None) -> date | None:
    """Parse a day from a form or URL (YYYY-MM-DD); None if bad or out of reach."""
    if not value or len(value) != 10:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if _within_reach(day) else None


class StartField(forms.CharField):
    """A slot start time carried in the form as ISO 8601 text."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        moment = parse_start(value)
        if moment is None:
            raise forms.ValidationError(_("Η ώρα του ραντεβού δεν είναι έγκυρη."), code="start")
        return moment


class BookingDetailsForm(GovGrFormMixin, forms.Form):
    """The citizen's details for one appointment."""

    start = StartField(
        label=_("Ώρα ραντεβού"),
        widget=forms.HiddenInput,
        error_messages={"required": _("Επιλέξτε ώρα ραντεβού.")},
    )
    name = forms.CharField(
        label=_("Ονοματεπώνυμο"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Συμπληρώστε το ονοματεπώνυμό σας.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Εκεί θα στείλουμε την επιβεβαίωση και τον σύνδεσμο ακύρωσης."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Συμπληρώστε το email σας."),
            "invalid": _("Συμπληρώστε ένα έγκυρο email, π.χ. onoma@example.gr."),
        },
    )
    phone = forms.CharField(
        label=_("Τηλέφωνο"),
        max_length=30,
        help_text=_("Για να σας ειδοποιήσουμε αν χρειαστεί."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Συμπληρώστε ένα τηλέφωνο επικοινωνίας.")},
    )
    reason = forms.CharField(
        label=_("Θέμα του ραντεβού"),
        max_length=1000,
        required=False,
        help_text=_("Σύντομα, π.χ. «έκδοση ληξιαρχικής πράξης γέννησης». Έως 1.000 χαρακτήρες."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    website = HoneypotField()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 3:
            raise forms.ValidationError(_("Συμπληρώστε ονοματεπώνυμο (τουλάχιστον 3 χαρακτήρες)."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"], phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneBookingForm(forms.Form):
    """Staff booking on behalf of a caller (admin); the same rules as online booking apply."""

    service = forms.ModelChoiceField(
        label=pgettext_lazy("appointment service", "Υπηρεσία"),
        queryset=Service.objects.filter(is_active=True),
        empty_label=_("— Επιλέξτε υπηρεσία —"),
    )
    start = StartField(
        label=_("Ημερομηνία και ώρα"),
        help_text=_("Μορφή ΕΕΕΕ-ΜΜ-ΗΗ ΩΩ:ΛΛ, π.χ. 2026-11-24 09:15."),
        widget=forms.TextInput(attrs={"placeholder": "2026-11-24 09:15"}),
    )
    name = forms.CharField(label=_("Ονοματεπώνυμο"), max_length=150)
    phone = forms.CharField(label=_("Τηλέφωνο"), max_length=30)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Αν ο πολίτης δώσει email, θα λάβει επιβεβαίωση και σύνδεσμο ακύρωσης."),
    )
    reason = forms.CharField(
        label=_("Θέμα"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"], phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class CancelForm(forms.Form):
    """A staff cancellation (admin): the reason is emailed to the citizen."""

    reason = forms.CharField(
        label=_("Αιτία ακύρωσης"),
        max_length=300,
        help_text=_("Θα σταλεί στον πολίτη."),
        error_messages={"required": _("Συμπληρώστε την αιτία· θα τη λάβει ο πολίτης.")},
    )


class CitizenCancelForm(GovGrFormMixin, forms.Form):
    """The citizen's own cancellation, with an optional reason."""

    reason = forms.CharField(
        label=_("Γιατί ακυρώνετε;"),
        max_length=300,
        required=False,
        help_text=_("Προαιρετικό· μας βοηθά να βελτιώσουμε την υπηρεσία."),
    )


class MoveForm(forms.Form):
    start = StartField(error_messages={"required": _("Επιλέξτε νέα ώρα.")})
