"""Citizens' requests, suggestions and complaints, and how the municipality handles them."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import citizen_link
from complaints.expressions import DaysBetween
from complaints.storage import attachment_path, private_storage
from portal.i18n import TranslatedCharField, TranslatedModel, in_every_language
from portal.models import Department
from portal.search import StemmedSearchable
from portal.workflow import StatusMachine

LEGAL_RESPONSE_DAYS = 50  # ν. 2690/1999 άρθρο 4
PUBLIC_COORDINATE_DIGITS = 3  # about 100 m: a street, never a doorstep
PUBLIC_COORDINATE_PLACES = Decimal(1).scaleb(-PUBLIC_COORDINATE_DIGITS)
# Deadlines and days to resolution are counted in Greek calendar days.
GREEK_TIME = ZoneInfo("Europe/Athens")


class CategoryGroup(models.TextChoices):
    CLEANLINESS = "cleanliness", _("Καθαριότητα")
    ROADS = "roads", _("Οδοποιία & πεζοδρόμια")
    LIGHTING = "lighting", _("Ηλεκτροφωτισμός")
    GREEN = "green", _("Πράσινο")
    ANIMALS = "animals", _("Ζώα")
    QUALITY_OF_LIFE = "quality_of_life", _("Ποιότητα ζωής")
    TRAFFIC = "traffic", _("Στάθμευση & κυκλοφορία")
    OTHER = "other", _("Άλλο")


class Category(TranslatedModel):
    """A kind of problem citizens report, routed to the department that handles it."""

    code = models.SlugField(
        _("κωδικός"),
        max_length=60,
        unique=True,
        help_text=_("Σταθερός κωδικός· είναι και ο service_code του Open311."),
    )
    name = TranslatedCharField(_("ονομασία"), max_length=120)
    name_en = models.CharField(_("ονομασία (αγγλικά)"), max_length=120, blank=True)
    group = models.CharField(
        _("ομάδα"), max_length=30, choices=CategoryGroup.choices, default=CategoryGroup.OTHER
    )
    description = TranslatedCharField(_("περιγραφή"), max_length=300, blank=True)
    description_en = models.CharField(_("περιγραφή (αγγλικά)"), max_length=300, blank=True)
    keywords = models.CharField(
        _("λέξεις-κλειδιά"), max_length=300, blank=True, help_text=_("Χωρισμένες με κόμμα.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("αρμόδια υπηρεσία"),
        on_delete=models.PROTECT,
        related_name="complaint_categories",
    )
    response_days = models.PositiveSmallIntegerField(
        _("προθεσμία απάντησης (ημέρες)"),
        null=True,
        blank=True,
        help_text=_("Κενό: η νόμιμη προθεσμία των 50 ημερών."),
    )
    is_active = models.BooleanField(_("ενεργή"), default=True)
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    class Meta:
        verbose_name = _("κατηγορία")
        verbose_name_plural = _("κατηγορίες")
        ordering = ["group", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response_days__isnull=True) | models.Q(response_days__gte=1),
                name="complaints_category_response_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_response_days(self) -> int:
        return self.response_days or LEGAL_RESPONSE_DAYS


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Κείμενο")
    NUMBER = "number", _("Αριθμός")
    SINGLE = "singlevaluelist", _("Μία επιλογή")
    MULTIPLE = "multivaluelist", _("Πολλές επιλογές")
    DATETIME = "datetime", _("Ημερομηνία και ώρα")


class CategoryQuestion(TranslatedModel):
    """An extra question a category asks (an Open311 service attribute)."""

    category = models.ForeignKey(
        Category, verbose_name=_("κατηγορία"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.SlugField(_("κωδικός"), max_length=60)
    label = TranslatedCharField(_("ερώτηση"), max_length=200)
    label_en = models.CharField(_("ερώτηση (αγγλικά)"), max_length=200, blank=True)
    kind = models.CharField(
        _("είδος απάντησης"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    required = models.BooleanField(_("υποχρεωτική"), default=False)
    choices = models.JSONField(
        _("επιλογές"),
        default=list,
        blank=True,
        help_text=_(
            'Λίστα από {"key": …, "name": …, "name_en": …} για ερωτήσεις επιλογής '
            "(name_en: η ονομασία στα αγγλικά)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    class Meta:
        verbose_name = _("ερώτηση κατηγορίας")
        verbose_name_plural = _("ερωτήσεις κατηγορίας")
        ordering = ["category", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "code"], name="complaints_question_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_keys(self) -> list[str]:
        return [str(choice.get("key")) for choice in self.choices or []]


class Kind(models.TextChoices):
    REQUEST = "request", _("Αίτημα")
    SUGGESTION = "suggestion", _("Πρόταση")
    COMPLAINT = "complaint", _("Καταγγελία")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Υποβλήθηκε")
    ACCEPTED = "accepted", _("Έγινε δεκτό")
    FORWARDED = "forwarded", _("Διαβιβάστηκε")
    IN_PROGRESS = "in_progress", _("Σε εξέλιξη")
    AWAITING_CITIZEN = "awaiting_citizen", _("Αναμένεται απάντηση πολίτη")
    RESOLVED = "resolved", _("Επιλύθηκε")
    REJECTED = "rejected", _("Απορρίφθηκε")
    DUPLICATE = "duplicate", _("Διπλότυπο")
    CLOSED = "closed", _("Έκλεισε")


# Statuses in which the municipality still owes an answer; the deadline runs in these.
OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.FORWARDED, Status.IN_PROGRESS})
# Statuses that Open311 reports as "closed".
FINISHED_STATUSES = frozenset({Status.RESOLVED, Status.REJECTED, Status.DUPLICATE, Status.CLOSED})

# Who may move a complaint to which status; `complaints.services.complaint_transition` follows it.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SUBMITTED: frozenset(
        {Status.ACCEPTED, Status.FORWARDED, Status.REJECTED, Status.DUPLICATE}
    ),
    Status.ACCEPTED: frozenset(
        {
            Status.FORWARDED,
            Status.IN_PROGRESS,
            Status.AWAITING_CITIZEN,
            Status.RESOLVED,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.FORWARDED: frozenset(
        {
            Status.ACCEPTED,
            Status.FORWARDED,
            Status.IN_PROGRESS,
            Status.AWAITING_CITIZEN,
            Status.RESOLVED,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.IN_PROGRESS: frozenset(
        {
            Status.FORWARDED,
            Status.AWAITING_CITIZEN,
            Status.RESOLVED,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.AWAITING_CITIZEN: frozenset(
        {Status.IN_PROGRESS, Status.FORWARDED, Status.RESOLVED, Status.REJECTED, Status.CLOSED}
    ),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.REJECTED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.DUPLICATE: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
}

# Finished statuses that staff may reopen (back to «in progress»).
REOPENABLE = frozenset({Status.RESOLVED, Status.REJECTED, Status.DUPLICATE, Status.CLOSED})
# The municipality's final answer to the citizen; the legal deadline is met by one of these.
ANSWERS = frozenset({Status.RESOLVED, Status.REJECTED})


class Source(models.TextChoices):
    WEB = "web", _("Ιστότοπος")
    OPEN311 = "open311", _("Open311")
    PHONE = "phone", _("Τηλέφωνο")
    WALK_IN = "walk_in", _("Αυτοπροσώπως")
    EMAIL = "email", _("Email")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Ικανοποιήθηκε")
    NOT_SATISFIED = "not_satisfied", _("Δεν ικανοποιήθηκε")


class ComplaintQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_update(self):
        """Lock the rows read, so concurrent staff actions on a complaint queue up."""
        return self.select_for_update(of=("self",)).select_related("category", "department")

    def overdue(self, today: date | None = None):
        """Open complaints whose deadline has passed."""
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def due_within(self, days: int, today: date | None = None):
        """Open complaints due between today and `days` days from now."""
        today = today or timezone.localdate()
        return self.open().filter(deadline__gte=today, deadline__lte=today + timedelta(days=days))


class Complaint(StatusMachine, StemmedSearchable):
    """One request, suggestion or complaint of a citizen.

    Contact data, the exact address and coordinates and the description are
    private. Only published complaints appear in public, and then only their
    public fields (see `PUBLIC_COLUMNS`).
    """

    protocol_number = models.CharField(
        _("αριθμός πρωτοκόλλου"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("ΕΕΕΕ-ΝΝΝΝΝΝ, ανά έτος, χωρίς κενά."),
    )
    kind = models.CharField(_("είδος"), max_length=20, choices=Kind.choices, default=Kind.REQUEST)
    category = models.ForeignKey(
        Category, verbose_name=_("κατηγορία"), on_delete=models.PROTECT, related_name="complaints"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("αρμόδια υπηρεσία"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    subject = models.CharField(_("θέμα"), max_length=200)
    description = models.TextField(_("περιγραφή"), max_length=5000)
    address = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    public_area = models.CharField(_("περιοχή"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("γεωγραφικό πλάτος"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("γεωγραφικό μήκος"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    citizen_name = models.CharField(_("ονοματεπώνυμο"), max_length=150, blank=True)
    citizen_email = models.EmailField(_("email"), blank=True)
    citizen_phone = models.CharField(_("τηλέφωνο"), max_length=20, blank=True)
    # The citizen's account (accounts): filed while signed in, or attached on a verified match.
    citizen = citizen_link(related_name="complaints")
    # From a blocked sender (portal.BlockedSender): kept, flagged for staff to check first.
    held_for_moderation = models.BooleanField(
        _("σε αναμονή ελέγχου"), default=False, db_default=False
    )
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    source = models.CharField(
        _("προέλευση"), max_length=10, choices=Source.choices, default=Source.WEB
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("χειριστής"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_complaints",
    )
    submitted_at = models.DateTimeField(_("υποβλήθηκε"), default=timezone.now)
    updated_at = models.DateTimeField(_("τελευταία μεταβολή"), auto_now=True)
    deadline = models.DateField(_("προθεσμία"))
    paused_days = models.PositiveIntegerField(
        _("ημέρες αναστολής"),
        default=0,
        help_text=_("Ημέρες αναμονής απάντησης του πολίτη, που παρατείνουν την προθεσμία."),
    )
    awaiting_since = models.DateTimeField(_("αναμονή πολίτη από"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("επιλύθηκε"), null=True, blank=True)
    answered_at = models.DateTimeField(
        _("απαντήθηκε"),
        null=True,
        blank=True,
        help_text=_("Πότε δόθηκε η τελική απάντηση (επίλυση ή αιτιολογημένη απόρριψη)."),
    )
    # Kept by PostgreSQL itself, so the semiannual report reads them from its index.
    resolution_days = models.GeneratedField(
        expression=DaysBetween(
            TruncDate("resolved_at", tzinfo=GREEK_TIME),
            TruncDate("submitted_at", tzinfo=GREEK_TIME),
        ),
        output_field=models.IntegerField(_("ημέρες ως την επίλυση")),
        db_persist=True,
    )
    answered_on_time = models.GeneratedField(
        expression=LessThanOrEqual(
            TruncDate("answered_at", tzinfo=GREEK_TIME), models.F("deadline")
        ),
        output_field=models.BooleanField(_("απαντήθηκε εμπρόθεσμα")),
        db_persist=True,
    )
    closed_at = models.DateTimeField(_("έκλεισε"), null=True, blank=True)
    satisfaction = models.CharField(
        _("ικανοποίηση πολίτη"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("διπλότυπο του"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    public_summary = models.TextField(_("δημόσια περίληψη"), max_length=2000, blank=True)
    is_published = models.BooleanField(_("δημοσιευμένο"), default=False)
    tracking_secret_hash = models.CharField(max_length=64, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    answers = models.JSONField(_("απαντήσεις σε ερωτήσεις"), default=dict, blank=True)
    anonymised_at = models.DateTimeField(_("ανωνυμοποιήθηκε"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    TRANSITIONS = TRANSITIONS

    # The privacy whitelists (`portal.privacy`). What may leave the building (the register,
    # the map, open data, Open311): these columns, the names and codes of the category and
    # department (`PUBLIC_RELATIONS`), and the coordinates only rounded (`ROUNDED_COLUMNS`).
    PUBLIC_COLUMNS = (
        "protocol_number",
        "kind",
        "public_summary",
        "public_area",
        "status",
        "is_published",
        "submitted_at",
        "updated_at",
        "deadline",
        "resolved_at",
        "closed_at",
    )
    PUBLIC_RELATIONS = ("category", "department")
    ROUNDED_COLUMNS = ("latitude", "longitude")
    # The citizen's contact data and exact location: shown only to staff who may see
    # contact data, erased by anonymisation, never public (rounded coordinates aside).
    PERSONAL_FIELDS = (
        "citizen_name",
        "citizen_email",
        "citizen_phone",
        "citizen",
        "address",
        "latitude",
        "longitude",
    )

    class Meta(StemmedSearchable.Meta):
        verbose_name = _("αίτημα")
        verbose_name_plural = _("αιτήματα")
        ordering = ["-submitted_at", "-id"]
        permissions = [
            ("view_contact_data", _("Βλέπει τα στοιχεία επικοινωνίας των πολιτών")),
            ("export_complaints", _("Εξάγει αιτήματα σε CSV")),
            ("view_report", _("Βλέπει τις εξαμηνιαίες αναφορές")),
        ]
        indexes = [
            # Only the published complaints are ever searched (the public register).
            GinIndex(
                fields=["search_vector"],
                condition=models.Q(is_published=True),
                name="complaints_register_search",
            ),
            models.Index(fields=["status", "deadline"], name="complaints_status_deadline"),
            models.Index(
                fields=["department", "status", "submitted_at"], name="complaints_dept_queue"
            ),
            # Covers the semiannual report, which then never reads the wide rows.
            models.Index(
                fields=["submitted_at"],
                include=[
                    "category",
                    "department",
                    "status",
                    "deadline",
                    "resolution_days",
                    "answered_on_time",
                    "satisfaction",
                ],
                name="complaints_report",
            ),
            models.Index(
                fields=["-submitted_at", "-id"],
                condition=models.Q(is_published=True),
                name="complaints_register",
            ),
            models.Index(
                fields=["closed_at"],
                condition=models.Q(anonymised_at__isnull=True),
                name="complaints_retention",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(duplicate_of=models.F("id")),
                name="complaints_complaint_not_own_duplicate",
            ),
            models.CheckConstraint(
                condition=models.Q(is_published=False) | ~models.Q(public_summary=""),
                name="complaints_published_has_summary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.protocol_number or '—'} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", kwargs={"protocol": self.protocol_number})

    def search_parts(self) -> list[object]:
        # Public fields only, so a public search never matches private text.
        category = in_every_language(self.category, "name")
        return [self.protocol_number, self.public_summary, *category, self.public_area]

    def open311_status(self) -> str:
        return "closed" if self.status in FINISHED_STATUSES else "open"

    def public_point(self) -> tuple[Decimal, Decimal] | None:
        """Return the coordinates rounded to about 100 m, or None without a pin."""
        if self.latitude is None or self.longitude is None:
            return None
        return (
            self.latitude.quantize(PUBLIC_COORDINATE_PLACES, ROUND_HALF_UP),
            self.longitude.quantize(PUBLIC_COORDINATE_PLACES, ROUND_HALF_UP),
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class ProtocolCounter(models.Model):
    """The last protocol number given in a year; locked while a submission commits."""

    year = models.PositiveSmallIntegerField(_("έτος"), primary_key=True)
    last_number = models.PositiveIntegerField(_("τελευταίος αριθμός"), default=0)

    class Meta:
        verbose_name = _("μετρητής πρωτοκόλλου")
        verbose_name_plural = _("μετρητές πρωτοκόλλου")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class TimelineKind(models.TextChoices):
    SUBMITTED = "submitted", _("Υποβολή")
    STATUS_CHANGED = "status_changed", _("Αλλαγή κατάστασης")
    FORWARDED = "forwarded", _("Διαβίβαση")
    ASSIGNED = "assigned", _("Ανάθεση")
    PUBLIC_REPLY = "public_reply", _("Απάντηση")
    INTERNAL_NOTE = "internal_note", _("Εσωτερική σημείωση")
    INFORMATION_REQUESTED = "information_requested", _("Ζητήθηκαν στοιχεία")
    CITIZEN_MESSAGE = "citizen_message", _("Μήνυμα πολίτη")
    SATISFACTION = "satisfaction", _("Αξιολόγηση πολίτη")
    DUPLICATE_MARKED = "duplicate_marked", _("Σήμανση διπλότυπου")
    PUBLISHED = "published", _("Δημοσίευση")


class TimelineEntry(models.Model):
    """One event in a complaint's history; public ones show on the tracking page."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("αίτημα"), on_delete=models.CASCADE, related_name="timeline"
    )
    kind = models.CharField(_("είδος"), max_length=30, choices=TimelineKind.choices)
    is_public = models.BooleanField(_("ορατό στον πολίτη"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ενεργών"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("κείμενο"), max_length=5000, blank=True)
    from_status = models.CharField(
        _("από κατάσταση"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(
        _("σε κατάσταση"), max_length=20, choices=Status.choices, blank=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("υπηρεσία"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("χρόνος"), default=timezone.now)

    class Meta:
        verbose_name = _("συμβάν ιστορικού")
        verbose_name_plural = _("ιστορικό")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["complaint", "created_at"], name="complaints_timeline")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M})"


class Attachment(models.Model):
    """A file a citizen attached; kept in private storage, served to staff only."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("αίτημα"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("αρχείο"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("αρχικό όνομα"), max_length=200)
    media_type = models.CharField(_("τύπος"), max_length=100)
    size = models.PositiveIntegerField(_("μέγεθος (bytes)"))
    is_public_photo = models.BooleanField(
        _("εγκεκριμένη δημόσια φωτογραφία"),
        default=False,
        help_text=_("Μόνο αφού ελεγχθεί ότι δεν δείχνει πρόσωπα, πινακίδες ή προσωπικά στοιχεία."),
    )
    uploaded_at = models.DateTimeField(_("ανέβηκε"), default=timezone.now)
    timeline_entry = models.ForeignKey(
        TimelineEntry,
        verbose_name=_("συμβάν"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )

    class Meta:
        verbose_name = _("συνημμένο")
        verbose_name_plural = _("συνημμένα")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
