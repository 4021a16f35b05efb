"""Forms of the citizen's account: the email sign-in, contact details, deletion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import GovGrFormMixin, HoneypotField, clean_phone

EMAIL_ERRORS = {
    "required": _("Συμπληρώστε το email σας."),
    "invalid": _("Συμπληρώστε ένα έγκυρο email, π.χ. onoma@example.gr."),
}


class EmailSignInForm(GovGrFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Θα σας στείλουμε σύνδεσμο σύνδεσης, που ισχύει μία φορά και για λίγα λεπτά."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages=EMAIL_ERRORS,
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    website = HoneypotField()

    def clean_email(self):
        return self.cleaned_data["email"].strip()


class ContactForm(GovGrFormMixin, forms.Form):
    """What a signed-in citizen's forms are pre-filled with, beside the name."""

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        required=False,
        help_text=_("Ένα νέο email ισχύει αφού ανοίξετε τον σύνδεσμο που θα του στείλουμε."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages=EMAIL_ERRORS,
    )
    phone = forms.CharField(
        label=_("Τηλέφωνο"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return clean_phone(phone) if phone else ""


class DeleteForm(GovGrFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("Καταλαβαίνω ότι ο λογαριασμός διαγράφεται οριστικά."),
        error_messages={"required": _("Επιβεβαιώστε ότι θέλετε να διαγραφεί ο λογαριασμός.")},
    )
