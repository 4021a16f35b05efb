"""The municipal budget: years, lines by ΚΑΕ code, revisions and monthly execution.

Only the postable lines (a four-digit ΚΑΕ with its sub-code, e.g. 6011.0001,
under a service for expenditure) carry amounts; every group above them (6 →
60 → 601 → 6011) is the sum of the lines whose code starts with its own,
computed in SQL (`budget.selectors`). A line's revised figure is its initial
figure plus its revisions, never stored.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.search import Searchable

AMOUNT = {"max_digits": 14, "decimal_places": 2}
# Group levels: the number of leading digits of the ΚΑΕ that make each level.
LEVELS = (1, 2, 3, 4)
LEAF_CODE = RegexValidator(
    r"^\d{4}\.\d{4}$", _("Ο ΚΑΕ γράφεται με τέσσερα ψηφία, τελεία και τέσσερα ψηφία (6011.0001).")
)
GROUP_CODE = RegexValidator(r"^\d{1,4}$", _("Ο κωδικός ομάδας έχει ένα έως τέσσερα ψηφία."))
ADA = RegexValidator(r"^[Α-ΩA-Z0-9-]{6,40}$", _("Ο ΑΔΑ δεν έχει τη μορφή της Διαύγειας."))


class Kind(models.TextChoices):
    REVENUE = "revenue", _("Έσοδα")
    EXPENDITURE = "expenditure", _("Έξοδα")


class Year(models.Model):
    """A financial year's budget, as the council voted it."""

    year = models.PositiveSmallIntegerField(
        _("οικονομικό έτος"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    approval_ada = models.CharField(
        _("ΑΔΑ απόφασης ψήφισης"), max_length=40, blank=True, validators=[ADA]
    )
    is_published = models.BooleanField(_("δημοσιευμένος"), default=False)

    class Meta:
        verbose_name = _("οικονομικό έτος")
        verbose_name_plural = _("οικονομικά έτη")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    def get_absolute_url(self) -> str:
        return reverse("budget:year", kwargs={"year": self.year})


class Service(models.Model):
    """A budget service code (10 Διοικητικές υπηρεσίες, 20 Καθαριότητα…) and its department."""

    code = models.CharField(
        _("κωδικός υπηρεσίας"), max_length=2, unique=True, validators=[RegexValidator(r"^\d{2}$")]
    )
    name = models.CharField(_("ονομασία"), max_length=200)
    department = models.ForeignKey(
        "portal.Department",
        verbose_name=_("υπηρεσία του Δήμου"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_services",
    )

    class Meta:
        verbose_name = _("υπηρεσία προϋπολογισμού")
        verbose_name_plural = _("υπηρεσίες προϋπολογισμού")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Account(models.Model):
    """A group of the ΚΑΕ classification (6, 60, 601, 6011) and its title."""

    kind = models.CharField(_("είδος"), max_length=12, choices=Kind.choices)
    code = models.CharField(_("κωδικός"), max_length=4, validators=[GROUP_CODE])
    title = models.CharField(_("τίτλος"), max_length=300)

    class Meta:
        verbose_name = _("ομάδα ΚΑΕ")
        verbose_name_plural = _("ομάδες ΚΑΕ")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="budget_account_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Line(Searchable):
    """A postable line of a year's budget: ΚΑΕ with sub-code, under a service for expenditure."""

    year = models.ForeignKey(
        Year, verbose_name=_("έτος"), on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("είδος"), max_length=12, choices=Kind.choices)
    service = models.ForeignKey(
        Service,
        verbose_name=_("υπηρεσία"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
    )
    kae = models.CharField(_("ΚΑΕ"), max_length=9, validators=[LEAF_CODE])
    code = models.CharField(_("κωδικός γραμμής"), max_length=12, editable=False)
    title = models.CharField(_("τίτλος"), max_length=300)
    initial = models.DecimalField(_("αρχικός προϋπολογισμός"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("γραμμή προϋπολογισμού")
        verbose_name_plural = _("γραμμές προϋπολογισμού")
        ordering = ["year", "kind", "kae", "code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="budget_line_code_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="revenue", service__isnull=True)
                | models.Q(kind="expenditure", service__isnull=False),
                name="budget_line_service_for_expenditure",
                violation_error_message=_("Τα έξοδα έχουν υπηρεσία, τα έσοδα όχι."),
            ),
        ]
        indexes = [
            *Searchable.Meta.indexes,
            models.Index(fields=["year", "kind", "kae"], name="budget_line_year_kae"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.code = line_code(self.service.code if self.service else None, self.kae)
        self.refresh_search_document()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "code", "search_document"}
        super().save(*args, **kwargs)

    def search_parts(self):
        return [self.code, self.kae, self.title, self.service.name if self.service else ""]

    def get_absolute_url(self) -> str:
        return reverse("budget:line", kwargs={"year": self.year.year, "code": self.code})


def line_code(service_code: str | None, kae: str) -> str:
    """The code a line is known by: «20-6211.0001» for expenditure, «0311.0001» for revenue."""
    return f"{service_code}-{kae}" if service_code else kae


class Revision(models.Model):
    """An αναμόρφωση: a council decision that changes line amounts."""

    year = models.ForeignKey(
        Year, verbose_name=_("έτος"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("α/α"))
    ada = models.CharField(_("ΑΔΑ απόφασης"), max_length=40, validators=[ADA])
    decided_on = models.DateField(_("ημερομηνία απόφασης"))
    subject = models.CharField(_("θέμα"), max_length=300)

    class Meta:
        verbose_name = _("αναμόρφωση")
        verbose_name_plural = _("αναμορφώσεις")
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="budget_revision_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}η αναμόρφωση {self.year.year} ({self.ada})"


class Change(models.Model):
    """One line's change in a revision: a signed amount added to its figure."""

    revision = models.ForeignKey(
        Revision, verbose_name=_("αναμόρφωση"), on_delete=models.CASCADE, related_name="changes"
    )
    line = models.ForeignKey(
        Line, verbose_name=_("γραμμή"), on_delete=models.CASCADE, related_name="changes"
    )
    amount = models.DecimalField(_("μεταβολή"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("μεταβολή γραμμής")
        verbose_name_plural = _("μεταβολές γραμμών")
        constraints = [
            models.UniqueConstraint(fields=["revision", "line"], name="budget_change_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.line.code} {self.amount:+}"


class Execution(models.Model):
    """A line's execution to the end of a month, cumulative as Diavgeia publishes it.

    Revenue fills assessed and collected; expenditure committed, ordered and paid.
    """

    line = models.ForeignKey(
        Line, verbose_name=_("γραμμή"), on_delete=models.CASCADE, related_name="executions"
    )
    month = models.PositiveSmallIntegerField(
        _("μήνας"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    assessed = models.DecimalField(_("βεβαιωθέντα"), default=0, max_digits=14, decimal_places=2)
    collected = models.DecimalField(_("εισπραχθέντα"), default=0, max_digits=14, decimal_places=2)
    committed = models.DecimalField(_("δεσμευθέντα"), default=0, max_digits=14, decimal_places=2)
    ordered = models.DecimalField(
        _("ενταλματοποιηθέντα"), default=0, max_digits=14, decimal_places=2
    )
    paid = models.DecimalField(_("πληρωθέντα"), default=0, max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("εκτέλεση μήνα")
        verbose_name_plural = _("εκτέλεση ανά μήνα")
        ordering = ["line", "month"]
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="budget_execution_month_unique"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="budget_execution_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line.code} {self.month:02d}"
