from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from disclosures.models import Declaration, Entry, Term
from tests.disclosures.factories import DeclarationFactory, OfficialFactory

pytestmark = pytest.mark.django_db


def _entry(**values) -> Entry:
    return Entry(declaration=DeclarationFactory(), **values)


def test_a_real_estate_entry_needs_type_region_and_area():
    entry = _entry(section=Entry.Section.REAL_ESTATE, kind="Διαμέρισμα")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert set(error.value.message_dict) == {"location", "area_m2"}
    assert "Υποχρεωτικό για την ενότητα «Ακίνητα»" in error.value.message_dict["area_m2"][0]


def test_a_real_estate_entry_refuses_an_exact_address():
    entry = _entry(
        section=Entry.Section.REAL_ESTATE,
        kind="Διαμέρισμα",
        location="Τσιμισκή 45, Θεσσαλονίκη",
        area_m2=Decimal("80"),
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "όχι οδό και αριθμό" in error.value.message_dict["location"][0]


def test_a_vehicle_has_no_place_for_a_plate_or_an_amount():
    entry = _entry(
        section=Entry.Section.VEHICLES,
        kind="Επιβατικό",
        year=2019,
        description="ΝΑΑ-1234",
        amount=Decimal("15000"),
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "πινακίδα" in error.value.message_dict["description"][0]
    assert "Δεν συμπληρώνεται" in error.value.message_dict["amount"][0]


def test_a_deposit_refuses_an_iban_in_the_institution():
    entry = _entry(
        section=Entry.Section.DEPOSITS,
        kind="Καταθέσεις όψεως",
        institution="GR16 0110 1250 0000 0001 2300 695",
        amount=Decimal("10"),
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "IBAN" in error.value.message_dict["institution"][0]


def test_an_unknown_type_lists_the_allowed_ones():
    entry = _entry(section=Entry.Section.VEHICLES, kind="Διαστημόπλοιο", year=2020)
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "Επιβατικό" in error.value.message_dict["kind"][0]


def test_a_correction_must_concern_the_same_official_and_year():
    original = DeclarationFactory(fiscal_year=2023)
    correction = Declaration(
        official=OfficialFactory(),
        fiscal_year=2024,
        declaration_year=2025,
        kind=Declaration.Kind.CORRECTION,
        corrects=original,
        submitted_on="2025-07-01",
    )
    with pytest.raises(ValidationError) as error:
        correction.full_clean()
    assert "ίδιο αιρετό" in error.value.message_dict["corrects"][0]


def test_a_deputy_mayor_term_needs_a_portfolio():
    term = Term(official=OfficialFactory(), role=Term.Role.DEPUTY_MAYOR, start="2024-01-01")
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "portfolio" in error.value.message_dict


def test_the_search_document_ignores_accents():
    official = OfficialFactory(name="Ελένη Παπαδοπούλου")
    assert "ελενη παπαδοπουλου" in official.search_document
