from datetime import date

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import Department
from portal.search import Folded, StemmedSearchable
from portal.types import StrOrPromise
from portal.workflow import StatusMachine
from procurement.identifiers import (
    clean_adam,
    validate_ada,
    validate_adam,
    validate_afm,
    validate_cpv,
)

# Years a procurement's dates may fall in: KIMDIS and Diavgeia began after 2000, so
# an earlier or much later year is a typing slip, and year 1 in Athens local mean
# time (+01:34:52) is stored by PostgreSQL as 1 BC, which cannot be read back.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def validate_year(value: date) -> None:
    """Refuse a date or datetime outside FIRST_YEAR to LAST_YEAR."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Το έτος πρέπει να είναι από %(first)s έως %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class ContractType(models.TextChoices):
    WORKS = "works", _("Έργα")
    GOODS = "goods", pgettext_lazy("contract type", "Προμήθειες")
    SERVICES = "services", _("Υπηρεσίες")


class Procedure(models.TextChoices):
    """Award procedures of ν. 4412/2016 (άρθρα 26–32, 117, 118)."""

    OPEN = "open", _("Ανοικτή διαδικασία")
    RESTRICTED = "restricted", _("Κλειστή διαδικασία")
    SIMPLIFIED = "simplified", _("Συνοπτικός διαγωνισμός")
    DIRECT = "direct", _("Απευθείας ανάθεση")
    NEGOTIATED_WITH_NOTICE = "negotiated_notice", _("Ανταγωνιστική διαδικασία με διαπραγμάτευση")
    NEGOTIATED_WITHOUT_NOTICE = "negotiated", _("Διαπραγμάτευση χωρίς προηγούμενη δημοσίευση")
    COMPETITIVE_DIALOGUE = "dialogue", _("Ανταγωνιστικός διάλογος")
    INNOVATION_PARTNERSHIP = "innovation", _("Σύμπραξη καινοτομίας")
    FRAMEWORK_CALL_OFF = "call_off", _("Εκτελεστική σύμβαση συμφωνίας-πλαισίου")


# OCDS `procurementMethod` (closed codelist method.csv) of each procedure.
PROCUREMENT_METHOD = {
    Procedure.OPEN: "open",
    Procedure.RESTRICTED: "selective",
    Procedure.SIMPLIFIED: "open",
    Procedure.DIRECT: "direct",
    Procedure.NEGOTIATED_WITH_NOTICE: "selective",
    Procedure.NEGOTIATED_WITHOUT_NOTICE: "limited",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.INNOVATION_PARTNERSHIP: "selective",
    Procedure.FRAMEWORK_CALL_OFF: "limited",
}


class Status(models.TextChoices):
    PLANNED = "planned", _("Προγραμματισμένη")
    ACTIVE = "active", _("Σε εξέλιξη — δεκτές προσφορές")
    CLOSED = "closed", _("Έληξε η υποβολή προσφορών")
    AWARDED = "awarded", _("Κατακυρώθηκε")
    CONTRACTED = "contracted", _("Υπογράφηκε σύμβαση")
    COMPLETED = "completed", _("Ολοκληρώθηκε")
    CANCELLED = "cancelled", _("Ματαιώθηκε")
    UNSUCCESSFUL = "unsuccessful", _("Άγονη")


# Who may move a procurement to which status; `procurement_transition` follows it.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PLANNED: frozenset({Status.ACTIVE, Status.AWARDED, Status.CANCELLED}),
    Status.ACTIVE: frozenset({Status.CLOSED, Status.CANCELLED, Status.UNSUCCESSFUL}),
    Status.CLOSED: frozenset({Status.AWARDED, Status.CANCELLED, Status.UNSUCCESSFUL}),
    Status.AWARDED: frozenset({Status.CONTRACTED, Status.CANCELLED}),
    Status.CONTRACTED: frozenset({Status.COMPLETED, Status.CANCELLED}),
    Status.COMPLETED: frozenset(),
    Status.CANCELLED: frozenset(),
    Status.UNSUCCESSFUL: frozenset(),
}


class Supplier(models.Model):
    """An economic operator that won an award, identified by its ΑΦΜ."""

    name = models.CharField(_("επωνυμία"), max_length=300)
    afm = models.CharField(_("ΑΦΜ"), max_length=9, unique=True, validators=[validate_afm])
    address = models.CharField(_("έδρα"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ανάδοχος")
        verbose_name_plural = _("ανάδοχοι")
        ordering = ["name"]
        indexes = [
            # The look-up by name (admin autocomplete): contains and word similarity.
            GinIndex(OpClass(Folded("name"), name="gin_trgm_ops"), name="procurement_supplier_trgm")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.afm})"

    def get_absolute_url(self) -> str:
        return reverse("procurement:supplier_detail", kwargs={"afm": self.afm})


# What staff type for a procurement, in the admin form and in an imported file.
STAFF_FIELDS = (
    "title",
    "description",
    "contract_type",
    "procedure",
    "cpv_codes",
    "department",
    "esidis_number",
    "estimated_net",
    "estimated_vat",
    "submission_deadline",
    "status",
)

# The column of the total (net plus VAT), which PostgreSQL computes.
TOTAL_MAX_DIGITS = 14
TOTAL_DECIMAL_PLACES = 2


class Procurement(StatusMachine, StemmedSearchable):
    """One contracting process: from the primary request to the last payment."""

    title = models.CharField(_("τίτλος"), max_length=500)
    description = models.TextField(_("περιγραφή"), blank=True)
    contract_type = models.CharField(
        _("είδος σύμβασης"), max_length=20, choices=ContractType.choices
    )
    procedure = models.CharField(_("διαδικασία"), max_length=20, choices=Procedure.choices)
    cpv_codes = ArrayField(
        models.CharField(max_length=10, validators=[validate_cpv]),
        verbose_name=_("κωδικοί CPV"),
        default=list,
        blank=True,
        help_text=_("Ο πρώτος είναι ο κύριος· μορφή 12345678-9, χωρισμένοι με κόμμα."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("αρμόδια υπηρεσία"),
        on_delete=models.PROTECT,
        related_name="procurements",
    )
    esidis_number = models.CharField(
        _("α/α συστήματος ΕΣΗΔΗΣ"), max_length=20, blank=True, db_index=True
    )
    estimated_net = models.DecimalField(
        _("προϋπολογισμός χωρίς ΦΠΑ (€)"), max_digits=14, decimal_places=2
    )
    estimated_vat = models.DecimalField(_("ΦΠΑ (€)"), max_digits=14, decimal_places=2)
    # Computed and stored by PostgreSQL: net plus VAT, whatever writes the row.
    estimated_total = models.GeneratedField(
        expression=F("estimated_net") + F("estimated_vat"),
        output_field=models.DecimalField(
            max_digits=TOTAL_MAX_DIGITS, decimal_places=TOTAL_DECIMAL_PLACES
        ),
        db_persist=True,
        verbose_name=_("προϋπολογισμός με ΦΠΑ (€)"),
    )
    submission_deadline = models.DateTimeField(
        _("καταληκτική ημερομηνία υποβολής προσφορών"),
        null=True,
        blank=True,
        validators=[validate_year],
    )
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_changed_at = models.DateTimeField(_("αλλαγή κατάστασης"), null=True, blank=True)
    is_published = models.BooleanField(_("δημοσιευμένη"), default=False)
    published_at = models.DateTimeField(_("δημοσιεύθηκε"), null=True, blank=True)
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ενημερώθηκε"), auto_now=True, db_index=True)

    TRANSITIONS = TRANSITIONS

    class Meta:
        verbose_name = _("διαγωνισμός / ανάθεση")
        verbose_name_plural = _("διαγωνισμοί και αναθέσεις")
        ordering = ["-published_at", "-id"]
        indexes = [
            *StemmedSearchable.Meta.indexes,
            models.Index(
                fields=["is_published", "-published_at", "-id"], name="procurement_pub_idx"
            ),
            models.Index(fields=["status", "submission_deadline"], name="procurement_open_idx"),
            models.Index(fields=["estimated_total"], name="procurement_total_idx"),
            # Narrow and covering: counts of filtered lists scan it, not the wide rows.
            models.Index(
                fields=["is_published", "status", "contract_type"],
                include=[
                    "procedure",
                    "department",
                    "estimated_total",
                    "published_at",
                    "submission_deadline",
                ],
                name="procurement_filter_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_net__gte=0, estimated_vat__gte=0),
                name="procurement_amounts_not_negative",
                violation_error_message=_("Τα ποσά δεν μπορεί να είναι αρνητικά."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="procurement_status_known",
                violation_error_message=_("Άγνωστη κατάσταση."),
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="procurement_published_has_date",
                violation_error_message=_(
                    "Μια δημοσιευμένη διαδικασία έχει ημερομηνία δημοσίευσης."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # The database computes the total; refuse here a sum its column cannot hold.
        if self.estimated_net is None or self.estimated_vat is None:
            return
        try:
            DecimalValidator(TOTAL_MAX_DIGITS, TOTAL_DECIMAL_PLACES)(
                self.estimated_net + self.estimated_vat
            )
        except ValidationError as error:
            raise ValidationError({"estimated_total": error.messages}) from error

    # Enum labels: much cheaper than get_FOO_display() on a list of many rows.
    @property
    def status_label(self) -> StrOrPromise:
        return Status(self.status).label

    @property
    def contract_type_label(self) -> StrOrPromise:
        return ContractType(self.contract_type).label

    @property
    def procedure_label(self) -> StrOrPromise:
        return Procedure(self.procedure).label

    @property
    def is_open(self) -> bool:
        """Tell whether offers are still accepted."""
        return (
            self.status == Status.ACTIVE
            and self.submission_deadline is not None
            and self.submission_deadline > timezone.now()
        )

    @property
    def days_left(self) -> int:
        """Whole days until the submission deadline (0 on its last day)."""
        return (timezone.localdate(self.submission_deadline) - timezone.localdate()).days

    @property
    def procurement_method(self) -> str:
        return PROCUREMENT_METHOD[Procedure(self.procedure)]

    def search_parts(self, *, stages=(), decisions=(), suppliers=()) -> list[object]:
        """Title, text, codes and every identifier a person may type to find it."""
        return [
            self.title,
            self.description,
            self.esidis_number,
            " ".join(self.cpv_codes),
            *(stage.adam for stage in stages),
            *(decision.ada for decision in decisions),
            *(f"{supplier.name} {supplier.afm}" for supplier in suppliers),
        ]


class StageKind(models.TextChoices):
    """KIMDIS registrations in the order a contracting process makes them."""

    REQUEST = "request", _("Πρωτογενές αίτημα")
    APPROVED_REQUEST = "approved_request", _("Εγκεκριμένο αίτημα")
    NOTICE = "notice", _("Προκήρυξη / διακήρυξη")
    AWARD = "award", _("Ανάθεση / κατακύρωση")
    CONTRACT = "contract", _("Σύμβαση")
    PAYMENT = "payment", _("Εντολή πληρωμής")


ADAM_CODE = {
    StageKind.REQUEST: "REQ",
    StageKind.APPROVED_REQUEST: "REQ",
    StageKind.NOTICE: "PROC",
    StageKind.AWARD: "AWRD",
    StageKind.CONTRACT: "SYMV",
    StageKind.PAYMENT: "PAY",
}
STAGE_ORDER = {kind: position for position, kind in enumerate(StageKind.values)}
WITH_SUPPLIER = (StageKind.AWARD, StageKind.CONTRACT, StageKind.PAYMENT)


def document_path(instance, filename: str) -> str:
    return f"procurement/{instance.procurement_id}/{filename}"


class Stage(models.Model):
    """One KIMDIS registration of a procurement, with its ΑΔΑΜ.

    Awards and contracts name their supplier and amount; a contract refers
    to its award and a payment to its contract (`parent`). A contract keeps
    the running total of its payments, which the database caps at its amount.
    """

    procurement = models.ForeignKey(
        Procurement, verbose_name=_("διαγωνισμός"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("στάδιο"), max_length=20, choices=StageKind.choices)
    adam = models.CharField(_("ΑΔΑΜ"), max_length=15, unique=True, validators=[validate_adam])
    date = models.DateField(_("ημερομηνία"), validators=[validate_year])
    amount = models.DecimalField(
        _("ποσό με ΦΠΑ (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("ανάδοχος"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stages",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("αφορά"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Για σύμβαση: η ανάθεση της· για πληρωμή: η σύμβαση που εξοφλεί."),
    )
    paid_amount = models.DecimalField(
        _("πληρωμένο ποσό (€)"), max_digits=14, decimal_places=2, default=0, editable=False
    )
    budget_line = models.ForeignKey(
        "budget.Line",
        verbose_name=_("γραμμή προϋπολογισμού (ΚΑΕ)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
        help_text=_("Για πληρωμή: ο ΚΑΕ του προϋπολογισμού που τη βάρυνε."),
    )
    note = models.CharField(_("σημείωση"), max_length=500, blank=True)
    document = models.FileField(
        _("έγγραφο (PDF)"), upload_to=document_path, blank=True, max_length=300
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("στάδιο ΚΗΜΔΗΣ")
        verbose_name_plural = _("στάδια ΚΗΜΔΗΣ")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["procurement", "date"], name="procurement_stage_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StageKind.values),
                name="procurement_stage_kind_known",
                violation_error_message=_("Άγνωστο στάδιο."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="procurement_stage_amount_not_negative",
                violation_error_message=_("Το ποσό δεν μπορεί να είναι αρνητικό."),
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=WITH_SUPPLIER)
                | Q(supplier__isnull=False, amount__isnull=False),
                name="procurement_stage_award_has_supplier",
                violation_error_message=_(
                    "Η ανάθεση, η σύμβαση και η πληρωμή ορίζουν ανάδοχο και ποσό."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=(StageKind.CONTRACT, StageKind.PAYMENT))
                | Q(parent__isnull=False),
                name="procurement_stage_has_parent",
                violation_error_message=_(
                    "Η σύμβαση αναφέρεται σε ανάθεση και η πληρωμή σε σύμβαση."
                ),
            ),
            models.CheckConstraint(
                condition=Q(paid_amount=0)
                | Q(kind=StageKind.CONTRACT, paid_amount__lte=F("amount")),
                name="procurement_payments_within_contract",
                violation_error_message=_(
                    "Οι πληρωμές δεν μπορεί να υπερβαίνουν το ποσό της σύμβασης."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.adam}"

    @property
    def adam_code(self) -> str:
        return ADAM_CODE[StageKind(self.kind)]

    def clean(self) -> None:
        errors: dict[str, ValidationError | StrOrPromise] = {}
        if self.adam and self.kind:
            try:
                self.adam = clean_adam(self.adam, expected_code=self.adam_code)
            except ValidationError as error:
                errors["adam"] = error
        if self.kind in WITH_SUPPLIER:
            if self.supplier_id is None:
                errors["supplier"] = _("Η ανάθεση, η σύμβαση και η πληρωμή ορίζουν ανάδοχο.")
            if self.amount is None:
                errors["amount"] = _("Η ανάθεση, η σύμβαση και η πληρωμή ορίζουν ποσό.")
        expected_parent: dict[str, str] = {
            StageKind.CONTRACT: StageKind.AWARD,
            StageKind.PAYMENT: StageKind.CONTRACT,
        }
        wanted = expected_parent.get(self.kind)
        if wanted and (self.parent is None or self.parent.kind != wanted):
            errors["parent"] = (
                _("Η σύμβαση πρέπει να αναφέρεται σε ανάθεση του ίδιου διαγωνισμού.")
                if wanted == StageKind.AWARD
                else _("Η πληρωμή πρέπει να αναφέρεται σε σύμβαση του ίδιου διαγωνισμού.")
            )
        elif wanted and self.parent and self.parent.procurement_id != self.procurement_id:
            errors["parent"] = _("Το στάδιο αναφοράς ανήκει σε άλλον διαγωνισμό.")
        if self.budget_line_id and self.kind != StageKind.PAYMENT:
            errors["budget_line"] = _("Μόνο η πληρωμή βαρύνει γραμμή του προϋπολογισμού.")
        if errors:
            raise ValidationError(errors)


class DecisionType(models.TextChoices):
    """Diavgeia act types a procurement goes through."""

    COMMITMENT = "B.1.3", _("Ανάληψη υποχρέωσης")
    APPROVAL = "2.4.7.1", _("Έγκριση δαπάνης / όρων διαγωνισμού")
    NOTICE = "Δ.1", _("Προκήρυξη / διακήρυξη")
    COMMITTEE = "Δ.2.1", _("Συγκρότηση επιτροπής διαγωνισμού")
    AWARD = "Δ.2.2", _("Κατακύρωση / ανάθεση")
    CONTRACT = "Δ.2.3", _("Σύμβαση")
    PAYMENT = "Β.2.2", _("Οριστικοποίηση πληρωμής")
    CANCELLATION = "Δ.2.4", _("Ματαίωση διαγωνισμού")
    OTHER = "other", _("Άλλη πράξη")


class DiavgeiaDecision(models.Model):
    """A decision posted on Diavgeia, with its ΑΔΑ, tied to a procurement stage."""

    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("διαγωνισμός"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("στάδιο"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    ada = models.CharField(_("ΑΔΑ"), max_length=14, unique=True, validators=[validate_ada])
    decision_type = models.CharField(_("είδος πράξης"), max_length=10, choices=DecisionType.choices)
    subject = models.CharField(_("θέμα"), max_length=500)
    date = models.DateField(_("ημερομηνία έκδοσης"), validators=[validate_year])

    class Meta:
        verbose_name = _("απόφαση Διαύγειας")
        verbose_name_plural = _("αποφάσεις Διαύγειας")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.ada} — {self.subject}"

    @property
    def url(self) -> str:
        return f"https://diavgeia.gov.gr/doc/{self.ada}"

    def clean(self) -> None:
        if self.stage and self.stage.procurement_id != self.procurement_id:
            raise ValidationError({"stage": _("Το στάδιο ανήκει σε άλλον διαγωνισμό.")})


class Document(models.Model):
    """A public PDF of a procurement: notice, specifications, minutes, contract."""

    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("διαγωνισμός"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("τίτλος"), max_length=300)
    file = models.FileField(_("αρχείο PDF"), upload_to=document_path, max_length=300)
    size = models.PositiveIntegerField(_("μέγεθος (bytes)"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("ανέβηκε"), auto_now_add=True)

    class Meta:
        verbose_name = _("έγγραφο")
        verbose_name_plural = _("έγγραφα")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
