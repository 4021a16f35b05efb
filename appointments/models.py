"""Municipal desks that citizens book: services, hours, closures, slots, bookings."""

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import citizen_link
from portal.i18n import TranslatedCharField, TranslatedModel
from portal.models import Department
from portal.workflow import StatusMachine


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Δευτέρα")
    TUESDAY = 1, _("Τρίτη")
    WEDNESDAY = 2, _("Τετάρτη")
    THURSDAY = 3, _("Πέμπτη")
    FRIDAY = 4, _("Παρασκευή")
    SATURDAY = 5, _("Σάββατο")
    SUNDAY = 6, _("Κυριακή")


DEFAULT_OPENING = (time(8, 0), time(14, 0))

# Path segments the app's own URLs use beside /appointments/<service slug>/.
RESERVED_SLUGS = frozenset({"api", "booking", "confirmation", "data"})


def validate_service_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Η συντόμευση «%(slug)s» χρησιμοποιείται ήδη από τις διευθύνσεις της εφαρμογής."),
            params={"slug": value},
        )


class Service(TranslatedModel):
    """A desk citizens book appointments with (e.g. the civil registry)."""

    name = TranslatedCharField(_("ονομασία"), max_length=200)
    name_en = models.CharField(_("ονομασία (αγγλικά)"), max_length=200, blank=True)
    slug = models.SlugField(
        _("συντόμευση"), max_length=80, unique=True, validators=[validate_service_slug]
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("υπηρεσία του Δήμου"),
        on_delete=models.PROTECT,
        related_name="appointment_services",
    )
    summary = TranslatedCharField(
        _("σύντομη περιγραφή"),
        max_length=300,
        blank=True,
        help_text=_("Για ποιες υποθέσεις κλείνει κανείς ραντεβού εδώ."),
    )
    summary_en = models.CharField(_("σύντομη περιγραφή (αγγλικά)"), max_length=300, blank=True)
    location = models.CharField(_("τόπος εξυπηρέτησης"), max_length=200)
    directions = models.TextField(_("οδηγίες πρόσβασης"), blank=True)
    what_to_bring = models.TextField(
        _("τι να φέρετε"), blank=True, help_text=_("Ένα δικαιολογητικό ανά γραμμή.")
    )
    slot_minutes = models.PositiveSmallIntegerField(_("διάρκεια ραντεβού (λεπτά)"), default=15)
    capacity = models.PositiveSmallIntegerField(
        _("θέσεις εξυπηρέτησης ανά ραντεβού"),
        default=1,
        help_text=_("Πόσα γκισέ εξυπηρετούν ταυτόχρονα."),
    )
    horizon_days = models.PositiveSmallIntegerField(_("ορίζοντας κρατήσεων (ημέρες)"), default=30)
    min_notice_minutes = models.PositiveIntegerField(
        _("ελάχιστη προειδοποίηση (λεπτά)"), default=120
    )
    requires_identity = models.BooleanField(
        _("απαιτεί ταυτοποίηση"),
        default=False,
        help_text=_(
            "Ο πολίτης κλείνει ραντεβού μόνο συνδεδεμένος με TAXISnet· το ραντεβού δένεται "
            "με το πρόσωπο και το όριο ραντεβού μετρά ανά πρόσωπο (π.χ. Δημοτολόγιο, Ληξιαρχείο)."
        ),
    )
    is_active = models.BooleanField(_("ενεργή"), default=True)
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)

    class Meta:
        verbose_name = _("υπηρεσία ραντεβού")
        verbose_name_plural = _("υπηρεσίες ραντεβού")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="appointments_service_slot_minutes_range",
                violation_error_message=_("Η διάρκεια πρέπει να είναι από 5 έως 240 λεπτά."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=100),
                name="appointments_service_capacity_range",
                violation_error_message=_("Οι θέσεις πρέπει να είναι από 1 έως 100."),
            ),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1, horizon_days__lte=366),
                name="appointments_service_horizon_range",
                violation_error_message=_("Ο ορίζοντας πρέπει να είναι από 1 έως 366 ημέρες."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("appointments:service", kwargs={"slug": self.slug})

    @property
    def what_to_bring_list(self) -> list[str]:
        return [line.strip() for line in self.what_to_bring.splitlines() if line.strip()]


class OpeningHours(models.Model):
    """One range of opening hours on a weekday; a weekday may have several."""

    service = models.ForeignKey(
        Service, verbose_name=_("υπηρεσία"), on_delete=models.CASCADE, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(_("ημέρα"), choices=Weekday.choices)
    start = models.TimeField(_("από"))
    end = models.TimeField(_("έως"))

    class Meta:
        verbose_name = _("ωράριο")
        verbose_name_plural = _("ωράριο λειτουργίας")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="appointments_openinghours_start_before_end",
                violation_error_message=_("Η ώρα έναρξης πρέπει να είναι πριν από τη λήξη."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Closure(models.Model):
    """A day or part of a day when one service, or all (no service), is closed."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("υπηρεσία"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        help_text=_("Κενό: κλείνουν όλες οι υπηρεσίες ραντεβού."),
    )
    date = models.DateField(_("ημερομηνία"))
    end_date = models.DateField(
        _("έως και ημερομηνία"),
        null=True,
        blank=True,
        help_text=_("Για κλείσιμο πολλών ημερών (χωρίς ώρες)· κενό για μία ημέρα."),
    )
    start_time = models.TimeField(
        _("από ώρα"), null=True, blank=True, help_text=_("Κενό: κλειστά όλη την ημέρα.")
    )
    end_time = models.TimeField(_("έως ώρα"), null=True, blank=True)
    reason = models.CharField(_("αιτία"), max_length=200, help_text=_("Εμφανίζεται στους πολίτες."))
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    class Meta:
        verbose_name = _("κλείσιμο")
        verbose_name_plural = _("κλεισίματα")
        ordering = ["-date", "start_time"]
        indexes = [models.Index(fields=["date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True, end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__isnull=False, start_time__lt=F("end_time")),
                name="appointments_closure_time_range",
                violation_error_message=_(
                    "Δώστε και τις δύο ώρες (η έναρξη πριν από τη λήξη) ή καμία για όλη την ημέρα."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gt=F("date"), start_time__isnull=True),
                name="appointments_closure_date_range",
                violation_error_message=_(
                    "Η τελευταία ημέρα πρέπει να είναι μετά την πρώτη· κλείσιμο πολλών ημερών "
                    "γίνεται για ολόκληρες ημέρες, χωρίς ώρες."
                ),
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.date:%d/%m/%Y}"
        if self.end_date:
            when += f"–{self.end_date:%d/%m/%Y}"
        if self.start_time:
            when += f" {self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{when}: {self.reason}"

    @property
    def is_whole_day(self) -> bool:
        return self.start_time is None

    @property
    def last_date(self):
        return self.end_date or self.date

    def covers(self, day) -> bool:
        return self.date <= day <= self.last_date


class Slot(models.Model):
    """A bookable time of a service, made the first time someone books it."""

    service = models.ForeignKey(
        Service, verbose_name=_("υπηρεσία"), on_delete=models.PROTECT, related_name="slots"
    )
    starts_at = models.DateTimeField(_("έναρξη"))
    ends_at = models.DateTimeField(_("λήξη"))
    capacity = models.PositiveSmallIntegerField(_("θέσεις"))
    booked = models.PositiveSmallIntegerField(_("κρατήσεις"), default=0)

    class Meta:
        verbose_name = _("χρονοθυρίδα")
        verbose_name_plural = _("χρονοθυρίδες")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "starts_at"], name="appointments_slot_unique_start"
            ),
            # The last line of defence against overbooking, whatever the code above does.
            models.CheckConstraint(
                condition=Q(booked__gte=0, booked__lte=F("capacity")),
                name="appointments_slot_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="appointments_slot_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def remaining(self) -> int:
        return self.capacity - self.booked


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Κλεισμένο")
    CANCELLED = "cancelled", _("Ακυρωμένο")
    ARRIVED = "arrived", _("Προσήλθε")
    NO_SHOW = "no_show", _("Δεν προσήλθε")


# Who may move a booking to which status (staff actions; cancellation has its own service).
BOOKING_TRANSITIONS: dict[str, frozenset[str]] = {
    BookingStatus.BOOKED: frozenset({BookingStatus.ARRIVED, BookingStatus.NO_SHOW}),
    BookingStatus.ARRIVED: frozenset({BookingStatus.NO_SHOW}),
    BookingStatus.NO_SHOW: frozenset({BookingStatus.ARRIVED}),
    BookingStatus.CANCELLED: frozenset(),
}


class BookingSource(models.TextChoices):
    WEB = "web", _("Διαδίκτυο")
    PHONE = "phone", _("Τηλέφωνο")


# The name a booking keeps once its personal data is erased.
ANONYMISED_NAME = "—"
# Statuses that hold a place in the slot.
ACTIVE_STATUSES = (BookingStatus.BOOKED, BookingStatus.ARRIVED)


class Booking(StatusMachine, models.Model):
    """One citizen's appointment. Name, email, phone and reason are private."""

    reference = models.CharField(_("κωδικός κράτησης"), max_length=12, unique=True)
    service = models.ForeignKey(
        Service, verbose_name=_("υπηρεσία"), on_delete=models.PROTECT, related_name="bookings"
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("χρονοθυρίδα"), on_delete=models.PROTECT, related_name="bookings"
    )
    day = models.DateField(_("ημέρα"), help_text=_("Η τοπική ημερομηνία του ραντεβού."))
    name = models.CharField(_("ονοματεπώνυμο"), max_length=150)
    email = models.EmailField(
        _("email"), max_length=254, blank=True, help_text=_("Κενό μόνο για κρατήσεις από τηλέφωνο.")
    )
    phone = models.CharField(_("τηλέφωνο"), max_length=20)
    reason = models.TextField(_("θέμα"), max_length=1000, blank=True)
    # The citizen's account (accounts): booked while signed in, or attached by confirmed email.
    citizen = citizen_link(related_name="bookings")
    status = models.CharField(
        _("κατάσταση"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    source = models.CharField(
        _("προέλευση"), max_length=8, choices=BookingSource.choices, default=BookingSource.WEB
    )
    created_at = models.DateTimeField(_("δημιουργήθηκε"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("αλλαγή κατάστασης"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("καταχωρίστηκε από"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    cancelled_reason = models.CharField(_("αιτία ακύρωσης"), max_length=300, blank=True)
    sequence = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text=_("Αριθμός αλλαγών (για το ημερολόγιο).")
    )
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    TRANSITIONS = BOOKING_TRANSITIONS
    # The privacy whitelists. No booking is ever public one by one: open data
    # counts bookings by these columns only (`selectors.daily_statistics`).
    PUBLIC_COLUMNS = ("service", "day", "status")
    # The citizen's data: shown only at the desk, erased by `bookings_anonymise`.
    PERSONAL_FIELDS = ("name", "email", "phone", "reason", "citizen")

    class Meta:
        verbose_name = _("κράτηση")
        verbose_name_plural = _("κρατήσεις")
        ordering = ["slot__starts_at", "id"]
        indexes = [
            models.Index(Lower("email"), "status", name="appointments_booking_email"),
            models.Index(fields=["service", "day"]),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "service",
                "day",
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="appointments_booking_one_per_day",
                violation_error_message=_(
                    "Υπάρχει ήδη ενεργό ραντεβού με αυτό το email στην υπηρεσία την ίδια ημέρα."
                ),
            ),
            models.UniqueConstraint(
                "citizen",
                "service",
                "day",
                condition=Q(status__in=ACTIVE_STATUSES) & Q(citizen__isnull=False),
                name="appointments_booking_one_per_day_citizen",
                violation_error_message=_(
                    "Έχετε ήδη ενεργό ραντεβού στην υπηρεσία την ίδια ημέρα."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def starts_at(self):
        return self.slot.starts_at

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @classmethod
    def anonymised_values(cls) -> dict:
        """What anonymisation writes over PERSONAL_FIELDS: blanks, no account, a dash for name."""
        values = {
            name: None if cls._meta.get_field(name).null else "" for name in cls.PERSONAL_FIELDS
        }
        return values | {"name": ANONYMISED_NAME}
