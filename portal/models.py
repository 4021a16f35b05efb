from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GistIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from portal.i18n import TranslatedCharField, TranslatedModel


class UnitKind(models.TextChoices):
    """The levels of the ΟΕΥ, from the top down."""

    GENERAL_DIRECTORATE = "general_directorate", _("Γενική Διεύθυνση")
    DIRECTORATE = "directorate", _("Διεύθυνση")
    INDEPENDENT = "independent", _("Αυτοτελές Τμήμα")
    DEPARTMENT = "department", _("Τμήμα")
    OFFICE = "office", _("Γραφείο")


class Department(TranslatedModel):
    """A unit of the municipality (ΟΕΥ): general directorate, directorate, department or office."""

    name = TranslatedCharField(_("ονομασία"), max_length=200)
    name_en = models.CharField(_("ονομασία (αγγλικά)"), max_length=200, blank=True)
    slug = models.SlugField(_("συντόμευση"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("υπάγεται σε"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    summary = TranslatedCharField(_("σύντομη περιγραφή"), max_length=300, blank=True)
    summary_en = models.CharField(_("σύντομη περιγραφή (αγγλικά)"), max_length=300, blank=True)
    kind = models.CharField(
        _("επίπεδο"), max_length=20, choices=UnitKind.choices, default=UnitKind.DEPARTMENT
    )
    responsibilities = models.TextField(
        _("αρμοδιότητες"),
        blank=True,
        help_text=_("Οι αρμοδιότητες όπως τις αριθμεί ο ΟΕΥ, μία ανά γραμμή."),
    )
    head_title = models.CharField(
        _("προϊστάμενος (θέση)"),
        max_length=200,
        blank=True,
        help_text=_("Η θέση, όχι το όνομα: π.χ. «Προϊστάμενος/η Τμήματος»."),
    )
    head_name = models.CharField(
        _("όνομα προϊσταμένου"),
        max_length=200,
        blank=True,
        help_text=_("Εμφανίζεται δημόσια μόνο αν το επιλέξετε παρακάτω."),
    )
    show_head_name = models.BooleanField(_("δημόσια εμφάνιση του ονόματος"), default=False)
    address = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    floor = models.CharField(_("όροφος"), max_length=50, blank=True)
    office = models.CharField(_("γραφείο"), max_length=50, blank=True)
    phones = models.CharField(
        _("τηλέφωνα"), max_length=200, blank=True, help_text=_("Χωρισμένα με κόμμα.")
    )
    email = models.EmailField(_("email"), blank=True)
    opening_hours = models.CharField(_("ωράριο εξυπηρέτησης"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ενεργή"), default=True)
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    # The head's name is public only where staff chose to show it (`public_head_name`).
    PUBLIC_COLUMNS = (
        "slug",
        "name",
        "name_en",
        "kind",
        "summary",
        "summary_en",
        "responsibilities",
        "head_title",
        "address",
        "floor",
        "office",
        "phones",
        "email",
        "opening_hours",
        "position",
    )
    PUBLIC_RELATIONS = ("parent",)
    PERSONAL_FIELDS = ("head_name",)

    class Meta:
        verbose_name = _("υπηρεσία")
        verbose_name_plural = _("υπηρεσίες")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="portal_department_name_unique"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="portal_department_not_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:department_detail", kwargs={"slug": self.slug})

    @property
    def responsibility_list(self) -> list[str]:
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]

    @property
    def phone_list(self) -> list[str]:
        return [phone.strip() for phone in self.phones.split(",") if phone.strip()]

    @property
    def public_head_name(self) -> str:
        return self.head_name if self.show_head_name else ""


class OrganisationDecision(models.Model):
    """The decision that adopted (or amended) the ΟΕΥ, as published in the Government Gazette."""

    title = models.CharField(_("τίτλος"), max_length=300)
    gazette = models.CharField(_("ΦΕΚ"), max_length=100, help_text=_("π.χ. Β΄ 4218/2023"))
    ada = models.CharField(_("ΑΔΑ"), max_length=30, blank=True)
    decided_on = models.DateField(_("ημερομηνία απόφασης"))
    pdf = models.FileField(_("κείμενο (PDF)"), upload_to="organisation/", blank=True)
    pdf_url = models.URLField(
        _("σύνδεσμος στο PDF"),
        max_length=500,
        blank=True,
        help_text=_("Αν το PDF βρίσκεται αλλού (π.χ. στο Εθνικό Τυπογραφείο)."),
    )
    is_current = models.BooleanField(_("ισχύουσα"), default=True)

    class Meta:
        verbose_name = _("απόφαση ΟΕΥ")
        verbose_name_plural = _("αποφάσεις ΟΕΥ")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.title} (ΦΕΚ {self.gazette})"

    @property
    def diavgeia_url(self) -> str:
        return f"https://diavgeia.gov.gr/decision/view/{self.ada}" if self.ada else ""

    @property
    def document_url(self) -> str:
        """The PDF: the uploaded copy, else the address given, else the decision on Diavgeia."""
        if self.pdf:
            return self.pdf.url
        return self.pdf_url or (f"https://diavgeia.gov.gr/doc/{self.ada}" if self.ada else "")


class StaffProfile(models.Model):
    """Links a staff user to the department whose work they handle."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("χρήστης"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("υπηρεσία"),
        on_delete=models.PROTECT,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("προφίλ υπαλλήλου")
        verbose_name_plural = _("προφίλ υπαλλήλων")

    def __str__(self) -> str:
        return f"{self.user} — {self.department}"


class AuditEntry(models.Model):
    """One staff or system action, written in the same transaction as the change."""

    created_at = models.DateTimeField(_("χρόνος"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ενεργών"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text, so that the history stays readable after the user is deleted.
    actor_username = models.CharField(_("χρήστης"), max_length=150, blank=True)
    action = models.CharField(_("ενέργεια"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("τύπος αντικειμένου"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    object_id = models.CharField(_("αναγνωριστικό αντικειμένου"), max_length=64, blank=True)
    object_repr = models.CharField(_("αντικείμενο"), max_length=200, blank=True)
    data = models.JSONField(_("δεδομένα"), default=dict, blank=True)

    class Meta:
        verbose_name = _("εγγραφή ημερολογίου ενεργειών")
        verbose_name_plural = _("ημερολόγιο ενεργειών")
        ordering = ["-created_at", "-id"]
        # The data-protection tool: find, export and erase one citizen's data.
        permissions = [("handle_personal_data", _("Χειρισμός αιτημάτων προσωπικών δεδομένων"))]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class SearchWord(models.Model):
    """A word of the search documents (kept by a trigger): what «Μήπως εννοούσατε…;» picks from."""

    word = models.TextField(primary_key=True)

    class Meta:
        # A GiST trigram index answers "the nearest words" in index order (`<->`),
        # without computing the similarity of every word.
        indexes = [
            GistIndex(fields=["word"], name="portal_searchword_trgm", opclasses=["gist_trgm_ops"])
        ]

    def __str__(self) -> str:
        return self.word


class RateLimitCounter(models.Model):
    """A fixed-window request counter, for when no Redis is configured."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("μετρητής ορίου αιτήσεων")
        verbose_name_plural = _("μετρητές ορίου αιτήσεων")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class ApiKey(models.Model):
    """A key for the portal's write APIs (Open311). Only its hash is stored."""

    name = models.CharField(_("ονομασία"), max_length=100)
    owner = models.CharField(_("κάτοχος"), max_length=200, help_text=_("Φορέας ή πρόσωπο."))
    owner_email = models.EmailField(_("email κατόχου"), blank=True)
    prefix = models.CharField(_("πρόθεμα"), max_length=8, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("ενεργό"), default=True)
    created_at = models.DateTimeField(_("δημιουργήθηκε"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("τελευταία χρήση"), null=True, blank=True)
    hourly_quota = models.PositiveIntegerField(
        _("όριο αιτημάτων ανά ώρα"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_(
            "Πόσα νέα αιτήματα (POST) δέχεται η διαδικτυακή υπηρεσία με αυτό το κλειδί "
            "ανά ώρα. Αυξήστε το για συγκεντρωτικές εφαρμογές."
        ),
    )

    class Meta:
        verbose_name = _("κλειδί API")
        verbose_name_plural = _("κλειδιά API")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SessionGeneration(models.Model):
    """A user's session generation: sessions signed in under an older one are dead.

    Deactivating or reactivating an account moves it on, so no cookie from before
    a deactivation opens the back office again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    generation = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("γενιά συνεδριών")
        verbose_name_plural = _("γενιές συνεδριών")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.generation}"


class BlockedSender(models.Model):
    """An email address or a whole domain whose submissions are held for moderation.

    Nothing from a blocked sender is refused (nothing is lost): the complaint is
    registered and flagged for staff to look at before any work is done on it.
    """

    value = models.CharField(
        _("διεύθυνση ή τομέας"),
        max_length=254,
        unique=True,
        help_text=_("Μια διεύθυνση email (name@example.gr) ή ολόκληρος τομέας (example.gr)."),
    )
    reason = models.CharField(_("αιτιολογία"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("δημιουργήθηκε"), auto_now_add=True)

    class Meta:
        verbose_name = _("αποκλεισμένος αποστολέας")
        verbose_name_plural = _("αποκλεισμένοι αποστολείς")
        ordering = ["value"]

    def __str__(self) -> str:
        return self.value

    def save(self, *args, **kwargs):
        self.value = self.value.strip().lower().removeprefix("@")
        super().save(*args, **kwargs)
