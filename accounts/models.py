"""Citizen accounts: a person signed in on the public site, never a member of staff.

A citizen signs in with TAXISnet (GSIS OAuth 2.0) or with a link sent by email.
The account is a model of its own, not a `django.contrib.auth` user, so that no
citizen session can ever pass the admin's checks. The ΑΦΜ is kept as a keyed hash
for matching; the number itself only sealed, where a service needs it.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Citizen(models.Model):
    first_name = models.CharField(_("όνομα"), max_length=100, blank=True)
    last_name = models.CharField(_("επώνυμο"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    email_verified_at = models.DateTimeField(_("επιβεβαίωση email"), null=True, blank=True)
    phone = models.CharField(_("τηλέφωνο"), max_length=32, blank=True)
    #: HMAC-SHA256 of the ΑΦΜ under settings.CITIZEN_AFM_HASH_KEY: matching and uniqueness.
    afm_hash = models.CharField(_("ΑΦΜ (κατακερματισμένος)"), max_length=64, blank=True)
    #: The ΑΦΜ itself, sealed (Fernet) under settings.CITIZEN_AFM_KEY; kept only when a
    #: service needs the number (a programme application), else empty.
    afm_sealed = models.TextField(_("ΑΦΜ (κρυπτογραφημένος)"), blank=True)
    #: Moves on at sign-out everywhere and at deletion: older sessions are dead.
    session_generation = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("δημιουργία"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("τελευταία σύνδεση"), null=True, blank=True)

    PUBLIC_COLUMNS: tuple[str, ...] = ()
    PERSONAL_FIELDS = ("first_name", "last_name", "email", "phone", "afm_hash", "afm_sealed")

    class Meta:
        verbose_name = _("πολίτης")
        verbose_name_plural = _("πολίτες")
        constraints = [
            models.UniqueConstraint(
                fields=["afm_hash"],
                condition=~models.Q(afm_hash=""),
                name="accounts_citizen_unique_afm",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email="") & models.Q(email_verified_at__isnull=False),
                name="accounts_citizen_unique_verified_email",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def identity_verified(self) -> bool:
        """Signed in through TAXISnet at least once: the person is known by ΑΦΜ."""
        return bool(self.afm_hash)


def citizen_link(related_name: str) -> models.ForeignKey:
    """The link from another app's record to the citizen's account it belongs to.

    Nullable (accounts are optional) and SET_NULL: deleting an account detaches
    the records the law keeps; not editable in forms (services set it).
    """
    return models.ForeignKey(
        Citizen,
        verbose_name=_("λογαριασμός πολίτη"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name=related_name,
    )


class EmailLinkPurpose(models.TextChoices):
    SIGN_IN = "sign_in", _("Σύνδεση")
    CONFIRM = "confirm", _("Επιβεβαίωση email")


class EmailLink(models.Model):
    """A link sent by email that signs in, or confirms an address, once and for minutes.

    Only the SHA-256 of the link's secret is kept (`portal.tokens.token_hash`).
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    purpose = models.CharField(_("σκοπός"), max_length=10, choices=EmailLinkPurpose.choices)
    email = models.EmailField(_("email"))
    #: The signed-in account that asked to confirm `email` (purpose CONFIRM only).
    citizen = models.ForeignKey(
        Citizen,
        verbose_name=_("πολίτης"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Where to go after signing in: a path of this site, checked when it was asked for.
    next_path = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("δημιουργία"), auto_now_add=True)
    expires_at = models.DateTimeField(_("λήξη"))
    used_at = models.DateTimeField(_("χρήση"), null=True, blank=True)

    PUBLIC_COLUMNS: tuple[str, ...] = ()
    PERSONAL_FIELDS = ("email",)

    class Meta:
        verbose_name = _("σύνδεσμος email")
        verbose_name_plural = _("σύνδεσμοι email")
        indexes = [models.Index(fields=["expires_at"], name="accounts_emaillink_expiry")]

    def __str__(self) -> str:
        return f"#{self.pk}"
