from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from disclosures.sections import ENTRY_DATA_FIELDS, SECTIONS, Section, SectionSpec
from disclosures.validators import validate_public_text, validate_region
from portal.search import Searchable
from portal.types import StrOrPromise
from portal.workflow import StatusMachine


@dataclass(frozen=True)
class CouncilPeriod:
    """A municipal term of office (δημοτική περίοδος), for the directory filter."""

    slug: str
    label: str
    start: date
    end: date


COUNCIL_PERIODS = (
    CouncilPeriod("2024-2028", "2024–2028", date(2024, 1, 1), date(2028, 12, 31)),
    CouncilPeriod("2019-2023", "2019–2023", date(2019, 9, 1), date(2023, 12, 31)),
    CouncilPeriod("2014-2019", "2014–2019", date(2014, 9, 1), date(2019, 8, 31)),
    CouncilPeriod("2011-2014", "2011–2014", date(2011, 1, 1), date(2014, 8, 31)),
)


class Faction(models.Model):
    """A council faction (δημοτική παράταξη)."""

    name = models.CharField(_("ονομασία"), max_length=150, unique=True)
    slug = models.SlugField(_("συντόμευση"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    class Meta:
        verbose_name = _("παράταξη")
        verbose_name_plural = _("παρατάξεις")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Official(Searchable):
    """An elected official of the municipality."""

    class Gender(models.TextChoices):
        """Grammatical gender of the official's titles («Δημοτική Σύμβουλος», «Πρώην αιρετή»)."""

        FEMALE = "f", _("Γυναίκα")
        MALE = "m", _("Άνδρας")

    name = models.CharField(_("ονοματεπώνυμο"), max_length=150)
    gender = models.CharField(
        _("φύλο"),
        max_length=1,
        choices=Gender.choices,
        help_text=_("Για τη σωστή μορφή των τίτλων, π.χ. «Δημοτική Σύμβουλος»."),
    )
    slug = models.SlugField(_("συντόμευση"), max_length=160, unique=True)
    photo = models.ImageField(_("φωτογραφία"), upload_to="disclosures/photos/", blank=True)
    faction = models.ForeignKey(
        Faction,
        verbose_name=_("παράταξη"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
    )
    is_active = models.BooleanField(_("εν ενεργεία"), default=True)

    class Meta(Searchable.Meta):
        verbose_name = _("αιρετός")
        verbose_name_plural = _("αιρετοί")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("disclosures:official_detail", kwargs={"slug": self.slug})

    @property
    def former_title(self) -> str:
        """«Πρώην αιρετή» or «Πρώην αιρετός», for an official without a current term."""
        if self.gender == self.Gender.FEMALE:
            return gettext("Πρώην αιρετή")
        return gettext("Πρώην αιρετός")

    def save(self, *args, **kwargs):
        self.refresh_search_document()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    def search_parts(self) -> list[str]:
        """Name, faction, and the roles and portfolios held ("οικονομικών" finds that deputy)."""
        parts = [self.name, self.faction.name if self.faction else ""]
        if self.pk:
            for term in self.terms.all():
                parts += [str(term.get_role_display()), term.portfolio]
        return parts


class Term(models.Model):
    """One role an official held for a stretch of time."""

    class Role(models.TextChoices):
        MAYOR = "mayor", _("Δήμαρχος")
        DEPUTY_MAYOR = "deputy_mayor", _("Αντιδήμαρχος")
        COUNCIL_PRESIDENT = "council_president", _("Πρόεδρος Δημοτικού Συμβουλίου")
        COUNCIL_VICE_PRESIDENT = "council_vice_president", _("Αντιπρόεδρος Δημοτικού Συμβουλίου")
        COUNCIL_SECRETARY = "council_secretary", _("Γραμματέας Δημοτικού Συμβουλίου")
        COUNCILLOR = "councillor", _("Δημοτικός Σύμβουλος")
        COMMUNITY_PRESIDENT = "community_president", _("Πρόεδρος Κοινότητας")

    official = models.ForeignKey(
        Official, verbose_name=_("αιρετός"), on_delete=models.CASCADE, related_name="terms"
    )
    role = models.CharField(_("θέση"), max_length=30, choices=Role.choices)
    portfolio = models.CharField(
        _("τομέας ευθύνης ή κοινότητα"),
        max_length=200,
        blank=True,
        validators=[validate_public_text],
        help_text=_("Για αντιδημάρχους ο τομέας ευθύνης, για προέδρους η κοινότητα."),
    )
    start = models.DateField(_("έναρξη"))
    end = models.DateField(_("λήξη"), null=True, blank=True)

    class Meta:
        verbose_name = _("θητεία")
        verbose_name_plural = _("θητείες")
        ordering = ["-start", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="disclosures_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["deputy_mayor", "community_president"]) | ~Q(portfolio=""),
                name="disclosures_term_portfolio_required",
            ),
        ]
        indexes = [models.Index(fields=["role", "start", "end"])]

    def __str__(self) -> str:
        label = self.title
        return f"{label} ({self.portfolio})" if self.portfolio else label

    @property
    def title(self) -> str:
        """The role as a title that agrees with the official («Δημοτική Σύμβουλος» for a woman)."""
        if self.role == self.Role.COUNCILLOR and self.official.gender == Official.Gender.FEMALE:
            return gettext("Δημοτική Σύμβουλος")
        return str(self.get_role_display())

    def clean(self) -> None:
        if (
            self.role in (self.Role.DEPUTY_MAYOR, self.Role.COMMUNITY_PRESIDENT)
            and not (self.portfolio or "").strip()
        ):
            raise ValidationError(
                {"portfolio": _("Συμπληρώστε τον τομέα ευθύνης ή την κοινότητα.")}
            )
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Η λήξη δεν μπορεί να προηγείται της έναρξης.")})


class Declaration(StatusMachine, models.Model):
    """One asset declaration (πόθεν έσχες) of an official for one fiscal year."""

    class Kind(models.TextChoices):
        INITIAL = "initial", pgettext_lazy("declaration kind", "Αρχική")
        ANNUAL = "annual", _("Ετήσια")
        FINAL = "final", _("Τελική")
        CORRECTION = "correction", _("Διορθωτική")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Πρόχειρη")
        PUBLISHED = "published", _("Δημοσιευμένη")

    # Who may move a declaration to which status; the publication services follow it.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.PUBLISHED}),
        Status.PUBLISHED: frozenset({Status.DRAFT}),
    }

    official = models.ForeignKey(
        Official,
        verbose_name=_("αιρετός"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    declaration_year = models.PositiveSmallIntegerField(
        _("έτος υποβολής"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("φορολογικό έτος"),
        validators=[MinValueValidator(1999), MaxValueValidator(2100)],
        help_text=_("Το έτος που καλύπτει η δήλωση (συνήθως το προηγούμενο της υποβολής)."),
    )
    kind = models.CharField(_("είδος"), max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("διορθώνει τη δήλωση"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    submitted_on = models.DateField(_("ημερομηνία υποβολής"))
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("δημοσιεύθηκε"), null=True, blank=True, editable=False)
    pdf = models.FileField(
        _("PDF (με απαλείψεις)"),
        upload_to="disclosures/pdf/%Y/",
        blank=True,
        help_text=_("Το σαρωμένο έγγραφο, χωρίς τα στοιχεία που ο νόμος κρατά απόρρητα."),
    )
    created_at = models.DateTimeField(_("δημιουργήθηκε"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ενημερώθηκε"), auto_now=True)

    class Meta:
        verbose_name = _("δήλωση περιουσιακής κατάστασης")
        verbose_name_plural = _("δηλώσεις περιουσιακής κατάστασης")
        ordering = ["-fiscal_year", "official__name", "submitted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "fiscal_year"],
                condition=~Q(kind="correction"),
                name="disclosures_one_declaration_per_year",
                violation_error_message=_(
                    "Υπάρχει ήδη δήλωση του αιρετού για αυτό το φορολογικό έτος· "
                    "για αλλαγές καταχωρίστε διορθωτική."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(kind="correction") & Q(corrects__isnull=False))
                | (~Q(kind="correction") & Q(corrects__isnull=True)),
                name="disclosures_correction_links_original",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="disclosures_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__lte=models.F("declaration_year")),
                name="disclosures_fiscal_year_not_after_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["official", "status", "fiscal_year"]),
            models.Index(fields=["status", "fiscal_year"]),
        ]

    def __str__(self) -> str:
        return _("%(official)s — %(kind)s δήλωση, φορολογικό έτος %(year)s") % {
            "official": self.official.name if self.official_id else "",
            "kind": self.get_kind_display(),
            "year": self.fiscal_year,
        }

    def get_absolute_url(self) -> str:
        return reverse("disclosures:declaration_detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.fiscal_year and self.declaration_year and self.fiscal_year > self.declaration_year:
            errors["fiscal_year"] = _(
                "Το φορολογικό έτος δεν μπορεί να είναι μετά το έτος υποβολής."
            )
        if self.kind == self.Kind.CORRECTION:
            original = self.corrects
            if original is None:
                errors["corrects"] = _("Επιλέξτε τη δήλωση που διορθώνεται.")
            elif original.pk == self.pk:
                errors["corrects"] = _("Μια δήλωση δεν μπορεί να διορθώνει τον εαυτό της.")
            elif (
                original.official_id != self.official_id or original.fiscal_year != self.fiscal_year
            ):
                errors["corrects"] = _(
                    "Η διορθωτική πρέπει να αφορά τον ίδιο αιρετό και το ίδιο φορολογικό έτος "
                    "με τη δήλωση που διορθώνει."
                )
        elif self.corrects_id:
            errors["corrects"] = _("Μόνο μια διορθωτική δήλωση διορθώνει άλλη δήλωση.")
        if errors:
            raise ValidationError(errors)


class Entry(models.Model):
    """One line of a declaration, in one of the sections the law lists."""

    Section = Section

    declaration = models.ForeignKey(
        Declaration, verbose_name=_("δήλωση"), on_delete=models.CASCADE, related_name="entries"
    )
    section = models.CharField(_("ενότητα"), max_length=20, choices=Section.choices)
    kind = models.CharField(_("είδος"), max_length=80, blank=True)
    description = models.CharField(
        _("περιγραφή"), max_length=200, blank=True, validators=[validate_public_text]
    )
    location = models.CharField(
        _("δήμος ή περιοχή"),
        max_length=120,
        blank=True,
        validators=[validate_region],
        help_text=_("Μόνο δήμος ή περιοχή — ποτέ η ακριβής διεύθυνση."),
    )
    area_m2 = models.DecimalField(
        _("εμβαδόν (m²)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    year = models.PositiveSmallIntegerField(
        _("έτος"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Έτος κατασκευής ή απόκτησης."),
    )
    institution = models.CharField(
        _("πιστωτικό ίδρυμα ή φορέας"),
        max_length=120,
        blank=True,
        validators=[validate_public_text],
    )
    share_percent = models.DecimalField(
        _("ποσοστό (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    amount = models.DecimalField(
        _("ποσό (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    class Meta:
        verbose_name = _("εγγραφή δήλωσης")
        verbose_name_plural = _("εγγραφές δήλωσης")
        ordering = ["declaration", "section", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="disclosures_entry_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(area_m2__isnull=True) | Q(area_m2__gt=0),
                name="disclosures_entry_area_positive",
            ),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True)
                | Q(share_percent__gt=0, share_percent__lte=100),
                name="disclosures_entry_share_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(section="real_estate") | Q(area_m2__isnull=False) & ~Q(location=""),
                name="disclosures_real_estate_has_area_and_region",
            ),
            models.CheckConstraint(
                condition=~Q(section__in=["deposits", "income", "loans", "other"])
                | Q(amount__isnull=False),
                name="disclosures_monetary_entry_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["declaration", "section"])]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.kind or self.description}"

    @property
    def spec(self) -> SectionSpec:
        return SECTIONS[self.section]

    def clean(self) -> None:
        spec = SECTIONS.get(self.section)
        if spec is None:
            raise ValidationError({"section": _("Άγνωστη ενότητα.")})
        errors: dict[str, StrOrPromise] = {}
        for name in ENTRY_DATA_FIELDS:
            value = getattr(self, name)
            filled = value not in (None, "")
            if name in spec.required and not filled:
                errors[name] = _("Υποχρεωτικό για την ενότητα «%(section)s».") % {
                    "section": self.get_section_display()
                }
            elif name not in spec.fields and filled:
                errors[name] = _("Δεν συμπληρώνεται στην ενότητα «%(section)s».") % {
                    "section": self.get_section_display()
                }
        if self.kind and spec.kinds and self.kind not in spec.kinds:
            errors["kind"] = _("Επιλέξτε ένα από: %(kinds)s.") % {"kinds": ", ".join(spec.kinds)}
        if self.share_percent is not None and self.share_percent == 0:
            errors["share_percent"] = _("Το ποσοστό πρέπει να είναι μεγαλύτερο από 0.")
        if self.area_m2 is not None and self.area_m2 == 0:
            errors["area_m2"] = _("Το εμβαδόν πρέπει να είναι μεγαλύτερο από 0.")
        if errors:
            raise ValidationError(errors)

    def copy_values(self) -> dict:
        """Return the values that make a copy of this entry in another declaration."""
        return {name: getattr(self, name) for name in ("section", *ENTRY_DATA_FIELDS, "position")}

    def match_key(self) -> tuple:
        """Identify the same asset across two years (for the year-over-year comparison)."""
        if self.section == self.Section.REAL_ESTATE:
            return (self.kind, self.location.casefold())
        if self.section == self.Section.VEHICLES:
            return (self.kind, self.year)
        if self.section == self.Section.DEPOSITS:
            return (self.kind, self.institution.casefold())
        return (self.kind, self.description.casefold())

    def measure(self):
        """The figure that changes between years: area for real estate, else the amount."""
        if self.section == self.Section.REAL_ESTATE:
            return self.area_m2
        if self.section == self.Section.VEHICLES:
            return self.share_percent
        if self.section == self.Section.HOLDINGS:
            return (self.share_percent, self.amount)
        return self.amount
