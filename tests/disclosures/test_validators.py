from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from disclosures.validators import (
    find_private_data,
    parse_amount,
    validate_public_text,
    validate_region,
)


@pytest.mark.parametrize(
    "text",
    [
        "GR16 0110 1250 0000 0001 2300 695",
        "GR1601101250000000012300695",
        "Λογαριασμός 123-456-789-012",
        "ΑΦΜ 123456789",
        "Τηλ. 2310 123456",
        "Αυτοκίνητο ΝΑΑ-1234",
        "NAA1234",
        "ΝΙΚ 4521",
        "Οδός Τσιμισκή 45",
        "οδ. Εγνατίας 12Α",
        "Λεωφ. Νίκης 3",
        "Πλατεία Αριστοτέλους 10",
    ],
)
def test_private_data_is_refused_with_a_greek_message(text):
    with pytest.raises(ValidationError) as error:
        validate_public_text(text)
    assert "δημοσιεύεται" in error.value.messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "Εθνική Τράπεζα",
        "Alpha Bank",
        "Ψηφιακές Λύσεις Μακεδονίας Ι.Κ.Ε.",
        "Στεγαστικό δάνειο 2019",
        "Χρυσές λίρες",
        "Μισθός 2023 και 2024",
        "Οδοντιατρείο",
    ],
)
def test_ordinary_descriptions_pass(text):
    assert find_private_data(text) is None


@pytest.mark.parametrize(
    "text", ["Τσιμισκή 45, Θεσσαλονίκη", "Εγνατίας 12Α", "546 36 Θεσσαλονίκη", "ΤΚ 54636"]
)
def test_region_refuses_street_numbers_and_postcodes(text):
    with pytest.raises(ValidationError):
        validate_region(text)


@pytest.mark.parametrize(
    "text",
    ["Καλαμαριά, Θεσσαλονίκη", "Κασσάνδρα, Χαλκιδική", "1η Δημοτική Κοινότητα Θεσσαλονίκης"],
)
def test_region_accepts_municipalities_and_areas(text):
    validate_region(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.345,67", Decimal("12345.67")),
        ("12345.67", Decimal("12345.67")),
        ("12,5", Decimal("12.5")),
        ("1.234", Decimal("1234")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("1.234.567", Decimal("1234567")),
        ("  3.000,00 € ", Decimal("3000.00")),
        ("", None),
    ],
)
def test_amounts_are_read_the_greek_and_the_plain_way(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["δώδεκα", "12,34,5x", "1e5", "--3"])
def test_unreadable_amounts_are_refused_in_greek(text):
    with pytest.raises(ValidationError) as error:
        parse_amount(text)
    assert "δεν είναι ποσό" in error.value.messages[0]


@given(st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False))
def test_greek_formatting_round_trips_exactly(value):
    whole, cents = f"{value:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    assert parse_amount(f"{grouped},{cents}") == value


@given(st.text(max_size=300))
def test_any_text_is_either_accepted_or_refused_with_a_message(text):
    for validator in (validate_public_text, validate_region):
        try:
            validator(text)
        except ValidationError as error:
            assert error.messages[0]


@given(st.text(max_size=40))
def test_any_amount_text_is_read_or_refused_never_crashes(text):
    try:
        value = parse_amount(text)
    except ValidationError as error:
        assert "δεν είναι ποσό" in error.messages[0]
    else:
        assert value is None or isinstance(value, Decimal)
