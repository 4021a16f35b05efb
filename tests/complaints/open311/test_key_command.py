"""The open311_key command: create prints a working key once; list never shows one."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from portal.models import ApiKey, AuditEntry
from portal.services import api_key_verify

pytestmark = pytest.mark.django_db


def test_create_prints_a_key_that_the_api_accepts():
    out, err = StringIO(), StringIO()

    call_command(
        "open311_key", "create", "Εφαρμογή Πολίτη", "--owner", "ΚΕΔΕ", stdout=out, stderr=err
    )

    plain = out.getvalue().strip()
    key = ApiKey.objects.get()
    assert api_key_verify(plain) == key
    assert (key.name, key.owner, key.is_active) == ("Εφαρμογή Πολίτη", "ΚΕΔΕ", True)
    assert plain not in key.key_hash
    assert "δεν θα εμφανιστεί ξανά" in err.getvalue()
    assert AuditEntry.objects.filter(action="portal.apikey.created").exists()


def test_list_shows_keys_without_their_values():
    out = StringIO()
    call_command("open311_key", "create", "Χάρτης", stdout=out, stderr=StringIO())
    plain = out.getvalue().strip()
    listing = StringIO()

    call_command("open311_key", "list", stdout=listing)

    assert "Χάρτης" in listing.getvalue()
    assert ApiKey.objects.get().prefix in listing.getvalue()
    assert plain not in listing.getvalue()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["create", "  "], "ονομασία"),
        (["create", "x" * 101], "ονομασία"),
        (["create", "Χάρτης", "--email", "όχι-email"], "email"),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("open311_key", *arguments, stdout=StringIO(), stderr=StringIO())

    assert not ApiKey.objects.exists()
