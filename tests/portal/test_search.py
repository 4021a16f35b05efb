import pytest
from django.db.models import Value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import Department, SearchWord
from portal.search import Folded, corrected_text, normalize, search_query
from tests.portal.factories import DepartmentFactory


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


GREEK_LETTERS = "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰςΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏΪΫ -.0123456789"


@pytest.mark.django_db
@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=GREEK_LETTERS, max_size=40))
def test_folded_in_postgresql_is_normalize_for_greek_text(text):
    department = DepartmentFactory()

    folded = (
        Department.objects.filter(pk=department.pk)
        .annotate(folded=Folded(Value(text)))
        .values_list("folded", flat=True)
        .get()
    )

    assert folded == normalize(text)


@pytest.mark.django_db
def test_a_correction_takes_the_nearest_word_even_at_the_similarity_threshold():
    SearchWord.objects.bulk_create(
        SearchWord(word=word) for word in ["τζιολα", "τζιολασ", "αλασωρι", "λακκουβα"]
    )

    # similarity("τζιαλα", "τζιολα") is exactly MIN_SIMILARITY (0.4).
    assert corrected_text("Τζιάλα") == "τζιολα"
    assert corrected_text("λακουβα") == "λακκουβα"
    assert corrected_text("ξυλοκοπτικ") is None
