from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ExecutionImportForm(forms.Form):
    """A month's execution file, tried first without saving."""

    MAX_BYTES = 5 * 1024 * 1024

    month = forms.TypedChoiceField(
        label=_("Μήνας"), coerce=int, choices=[(month, month) for month in range(1, 13)]
    )
    file = forms.FileField(
        label=_("Αρχείο CSV ή XLSX"),
        help_text=_(
            "Οι στήλες της μηνιαίας εκτέλεσης της Διαύγειας: Κωδικός, Περιγραφή, "
            "Προϋπολογισθέντα, Βεβαιωθέντα, Εισπραχθέντα, Δεσμευθέντα, Ενταλματοποιηθέντα, "
            "Πληρωθέντα. CSV σε UTF-8."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Δοκιμαστικός έλεγχος χωρίς αποθήκευση"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Επιτρέπονται μόνο αρχεία CSV ή XLSX."))
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Το αρχείο είναι μεγαλύτερο από 5 MB."))
        return upload
