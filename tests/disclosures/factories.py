import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from disclosures.models import Declaration, Entry, Faction, Official, Term


class FactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Faction

    name = factory.Sequence(lambda n: f"Παράταξη {n}")
    slug = factory.Sequence(lambda n: f"parataxi-{n}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"Αιρετός Δοκιμής {n}")
    gender = Official.Gender.MALE
    slug = factory.Sequence(lambda n: f"airetos-{n}")
    faction = factory.SubFactory(FactionFactory)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    official = factory.SubFactory(OfficialFactory)
    role = Term.Role.COUNCILLOR
    start = datetime.date(2024, 1, 1)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    official = factory.SubFactory(OfficialFactory)
    fiscal_year = 2024
    declaration_year = factory.LazyAttribute(lambda d: d.fiscal_year + 1)
    kind = Declaration.Kind.ANNUAL
    submitted_on = factory.LazyAttribute(lambda d: datetime.date(d.declaration_year, 6, 1))

    class Params:
        published = factory.Trait(
            status=Declaration.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )


class EntryFactory(factory.django.DjangoModelFactory):
    """A deposit by default; pass section and its fields for others."""

    class Meta:
        model = Entry

    declaration = factory.SubFactory(DeclarationFactory)
    section = Entry.Section.DEPOSITS
    kind = "Καταθέσεις ταμιευτηρίου"
    institution = "Εθνική Τράπεζα"
    amount = Decimal("1000.00")


def real_estate(declaration, **kwargs) -> Entry:
    values = {
        "section": Entry.Section.REAL_ESTATE,
        "kind": "Διαμέρισμα",
        "institution": "",
        "amount": None,
        "location": "Καλαμαριά, Θεσσαλονίκη",
        "area_m2": Decimal("85.50"),
        **kwargs,
    }
    return EntryFactory(declaration=declaration, **values)


def vehicle(declaration, **kwargs) -> Entry:
    values = {
        "section": Entry.Section.VEHICLES,
        "kind": "Επιβατικό",
        "institution": "",
        "amount": None,
        "year": 2018,
        **kwargs,
    }
    return EntryFactory(declaration=declaration, **values)


def income(declaration, amount: str, kind: str = "Μισθωτές υπηρεσίες") -> Entry:
    return EntryFactory(
        declaration=declaration,
        section=Entry.Section.INCOME,
        kind=kind,
        institution="",
        amount=Decimal(amount),
    )
