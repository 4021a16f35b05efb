"""Seal task arguments so that queued work never holds a secret in plain text.

Queued email carries private links (tracking and booking). The task table keeps
only a Fernet token of the arguments, with a key derived from
settings.TASK_ARGUMENTS_KEY (by default from SECRET_KEY); a successful email
task's row is deleted as soon as it finishes (see `forget_finished_email`).

Keys rotate without losing queued work: tokens sealed under a previous key
(settings.TASK_ARGUMENTS_OLD_KEYS, then SECRET_KEY_FALLBACKS) still open, and
`reseal` moves one onto the current key.
"""

import base64
import hashlib
import json
import zlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet_of(secret: str) -> Fernet:
    digest = hashlib.sha256(b"diafaneia-task-arguments:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _fernet() -> MultiFernet:
    """The current key first (it seals), then the previous ones (they only open)."""
    secrets = [
        settings.TASK_ARGUMENTS_KEY,
        *settings.TASK_ARGUMENTS_OLD_KEYS,
        *settings.SECRET_KEY_FALLBACKS,
    ]
    return MultiFernet([_fernet_of(secret) for secret in dict.fromkeys(secrets) if secret])


# Sealed data is compressed first (ciphertext does not compress): a digest of many
# alerts is mostly repeated markup. Tokens without the prefix are from before.
COMPRESSED = "z1:"


def seal(data: dict) -> str:
    """Return an opaque, authenticated, encrypted token of `data` (JSON-serialisable)."""
    compressed = zlib.compress(json.dumps(data).encode(), 1)
    return COMPRESSED + _fernet().encrypt(compressed).decode("ascii")


def unseal(token: str) -> dict:
    """Return the data sealed in `token`; raise ValueError if no key, current or old, opens it."""
    compressed = token.startswith(COMPRESSED)
    try:
        plain = _fernet().decrypt(token.removeprefix(COMPRESSED).encode("ascii"))
        return json.loads(zlib.decompress(plain) if compressed else plain)
    except (InvalidToken, zlib.error) as error:
        raise ValueError("Sealed task arguments cannot be read with any configured key") from error


def reseal(token: str) -> str:
    """Return `token` sealed again under the current key (e.g. for a retry queued later)."""
    compressed = token.startswith(COMPRESSED)
    try:
        rotated = _fernet().rotate(token.removeprefix(COMPRESSED).encode("ascii"))
    except InvalidToken as error:
        raise ValueError("Sealed task arguments cannot be read with any configured key") from error
    return (COMPRESSED if compressed else "") + rotated.decode("ascii")
