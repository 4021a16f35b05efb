"""Privacy whitelists: each model says which of its columns may leave the building.

A model with personal data declares `PUBLIC_COLUMNS` (shown as they are),
optionally `PUBLIC_RELATIONS` (relations whose name, code, slug or group may
be shown) and `ROUNDED_COLUMNS` (shown only rounded), and `PERSONAL_FIELDS`
(what anonymisation erases and only entitled staff see).
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models

# The English twin of a name (`name_en`) is as public as the name.
RELATED_PUBLIC = ("name", "name_en", "code", "slug", "group")


def public_columns(model: type[models.Model], *names: str) -> tuple[str, ...]:
    """Return `names` if every one may leave the building; raise otherwise.

    Public reads (Open311, open data, the register) list their columns through
    this, so a private column added to one of them fails at import, not in a feed.
    """
    relations = getattr(model, "PUBLIC_RELATIONS", ())
    rounded = getattr(model, "ROUNDED_COLUMNS", ())
    for name in names:
        relation, _sep, column = name.partition("__")
        allowed = (
            # Not declared on models.Model: a model passed here without it fails loudly.
            name in getattr(model, "PUBLIC_COLUMNS")  # noqa: B009
            or name in rounded
            or (relation in relations and column in RELATED_PUBLIC)
        )
        if not allowed:
            raise ImproperlyConfigured(f"{model.__name__}.{name} is not a public column.")
    return names
