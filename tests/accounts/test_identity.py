"""The ΑΦΜ: a keyed hash to match, the number itself only sealed where a service needs it."""

import pytest

from accounts.gsis import GsisIdentity
from accounts.identity import afm_normalise, afm_seal, afm_unseal
from accounts.services import citizen_from_gsis

pytestmark = pytest.mark.django_db

IDENTITY = GsisIdentity(afm="131860915", first_name="ΜΑΡΙΑ", last_name="ΠΑΠΑΔΟΠΟΥΛΟΥ")


def test_the_number_is_sealed_only_when_a_service_asks_for_it():
    plain = citizen_from_gsis(identity=IDENTITY)
    assert plain.afm_sealed == ""

    kept = citizen_from_gsis(identity=IDENTITY, keep_afm=True)

    assert kept.pk == plain.pk and "131860915" not in kept.afm_sealed
    assert afm_unseal(kept.afm_sealed) == "131860915"


def test_a_sealed_number_opens_only_with_its_key(settings):
    sealed = afm_seal("131860915")
    settings.CITIZEN_AFM_KEY = "another-key"
    with pytest.raises(ValueError):
        afm_unseal(sealed)


def test_names_follow_taxisnet_at_each_sign_in():
    citizen_from_gsis(identity=IDENTITY)
    renamed = GsisIdentity(afm=IDENTITY.afm, first_name="ΜΑΡΙΑ", last_name="ΝΙΚΟΛΑΟΥ")
    assert citizen_from_gsis(identity=renamed).last_name == "ΝΙΚΟΛΑΟΥ"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" 131860915 ", "131860915"), ("13186091", ""), ("13186091x", ""), ("", "")],
)
def test_only_nine_digits_are_an_afm(value, expected):
    assert afm_normalise(value) == expected
