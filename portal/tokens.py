"""One way to store a secret that is shown once: its SHA-256, never the secret itself."""

import hashlib


def token_hash(token: str) -> str:
    """Return the hex SHA-256 of a secret (tracking secret, booking link, API key)."""
    return hashlib.sha256(token.encode()).hexdigest()
