"""Demo data: the officials of a municipal council and three years of declarations."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from disclosures.models import Declaration, Entry, Faction, Official, Term
from disclosures.sections import SECTIONS
from portal.seeding import (
    FEMALE,
    FIRST_NAMES,
    MALE,
    SURNAMES,
    SeedContext,
    bulk_insert,
    latin_slug,
)

ATHENS = ZoneInfo("Europe/Athens")
PERIOD_START = date(2024, 1, 1)
FORMER = 4  # councillors of the previous term, with a final declaration

FACTIONS = [
    ("Θεσσαλονίκη Μπροστά", "thessaloniki-mprosta"),
    ("Πόλη για Όλους", "poli-gia-olous"),
    ("Ανοιχτή Πόλη", "anoixti-poli"),
    ("Νέα Πνοή για τη Θεσσαλονίκη", "nea-pnoi"),
    ("Δημοτική Αλληλεγγύη", "dimotiki-allileggyi"),
]

PORTFOLIOS = [
    "Καθαριότητας και Ανακύκλωσης",
    "Οικονομικών",
    "Τεχνικών Έργων και Υποδομών",
    "Πρασίνου και Κλιματικής Αλλαγής",
    "Κοινωνικής Πολιτικής και Ισότητας",
    "Ψηφιακής Διακυβέρνησης και Διαφάνειας",
]
# Thessaloniki's six municipal communities, numbered with the keraia (U+0384).
COMMUNITIES = [f"{n}\u0384 Δημοτική Κοινότητα" for n in ("Α", "Β", "Γ", "Δ", "Ε", "ΣΤ")]
REGIONS = [
    "Θεσσαλονίκη (Κέντρο)",
    "Θεσσαλονίκη (Άνω Πόλη)",
    "Καλαμαριά, Θεσσαλονίκη",
    "Πυλαία-Χορτιάτης, Θεσσαλονίκη",
    "Θέρμη, Θεσσαλονίκη",
    "Νεάπολη-Συκιές, Θεσσαλονίκη",
    "Κασσάνδρα, Χαλκιδική",
    "Σιθωνία, Χαλκιδική",
    "Λιτόχωρο, Πιερία",
    "Κοζάνη",
    "Σέρρες",
    "Αθήνα (Κεντρικός Τομέας)",
]
INSTITUTIONS = [
    "Εθνική Τράπεζα",
    "Τράπεζα Πειραιώς",
    "Alpha Bank",
    "Eurobank",
    "Παγκρήτια Τράπεζα",
    "Optima Bank",
]
COMPANIES = [
    "Αγροτικός Συνεταιρισμός Λαγκαδά",
    "Τεχνική Βορείου Ελλάδος",
    "Εκδόσεις Θερμαϊκός",
    "Φαρμακείο Καλαμαριάς",
    "Ψηφιακές Λύσεις Μακεδονίας",
]
JEWELS = ["Χρυσές λίρες", "Κοσμήματα οικογενειακά", "Συλλογή πινάκων", "Ρολόγια"]


def _officials_names(context: SeedContext, count: int) -> list[str]:
    """Full names, surname first as in the council's registers, no surname twice."""
    rng = context.rng
    names = []
    for masculine, feminine in rng.sample(SURNAMES, count):
        female = rng.random() < 0.35
        first = rng.choice(
            [full for full, _everyday, g in FIRST_NAMES if g == (FEMALE if female else MALE)]
        )
        names.append(f"{feminine if female else masculine} {first}")
    return names


def _gender(name: str) -> str:
    """The gender of «Surname First», from the first name's entry in FIRST_NAMES."""
    first = name.split()[-1]
    female = any(full == first and g == FEMALE for full, _everyday, g in FIRST_NAMES)
    return Official.Gender.FEMALE if female else Official.Gender.MALE


def _roles() -> list[tuple[str, str]]:
    roles = [(Term.Role.MAYOR, "")]
    roles += [(Term.Role.DEPUTY_MAYOR, portfolio) for portfolio in PORTFOLIOS]
    roles.append((Term.Role.COUNCIL_PRESIDENT, ""))
    roles += [(Term.Role.COUNCILLOR, "")] * 40
    roles += [(Term.Role.COMMUNITY_PRESIDENT, community) for community in COMMUNITIES]
    return roles


def _money(context: SeedContext, low: int, high: int) -> Decimal:
    return Decimal(context.rng.randint(low * 100, high * 100)) / 100


def _portfolio(context: SeedContext, wealth: float) -> list[Entry]:
    """A first-year set of assets for one official; `wealth` scales the amounts."""
    rng = context.rng
    spec = SECTIONS
    entries = []
    for _ in range(rng.randint(1, 3)):
        entries.append(
            Entry(
                section=Entry.Section.REAL_ESTATE,
                kind=rng.choice(spec[Entry.Section.REAL_ESTATE].kinds[:7]),
                location=rng.choice(REGIONS),
                area_m2=Decimal(rng.randint(25, 180)) + Decimal(rng.choice([0, 50])) / 100,
                year=rng.randint(1975, 2020),
                share_percent=Decimal(rng.choice([100, 100, 50, 33.33, 25])).quantize(
                    Decimal("0.01")
                ),
            )
        )
    for _ in range(rng.randint(0, 2)):
        entries.append(
            Entry(
                section=Entry.Section.VEHICLES,
                kind=rng.choice(["Επιβατικό", "Επιβατικό", "Δίκυκλο", "Αγροτικό"]),
                year=rng.randint(2005, 2023),
                share_percent=Decimal("100.00"),
            )
        )
    for institution in rng.sample(INSTITUTIONS, rng.randint(1, 3)):
        entries.append(
            Entry(
                section=Entry.Section.DEPOSITS,
                kind=rng.choice(spec[Entry.Section.DEPOSITS].kinds[:3]),
                institution=institution,
                amount=_money(context, 500, int(40000 * wealth)),
            )
        )
    entries.append(
        Entry(
            section=Entry.Section.INCOME,
            kind="Αποζημίωση αιρετού",
            amount=_money(context, 3000, 30000),
        )
    )
    entries.append(
        Entry(
            section=Entry.Section.INCOME,
            kind=rng.choice(["Μισθωτές υπηρεσίες", "Ελευθέριο επάγγελμα", "Συντάξεις"]),
            amount=_money(context, 8000, int(45000 * wealth)),
        )
    )
    if rng.random() < 0.4:
        entries.append(
            Entry(section=Entry.Section.INCOME, kind="Ενοίκια", amount=_money(context, 1800, 9000))
        )
    if rng.random() < 0.5:
        entries.append(
            Entry(
                section=Entry.Section.LOANS,
                kind="Τράπεζα",
                description=rng.choice(["Στεγαστικό δάνειο", "Καταναλωτικό δάνειο"]),
                amount=_money(context, 2000, 90000),
            )
        )
    if rng.random() < 0.2:
        entries.append(
            Entry(
                section=Entry.Section.HOLDINGS,
                kind=rng.choice(["Ο.Ε.", "Ι.Κ.Ε.", "Α.Ε.", "Συνεταιρισμός"]),
                description=rng.choice(COMPANIES),
                share_percent=Decimal(rng.choice([5, 10, 25, 50])),
                amount=_money(context, 1000, 20000),
            )
        )
    if rng.random() < 0.15:
        entries.append(
            Entry(
                section=Entry.Section.OTHER,
                kind="Κοσμήματα και τιμαλφή",
                description=rng.choice(JEWELS),
                amount=_money(context, 1000, 15000),
            )
        )
    return entries


def _next_year(context: SeedContext, previous: list[Entry]) -> list[Entry]:
    """Evolve last year's assets: balances and incomes move, now and then something changes."""
    rng = context.rng
    entries = []
    for old in previous:
        if old.section == Entry.Section.VEHICLES and rng.random() < 0.1:
            continue
        new = Entry(**old.copy_values())
        if new.amount is not None and new.section != Entry.Section.HOLDINGS:
            factor = Decimal(rng.randint(80, 125)) / 100
            new.amount = (new.amount * factor).quantize(Decimal("0.01"))
            if new.section == Entry.Section.LOANS:
                new.amount = (old.amount * Decimal("0.88")).quantize(Decimal("0.01"))
        entries.append(new)
    if rng.random() < 0.25:
        entries.append(
            Entry(
                section=Entry.Section.VEHICLES,
                kind="Επιβατικό",
                year=rng.randint(2021, 2025),
                share_percent=Decimal("100.00"),
            )
        )
    if rng.random() < 0.1:
        entries.append(
            Entry(
                section=Entry.Section.REAL_ESTATE,
                kind="Διαμέρισμα",
                location=rng.choice(REGIONS),
                area_m2=Decimal(rng.randint(40, 120)),
                year=rng.randint(1990, 2024),
                share_percent=Decimal("100.00"),
            )
        )
    return entries


def _stamp(declarations: list[Declaration]) -> None:
    """Entered on the day of filing, last changed when published."""
    for declaration in declarations:
        declaration.created_at = datetime.combine(declaration.submitted_on, time(10), tzinfo=ATHENS)
        declaration.updated_at = declaration.published_at or declaration.created_at


def seed(context: SeedContext) -> None:
    """Create the council (mayor, deputies, president, ~40 councillors, community presidents)."""
    factions = bulk_insert(
        Faction,
        [Faction(name=name, slug=slug, position=i) for i, (name, slug) in enumerate(FACTIONS)],
    )
    roles = _roles()
    names = _officials_names(context, len(roles) + FORMER)
    officials, terms = [], []
    for name, (role, portfolio) in zip(names, roles, strict=False):
        if role in (Term.Role.MAYOR, Term.Role.DEPUTY_MAYOR):
            faction = factions[0]
        else:
            faction = context.rng.choices(factions, weights=[40, 25, 15, 12, 8])[0]
        official = Official(
            name=name,
            gender=_gender(name),
            slug=latin_slug(name),
            faction=faction,
            is_active=True,
        )
        official.refresh_search_document()
        officials.append(official)
        terms.append((official, role, portfolio))
    for name in names[len(roles) :]:
        official = Official(
            name=name,
            gender=_gender(name),
            slug=latin_slug(name),
            faction=context.rng.choice(factions),
            is_active=False,
        )
        official.refresh_search_document()
        officials.append(official)
        terms.append((official, Term.Role.COUNCILLOR, ""))
    bulk_insert(Official, officials)

    term_rows = []
    for official, role, portfolio in terms:
        if official.is_active:
            term_rows.append(
                Term(official=official, role=role, portfolio=portfolio, start=PERIOD_START)
            )
            if role != Term.Role.COUNCILLOR and context.rng.random() < 0.3:
                term_rows.append(
                    Term(
                        official=official,
                        role=Term.Role.COUNCILLOR,
                        start=date(2019, 9, 1),
                        end=date(2023, 12, 31),
                    )
                )
        else:
            term_rows.append(
                Term(official=official, role=role, start=date(2019, 9, 1), end=date(2023, 12, 31))
            )
    bulk_insert(Term, term_rows)
    with_terms = list(Official.objects.select_related("faction").prefetch_related("terms"))
    for official in with_terms:
        official.refresh_search_document()
    Official.objects.bulk_update(with_terms, ["search_document"], batch_size=500)

    # Declarations are filed by June and published in September of the next year:
    # the last tax year seeded is the last one already published by `today`.
    last_fiscal = context.today.year - (
        1 if context.today >= date(context.today.year, 9, 15) else 2
    )
    years = [last_fiscal - 2, last_fiscal - 1, last_fiscal]
    declarations, entry_sets = [], []
    for position, official in enumerate(officials):
        if not official.is_active:
            # Councillors who left at the end of 2023 filed a final declaration for that year.
            declarations.append(
                Declaration(
                    official=official,
                    declaration_year=2024,
                    fiscal_year=2023,
                    kind=Declaration.Kind.FINAL,
                    submitted_on=date(2024, 3, 1 + context.rng.randint(0, 27)),
                    status=Declaration.Status.PUBLISHED,
                    published_at=datetime.combine(date(2024, 6, 3), time(10), tzinfo=ATHENS),
                )
            )
            entry_sets.append(_portfolio(context, context.rng.uniform(0.4, 1.0)))
            continue
        wealth = 1.5 if position < 8 else context.rng.uniform(0.4, 1.2)
        entries = _portfolio(context, wealth)
        for n, fiscal in enumerate(years):
            if n:
                entries = _next_year(context, entries)
            skip_middle = position % 9 == 4 and n == 1
            if skip_middle:
                continue
            draft = n == 2 and position % 11 == 7
            submitted = date(fiscal + 1, 6, 1 + context.rng.randint(0, 29))
            declarations.append(
                Declaration(
                    official=official,
                    declaration_year=fiscal + 1,
                    fiscal_year=fiscal,
                    kind=Declaration.Kind.INITIAL if n == 0 else Declaration.Kind.ANNUAL,
                    submitted_on=submitted,
                    status=Declaration.Status.DRAFT if draft else Declaration.Status.PUBLISHED,
                    published_at=None
                    if draft
                    else datetime.combine(date(fiscal + 1, 9, 15), time(10), tzinfo=ATHENS),
                )
            )
            entry_sets.append(entries)
    _stamp(declarations)
    bulk_insert(Declaration, declarations)

    mayor_middle = next(
        (i, d)
        for i, d in enumerate(declarations)
        if d.official == officials[0] and d.fiscal_year == years[1]
    )
    index, original = mayor_middle
    correction = Declaration(
        official=original.official,
        declaration_year=original.declaration_year,
        fiscal_year=original.fiscal_year,
        kind=Declaration.Kind.CORRECTION,
        corrects=original,
        submitted_on=date(original.declaration_year, 11, 20),
        status=Declaration.Status.PUBLISHED,
        published_at=datetime.combine(
            date(original.declaration_year, 12, 2), time(10), tzinfo=ATHENS
        ),
    )
    corrected = [Entry(**e.copy_values()) for e in entry_sets[index]]
    corrected.append(
        Entry(
            section=Entry.Section.DEPOSITS,
            kind="Προθεσμιακές καταθέσεις",
            institution="Τράπεζα Πειραιώς",
            amount=Decimal("12500.00"),
        )
    )
    _stamp([correction])
    bulk_insert(Declaration, [correction])
    declarations.append(correction)
    entry_sets.append(corrected)

    rows = []
    for declaration, entries in zip(declarations, entry_sets, strict=True):
        for position, entry in enumerate(entries, 1):
            rows.append(
                Entry(**{**entry.copy_values(), "declaration": declaration, "position": position})
            )
    bulk_insert(Entry, rows)
    context.log(
        f"{len(officials)} αιρετοί, {len(declarations)} δηλώσεις (1 διορθωτική), {len(rows)} εγγραφές"
    )
