"""The Citizen's Guide: procedures after the ΜΙΤΟΣ template, life events, charters.

A procedure (διαδικασία) is what a citizen does with the municipality to get
something: a certificate, a permit, a decision. Its fields follow the national
registry of administrative procedures (ΜΙΤΟΣ, mitos.gov.gr) and map onto the
EU's CPSV-AP (`guide.cpsv`). Every save through `guide.services` keeps a
version, so staff can see who changed what.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from appointments.models import Service
from complaints.models import Category
from guide.durations import parse_duration, validate_duration
from portal.i18n import TranslatedCharField, TranslatedModel
from portal.models import Department
from portal.search import StemmedSearchable
from portal.workflow import StatusMachine

MITOS_SEARCH = "https://mitos.gov.gr/index.php?search={id}"


def lines(text: str) -> list[str]:
    """The non-empty lines of a text field kept one item a line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LifeEvent(TranslatedModel):
    """A moment of life that brings people to the municipality (birth, moving house…)."""

    slug = models.SlugField(_("συντόμευση"), max_length=80, unique=True)
    name = TranslatedCharField(_("ονομασία"), max_length=120)
    name_en = models.CharField(_("ονομασία (αγγλικά)"), max_length=120, blank=True)
    description = TranslatedCharField(_("περιγραφή"), max_length=300, blank=True)
    description_en = models.CharField(_("περιγραφή (αγγλικά)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    class Meta:
        verbose_name = _("γεγονός ζωής")
        verbose_name_plural = _("γεγονότα ζωής")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("guide:life_event", kwargs={"slug": self.slug})


class Status(models.TextChoices):
    DRAFT = "draft", _("Πρόχειρη")
    PUBLISHED = "published", _("Δημοσιευμένη")
    WITHDRAWN = "withdrawn", _("Αποσυρμένη")


# Which status a procedure may move to from each: a withdrawn one can come back.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset({Status.PUBLISHED, Status.DRAFT}),
}


class OutputKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Πιστοποιητικό")
    ATTESTATION = "attestation", _("Βεβαίωση")
    PERMIT = "permit", _("Άδεια")
    DECISION = "decision", _("Απόφαση")
    REGISTRATION = "registration", _("Εγγραφή ή καταχώριση")
    SERVICE = "service", _("Παροχή υπηρεσίας")
    OTHER = "other", _("Άλλο")


class FeeKind(models.TextChoices):
    NONE = "none", _("Χωρίς κόστος")
    FIXED = "fixed", _("Σταθερό ποσό")
    RANGE = "range", _("Από–έως")


NOT_NEGATIVE = [MinValueValidator(Decimal(0))]


class Procedure(StatusMachine, StemmedSearchable):
    """One procedure of the Citizen's Guide, with the fields of the ΜΙΤΟΣ template."""

    TRANSITIONS = TRANSITIONS

    slug = models.SlugField(_("συντόμευση"), max_length=120, unique=True)
    title = models.CharField(_("επίσημος τίτλος"), max_length=300)
    alternative_titles = models.TextField(
        _("εναλλακτικοί τίτλοι"),
        blank=True,
        help_text=_("Οι λέξεις που χρησιμοποιούν οι πολίτες όταν ψάχνουν· ένας τίτλος ανά γραμμή."),
    )
    summary = models.CharField(_("σύντομη περιγραφή"), max_length=400)
    description = models.TextField(_("περιγραφή"), blank=True)
    audience = models.TextField(_("σε ποιους απευθύνεται"), blank=True)
    life_events = models.ManyToManyField(
        LifeEvent, verbose_name=_("γεγονότα ζωής"), blank=True, related_name="procedures"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("αρμόδια υπηρεσία"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    output_kind = models.CharField(
        _("είδος αποτελέσματος"), max_length=20, choices=OutputKind.choices
    )
    output = models.CharField(
        _("αποτέλεσμα"), max_length=300, help_text=_("Τι παίρνει ο πολίτης στο τέλος.")
    )
    fee_kind = models.CharField(
        _("κόστος"), max_length=10, choices=FeeKind.choices, default=FeeKind.NONE
    )
    fee_amount = models.DecimalField(
        _("ποσό ή ελάχιστο ποσό (€)"),
        max_digits=9,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    fee_max = models.DecimalField(
        _("μέγιστο ποσό (€)"),
        max_digits=9,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        null=True,
        blank=True,
    )
    fee_note = models.CharField(_("σημείωση για το κόστος"), max_length=300, blank=True)
    duration = models.CharField(
        _("εκτιμώμενη διάρκεια"),
        max_length=30,
        blank=True,
        validators=[validate_duration],
        help_text=_("Κατά ISO 8601: P10D για 10 ημέρες, PT1H για μία ώρα, P0D αυθημερόν."),
    )
    steps = models.TextField(_("βήματα"), blank=True, help_text=_("Ένα βήμα ανά γραμμή."))
    remarks = models.TextField(_("παρατηρήσεις"), blank=True)
    mitos_id = models.CharField(
        _("κωδικός ΜΙΤΟΣ"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d+$", _("Ο κωδικός ΜΙΤΟΣ έχει μόνο ψηφία."))],
        help_text=_("Ο αριθμός της διαδικασίας στο Εθνικό Μητρώο Διαδικασιών (mitos.gov.gr)."),
    )
    appointment_service = models.ForeignKey(
        Service,
        verbose_name=_("υπηρεσία ραντεβού"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
        help_text=_("Για διαδικασίες που εξυπηρετούνται σε γκισέ: «Κλείστε ραντεβού»."),
    )
    complaint_category = models.ForeignKey(
        Category,
        verbose_name=_("κατηγορία αιτημάτων"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
        help_text=_("Προεπιλέγεται στο «Υποβάλετε αίτημα ή παράπονο»."),
    )
    status = models.CharField(
        _("κατάσταση"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    last_reviewed_on = models.DateField(_("τελευταίος έλεγχος"))
    # The review date a reminder was last sent for: one reminder per due review.
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("έκδοση"), default=0, editable=False)
    created_at = models.DateTimeField(_("δημιουργήθηκε"), auto_now_add=True)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    # No personal data: every column is public once the procedure is.
    PUBLIC_COLUMNS = (
        "slug",
        "title",
        "alternative_titles",
        "summary",
        "description",
        "audience",
        "output_kind",
        "output",
        "fee_kind",
        "fee_amount",
        "fee_max",
        "fee_note",
        "duration",
        "steps",
        "remarks",
        "mitos_id",
        "last_reviewed_on",
        "updated_at",
    )
    PUBLIC_RELATIONS = ("department", "appointment_service", "complaint_category")
    PERSONAL_FIELDS = ()

    class Meta(StemmedSearchable.Meta):
        verbose_name = _("διαδικασία")
        verbose_name_plural = _("διαδικασίες")
        ordering = ["title"]
        indexes = [
            *StemmedSearchable.Meta.indexes,
            models.Index(fields=["status", "title"], name="guide_procedure_public"),
            models.Index(fields=["department", "status"], name="guide_procedure_department"),
            models.Index(fields=["status", "last_reviewed_on"], name="guide_procedure_review"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_kind=FeeKind.NONE, fee_amount__isnull=True, fee_max__isnull=True)
                | Q(fee_kind=FeeKind.FIXED, fee_amount__isnull=False, fee_max__isnull=True)
                | Q(
                    fee_kind=FeeKind.RANGE,
                    fee_amount__isnull=False,
                    fee_max__isnull=False,
                    fee_amount__lt=models.F("fee_max"),
                ),
                name="guide_procedure_fee_consistent",
                violation_error_message=_(
                    "Χωρίς κόστος: κανένα ποσό. Σταθερό: μόνο το ποσό. "
                    "Από–έως: ελάχιστο και μέγιστο, το ελάχιστο μικρότερο."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide:procedure", kwargs={"slug": self.slug})

    def search_parts(self):
        return (self.title, self.alternative_titles, self.summary, self.output)

    @property
    def alternative_title_list(self) -> list[str]:
        return lines(self.alternative_titles)

    @property
    def step_list(self) -> list[str]:
        return lines(self.steps)

    @property
    def parsed_duration(self):
        return parse_duration(self.duration)

    @property
    def mitos_url(self) -> str:
        return MITOS_SEARCH.format(id=self.mitos_id) if self.mitos_id else ""

    @property
    def fee_text(self) -> str:
        """The cost in words, in the active language («Χωρίς κόστος», «από 5,00 € έως 20,00 €»)."""
        if self.fee_kind == FeeKind.FIXED and self.fee_amount is not None:
            return gettext("%(amount)s €") % {"amount": number_format(self.fee_amount, 2)}
        if self.fee_kind == FeeKind.RANGE and self.fee_amount is not None and self.fee_max:
            return gettext("από %(low)s € έως %(high)s €") % {
                "low": number_format(self.fee_amount, 2),
                "high": number_format(self.fee_max, 2),
            }
        return gettext("Χωρίς κόστος")

    @property
    def online_channel(self) -> "Channel | None":
        """The first way to do it online (reads the prefetched channels)."""
        return next((c for c in self.channels.all() if c.kind == ChannelKind.ONLINE), None)

    @property
    def duration_text(self) -> str:
        duration = self.parsed_duration
        return str(duration) if duration is not None else ""


class Evidence(models.Model):
    """A document the citizen brings or the office obtains (ΜΙΤΟΣ: δικαιολογητικό)."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("διαδικασία"), on_delete=models.CASCADE, related_name="evidence"
    )
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)
    title = models.CharField(_("δικαιολογητικό"), max_length=300)
    note = models.CharField(_("σημείωση"), max_length=500, blank=True)
    obtained_by_office = models.BooleanField(
        _("το αναζητά η υπηρεσία"),
        default=False,
        help_text=_("Η υπηρεσία το αναζητά αυτεπάγγελτα· ο πολίτης δεν το φέρνει."),
    )
    form = models.FileField(
        _("έντυπο"),
        upload_to="guide/forms/",
        blank=True,
        help_text=_("Το έντυπο της αίτησης σε PDF, αν υπάρχει."),
    )

    class Meta:
        verbose_name = _("δικαιολογητικό")
        verbose_name_plural = _("δικαιολογητικά")
        ordering = ["procedure", "position", "id"]

    def __str__(self) -> str:
        return self.title


class LegalResource(models.Model):
    """A law or decision the procedure rests on."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("διαδικασία"),
        on_delete=models.CASCADE,
        related_name="legal_resources",
    )
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)
    citation = models.CharField(
        _("παραπομπή"), max_length=200, help_text=_("π.χ. ν. 3852/2010, άρθρο 75")
    )
    title = models.CharField(_("τίτλος"), max_length=300, blank=True)
    url = models.URLField(_("σύνδεσμος"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("νομική βάση")
        verbose_name_plural = _("νομική βάση")
        ordering = ["procedure", "position", "id"]

    def __str__(self) -> str:
        return self.citation


class ChannelKind(models.TextChoices):
    DESK = "desk", _("Με φυσική παρουσία")
    ONLINE = "online", _("Ηλεκτρονικά")
    PHONE = "phone", _("Τηλεφωνικά")
    EMAIL = "email", _("Με email")


class Channel(models.Model):
    """A way to carry out the procedure: a desk, a web service, a phone, an email address."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("διαδικασία"), on_delete=models.CASCADE, related_name="channels"
    )
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)
    kind = models.CharField(_("τρόπος"), max_length=10, choices=ChannelKind.choices)
    value = models.CharField(
        _("πού"),
        max_length=300,
        help_text=_(
            "Τόπος (γκισέ), σύνδεσμος (https://…), τηλέφωνο ή email, ανάλογα με τον τρόπο."
        ),
    )
    note = models.CharField(_("σημείωση"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("τρόπος εξυπηρέτησης")
        verbose_name_plural = _("τρόποι εξυπηρέτησης")
        ordering = ["procedure", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        from guide.validation import clean_channel_value

        self.value = clean_channel_value(self.kind, self.value)

    @property
    def href(self) -> str:
        """The address a link to this channel takes (none for a desk)."""
        if self.kind == ChannelKind.ONLINE:
            return self.value
        if self.kind == ChannelKind.PHONE:
            return "tel:" + "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
        if self.kind == ChannelKind.EMAIL:
            return "mailto:" + self.value
        return ""


class ProcedureVersion(models.Model):
    """A procedure as it stood after one save: who saved it, what changed, everything it said."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("διαδικασία"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("έκδοση"))
    saved_at = models.DateTimeField(_("χρόνος"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("χρήστης"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text, so that the history stays readable after the user is deleted.
    saved_by_username = models.CharField(_("χρήστης"), max_length=150, blank=True)
    changed_fields = models.JSONField(_("πεδία που άλλαξαν"), default=list, blank=True)
    snapshot = models.JSONField(_("περιεχόμενο"))

    # Staff history only: who saved is never public.
    PUBLIC_COLUMNS = ()
    PERSONAL_FIELDS = ("saved_by", "saved_by_username")

    class Meta:
        verbose_name = _("έκδοση διαδικασίας")
        verbose_name_plural = _("εκδόσεις διαδικασιών")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="guide_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.procedure} — {self.number}"


class CharterKind(models.TextChoices):
    CHARTER = "charter", _("Χάρτα Δικαιωμάτων και Υποχρεώσεων")
    INFORMATION = "information", _("Κανονισμός πληροφόρησης")
    CONSULTATION = "consultation", _("Κανονισμός Διαβούλευσης")
    GUIDE = "guide", _("Οδηγός του Δημότη")


class Charter(TranslatedModel):
    """One of the documents the municipality issues to its residents (charter, regulations)."""

    slug = models.SlugField(_("συντόμευση"), max_length=80, unique=True)
    kind = models.CharField(_("είδος"), max_length=20, choices=CharterKind.choices, unique=True)
    title = TranslatedCharField(_("τίτλος"), max_length=200)
    title_en = models.CharField(_("τίτλος (αγγλικά)"), max_length=200, blank=True)
    summary = TranslatedCharField(_("σύντομη περιγραφή"), max_length=400, blank=True)
    summary_en = models.CharField(_("σύντομη περιγραφή (αγγλικά)"), max_length=400, blank=True)
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    class Meta:
        verbose_name = _("χάρτα ή κανονισμός")
        verbose_name_plural = _("χάρτες και κανονισμοί")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide:charter", kwargs={"slug": self.slug})


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Σχέδιο")
    PUBLISHED = "published", _("Σε ισχύ ή προηγούμενη")


VERSION_TRANSITIONS: dict[str, frozenset[str]] = {
    VersionStatus.DRAFT: frozenset({VersionStatus.PUBLISHED}),
    # A published version is the record of what was in force: it never changes again.
    VersionStatus.PUBLISHED: frozenset(),
}


class CharterVersion(StatusMachine, models.Model):
    """A version of a charter as the council adopted it: its articles and when it took effect."""

    TRANSITIONS = VERSION_TRANSITIONS

    charter = models.ForeignKey(
        Charter, verbose_name=_("κείμενο"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("έκδοση"))
    status = models.CharField(
        _("κατάσταση"),
        max_length=12,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
    )
    effective_on = models.DateField(_("σε ισχύ από"), null=True, blank=True)
    decision_ada = models.CharField(
        _("ΑΔΑ απόφασης δημοτικού συμβουλίου"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9Α-ΩA-Z]{4,10}-[0-9Α-ΩA-Z]{2,5}$", _("Ο ΑΔΑ γράφεται π.χ. 6ΧΨΗΩΡΙ-ΛΓ4.")
            )
        ],
    )
    decision_reference = models.CharField(
        _("απόφαση"), max_length=200, blank=True, help_text=_("π.χ. απόφαση 412/2024 του Δ.Σ.")
    )
    change_note = models.TextField(_("τι αλλάζει"), blank=True)

    class Meta:
        verbose_name = _("έκδοση κειμένου")
        verbose_name_plural = _("εκδόσεις κειμένων")
        ordering = ["charter", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "number"], name="guide_charterversion_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.DRAFT) | Q(effective_on__isnull=False),
                name="guide_charterversion_published_has_date",
                violation_error_message=_(
                    "Μια δημοσιευμένη έκδοση έχει ημερομηνία έναρξης ισχύος."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.charter} — {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "guide:charter_version", kwargs={"slug": self.charter.slug, "number": self.number}
        )

    @property
    def diavgeia_url(self) -> str:
        return (
            f"https://diavgeia.gov.gr/decision/view/{self.decision_ada}"
            if self.decision_ada
            else ""
        )


class Article(models.Model):
    """An article of a charter version."""

    version = models.ForeignKey(
        CharterVersion, verbose_name=_("έκδοση"), on_delete=models.CASCADE, related_name="articles"
    )
    number = models.PositiveSmallIntegerField(_("άρθρο"))
    title = models.CharField(_("τίτλος"), max_length=200)
    body = models.TextField(_("κείμενο"), help_text=_("Κάθε παράγραφος σε δική της γραμμή."))

    class Meta:
        verbose_name = _("άρθρο")
        verbose_name_plural = _("άρθρα")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="guide_article_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def paragraphs(self) -> list[str]:
        return lines(self.body)
