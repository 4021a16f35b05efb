from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from disclosures.models import Declaration, Entry, Official
from disclosures.sections import ENTRY_DATA_FIELDS
from disclosures.validators import parse_amount
from portal.forms import GovGrFormMixin
from portal.uploads import PDF, check_upload

PHOTO_KINDS = ("image/jpeg", "image/png")
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PDF_BYTES = 20 * 1024 * 1024


class CompareForm(GovGrFormMixin, forms.Form):
    """The two fiscal years of the comparison page, limited to years with a declaration."""

    from_year = forms.TypedChoiceField(
        label=_("Από το φορολογικό έτος"), coerce=int, required=False, empty_value=None
    )
    to_year = forms.TypedChoiceField(
        label=_("Έως το φορολογικό έτος"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(year, str(year)) for year in years]
        self.fields["from_year"].choices = [("", _("Το προηγούμενο διαθέσιμο")), *choices]  # type: ignore[attr-defined]
        self.fields["to_year"].choices = [("", _("Το τελευταίο διαθέσιμο")), *choices]  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if data.get("from_year") is not None and data.get("from_year") == data.get("to_year"):
            raise ValidationError(_("Επιλέξτε δύο διαφορετικά έτη."))
        return data


class AmountField(forms.DecimalField):
    """A EUR amount typed the Greek way (12.345,67) or the plain way (12345.67)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 12})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return super().to_python(parse_amount(value))


class OfficialAdminForm(forms.ModelForm):
    """Officials in the admin: the photo is checked by its bytes and re-encoded (no EXIF)."""

    # A plain file field: check_upload gives the Greek message, not Pillow's untranslated one.
    photo = forms.FileField(
        label=_("φωτογραφία"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("JPEG ή PNG έως 5 MB· τα μεταδεδομένα (EXIF) αφαιρούνται."),
    )

    class Meta:
        model = Official
        fields = ["name", "gender", "slug", "photo", "faction", "is_active"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return photo
        checked = check_upload(photo, allowed=PHOTO_KINDS, max_bytes=MAX_PHOTO_BYTES)
        checked.content.name = checked.name
        return checked.content


class DeclarationAdminForm(forms.ModelForm):
    """Declarations in the admin: the PDF is checked by its bytes."""

    class Meta:
        model = Declaration
        fields = [
            "official",
            "declaration_year",
            "fiscal_year",
            "kind",
            "corrects",
            "submitted_on",
            "pdf",
        ]

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if not pdf or not hasattr(pdf, "content_type"):
            return pdf
        checked = check_upload(pdf, allowed=(PDF,), max_bytes=MAX_PDF_BYTES)
        checked.content.name = checked.name
        return checked.content


class EntryInlineForm(forms.ModelForm):
    """An entry row of one section; the admin passes the section in `form_kwargs`."""

    class Meta:
        model = Entry
        fields = [*ENTRY_DATA_FIELDS, "position"]

    def __init__(self, *args, section: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.section = section
        for name in ("amount", "area_m2", "share_percent"):
            if name in self.fields:
                model_field = cast(models.DecimalField, Entry._meta.get_field(name))
                self.fields[name] = AmountField(
                    label=model_field.verbose_name,
                    required=False,
                    max_digits=model_field.max_digits,
                    min_value=0,
                )
        kinds = self.instance.spec.kinds
        if "kind" in self.fields and kinds:
            self.fields["kind"].widget = forms.Select(
                choices=[("", "---------"), *((kind, kind) for kind in kinds)]
            )


class UnpublishForm(forms.Form):
    """Why a published declaration is withdrawn; kept in the audit log."""

    reason = forms.CharField(
        label=_("Αιτιολογία απόσυρσης"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Π.χ. «λάθος συνημμένο PDF». Καταγράφεται στο ημερολόγιο ενεργειών."),
    )


class EntryImportForm(forms.Form):
    """A CSV of entries for one declaration, tried first without saving."""

    file = forms.FileField(
        label=_("Αρχείο CSV"),
        help_text=_(
            "Στήλες, όπως στο αρχείο ανοικτών δεδομένων: section, type, description, region, "
            "area_m2, year, institution, share_percent, amount_eur. Κωδικοποίηση UTF-8."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Δοκιμαστικός έλεγχος χωρίς αποθήκευση"), required=False, initial=True
    )
    append = forms.BooleanField(
        label=_("Προσθήκη στις υπάρχουσες εγγραφές"),
        required=False,
        help_text=_("Χωρίς αυτή την επιλογή, η εισαγωγή γίνεται μόνο σε δήλωση χωρίς εγγραφές."),
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Το αρχείο είναι μεγαλύτερο από 2 MB."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("Το αρχείο δεν είναι κείμενο UTF-8· αποθηκεύστε το ως «CSV UTF-8».")
            ) from error
        if "\x00" in text:
            raise ValidationError(_("Το αρχείο δεν είναι CSV."))
        return text
