"""The municipality the portal serves, configured once in `settings.MUNICIPALITY`.

Everything that names the municipality, its ΑΦΜ, its map or its contact block
reads `municipality()`, which builds the value from settings at call time (so
`override_settings` and tests of another municipality work); no app module
keeps a copy at import time.

Names come in both languages and the Greek cases that sentences need
(«ο Δήμος», «του Δήμου», «στον Δήμο»); `str()` of a `Text` gives the active
language's form, so templates and `%` formatting can use it directly.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language


@dataclass(frozen=True, slots=True)
class Text:
    """A phrase in Greek and in English; `str()` gives the active language's."""

    el: str
    en: str

    def __str__(self) -> str:
        return self.en if (get_language() or "el").startswith("en") else self.el

    def __bool__(self) -> bool:
        return bool(self.el or self.en)

    @classmethod
    def of(cls, value: "str | dict[str, str]") -> "Text":
        """Build from {"el": ..., "en": ...}, or from one string used in both languages."""
        if isinstance(value, str):
            return cls(value, value)
        return cls(value["el"], value.get("en") or value["el"])


@dataclass(frozen=True, slots=True)
class Phone:
    """A Greek phone number as people read it ("2610 123456")."""

    display: str

    @property
    def tel(self) -> str:
        """The tel: form, with the country code (+302610123456)."""
        digits = "".join(ch for ch in self.display if ch.isdigit())
        return f"+{digits}" if self.display.lstrip().startswith("+") else f"+30{digits}"

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True, slots=True)
class Bounds:
    """The area a map pin may fall in: the municipality with a margin."""

    south: Decimal
    west: Decimal
    north: Decimal
    east: Decimal

    def contains(self, latitude: Decimal, longitude: Decimal) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east

    def __str__(self) -> str:
        """South, west, north, east: the form the JavaScript reads from data-bounds."""
        return f"{self.south},{self.west},{self.north},{self.east}"


@dataclass(frozen=True, slots=True)
class Holiday:
    """A local holiday on the same day every year (a patron saint's day)."""

    month: int
    day: int
    name: Text


@dataclass(frozen=True, slots=True)
class Municipality:
    name: Text  # «Δήμος Πατρέων»
    name_genitive: Text  # «του Δήμου Πατρέων»: «Δήμου Πατρέων»
    name_accusative: Text  # «στον Δήμο Πατρέων»: «Δήμο Πατρέων»
    short_name: Text  # the town: «Πάτρα»
    short_name_genitive: Text  # «εκτός Πάτρας»
    afm: str
    domain: str  # the municipality's internet domain: email, calendar UIDs
    ocid_prefix: str
    open311_jurisdiction: str
    centre: tuple[Decimal, Decimal]
    bounds: Bounds
    local_holidays: tuple[Holiday, ...]
    street_address: Text
    postal_code: str
    office: Text
    phones: tuple[Phone, ...]
    email: str
    dpo_email: str  # the Data Protection Officer's

    @property
    def address(self) -> str:
        """The town hall's address in one line, in the active language."""
        return f"{self.street_address}, {self.postal_code} {self.short_name}"

    @property
    def phone(self) -> Phone:
        """The first (main) phone number."""
        return self.phones[0]

    @property
    def centre_data(self) -> str:
        """Latitude and longitude of the map centre, as data-centre carries them."""
        return f"{self.centre[0]},{self.centre[1]}"

    def holiday_name(self, day: date) -> str:
        """Return the name of the local holiday on this day, or ''."""
        for holiday in self.local_holidays:
            if (holiday.month, holiday.day) == (day.month, day.day):
                return str(holiday.name)
        return ""


def _decimal(value) -> Decimal:
    return Decimal(str(value))


def build(raw: dict) -> Municipality:
    """Build a Municipality from a settings dictionary, or raise ImproperlyConfigured."""
    try:
        south, west, north, east = (_decimal(v) for v in raw["bounds"])
        contact = raw["contact"]
        return Municipality(
            name=Text.of(raw["name"]),
            name_genitive=Text.of(raw["name_genitive"]),
            name_accusative=Text.of(raw["name_accusative"]),
            short_name=Text.of(raw["short_name"]),
            short_name_genitive=Text.of(raw["short_name_genitive"]),
            afm=str(raw["afm"]),
            domain=raw["domain"],
            ocid_prefix=raw["ocid_prefix"],
            open311_jurisdiction=raw["open311_jurisdiction"],
            centre=(_decimal(raw["centre"][0]), _decimal(raw["centre"][1])),
            bounds=Bounds(south, west, north, east),
            local_holidays=tuple(
                Holiday(int(month), int(day), Text.of(name))
                for month, day, name in raw.get("local_holidays", ())
            ),
            street_address=Text.of(contact["street_address"]),
            postal_code=str(contact["postal_code"]),
            office=Text.of(contact.get("office", "")),
            phones=tuple(Phone(number) for number in contact["phones"]),
            email=contact["email"],
            dpo_email=contact["dpo_email"],
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise ImproperlyConfigured(
            f"settings.MUNICIPALITY is incomplete or wrong: {error!r}"
        ) from error


# The last settings dictionary and what was built from it. Keyed by identity, so
# override_settings (which replaces the dictionary) is seen at once; mutating the
# dictionary in place is not supported.
_last: tuple[dict, Municipality] | None = None


def municipality() -> Municipality:
    """Return the municipality the portal serves, read from settings now."""
    global _last
    raw = settings.MUNICIPALITY
    last = _last
    if last is not None and last[0] is raw:
        return last[1]
    built = build(raw)
    _last = (raw, built)
    return built
