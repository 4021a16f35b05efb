"""Forms of the guide's back office."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class MitosImportForm(forms.Form):
    file = forms.FileField(
        label=_("Αρχείο JSON από το ΜΙΤΟΣ"),
        help_text=_(
            "Λίστα διαδικασιών με τα πεδία του προτύπου ΜΙΤΟΣ "
            "(process_id, process_official_title…)."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Δοκιμαστικός έλεγχος: δείξε τι θα γίνει, χωρίς αλλαγές"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Το αρχείο είναι μεγαλύτερο από 5 MB· χωρίστε το."))
        return uploaded
