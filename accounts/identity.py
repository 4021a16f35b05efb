"""The ΑΦΜ of a citizen: a keyed hash for matching, the number itself only sealed.

`afm_hash` is an HMAC-SHA256 under settings.CITIZEN_AFM_HASH_KEY: the same
ΑΦΜ always gives the same hash (so an account is found again and is unique),
while the table alone does not give the numbers back (9 digits are too few for
a plain hash: anyone could try them all). Where a service needs the number
itself (a programme application), `afm_seal` encrypts it (Fernet) under
settings.CITIZEN_AFM_KEY and `afm_unseal` opens it. Neither the number nor its
hash is ever logged or audited.
"""

import base64
import hashlib
import hmac
import re

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

AFM_PATTERN = re.compile(r"\d{9}")


def afm_normalise(value: str) -> str:
    """Return the 9 digits of an ΑΦΜ as GSIS sends it, or "" when it is no ΑΦΜ.

    GSIS may pad the number with spaces; anything but 9 digits is refused.
    """
    value = (value or "").strip()
    return value if AFM_PATTERN.fullmatch(value) else ""


def afm_hash(afm: str) -> str:
    """Return the hex HMAC-SHA256 of a normalised ΑΦΜ under CITIZEN_AFM_HASH_KEY."""
    key = settings.CITIZEN_AFM_HASH_KEY.encode()
    return hmac.new(key, afm.encode(), hashlib.sha256).hexdigest()


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"diafaneia-citizen-afm:" + settings.CITIZEN_AFM_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def afm_seal(afm: str) -> str:
    """Return the ΑΦΜ encrypted and authenticated under CITIZEN_AFM_KEY."""
    return _fernet().encrypt(afm.encode()).decode("ascii")


def afm_unseal(sealed: str) -> str:
    """Return the ΑΦΜ sealed by `afm_seal`; raise ValueError for a token this key cannot open."""
    try:
        return _fernet().decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as error:
        raise ValueError("The sealed ΑΦΜ cannot be opened with this key") from error
