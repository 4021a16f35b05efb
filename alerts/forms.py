"""Forms of the alerts app: subscribing, asking for the management link, changing frequency."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency
from portal.forms import GovGrFormMixin, HoneypotField

EMAIL_ERRORS = {
    "required": _("Συμπληρώστε το email σας."),
    "invalid": _("Συμπληρώστε ένα έγκυρο email, π.χ. onoma@example.gr."),
    "max_length": _("Το email είναι πολύ μεγάλο (έως %(limit_value)d χαρακτήρες)."),
}
FREQUENCY_ERRORS = {
    "required": _("Επιλέξτε πόσο συχνά θέλετε να λαμβάνετε ειδοποιήσεις."),
    "invalid_choice": _("Επιλέξτε πόσο συχνά θέλετε να λαμβάνετε ειδοποιήσεις."),
}


EMAIL_HELP = _("Εκεί θα στέλνουμε τις ειδοποιήσεις, και μόνο αυτές.")


def _email_field(help_text=EMAIL_HELP):
    return forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=help_text,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages=EMAIL_ERRORS,
    )


class SubscribeForm(GovGrFormMixin, forms.Form):
    """Where and how often to send the alerts."""

    email = _email_field()
    frequency = forms.ChoiceField(
        label=_("Πόσο συχνά"),
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages=FREQUENCY_ERRORS,
    )
    website = HoneypotField()

    def clean_email(self):
        return self.cleaned_data["email"].strip()


class ManageLinkForm(GovGrFormMixin, forms.Form):
    """An address asking for the link to the page of all its alerts."""

    email = _email_field(help_text="")
    website = HoneypotField()


class FrequencyForm(GovGrFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label=_("Πόσο συχνά"), choices=Frequency.choices, error_messages=FREQUENCY_ERRORS
    )
