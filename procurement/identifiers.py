"""Greek public-procurement identifiers: ΑΔΑΜ (KIMDIS), ΑΔΑ (Diavgeia), ΑΦΜ, CPV.

Each `clean_*` function normalises what a person typed or pasted (spaces,
lower case, Latin letters that look Greek) and raises a Greek
ValidationError that says what is wrong.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.gr import vat

ADAM_RE = re.compile(r"^(\d{2})(REQ|PROC|AWRD|SYMV|PAY)(\d{9})$")
# Diavgeia's ΑΔΑ: the part before the hyphen has grown over the years from 5
# characters (Β4ΛΝΧ-Θ1Δ, 2012) to 7 (75Δ1ΩΕ5-ΑΥ6) and 10 (ΩΚΓΔ46ΜΤΛ6-ΝΣ2).
ADA_RE = re.compile(r"^[0-9Α-Ω]{5,10}-[0-9Α-Ω]{1,3}$")
CPV_RE = re.compile(r"^\d{8}-\d$")

# Latin capitals that look like Greek ones: people paste ΑΔΑ from PDFs and mails.
_LATIN_TO_GREEK = str.maketrans("ABEZHIKMNOPTYX", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")


def clean_adam(value: str, *, expected_code: str | None = None) -> str:
    """Return a ΑΔΑΜ in canonical form (e.g. 24PROC015234567) or raise."""
    adam = re.sub(r"\s+", "", value or "").upper()
    match = ADAM_RE.match(adam)
    if not match:
        raise ValidationError(
            _(
                "Ο ΑΔΑΜ «%(value)s» δεν είναι έγκυρος: γράφεται με δύο ψηφία έτους, "
                "τον κωδικό σταδίου (REQ, PROC, AWRD, SYMV ή PAY) και εννέα ψηφία, "
                "π.χ. 24PROC015234567."
            ),
            params={"value": value},
            code="invalid_adam",
        )
    if expected_code is not None and match.group(2) != expected_code:
        raise ValidationError(
            _("Ο ΑΔΑΜ «%(value)s» έχει κωδικό %(code)s, ενώ το στάδιο αυτό θέλει %(expected)s."),
            params={"value": adam, "code": match.group(2), "expected": expected_code},
            code="adam_kind_mismatch",
        )
    return adam


def clean_ada(value: str) -> str:
    """Return a Diavgeia ΑΔΑ in canonical form (e.g. ΩΚΓΔ46ΜΤΛ6-ΝΣ2) or raise."""
    ada = re.sub(r"\s+", "", value or "").upper().translate(_LATIN_TO_GREEK)
    if not ADA_RE.match(ada):
        raise ValidationError(
            _(
                "Ο ΑΔΑ «%(value)s» δεν είναι έγκυρος: γράφεται με 5 έως 10 κεφαλαία "
                "ελληνικά γράμματα ή ψηφία, παύλα και έως τρία ακόμη, π.χ. ΩΚΓΔ46ΜΤΛ6-ΝΣ2."
            ),
            params={"value": value},
            code="invalid_ada",
        )
    return ada


def clean_afm(value: str) -> str:
    """Return a 9-digit Greek ΑΦΜ whose check digit is right, or raise."""
    try:
        return vat.validate(value or "")
    except InvalidLength as error:
        raise ValidationError(
            _("Ο ΑΦΜ «%(value)s» πρέπει να έχει εννέα ψηφία."),
            params={"value": value},
            code="afm_length",
        ) from error
    except InvalidFormat as error:
        raise ValidationError(
            _("Ο ΑΦΜ «%(value)s» πρέπει να αποτελείται μόνο από ψηφία."),
            params={"value": value},
            code="afm_format",
        ) from error
    except InvalidChecksum as error:
        raise ValidationError(
            _("Ο ΑΦΜ «%(value)s» δεν είναι έγκυρος (λάθος ψηφίο ελέγχου)."),
            params={"value": value},
            code="afm_checksum",
        ) from error


def clean_cpv(value: str) -> str:
    """Return a CPV code in the form NNNNNNNN-N or raise."""
    cpv = re.sub(r"\s+", "", value or "")
    if not CPV_RE.match(cpv):
        raise ValidationError(
            _("Ο κωδικός CPV «%(value)s» πρέπει να έχει τη μορφή 12345678-9."),
            params={"value": value},
            code="invalid_cpv",
        )
    return cpv


def validate_adam(value: str) -> None:
    clean_adam(value)


def validate_ada(value: str) -> None:
    clean_ada(value)


def validate_afm(value: str) -> None:
    clean_afm(value)


def validate_cpv(value: str) -> None:
    clean_cpv(value)


def afm_with_check_digit(first_eight: str) -> str:
    """Complete eight digits with their ΑΦΜ check digit (for demo data and tests)."""
    return first_eight + vat.calc_check_digit(first_eight)
