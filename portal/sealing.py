"""Seal task arguments so that queued work never holds a secret in plain text.

Queued email carries private links (tracking and booking). The task table keeps
only a Fernet token of the arguments, with a key derived from
settings.TASK_ARGUMENTS_KEY (by default from SECRET_KEY); a successful email
task's row is deleted as soon as it finishes (see `forget_finished_email`).
"""

import base64
import hashlib
import json
import zlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    digest = hashlib.sha256(
        b"diafaneia-task-arguments:" + settings.TASK_ARGUMENTS_KEY.encode()
    ).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


# Sealed data is compressed first (ciphertext does not compress): a digest of many
# alerts is mostly repeated markup. Tokens without the prefix are from before.
COMPRESSED = "z1:"


def seal(data: dict) -> str:
    """Return an opaque, authenticated, encrypted token of `data` (JSON-serialisable)."""
    compressed = zlib.compress(json.dumps(data).encode(), 1)
    return COMPRESSED + _fernet().encrypt(compressed).decode("ascii")


def unseal(token: str) -> dict:
    """Return the data sealed in `token`; raise ValueError if it was tampered with."""
    compressed = token.startswith(COMPRESSED)
    try:
        plain = _fernet().decrypt(token.removeprefix(COMPRESSED).encode("ascii"))
        return json.loads(zlib.decompress(plain) if compressed else plain)
    except (InvalidToken, zlib.error) as error:
        raise ValueError("Sealed task arguments cannot be read with this key") from error
