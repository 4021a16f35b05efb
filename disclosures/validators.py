"""Validators that keep what the law keeps private out of public fields.

Asset declarations are published, so their structured fields must never hold
an exact address, a vehicle plate or an account number (ν. 5026/2023). The
patterns err on the side of refusing: staff can always rephrase.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.municipality import municipality

# IBAN (GR + 25 digits, or any country), with or without spaces.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
# Nine or more digits in a row, spaces or dashes allowed: accounts, cards, ΑΦΜ, phones.
_LONG_NUMBER = re.compile(r"\d(?:[ \-./]?\d){8,}")
# Greek plates: three capital letters of the plate alphabet (Greek or Latin) and 3-4 digits.
_PLATE = re.compile(r"(?<![^\W\d_])[ΑΒΕΖΗΙΚΜΝΟΡΤΥΧABEZHIKMNOPTYX]{3}[ \-]?\d{3,4}(?!\d)")
# A street word followed, within a few words, by a number.
_STREET = re.compile(
    r"(?<![^\W\d_])(?:οδ[οό]ς|οδο[υύ]|οδ\.|λεωφ[οό]ρο[sςυ]|λεωφ\.|πλατε[ιί]α[sς]?|πλ\.|"
    r"αρ\.|αριθ\.|street|str\.|st\.|avenue|ave\.|road|rd\.)"
    r"[^\d]{0,40}\d",
    re.IGNORECASE,
)
# "Τσιμισκή 45", "Εγνατίας 12Α": a word and a house number (not an ordinal like "1η").
_WORD_AND_NUMBER = re.compile(r"[^\W\d_]{3,}\.?,?\s+\d{1,4}(?:[Α-ΩA-Zα-ωa-z](?![^\W\d_]))?(?!\d)")
_ORDINAL = re.compile(r"\b\d{1,2}(?:η|ης|ο|ου|ος)\b")
# Greek postal codes (ΤΚ): 5 digits, often written "546 36".
_POSTCODE = re.compile(r"(?<!\d)\d{3}[ ]?\d{2}(?!\d)")

PRIVATE_DATA_MESSAGE = _(
    "Το πεδίο δημοσιεύεται: μην γράφετε αριθμούς λογαριασμών ή IBAN, ΑΦΜ, τηλέφωνα, "
    "πινακίδες οχημάτων ή διευθύνσεις με αριθμό."
)


def find_private_data(text: str) -> str | None:
    """Return a Greek description of the private data found in text, or None."""
    if not text:
        return None
    if _IBAN.search(text.replace("-", "")):
        return str(_("Μοιάζει με IBAN ή αριθμό λογαριασμού."))
    if _LONG_NUMBER.search(text):
        return str(_("Περιέχει μακρύ αριθμό (λογαριασμός, κάρτα, ΑΦΜ ή τηλέφωνο)."))
    if _PLATE.search(text):
        return str(_("Μοιάζει με αριθμό κυκλοφορίας οχήματος (πινακίδα)."))
    if _STREET.search(text):
        return str(_("Μοιάζει με διεύθυνση με αριθμό."))
    return None


def validate_public_text(value: str) -> None:
    """Refuse text that holds an account number, a plate or an exact address."""
    found = find_private_data(value)
    if found:
        raise ValidationError(f"{found} {PRIVATE_DATA_MESSAGE}", code="private_data")


def validate_region(value: str) -> None:
    """Accept only a municipality or region, never a street with its number or a postcode."""
    validate_public_text(value)
    without_ordinals = _ORDINAL.sub("", value or "")
    if _WORD_AND_NUMBER.search(without_ordinals) or _POSTCODE.search(without_ordinals):
        raise ValidationError(
            _(
                "Συμπληρώστε μόνο δήμο, δημοτική ενότητα ή περιφέρεια (π.χ. «%(town)s»), "
                "όχι οδό και αριθμό ή ταχυδρομικό κώδικα."
            ),
            code="exact_address",
            params={"town": municipality().short_name},
        )


def parse_amount(text: str | Decimal | int | None) -> Decimal | None:
    """Read an amount typed the Greek way ("12.345,67") or the plain way ("12345.67").

    A dot followed by exactly three digits is a thousands separator; when both
    marks appear, the last one is the decimal mark. Raise ValidationError on
    anything else.
    """
    if text is None:
        return None
    if isinstance(text, Decimal | int):
        return Decimal(text)
    cleaned = str(text).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in cleaned:
        # One comma is the decimal mark; several are thousands separators.
        cleaned = cleaned.replace(",", "" if cleaned.count(",") > 1 else ".")
    elif cleaned.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", cleaned):
        raise ValidationError(
            _("«%(value)s» δεν είναι ποσό (π.χ. 12.345,67)."),
            params={"value": str(text)[:40]},
            code="invalid_amount",
        )
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValidationError(
            _("«%(value)s» δεν είναι ποσό (π.χ. 12.345,67)."),
            params={"value": str(text)[:40]},
            code="invalid_amount",
        ) from error
