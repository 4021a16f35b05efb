"""Demo data: three years of a believable Thessaloniki budget in the real ΚΑΕ structure.

Revenue and expenditure lines (amounts in the order of the city's ~€450m budget),
two revisions a year with their council decisions, and cumulative monthly
execution to the end of last month. Deterministic: context.rng and context.today.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from budget.models import Account, Change, Execution, Kind, Line, Revision, Service, Year, line_code
from portal.models import Department
from portal.search import search_document
from portal.seeding import SeedContext, bulk_insert
from procurement.models import Stage, StageKind

CENT = Decimal("0.01")

SERVICES = [
    ("00", "Γενικές υπηρεσίες", None),
    ("10", "Διοικητικές και οικονομικές υπηρεσίες", "oikonomikes"),
    ("15", "Υπηρεσίες πολιτισμού, αθλητισμού και κοινωνικής πολιτικής", "koinoniki-politiki"),
    ("20", "Υπηρεσίες καθαριότητας και ηλεκτροφωτισμού", "kathariotita"),
    ("30", "Τεχνικές υπηρεσίες", "texnika-erga"),
    ("35", "Υπηρεσίες πρασίνου", "prasino"),
    ("45", "Κοιμητήρια", None),
    ("50", "Δημοτική Αστυνομία", "dimotiki-astynomia"),
]

REVENUE_GROUPS = {
    "0": "Τακτικά έσοδα",
    "01": "Πρόσοδοι από ακίνητη περιουσία",
    "011": "Έσοδα από μισθώματα",
    "0111": "Μισθώματα από αστικά ακίνητα",
    "02": "Έσοδα από ανταποδοτικά τέλη και δικαιώματα",
    "021": "Τέλη και δικαιώματα καθαριότητας και ηλεκτροφωτισμού",
    "0211": "Τέλη καθαριότητας και φωτισμού",
    "03": "Φόροι και εισφορές",
    "031": "Φόροι",
    "0311": "Τέλος ακίνητης περιουσίας",
    "032": "Τέλη και δικαιώματα",
    "0321": "Τέλος χρήσης κοινόχρηστων χώρων",
    "06": "Επιχορηγήσεις για λειτουργικές δαπάνες",
    "061": "Επιχορηγήσεις από τον κρατικό προϋπολογισμό",
    "0611": "Κεντρικοί Αυτοτελείς Πόροι για λειτουργικές δαπάνες",
    "1": "Έκτακτα έσοδα",
    "13": "Επιχορηγήσεις για επενδύσεις",
    "131": "Επιχορηγήσεις για επενδύσεις από τον κρατικό προϋπολογισμό",
    "1311": "Κεντρικοί Αυτοτελείς Πόροι για επενδύσεις",
    "1322": "Επιχορηγήσεις από προγράμματα της Ευρωπαϊκής Ένωσης",
    "132": "Επιχορηγήσεις από την Ευρωπαϊκή Ένωση",
    "15": "Προσαυξήσεις, πρόστιμα, παράβολα",
    "151": "Πρόστιμα",
    "1511": "Πρόστιμα Κώδικα Οδικής Κυκλοφορίας",
}
EXPENDITURE_GROUPS = {
    "6": "Έξοδα",
    "60": "Αμοιβές και έξοδα προσωπικού",
    "601": "Τακτικές αποδοχές",
    "6011": "Τακτικές αποδοχές μονίμων υπαλλήλων",
    "6021": "Τακτικές αποδοχές υπαλλήλων αορίστου χρόνου",
    "602": "Αποδοχές υπαλλήλων αορίστου χρόνου",
    "605": "Εργοδοτικές εισφορές",
    "6051": "Εργοδοτικές εισφορές μονίμων",
    "61": "Αμοιβές αιρετών και τρίτων",
    "611": "Αμοιβές αιρετών",
    "6111": "Αντιμισθία δημάρχου και αντιδημάρχων",
    "62": "Παροχές τρίτων",
    "621": "Ενοίκια",
    "6211": "Μισθώματα κτιρίων",
    "622": "Ηλεκτρικό ρεύμα και ύδρευση",
    "6221": "Ηλεκτρικό ρεύμα για φωτισμό οδών και πλατειών",
    "626": "Συντήρηση και επισκευή",
    "6262": "Συντήρηση και επισκευή κτιρίων και δικτύων",
    "6264": "Συντήρηση και επισκευή μεταφορικών μέσων",
    "64": "Λοιπά γενικά έξοδα",
    "643": "Έξοδα προβολής και εκδηλώσεων",
    "6431": "Έξοδα πολιτιστικών και αθλητικών εκδηλώσεων",
    "66": "Δαπάνες προμήθειας αναλωσίμων",
    "664": "Καύσιμα και λιπαντικά",
    "6641": "Καύσιμα και λιπαντικά κίνησης",
    "669": "Λοιπές προμήθειες",
    "6699": "Προμήθεια σάκων και κάδων απορριμμάτων",
    "67": "Πληρωμές για μεταβιβάσεις σε τρίτους",
    "671": "Επιχορηγήσεις νομικών προσώπων",
    "6715": "Επιχορήγηση νομικών προσώπων του Δήμου",
    "7": "Επενδύσεις",
    "71": "Αγορές παγίων",
    "713": "Μηχανήματα και εξοπλισμός",
    "7131": "Μηχανήματα και τεχνικές εγκαταστάσεις",
    "7135": "Λοιπός εξοπλισμός",
    "73": "Έργα",
    "732": "Έργα οδοποιίας και αναπλάσεων",
    "7323": "Έργα οδοποιίας",
    "7326": "Αναπλάσεις κοινόχρηστων χώρων",
    "733": "Συντήρηση έργων",
    "7331": "Συντήρηση κτιρίων",
    "7335": "Συντήρηση πρασίνου",
    "74": "Μελέτες",
    "741": "Μελέτες και επιβλέψεις",
    "7413": "Μελέτες έργων",
    "8": "Λοιπές πληρωμές",
    "82": "Αποδόσεις σε τρίτους",
    "821": "Αποδόσεις κρατήσεων",
    "8211": "Αποδόσεις φόρων και κρατήσεων",
    "9": "Αποθεματικό",
    "91": "Αποθεματικό",
    "911": "Αποθεματικό",
    "9111": "Αποθεματικό",
}

# (service, ΚΑΕ, title, amount in thousands of euros) for the first year.
REVENUE_LINES = [
    ("0111.0001", "Μισθώματα καταστημάτων δημοτικών αγορών", 1_850),
    ("0111.0002", "Μισθώματα δημοτικών ακινήτων", 2_400),
    ("0211.0001", "Τέλη καθαριότητας και φωτισμού", 98_500),
    ("0311.0001", "Τέλος ακίνητης περιουσίας (ΤΑΠ)", 9_600),
    ("0321.0001", "Τέλος χρήσης πεζοδρομίων και πλατειών", 6_200),
    ("0321.0002", "Τέλος διαφημίσεων", 2_100),
    ("0611.0001", "ΚΑΠ για λειτουργικές δαπάνες", 118_000),
    ("1311.0001", "ΚΑΠ για επενδύσεις (ΣΑΤΑ)", 9_800),
    ("1322.0001", "Επιχορήγηση ΕΣΠΑ Κεντρικής Μακεδονίας", 36_500),
    ("1322.0002", "Ταμείο Ανάκαμψης: ψηφιακός μετασχηματισμός", 4_300),
    ("1511.0001", "Πρόστιμα ΚΟΚ και στάθμευσης", 7_900),
]
EXPENDITURE_LINES = [
    ("10", "6011.0001", "Τακτικές αποδοχές μονίμων διοικητικών υπηρεσιών", 24_800),
    ("20", "6011.0001", "Τακτικές αποδοχές μονίμων καθαριότητας", 41_200),
    ("30", "6011.0001", "Τακτικές αποδοχές μονίμων τεχνικών υπηρεσιών", 12_600),
    ("35", "6011.0001", "Τακτικές αποδοχές μονίμων πρασίνου", 8_300),
    ("50", "6011.0001", "Τακτικές αποδοχές δημοτικών αστυνομικών", 4_900),
    ("15", "6021.0001", "Αποδοχές αορίστου χρόνου κοινωνικών υπηρεσιών", 6_700),
    ("20", "6021.0001", "Αποδοχές αορίστου χρόνου καθαριότητας", 9_100),
    ("10", "6051.0001", "Εργοδοτικές εισφορές ΕΦΚΑ διοικητικών", 6_100),
    ("20", "6051.0001", "Εργοδοτικές εισφορές ΕΦΚΑ καθαριότητας", 10_400),
    ("00", "6111.0001", "Αντιμισθία δημάρχου και αντιδημάρχων", 820),
    ("10", "6211.0001", "Μισθώματα κτιρίων διοικητικών υπηρεσιών", 1_350),
    ("20", "6221.0001", "Ηλεκτρικό ρεύμα οδοφωτισμού", 8_900),
    ("30", "6262.0001", "Συντήρηση δημοτικών κτιρίων", 2_300),
    ("20", "6264.0001", "Συντήρηση απορριμματοφόρων", 3_800),
    ("15", "6431.0001", "Δημήτρια και πολιτιστικές εκδηλώσεις", 2_100),
    ("20", "6641.0001", "Καύσιμα απορριμματοφόρων", 5_600),
    ("20", "6699.0001", "Προμήθεια κάδων απορριμμάτων και ανακύκλωσης", 1_900),
    ("15", "6715.0001", "Επιχορήγηση Οργανισμού Πολιτισμού, Αθλητισμού και Νεολαίας", 7_400),
    ("15", "6715.0002", "Επιχορήγηση Κέντρου Κοινωνικής Προστασίας", 9_200),
    ("20", "7131.0001", "Προμήθεια απορριμματοφόρων", 6_400),
    ("35", "7135.0001", "Εξοπλισμός παιδικών χαρών", 1_200),
    ("30", "7323.0001", "Ασφαλτοστρώσεις οδών", 11_500),
    ("30", "7326.0001", "Ανάπλαση Νέας Παραλίας", 14_800),
    ("30", "7326.0002", "Ανάπλαση πλατείας Αριστοτέλους", 6_300),
    ("30", "7331.0001", "Συντήρηση σχολικών κτιρίων", 4_700),
    ("35", "7335.0001", "Συντήρηση αστικού πρασίνου", 3_900),
    ("30", "7413.0001", "Μελέτες έργων αστικής αναζωογόνησης", 2_600),
    ("00", "8211.0001", "Αποδόσεις φόρων και ασφαλιστικών κρατήσεων", 21_000),
    ("00", "9111.0001", "Αποθεματικό", 3_500),
]
# Where in the year the revisions fall (month, day) and what they are about.
REVISIONS = [
    ((4, 14), "1η αναμόρφωση: εγγραφή επιχορηγήσεων ΕΣΠΑ"),
    ((10, 6), "2η αναμόρφωση: ανακατανομή πιστώσεων έργων"),
]


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _ada(context: SeedContext) -> str:
    letters = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
    word = "".join(context.rng.choice(letters) for _index in range(4))
    return f"{word}{context.rng.randint(10, 99)}ΜΤΛ6-{context.rng.choice(letters)}{context.rng.randint(10, 99)}"


def _accounts() -> None:
    accounts = [Account(kind=Kind.REVENUE, code=c, title=t) for c, t in REVENUE_GROUPS.items()]
    accounts += [
        Account(kind=Kind.EXPENDITURE, code=c, title=t) for c, t in EXPENDITURE_GROUPS.items()
    ]
    Account.objects.bulk_create(accounts, ignore_conflicts=True)


def _services() -> dict[str, Service]:
    departments = {d.slug: d for d in Department.objects.all()}
    services = {}
    for code, name, slug in SERVICES:
        services[code], _created = Service.objects.get_or_create(
            code=code, defaults={"name": name, "department": departments.get(slug)}
        )
    return services


def _lines(
    context: SeedContext, year: Year, services: dict[str, Service], growth: Decimal
) -> list[Line]:
    lines = []
    specs = [(None, kae, title, amount) for kae, title, amount in REVENUE_LINES]
    specs += EXPENDITURE_LINES
    for service_code, kae, title, thousands in specs:
        jitter = Decimal(context.rng.randint(-40, 40)) / 1000
        initial = _money(Decimal(thousands) * 1000 * (growth + jitter))
        service = services[service_code] if service_code else None
        line = Line(
            year=year,
            kind=Kind.EXPENDITURE if service_code else Kind.REVENUE,
            service=service,
            kae=kae,
            code=line_code(service_code, kae),
            title=title,
            initial=initial,
        )
        line.search_document = search_document(
            line.code, kae, title, service.name if service else ""
        )
        lines.append(line)
    return bulk_insert(Line, lines)


def _revisions(context: SeedContext, year: Year, lines: list[Line]) -> dict[int, Decimal]:
    """Two revisions (those decided before today); returns each line's total change."""
    moved: dict[int, Decimal] = {}
    for number, ((month, day), subject) in enumerate(REVISIONS, start=1):
        decided_on = date(year.year, month, day)
        if decided_on >= context.today:
            continue
        revision = Revision.objects.create(
            year=year, number=number, ada=_ada(context), decided_on=decided_on, subject=subject
        )
        changes = []
        for line in context.rng.sample(lines, 8):
            share = Decimal(context.rng.randint(-60, 120)) / 1000
            amount = _money(line.initial * share)
            changes.append(Change(revision=revision, line=line, amount=amount))
            moved[line.pk] = moved.get(line.pk, Decimal(0)) + amount
        Change.objects.bulk_create(changes)
    return moved


def _execution(
    context: SeedContext, year: Year, lines: list[Line], moved: dict[int, Decimal]
) -> int:
    last_month = 12 if year.year < context.today.year else context.today.month - 1
    rows = []
    for line in lines:
        revised = line.initial + moved.get(line.pk, Decimal(0))
        pace = Decimal(context.rng.randint(80, 100)) / 100
        for month in range(1, last_month + 1):
            elapsed = Decimal(month) / 12
            execution = Execution(line=line, month=month)
            if line.kind == Kind.REVENUE:
                execution.assessed = _money(
                    revised * pace * min(Decimal(1), elapsed * Decimal("1.05"))
                )
                execution.collected = _money(execution.assessed * Decimal("0.86"))
            else:
                execution.committed = _money(
                    revised * min(Decimal(1), elapsed * Decimal("1.2")) * pace
                )
                execution.ordered = _money(execution.committed * Decimal("0.88"))
                execution.paid = _money(execution.ordered * Decimal("0.95"))
            rows.append(execution)
    Execution.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _charge_payments(context: SeedContext) -> int:
    """Charge each seeded procurement payment to an expenditure line of its year and department."""
    lines = Line.objects.filter(kind=Kind.EXPENDITURE, kae__regex=r"^[67]").select_related(
        "year", "service"
    )
    by_year: dict[int, list[Line]] = {}
    by_department: dict[tuple[int, int | None], list[Line]] = {}
    for line in lines.order_by("code"):
        by_year.setdefault(line.year.year, []).append(line)
        key = (line.year.year, line.service.department_id if line.service else None)
        by_department.setdefault(key, []).append(line)
    payments = list(
        Stage.objects.filter(kind=StageKind.PAYMENT).select_related("procurement").order_by("id")
    )
    charged = []
    for payment in payments:
        key = (payment.date.year, payment.procurement.department_id)
        choices = by_department.get(key) or by_year.get(payment.date.year)
        if choices:
            payment.budget_line = context.rng.choice(choices)
            charged.append(payment)
    Stage.objects.bulk_update(charged, ["budget_line"], batch_size=2000)
    return len(charged)


def seed(context: SeedContext) -> None:
    if Year.objects.exists():
        context.log("budget: years already present, skipped")
        return
    _accounts()
    services = _services()
    first = context.today.year - 2
    executions = 0
    for offset in range(3):
        year, _created = Year.objects.get_or_create(
            year=first + offset, defaults={"is_published": True, "approval_ada": _ada(context)}
        )
        growth = Decimal(1) + Decimal(offset) * Decimal("0.035")
        lines = _lines(context, year, services, growth)
        moved = _revisions(context, year, lines)
        executions += _execution(context, year, lines, moved)
    lines_count = 3 * (len(REVENUE_LINES) + len(EXPENDITURE_LINES))
    context.log(f"budget: 3 years, {lines_count} lines, {executions} monthly figures")
    context.log(f"budget: {_charge_payments(context)} procurement payments charged to lines")
