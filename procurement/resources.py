"""Import of a department's procurement register from CSV or XLSX.

The columns are those of `TEMPLATE_HEADER` (Greek, as a department keeps its
register). Every row becomes a new, unpublished procurement unless
«Δημοσίευση» says «ναι»; one bad row rejects the whole file.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from portal.models import Department
from portal.services import audit_log
from procurement.identifiers import clean_cpv
from procurement.models import STAFF_FIELDS, ContractType, Procedure, Procurement, Status
from procurement.services import procurement_refresh_search

TEMPLATE_HEADER = [
    "Τίτλος",
    "Περιγραφή",
    "Είδος σύμβασης",
    "Διαδικασία",
    "CPV",
    "Υπηρεσία",
    "ΕΣΗΔΗΣ",
    "Προϋπολογισμός χωρίς ΦΠΑ",
    "ΦΠΑ",
    "Λήξη υποβολής",
    "Κατάσταση",
    "Δημοσίευση",
]
TEMPLATE_EXAMPLE = [
    "Ανακατασκευή πεζοδρομίων οδού Εγνατίας",
    "Αποξήλωση και ανακατασκευή πεζοδρομίων με όδευση τυφλών.",
    "Έργα",
    "Ανοικτή διαδικασία",
    "45233161-5; 45233222-1",
    "texnika-erga",
    "215432",
    "1250000,00",
    "300000,00",
    "15/03/2026 14:00",
    "Σε εξέλιξη — δεκτές προσφορές",
    "ναι",
]
YES = {"ναι", "ναί", "ν", "yes", "y", "1", "true", "x"}
NO = {"", "όχι", "οχι", "ο", "no", "n", "0", "false"}


class ChoiceWidget(widgets.Widget):
    """Accept a choice by its Greek label or its code, in any case."""

    def __init__(self, choices: type[TextChoices], what: str):
        super().__init__()
        self.choices = choices
        self.what = what
        self.lookup = {}
        for value, label in choices.choices:
            self.lookup[value.casefold()] = value
            self.lookup[str(label).casefold()] = value

    def clean(self, value, row=None, **kwargs):
        key = str(value or "").strip().casefold()
        if key in self.lookup:
            return self.lookup[key]
        allowed = ", ".join(str(label) for label in self.choices.labels)
        raise ValueError(
            _("«%(value)s» δεν είναι %(what)s· επιτρέπονται: %(allowed)s.")
            % {"value": value, "what": self.what, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class EuroWidget(widgets.Widget):
    """Read amounts written the Greek way (1.250.000,00) or plainly (1250000.00)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().replace("€", "").replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        not_an_amount = ValueError(_("«%(value)s» δεν είναι ποσό σε ευρώ.") % {"value": value})
        try:
            amount = Decimal(text).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError) as error:
            raise not_an_amount from error
        if amount.is_nan():  # quantize() lets a quiet NaN through
            raise not_an_amount
        if amount < 0:
            raise ValueError(_("Το ποσό δεν μπορεί να είναι αρνητικό."))
        return amount

    def render(self, value, obj=None, **kwargs):
        return f"{value:.2f}".replace(".", ",") if value is not None else ""


class CpvWidget(widgets.Widget):
    """Read CPV codes separated by ';' or ',' and check each one's form."""

    def clean(self, value, row=None, **kwargs):
        parts = str(value or "").replace(",", ";").split(";")
        try:
            return [clean_cpv(part) for part in parts if part.strip()]
        except ValidationError as error:
            raise ValueError(error.messages[0]) from error

    def render(self, value, obj=None, **kwargs):
        return "; ".join(value or [])


class DepartmentWidget(widgets.Widget):
    """Find the department by its short name (slug) or its full name."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        department = (
            Department.objects.filter(slug=text).first()
            or Department.objects.filter(name__iexact=text).first()
        )
        if department is None:
            raise ValueError(_("Δεν υπάρχει υπηρεσία «%(value)s».") % {"value": value})
        return department

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        key = str(value if value is not None else "").strip().casefold()
        if key in YES:
            return True
        if key in NO:
            return False
        raise ValueError(_("Συμπληρώστε «ναι» ή «όχι», όχι «%(value)s».") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("ναι") if value else _("όχι")


class RequiredTextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row=row, **kwargs)
        if not (text or "").strip():
            raise ValueError(_("Το πεδίο είναι υποχρεωτικό."))
        return text.strip()


class GreekDateTimeWidget(widgets.DateTimeWidget):
    """Date and time as a Greek office writes it (ΗΗ/ΜΜ/ΕΕΕΕ ΩΩ:ΛΛ), or as ISO 8601."""

    FORMATS = ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M")

    def __init__(self):
        super().__init__()
        self.formats = self.FORMATS

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError as error:
            # import-export's own message is English and names no format.
            raise ValueError(
                _(
                    "«%(value)s» δεν είναι ημερομηνία και ώρα· συμπληρώστε τη με τη μορφή "
                    "ΗΗ/ΜΜ/ΕΕΕΕ ΩΩ:ΛΛ, π.χ. 15/03/2026 14:00."
                )
                % {"value": value}
            ) from error


class ProcurementResource(resources.ModelResource):
    title = fields.Field("title", "Τίτλος", widget=RequiredTextWidget())
    description = fields.Field("description", "Περιγραφή", widget=widgets.CharWidget())
    contract_type = fields.Field(
        "contract_type", "Είδος σύμβασης", widget=ChoiceWidget(ContractType, "είδος σύμβασης")
    )
    procedure = fields.Field(
        "procedure", "Διαδικασία", widget=ChoiceWidget(Procedure, "διαδικασία του ν. 4412/2016")
    )
    cpv_codes = fields.Field("cpv_codes", "CPV", widget=CpvWidget())
    department = fields.Field("department", "Υπηρεσία", widget=DepartmentWidget())
    esidis_number = fields.Field("esidis_number", "ΕΣΗΔΗΣ", widget=widgets.CharWidget())
    estimated_net = fields.Field("estimated_net", "Προϋπολογισμός χωρίς ΦΠΑ", widget=EuroWidget())
    estimated_vat = fields.Field("estimated_vat", "ΦΠΑ", widget=EuroWidget())
    submission_deadline = fields.Field(
        "submission_deadline",
        "Λήξη υποβολής",
        widget=GreekDateTimeWidget(),
    )
    status = fields.Field("status", "Κατάσταση", widget=ChoiceWidget(Status, "κατάσταση"))
    is_published = fields.Field("is_published", "Δημοσίευση", widget=YesNoWidget())

    class Meta:
        model = Procurement
        fields = (*STAFF_FIELDS, "is_published")
        import_id_fields = ()
        force_init_instance = True
        use_transactions = True
        clean_model_instances = True
        skip_diff = True

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # PostgreSQL text holds no NUL, and a query or save with one fails.
        if "\x00" in str(row.get(field.column_name) or ""):
            raise ValueError(_("Η τιμή περιέχει τον μη επιτρεπτό χαρακτήρα NUL."))
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            self._derive(instance)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Validate as usual, naming each error by its column (or, for the total, its label)."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            labels = {field.name: str(field.verbose_name) for field in Procurement._meta.fields}
            labels |= {field.attribute: field.column_name for field in self.get_import_fields()}
            raise ValidationError(
                {labels.get(name, name): errors for name, errors in error.error_dict.items()}
            ) from error

    @staticmethod
    def _derive(instance) -> None:
        if instance.is_published and instance.published_at is None:
            instance.published_at = timezone.now()
        instance.esidis_number = (instance.esidis_number or "").strip()
        instance.description = instance.description or ""

    def after_save_instance(self, instance, row, **kwargs):
        procurement_refresh_search(procurement=instance)

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        audit_log(
            actor=kwargs.get("user"),
            action="procurement.procurement.imported",
            data={"rows": result.totals.get("new", 0), "file": kwargs.get("file_name") or ""},
        )
