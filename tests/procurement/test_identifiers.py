"""ΑΔΑΜ, ΑΔΑ, ΑΦΜ and CPV: accepted as people type them, refused with a clear Greek reason."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from procurement.identifiers import (
    afm_with_check_digit,
    clean_ada,
    clean_adam,
    clean_afm,
    clean_cpv,
)


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.mark.parametrize("value", ["24PROC015234567", " 24proc015234567 ", "25PAY000000001"])
def test_valid_adam_is_normalised(value):
    assert clean_adam(value) == value.strip().upper()


@pytest.mark.parametrize(
    "value", ["", "24PRC015234567", "2024PROC015234567", "24PROC01523456", "24PROC0152345678"]
)
def test_malformed_adam_is_refused_with_the_expected_form(value):
    with pytest.raises(ValidationError) as error:
        clean_adam(value)
    assert "REQ, PROC, AWRD, SYMV ή PAY" in _message(error.value)
    assert "24PROC015234567" in _message(error.value)


def test_adam_of_another_stage_kind_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_adam("24PAY015234567", expected_code="SYMV")
    assert "έχει κωδικό PAY, ενώ το στάδιο αυτό θέλει SYMV" in _message(error.value)


def test_ada_with_latin_lookalike_letters_is_made_greek():
    assert clean_ada("6ΤΧ1ΩΡΙ-7ΥΔ") == "6ΤΧ1ΩΡΙ-7ΥΔ"
    assert clean_ada(" 6tx1ωρι-7yδ ") == "6ΤΧ1ΩΡΙ-7ΥΔ"


@pytest.mark.parametrize(
    "value",
    [
        "Β4ΛΝΧ-Θ1Δ",  # 2012: five characters before the hyphen
        "75Δ1ΩΕ5-ΑΥ6",  # seven
        "ΨΛΜΔΩ1Ε-ΑΒΓ",
        "ΩΚΓΔ46ΜΤΛ6-ΝΣ2",  # ten, as Diavgeia issues them today
    ],
)
def test_real_shaped_ada_of_every_era_is_accepted(value):
    assert clean_ada(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "ΨΛΜΔΩ1Ε",
        "ΨΛΜΔΩ1ΕΑΒΓ",
        "ΨΛΜ-ΑΒΓ",
        "ΨΛΜΔ-ΑΒΓ",
        "ΩΚΓΔ46ΜΤΛ6Χ-ΝΣ2",
        "ΨΛΜΔΩ1Ε-ΑΒΓΔ",
        "ΨΛΜΔΩ1Ε-ΑB!",
        "ΨΛΜΔΩ1Ε-",
    ],
)
def test_malformed_ada_is_refused_with_an_example(value):
    with pytest.raises(ValidationError) as error:
        clean_ada(value)
    assert "Ο ΑΔΑ" in _message(error.value)
    assert "ΩΚΓΔ46ΜΤΛ6-ΝΣ2" in _message(error.value)


def test_valid_afm_passes_and_loses_its_prefix_and_spaces():
    assert clean_afm("090025537") == "090025537"
    assert clean_afm("EL 090 025 537") == "090025537"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0900255371", "εννέα ψηφία"),
        ("09002553X", "μόνο από ψηφία"),
        ("090025538", "ψηφίο ελέγχου"),
    ],
)
def test_invalid_afm_says_what_is_wrong(value, reason):
    with pytest.raises(ValidationError) as error:
        clean_afm(value)
    assert reason in _message(error.value)


@given(st.from_regex(r"\A[0-9]{8}\Z"))
def test_every_completed_afm_is_valid(first_eight):
    afm = afm_with_check_digit(first_eight)
    assert clean_afm(afm) == afm


def test_cpv_must_have_eight_digits_a_dash_and_a_check_digit():
    assert clean_cpv("45233222-1") == "45233222-1"
    with pytest.raises(ValidationError) as error:
        clean_cpv("45233222")
    assert "12345678-9" in _message(error.value)
