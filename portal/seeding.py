"""What every app's demo-data seeder receives, and what they share.

A seeder never reads the clock: `context.today` and `context.now` are its
present, so the same `--seed` and `--today` give the same rows at any hour.
The people (gender-tagged first names, surnames with their feminine forms),
the town-hall address and the ELOT 743 transliteration live here once, for
every app's seeder.
"""

import random
import re
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.management.base import OutputWrapper
from django.db import connection, models

# The Town Hall of Thessaloniki (seed data may name the municipality).
TOWN_HALL_NAME = "Δημαρχιακό Μέγαρο"
TOWN_HALL = "Βασ. Γεωργίου 1, 54636 Θεσσαλονίκη"


@dataclass(frozen=True)
class Seeder:
    """A module with `seed(context)` an app declares in `seeders` on its AppConfig.

    `seed_demo` runs every installed app's seeders by `order` (dependencies first).
    """

    module: str
    order: int = 100


def app_seeders() -> list[tuple[str, Seeder]]:
    """Return (app label, seeder) for every installed app, in running order."""
    found = [
        (config.label, seeder)
        for config in apps.get_app_configs()
        for seeder in getattr(config, "seeders", ())
    ]
    return sorted(found, key=lambda item: item[1].order)


@dataclass
class SeedContext:
    """Shared state of one `seed_demo` run: the same seed and day give the same data.

    `now` defaults to the first moment of `today` in the portal's time zone, so
    everything seeded lies in the past whatever the hour of the run.
    """

    rng: random.Random
    scale: int
    today: date
    stdout: OutputWrapper
    now: datetime | None = None

    def __post_init__(self) -> None:
        if self.now is None:
            self.now = datetime.combine(self.today, time(0, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))

    def log(self, message: str) -> None:
        self.stdout.write(f"  {message}")


def _auto_time_fields(model: type[models.Model]) -> list[models.DateField]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add)
    ]


@contextmanager
def _clock_fields_off(fields: list[models.DateField]):
    """Let the seeder's own times stand in `auto_now(_add)` fields while rows go in."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def bulk_insert(
    model: type[models.Model],
    rows: list[models.Model],
    batch_size: int = 5000,
    *,
    at: datetime | None = None,
):
    """Insert many rows quickly; return them with their primary keys set.

    Creation and change times (`auto_now_add` / `auto_now`) take the value the
    seeder set on each row, or `at`: never the wall clock.
    """
    fields = _auto_time_fields(model)
    for field in fields:
        for row in rows:
            if getattr(row, field.attname) is None:
                if at is None:
                    raise ValueError(f"{model.__name__}.{field.name}: a seeder must give the time")
                setattr(row, field.attname, at)
    with _clock_fields_off(fields):
        return model._default_manager.bulk_create(rows, batch_size=batch_size)


def truncate(*model_classes: type[models.Model]) -> None:
    """Empty the tables of these models (and what refers to them) in one statement."""
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in model_classes)
    if tables:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


# --- people -------------------------------------------------------------------------------------

MALE, FEMALE = "m", "f"

# (full first name, everyday form, gender). Registers and officials use the full
# name; citizens often write the everyday one.
FIRST_NAMES = [
    ("Γεώργιος", "Γιώργος", MALE),
    ("Ιωάννης", "Γιάννης", MALE),
    ("Κωνσταντίνος", "Κώστας", MALE),
    ("Δημήτριος", "Δημήτρης", MALE),
    ("Νικόλαος", "Νίκος", MALE),
    ("Παναγιώτης", "Παναγιώτης", MALE),
    ("Βασίλειος", "Βασίλης", MALE),
    ("Χρήστος", "Χρήστος", MALE),
    ("Αθανάσιος", "Θανάσης", MALE),
    ("Μιχαήλ", "Μιχάλης", MALE),
    ("Ευάγγελος", "Βαγγέλης", MALE),
    ("Σταύρος", "Σταύρος", MALE),
    ("Αντώνιος", "Αντώνης", MALE),
    ("Στυλιανός", "Στέλιος", MALE),
    ("Σπυρίδων", "Σπύρος", MALE),
    ("Ηλίας", "Ηλίας", MALE),
    ("Θεόδωρος", "Θοδωρής", MALE),
    ("Αλέξανδρος", "Αλέξανδρος", MALE),
    ("Μαρία", "Μαρία", FEMALE),
    ("Ελένη", "Ελένη", FEMALE),
    ("Αικατερίνη", "Κατερίνα", FEMALE),
    ("Βασιλική", "Βάσω", FEMALE),
    ("Σοφία", "Σοφία", FEMALE),
    ("Αναστασία", "Τασούλα", FEMALE),
    ("Ευαγγελία", "Εύα", FEMALE),
    ("Δέσποινα", "Δέσποινα", FEMALE),
    ("Χριστίνα", "Χριστίνα", FEMALE),
    ("Παναγιώτα", "Γιώτα", FEMALE),
    ("Αθηνά", "Αθηνά", FEMALE),
    ("Ιωάννα", "Ιωάννα", FEMALE),
    ("Φωτεινή", "Φωτεινή", FEMALE),
    ("Ζωή", "Ζωή", FEMALE),
    ("Ειρήνη", "Ειρήνη", FEMALE),
    ("Θεοδώρα", "Δώρα", FEMALE),
    ("Γεωργία", "Γεωργία", FEMALE),
    ("Όλγα", "Όλγα", FEMALE),
]

# (masculine, feminine): many from Thessaloniki's Pontic and Asia Minor families.
SURNAMES = [
    ("Παπαδόπουλος", "Παπαδοπούλου"),
    ("Γεωργιάδης", "Γεωργιάδου"),
    ("Καραγιάννης", "Καραγιάννη"),
    ("Οικονόμου", "Οικονόμου"),
    ("Αλεξίου", "Αλεξίου"),
    ("Ζαχαριάδης", "Ζαχαριάδου"),
    ("Τσολάκης", "Τσολάκη"),
    ("Μαυρίδης", "Μαυρίδου"),
    ("Κυριακίδης", "Κυριακίδου"),
    ("Σαββίδης", "Σαββίδου"),
    ("Πετρίδης", "Πετρίδου"),
    ("Χατζηγεωργίου", "Χατζηγεωργίου"),
    ("Θεοδωρίδης", "Θεοδωρίδου"),
    ("Ιωαννίδης", "Ιωαννίδου"),
    ("Λαζαρίδης", "Λαζαρίδου"),
    ("Στεφανίδης", "Στεφανίδου"),
    ("Τσακίρης", "Τσακίρη"),
    ("Μπακάλης", "Μπακάλη"),
    ("Ρούσσος", "Ρούσσου"),
    ("Αναστασιάδης", "Αναστασιάδου"),
    ("Βαφειάδης", "Βαφειάδου"),
    ("Καλαϊτζής", "Καλαϊτζή"),
    ("Πασχαλίδης", "Πασχαλίδου"),
    ("Ευθυμίου", "Ευθυμίου"),
    ("Γεωργίου", "Γεωργίου"),
    ("Νικολάου", "Νικολάου"),
    ("Ιωάννου", "Ιωάννου"),
    ("Δημητρίου", "Δημητρίου"),
    ("Αθανασίου", "Αθανασίου"),
    ("Βασιλείου", "Βασιλείου"),
    ("Αντωνίου", "Αντωνίου"),
    ("Κωνσταντινίδης", "Κωνσταντινίδου"),
    ("Χατζηδάκης", "Χατζηδάκη"),
    ("Μακρής", "Μακρή"),
    ("Ζαφειρίου", "Ζαφειρίου"),
    ("Παπαδημητρίου", "Παπαδημητρίου"),
    ("Τσιτσόπουλος", "Τσιτσοπούλου"),
    ("Κουκουλάκης", "Κουκουλάκη"),
    ("Αμανατίδης", "Αμανατίδου"),
    ("Σιδηρόπουλος", "Σιδηροπούλου"),
    ("Χριστοδουλίδης", "Χριστοδουλίδου"),
    ("Παυλίδης", "Παυλίδου"),
    ("Τσαλίκης", "Τσαλίκη"),
    ("Μουρατίδης", "Μουρατίδου"),
    ("Καρανικόλας", "Καρανικόλα"),
    ("Δούκας", "Δούκα"),
    ("Αποστολίδης", "Αποστολίδου"),
    ("Ευαγγελόπουλος", "Ευαγγελοπούλου"),
    ("Σαρρής", "Σαρρή"),
    ("Κεχαγιάς", "Κεχαγιά"),
    ("Φιλιππίδης", "Φιλιππίδου"),
    ("Μωυσιάδης", "Μωυσιάδου"),
    ("Τζιόλας", "Τζιόλα"),
    ("Αυγερινός", "Αυγερινού"),
    ("Ηλιάδης", "Ηλιάδου"),
    ("Σπανός", "Σπανού"),
    ("Ξανθόπουλος", "Ξανθοπούλου"),
    ("Ρίζος", "Ρίζου"),
    ("Ζήσης", "Ζήση"),
    ("Μπιτσάκος", "Μπιτσάκου"),
]


_BY_GENDER = {gender: [row for row in FIRST_NAMES if row[2] == gender] for gender in (MALE, FEMALE)}


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    gender: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def person(rng: random.Random, *, formal: bool = True, female_share: float = 0.5) -> Person:
    """A name a Thessalonian would believe: the surname agrees with the first name."""
    gender = FEMALE if rng.random() < female_share else MALE
    full, everyday, _gender = rng.choice(_BY_GENDER[gender])
    masculine, feminine = rng.choice(SURNAMES)
    first = full if formal or rng.random() < 0.5 else everyday
    return Person(first, feminine if gender == FEMALE else masculine, gender)


def people(rng: random.Random, count: int, **options) -> Iterable[Person]:
    """`count` people with different names (the list holds about 2,000 of them)."""
    seen: set[str] = set()
    while len(seen) < count:
        someone = person(rng, **options)
        if someone.name not in seen:
            seen.add(someone.name)
            yield someone


# --- ELOT 743 -----------------------------------------------------------------------------------

_PAIRS = {"ου": "ou", "γγ": "ng", "γκ": "gk", "γξ": "nx", "γχ": "nch", "μπ": "mp", "ντ": "nt"}
_LETTERS = {
    **dict(zip("αβγδεζηικλμνξοπρστυφωςϊϋ", "avgdeziiklmnxoprstyfosiy", strict=True)),
    **{"θ": "th", "χ": "ch", "ψ": "ps"},
}
_VOICED = set("αεηιουωϊϋβγδζλμνρ")


def elot743(text: str) -> str:
    """Transliterate Greek into Latin letters by ELOT 743 (Ευαγγελία → evangelia)."""
    # Drop the tonos (it changes no letter) but keep the dialytika (it splits a diphthong).
    text = unicodedata.normalize(
        "NFC", unicodedata.normalize("NFD", text.lower()).replace("\u0301", "")
    )
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in ("αυ", "ευ", "ηυ"):
            after = text[i + 2 : i + 3]
            vowel = {"α": "a", "ε": "e", "η": "i"}[pair[0]]
            out.append(vowel + ("v" if after and after in _VOICED else "f"))
            i += 2
        elif pair in _PAIRS:
            initial = i == 0 or not text[i - 1].isalpha()
            out.append("b" if pair == "μπ" and initial else _PAIRS[pair])
            i += 2
        else:
            out.append(_LETTERS.get(text[i], text[i]))
            i += 1
    return "".join(out)


def latin_slug(text: str) -> str:
    """An ELOT 743 slug: «Ευαγγελία Μαυρίδου» → evangelia-mavridou."""
    return re.sub(r"[^a-z0-9]+", "-", elot743(text)).strip("-")
