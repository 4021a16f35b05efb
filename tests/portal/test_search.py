from hypothesis import given
from hypothesis import strategies as st

from portal.search import normalize, search_query


def test_normalize_ignores_accents_case_and_final_sigma():
    assert normalize("Καταγγελίες") == normalize("καταγγελιεσ") == "καταγγελιεσ"
    assert normalize("ΟΔΟΣ Τσιμισκή") == "οδοσ τσιμισκη"
    assert normalize("Ϊ ΐ ϋ") == "ι ι υ"


@given(st.text())
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


def test_search_query_is_none_for_blank_or_punctuation_only_input():
    assert search_query("") is None
    assert search_query("  ;-) !! ") is None
