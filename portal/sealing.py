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


def seal(data: dict) -> str:
    """Return an opaque, authenticated, encrypted token of `data` (JSON-serialisable)."""
    return _fernet().encrypt(json.dumps(data).encode()).decode("ascii")


def unseal(token: str) -> dict:
    """Return the data sealed in `token`; raise ValueError if no key, current or old, opens it."""
    try:
        return json.loads(_fernet().decrypt(token.encode("ascii")))
    except InvalidToken as error:
        raise ValueError("Sealed task arguments cannot be read with any configured key") from error


def reseal(token: str) -> str:
    """Return `token` sealed again under the current key (e.g. for a retry queued later)."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise ValueError("Sealed task arguments cannot be read with any configured key") from error
