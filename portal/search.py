"""Accent- and case-insensitive Greek search.

The embedded PostgreSQL has neither `unaccent` nor `pg_trgm`, so text is
normalised in Python into a stored column, indexed as a `simple` tsvector.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Lower

_WORD = re.compile(r"[^\W_]+")
# What `normalize` does to Greek text, as PostgreSQL's translate() of the lower-cased text.
_ACCENTED = "άέήίόύώϊϋΐΰς"
_PLAIN = "αεηιουωιυιυσ"


def normalize(text: str) -> str:
    """Fold text for search: drop accents and case, and make final sigma plain."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().replace("ς", "σ")


class Folded(models.Func):
    """SQL twin of `normalize` for Greek text, to match a column without a stored document."""

    function = "translate"
    output_field = models.TextField()

    def __init__(self, expression):
        super().__init__(Lower(expression), models.Value(_ACCENTED), models.Value(_PLAIN))


def search_document(*parts: object) -> str:
    """Join the searchable parts of a record into one normalised document."""
    return normalize(" ".join(str(part) for part in parts if part))


def search_query(text: str) -> SearchQuery | None:
    """Build a prefix-matching query of all the words typed, or None when there are none."""
    words = _WORD.findall(normalize(text))[:12]
    if not words:
        return None
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), config="simple", search_type="raw"
    )


class Searchable(models.Model):
    """Abstract model with a normalised search document and its GIN-indexed vector."""

    search_document = models.TextField(editable=False, default="")
    search_vector = models.GeneratedField(
        expression=SearchVector("search_document", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        abstract = True
        indexes = [GinIndex(fields=["search_vector"], name="%(app_label)s_%(class)s_search")]

    def search_parts(self) -> Iterable[object]:
        raise NotImplementedError

    def refresh_search_document(self) -> None:
        """Recompute the document from `search_parts()`, which each subclass defines."""
        self.search_document = search_document(*self.search_parts())


def apply_search(queryset, text: str):
    """Filter a Searchable queryset by the words in text (unchanged when blank)."""
    query = search_query(text)
    if query is None:
        return queryset
    return queryset.filter(search_vector=query)
