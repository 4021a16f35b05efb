"""Checks shared by the admin's forms and the ΜΙΤΟΣ import."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from portal.forms import clean_phone


def clean_channel_value(kind: str, value: str) -> str:
    """Return a channel's address cleaned for its kind, or raise a Greek ValidationError."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Συμπληρώστε πού εξυπηρετείται ο πολίτης."))
    if kind == "online":
        if value.startswith("/") and not value.startswith("//"):
            return value  # a page of this portal, e.g. /appointments/
        try:
            URLValidator(schemes=["https"])(value)
        except ValidationError:
            raise ValidationError(
                _(
                    "Ο σύνδεσμος της ηλεκτρονικής υπηρεσίας αρχίζει με https:// "
                    "ή, για σελίδα της πύλης, με / (π.χ. /appointments/)."
                )
            ) from None
    elif kind == "email":
        try:
            EmailValidator()(value)
        except ValidationError:
            raise ValidationError(_("Γράψτε μια έγκυρη διεύθυνση email.")) from None
    elif kind == "phone":
        clean_phone(value)  # checked, but kept as staff wrote it (2313 317777)
    return value
