"""Email alerts: who subscribed to what, and every email sent to them.

A subscriber is one email address, with or without a citizen account. Each of
its subscriptions names a source (`portal.alerting`), the saved criteria and a
frequency. Every email sent is a `Delivery`: its token (kept only hashed)
authorises the one-click unsubscribe and the management page, and the events it
carried make a run that is repeated, or that crashed halfway, send nothing twice.
"""

from datetime import timedelta

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from portal.alerting import alert_sources
from portal.types import StrOrPromise
from portal.workflow import StatusMachine

# A confirmation link works this long; an unconfirmed subscription is then deleted.
CONFIRMATION_DAYS = 7
CONFIRMATION_TIME = timedelta(days=CONFIRMATION_DAYS)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Αμέσως, σε κάθε ενημέρωση")
    DAILY = "daily", _("Ημερήσια σύνοψη")
    WEEKLY = "weekly", _("Εβδομαδιαία σύνοψη")


# How long after its last run a digest is due again; an hour early, so that a daily timer
# that fires a little sooner one day still finds it due.
PERIOD: dict[str, timedelta] = {
    Frequency.IMMEDIATE: timedelta(0),
    Frequency.DAILY: timedelta(days=1) - timedelta(hours=1),
    Frequency.WEEKLY: timedelta(days=7) - timedelta(hours=1),
}


class Status(models.TextChoices):
    PENDING = "pending", _("Αναμένει επιβεβαίωση")
    ACTIVE = "active", _("Ενεργή")
    CANCELLED = "cancelled", _("Καταργήθηκε")


TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PENDING: frozenset({Status.ACTIVE, Status.CANCELLED}),
    Status.ACTIVE: frozenset({Status.CANCELLED}),
    Status.CANCELLED: frozenset(),
}


class Subscriber(models.Model):
    """An email address that receives alerts; the person's only personal datum here."""

    email = models.EmailField(_("email"))
    language = models.CharField(_("γλώσσα"), max_length=8, default="el")
    citizen = models.ForeignKey(
        "accounts.Citizen",
        verbose_name=_("λογαριασμός πολίτη"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alert_subscribers",
    )
    created_at = models.DateTimeField(_("δημιουργία"), auto_now_add=True)

    PUBLIC_COLUMNS: tuple[str, ...] = ()
    PERSONAL_FIELDS = ("email",)

    class Meta:
        verbose_name = _("συνδρομητής")
        verbose_name_plural = _("συνδρομητές")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="alerts_subscriber_unique_email"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"


class Subscription(StatusMachine, models.Model):
    """One alert a subscriber asked for: a source, its saved criteria, a frequency."""

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("συνδρομητής"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    source = models.CharField(_("πηγή"), max_length=60)
    criteria = models.JSONField(_("κριτήρια"), default=dict)
    #: The criteria in words, in the subscriber's language, when they subscribed.
    summary = models.CharField(_("περιγραφή"), max_length=500, blank=True)
    frequency = models.CharField(
        _("συχνότητα"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    status = models.CharField(
        _("κατάσταση"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    confirmation_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("δημιουργία"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("επιβεβαίωση"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("κατάργηση"), null=True, blank=True)
    #: Events up to this time have been matched; the next run looks again a little
    #: earlier (`dispatch.SETTLE`) for events committed late.
    covered_until = models.DateTimeField(_("ελέγχθηκε έως"), null=True, blank=True)

    TRANSITIONS = TRANSITIONS
    PUBLIC_COLUMNS: tuple[str, ...] = ()
    PERSONAL_FIELDS: tuple[str, ...] = ()

    class Meta:
        verbose_name = _("ειδοποίηση")
        verbose_name_plural = _("ειδοποιήσεις")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["frequency", "subscriber"],
                condition=models.Q(status="active"),
                name="alerts_subscription_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["confirmation_hash"],
                condition=~models.Q(confirmation_hash=""),
                name="alerts_subscription_unique_confirmation",
            ),
            # The same alert twice to one address would send every event twice over.
            models.UniqueConstraint(
                fields=["subscriber", "source", "criteria"],
                condition=~models.Q(status="cancelled"),
                name="alerts_subscription_unique_live",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="alerts_subscription_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values),
                name="alerts_subscription_frequency_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} #{self.pk}"

    @property
    def source_label(self) -> StrOrPromise:
        source = alert_sources().get(self.source)
        return source.label if source is not None else self.source


class DeliveryKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Επιβεβαίωση εγγραφής")
    ALERT = "alert", _("Ειδοποίηση")
    DIGEST = "digest", _("Σύνοψη")
    MANAGE_LINK = "manage_link", _("Σύνδεσμος διαχείρισης")


class Delivery(models.Model):
    """One email sent to a subscriber: its token's hash, its subscriptions, its events."""

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("συνδρομητής"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    kind = models.CharField(_("είδος"), max_length=20, choices=DeliveryKind.choices)
    sent_at = models.DateTimeField(_("αποστολή"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    subscription_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    event_keys = ArrayField(models.CharField(max_length=120), default=list, blank=True)

    class Meta:
        verbose_name = _("αποστολή")
        verbose_name_plural = _("αποστολές")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["subscriber", "sent_at"], name="alerts_delivery_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
