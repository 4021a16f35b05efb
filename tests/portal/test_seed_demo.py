"""`seed_demo`: the same rows whatever the clock, and demo data a Thessalonian would believe."""

from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import F

from appointments import seed as appointments_seed
from appointments.models import Booking, Service
from complaints import seed as complaints_seed
from complaints.models import Category, Complaint, TimelineEntry, TimelineKind
from disclosures.models import Declaration, Official, Term
from portal.models import Department
from portal.search import normalize
from portal.seeding import FEMALE, FIRST_NAMES, SURNAMES, latin_slug
from procurement import seed as procurement_seed
from procurement.models import Procurement

SEEDED_APPS = ["portal", "complaints", "disclosures", "appointments", "procurement", "guide"]
FULL_NAMES = {full: gender for full, _everyday, gender in FIRST_NAMES}
ANY_FIRST_NAME = FULL_NAMES | {everyday: gender for _full, everyday, gender in FIRST_NAMES}
MASCULINE = {masculine for masculine, _feminine in SURNAMES}
FEMININE = {feminine for _masculine, feminine in SURNAMES}


def fingerprint() -> dict[str, tuple[int, str]]:
    """Row count and md5 of every seeded table, each row in full, in primary-key order."""
    models = [
        model
        for label in SEEDED_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.managed and not model._meta.proxy
    ] + [User, User.groups.through]
    prints = {}
    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            key = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{key}), ''))"
                f" FROM {table} t"
            )
            prints[model._meta.label] = cursor.fetchone()
    return prints


def shrink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Smaller volumes, the same code paths."""
    monkeypatch.setattr(complaints_seed, "COMPLAINTS_PER_SCALE", 300)
    monkeypatch.setattr(procurement_seed, "PER_SCALE", 100)
    monkeypatch.setattr(appointments_seed, "PAST_DAYS", 7)


@pytest.fixture
def small(monkeypatch):
    shrink(monkeypatch)


def seed_at(clock: datetime, *options: str) -> dict[str, tuple[int, str]]:
    with time_machine.travel(clock, tick=False):
        call_command("seed_demo", "--reset", "--seed", "11", *options, stdout=StringIO())
    return fingerprint()


# Committed runs: a reseed empties the tables with TRUNCATE, as `seed_demo --reset` does.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_seed_and_day_give_identical_rows_whatever_the_clock(small):
    early = seed_at(datetime(2026, 6, 1, 3, 5, tzinfo=UTC), "--today", "2026-06-01")
    later = seed_at(datetime(2031, 2, 14, 21, 47, 13, tzinfo=UTC), "--today", "2026-06-01")

    assert later == early
    for model in (Complaint, TimelineEntry, Official, Declaration, Booking, Procurement, User):
        assert early[model._meta.label][0] > 0, model


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_another_day_gives_other_rows(small):
    clock = datetime(2026, 6, 1, 3, 5, tzinfo=UTC)

    first = seed_at(clock, "--today", "2026-06-01")
    second = seed_at(clock, "--today", "2026-06-08")

    assert first[Complaint._meta.label] != second[Complaint._meta.label]


@pytest.mark.django_db
def test_a_day_that_cannot_be_read_is_refused_in_greek():
    with pytest.raises(CommandError, match="ΕΕΕΕ-ΜΜ-ΗΗ"):
        call_command("seed_demo", "--today", "1/6/2026", stdout=StringIO())
    assert not Department.objects.exists()


# --- believable data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module, inside a transaction rolled back at its end."""
    with pytest.MonkeyPatch.context() as monkeypatch, django_db_blocker.unblock():
        shrink(monkeypatch)
        with transaction.atomic():
            call_command("seed_demo", "--today", "2026-06-01", stdout=StringIO())
            yield
            transaction.set_rollback(True)


def agrees(first: str, surname: str) -> bool:
    return surname in (FEMININE if ANY_FIRST_NAME[first] == FEMALE else MASCULINE)


@pytest.mark.django_db
def test_every_seeded_name_has_a_surname_of_the_right_gender(seeded):
    citizens = list(Complaint.objects.values_list("citizen_name", flat=True))
    citizens += Booking.objects.values_list("name", flat=True)
    for name in citizens:
        first, surname = name.split(" ", 1)
        assert agrees(first, surname), name
    for user in User.objects.exclude(username="admin"):
        assert user.first_name in FULL_NAMES and agrees(user.first_name, user.last_name)


@pytest.mark.django_db
def test_officials_are_listed_by_surname_with_full_first_names_and_elot_slugs(seeded, client):
    officials = list(Official.objects.all())
    surnames = [official.name.split(" ", 1)[0] for official in officials]
    for official, surname in zip(officials, surnames, strict=True):
        first = official.name.split(" ", 1)[1]
        assert first in FULL_NAMES, official.name  # Κωνσταντίνος, never Κώστας
        assert agrees(first, surname), official.name
        assert official.slug == latin_slug(official.name)
    assert len(set(surnames)) == len(surnames)

    shown = [official.name for official in client.get("/disclosures/").context["officials"]]
    assert len(shown) > 10
    assert shown == sorted(shown, key=normalize)  # surname first: the list runs by surname


def test_elot_743_transliteration():
    assert latin_slug("Ευαγγελία Μαυρίδου") == "evangelia-mavridou"
    assert latin_slug("Ευθυμίου Παναγιώτα") == "efthymiou-panagiota"
    assert latin_slug("Μπακάλης Καλαϊτζής") == "bakalis-kalaitzis"
    assert latin_slug("Χατζηγεωργίου Ψαρρού") == "chatzigeorgiou-psarrou"


@pytest.mark.django_db
def test_complaints_reach_the_unit_that_really_handles_them(seeded):
    routed = dict(Category.objects.values_list("code", "department__slug"))
    assert routed["kadoi"] == "kathariotita"  # a broken bin
    assert routed["adespota"] == "adespota"  # an injured stray dog
    assert routed["stylos"] == "ilektrofotismos"
    assert routed["koinoniki-stirixi"] == "koinoniki-politiki"
    assert Department.objects.get(slug="adespota").name == "Τμήμα Προστασίας Ζώων Συντροφιάς"

    elsewhere = Complaint.objects.exclude(category__code="allo").exclude(
        department=F("category__department")
    )
    assert not elsewhere.exists()
    forwards = TimelineEntry.objects.filter(kind=TimelineKind.FORWARDED)
    assert forwards.exists()
    for entry in forwards.select_related("complaint__category"):
        if entry.complaint.category.code != "allo":
            assert entry.department_id == entry.complaint.category.department_id


@pytest.mark.django_db
def test_generated_text_reads_as_greek(seeded):
    summaries = list(
        Complaint.objects.exclude(public_summary="").values_list("public_summary", flat=True)
    )
    assert summaries
    assert not [s for s in summaries if "οδό Λεωφόρος" in s]
    nikis = Complaint.objects.filter(public_area="Λεωφόρος Νίκης").exclude(public_summary="")
    assert all(c.public_summary.endswith("στη Λεωφόρο Νίκης.") for c in nikis)
    online = Complaint.objects.filter(category__code="ilektronikes-ypiresies")
    assert not online.exclude(address="").exists()  # a website has no street

    assert not Procurement.objects.filter(title__contains="Καλαμαριά").exists()
    assert not Procurement.objects.filter(title__contains="Γυμνασίου Σχολείου").exists()
    assert all("«Δημαρχιακό Μέγαρο»" in s.directions for s in Service.objects.all())
    communities = Term.objects.filter(role=Term.Role.COMMUNITY_PRESIDENT)
    assert "Β\u0384 Δημοτική Κοινότητα" in set(communities.values_list("portfolio", flat=True))


@pytest.mark.django_db
def test_department_pages_list_real_competences_not_the_summary(seeded, client):
    for department in Department.objects.all():
        duties = department.responsibility_list
        assert len(duties) >= 4, department.slug
        assert department.summary not in duties
    html = client.get("/departments/adespota/").content.decode()
    assert "Στειρώνει, εμβολιάζει" in html
