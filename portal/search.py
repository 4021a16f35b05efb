"""Accent- and case-insensitive, typo-tolerant Greek search.

Each searchable record keeps a normalised document (folded in Python by
`normalize`) and a generated, GIN-indexed `tsvector` of it. A query matches
every word typed, as a prefix or, on models with `StemmedSearchable`, by its
Greek stem («λάμπες» finds «λάμπα»). When nothing matches, each unknown word
is replaced by the most similar word of the vocabulary (`SearchWord`, kept by
a trigger, trigram-indexed by `pg_trgm`): the results are those of the
corrected query, offered as «Μήπως εννοούσατε…;».
"""

import re
import unicodedata
from collections.abc import Iterable

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection, models

_WORD = re.compile(r"[^\W_]+")
_LAST_SIGMA = re.compile(r"σ\b")
MAX_WORDS = 12
# Only words this long are corrected; shorter ones have too few trigrams to compare.
MIN_CORRECTED_LENGTH = 4
# pg_trgm similarity a correction needs (its operator `%` defaults to 0.3).
MIN_SIMILARITY = 0.4
# How many of the nearest words of the vocabulary a correction chooses from.
NEAREST_CANDIDATES = 10


def normalize(text: str) -> str:
    """Fold text for search: drop accents and case, and make final sigma plain."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().replace("ς", "σ")


class Folded(models.Func):
    """SQL twin of `normalize`: `portal_fold()`, i.e. lower(unaccent()) (immutable, indexable)."""

    function = "portal_fold"
    output_field = models.TextField()


def search_document(*parts: object) -> str:
    """Join the searchable parts of a record into one normalised document."""
    return normalize(" ".join(str(part) for part in parts if part))


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))[:MAX_WORDS]


def search_query(text: str) -> SearchQuery | None:
    """All the words typed, each as a prefix or by its Greek stem; None when there are none."""
    words = _words(text)
    if not words:
        return None
    query = None
    for word in words:
        term = SearchQuery(f"{word}:*", config="simple", search_type="raw") | SearchQuery(
            word, config="greek", search_type="plain"
        )
        query = term if query is None else query & term
    return query


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
        """Return the texts the document is made of: the hook every concrete model fills."""
        raise NotImplementedError(f"{type(self).__name__} must define search_parts()")

    def refresh_search_document(self) -> None:
        """Recompute the document from `search_parts()`, which each subclass defines."""
        self.search_document = search_document(*self.search_parts())


class StemmedSearchable(Searchable):
    """A Searchable whose vector also holds the Greek stems of its words."""

    search_vector = models.GeneratedField(
        expression=SearchVector("search_document", config="simple")
        + SearchVector("search_document", config="greek"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta(Searchable.Meta):
        abstract = True


def apply_search(queryset, text: str):
    """Filter a Searchable queryset by the words in text (unchanged when blank)."""
    query = search_query(text)
    if query is None:
        return queryset
    return queryset.filter(search_vector=query)


def _is_known(cursor, word: str) -> bool:
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM portal_searchword WHERE word LIKE %s)",
        [word.replace("\\", "\\\\").replace("%", "\\%") + "%"],
    )
    return cursor.fetchone()[0]


def _closest(cursor, word: str) -> str | None:
    # The nearest few words in the trigram index's own order (`<->` is 1 - similarity),
    # then the best of those close enough; no similarity is computed for the rest.
    cursor.execute(
        "SELECT word FROM (SELECT word, word <-> %s AS distance FROM portal_searchword "
        "ORDER BY word <-> %s LIMIT %s) AS nearest WHERE similarity(word, %s) >= %s "
        "ORDER BY distance, char_length(word), word LIMIT 1",
        [word, word, NEAREST_CANDIDATES, word, MIN_SIMILARITY],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def corrected_text(text: str) -> str | None:
    """The query with each word the vocabulary does not know replaced by its nearest word.

    None when every word is known or no word has a close enough neighbour.
    """
    words = _words(text)
    corrected, changed = [], False
    with connection.cursor() as cursor:
        for word in words:
            if len(word) < MIN_CORRECTED_LENGTH or word.isdigit() or _is_known(cursor, word):
                corrected.append(word)
                continue
            nearest = _closest(cursor, word)
            corrected.append(nearest or word)
            changed = changed or nearest is not None
    return " ".join(corrected) if changed else None


def _final_sigma(text: str) -> str:
    return _LAST_SIGMA.sub("ς", text)


def search_with_suggestion(queryset, text: str):
    """Filter by the words in text; when nothing matches, by the corrected words.

    Returns the queryset and the corrected text («Μήπως εννοούσατε…;»), or None
    when the words matched as typed (or no correction finds anything either).
    """
    query = search_query(text)
    if query is None:
        return queryset, None
    found = queryset.filter(search_vector=query)
    if found.exists():
        return found, None
    suggestion = corrected_text(text)
    if suggestion is None:
        return found, None
    corrected = queryset.filter(search_vector=search_query(suggestion))
    if not corrected.exists():
        return found, None
    return corrected, _final_sigma(suggestion)
