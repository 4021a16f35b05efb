"""Demo procurement: three years of a municipality's works, supplies and services.

1,000 procurements per `--scale` unit, each with the KIMDIS stage chain its
dates allow (request, approval, notice, award, contract, payments), valid-form
ΑΔΑΜ and ΑΔΑ, and suppliers whose ΑΦΜ check digits are right.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from portal.models import Department
from portal.search import search_document
from portal.seeding import SeedContext, bulk_insert, person
from procurement.identifiers import afm_with_check_digit
from procurement.models import (
    ADAM_CODE,
    DecisionType,
    DiavgeiaDecision,
    Procedure,
    Procurement,
    Stage,
    StageKind,
    Status,
    Supplier,
)

PER_SCALE = 1000
CHUNK = 5000
ATHENS = ZoneInfo("Europe/Athens")
VAT = Decimal("0.24")
CENT = Decimal("0.01")
ADA_ALPHABET = "0123456789ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"

# Neighbourhoods of the Municipality of Thessaloniki (none of a neighbouring
# municipality) and the phrase that places works there, with its article.
DISTRICTS = [
    ("Κέντρο", "στο Κέντρο"),
    ("Άνω Πόλη", "στην Άνω Πόλη"),
    ("Τούμπα", "στην Τούμπα"),
    ("Χαριλάου", "στη Χαριλάου"),
    ("Ξηροκρήνη", "στην Ξηροκρήνη"),
    ("Κάτω Τούμπα", "στην Κάτω Τούμπα"),
    ("Ντεπώ", "στο Ντεπώ"),
    ("Βαρδάρης", "στον Βαρδάρη"),
    ("Λαδάδικα", "στα Λαδάδικα"),
    ("Φάληρο", "στο Φάληρο"),
    ("Ευαγγελίστρια", "στην Ευαγγελίστρια"),
    ("Τριανδρία", "στην Τριανδρία"),
]
STREETS = [
    "Εγνατίας",
    "Τσιμισκή",
    "Αγίου Δημητρίου",
    "Λαγκαδά",
    "Παπαναστασίου",
    "Κασσάνδρου",
    "Ολύμπου",
    "Βασ. Όλγας",
    "Μητροπόλεως",
    "Ερμού",
    "Ιασωνίδου",
    "Κων/νου Καραμανλή",
]
# In the genitive, as a title names them.
SCHOOLS = [
    "1ου Δημοτικού Σχολείου",
    "7ου Γυμνασίου",
    "12ου Νηπιαγωγείου",
    "3ου Γενικού Λυκείου",
    "25ου Δημοτικού Σχολείου",
]

# (contract type, title template, description, CPV codes, department slug, min €, max €)
TEMPLATES = [
    (
        "works",
        "Ανακατασκευή πεζοδρομίων οδού {street}",
        "Αποξήλωση και ανακατασκευή πεζοδρομίων με όδευση τυφλών και ράμπες ΑμεΑ.",
        ["45233161-5", "45233222-1"],
        "odopoiia",
        80_000,
        1_500_000,
    ),
    (
        "works",
        "Ασφαλτοστρώσεις οδών {in_district}",
        "Φρεζάρισμα και νέα ασφαλτική στρώση κυκλοφορίας, σήμανση.",
        ["45233222-1"],
        "odopoiia",
        60_000,
        900_000,
    ),
    (
        "works",
        "Συντήρηση και επισκευή του κτιρίου του {school}",
        "Στεγάνωση δώματος, ελαιοχρωματισμοί, αντικατάσταση κουφωμάτων και ενεργειακή αναβάθμιση.",
        ["45453000-7", "45261410-1"],
        "texnika-erga",
        25_000,
        400_000,
    ),
    (
        "works",
        "Ανάπλαση πλατείας και κοινόχρηστων χώρων ({district})",
        "Νέα δάπεδα, φύτευση, αστικός εξοπλισμός, προσβασιμότητα.",
        ["45236000-0"],
        "texnika-erga",
        200_000,
        2_500_000,
    ),
    (
        "works",
        "Αντικατάσταση φωτιστικών οδοφωτισμού με LED ({district})",
        "Ενεργειακή αναβάθμιση του δημοτικού φωτισμού με φωτιστικά LED και τηλεδιαχείριση.",
        ["45316110-9", "31527200-8"],
        "ilektrofotismos",
        50_000,
        1_200_000,
    ),
    (
        "goods",
        "Προμήθεια καυσίμων κίνησης και θέρμανσης έτους {year}",
        "Αμόλυβδη βενζίνη, πετρέλαιο κίνησης και θέρμανσης για οχήματα και κτίρια του Δήμου.",
        ["09134100-8", "09135100-5"],
        "promitheies",
        300_000,
        2_800_000,
    ),
    (
        "goods",
        "Προμήθεια απορριμματοφόρων οχημάτων",
        "Απορριμματοφόρα οχήματα πρέσας και πλυντήρια κάδων για την αποκομιδή.",
        ["34144512-0"],
        "kathariotita",
        250_000,
        1_800_000,
    ),
    (
        "goods",
        "Προμήθεια κάδων απορριμμάτων και ανακύκλωσης",
        "Πλαστικοί και μεταλλικοί κάδοι 1.100 λίτρων, κάδοι οργανικών.",
        ["34928480-6"],
        "kathariotita",
        20_000,
        350_000,
    ),
    (
        "goods",
        "Προμήθεια φωτιστικών σωμάτων LED και υλικών ηλεκτροφωτισμού",
        "Φωτιστικά LED, ιστοί, καλώδια και ηλεκτρολογικό υλικό.",
        ["31527200-8", "31681410-0"],
        "ilektrofotismos",
        15_000,
        250_000,
    ),
    (
        "goods",
        "Προμήθεια ηλεκτρονικών υπολογιστών και περιφερειακών",
        "Σταθμοί εργασίας, φορητοί υπολογιστές, οθόνες και εκτυπωτές για τις υπηρεσίες.",
        ["30213000-5", "30232110-8"],
        "psifiaki",
        10_000,
        300_000,
    ),
    (
        "goods",
        "Προμήθεια φυτικού υλικού και λιπασμάτων",
        "Δέντρα, θάμνοι, ποώδη φυτά και λιπάσματα για πάρκα και νησίδες.",
        ["03451000-6", "24440000-0"],
        "prasino",
        8_000,
        120_000,
    ),
    (
        "goods",
        "Προμήθεια γραφικής ύλης και χαρτιού",
        "Χαρτί φωτοαντιγραφικό, αναλώσιμα εκτυπωτών και είδη γραφείου.",
        ["30192000-1", "30197630-1"],
        "dioikitikes",
        5_000,
        60_000,
    ),
    (
        "services",
        "Τεχνική υποστήριξη και συντήρηση πληροφοριακών συστημάτων",
        "Υποστήριξη εφαρμογών οικονομικής διαχείρισης, δημοτολογίου και πρωτοκόλλου.",
        ["72250000-2", "72267000-4"],
        "psifiaki",
        20_000,
        400_000,
    ),
    (
        "services",
        "Ανάπτυξη ψηφιακών υπηρεσιών για τους δημότες",
        "Σχεδίαση, ανάπτυξη και φιλοξενία ηλεκτρονικών υπηρεσιών και εφαρμογής κινητού.",
        ["72212000-4", "72415000-2"],
        "psifiaki",
        30_000,
        600_000,
    ),
    (
        "services",
        "Υπηρεσίες φύλαξης δημοτικών κτιρίων",
        "Φύλαξη του Δημαρχείου και των δημοτικών κτιρίων σε 24ωρη βάση.",
        ["79713000-5"],
        "dioikitikes",
        60_000,
        700_000,
    ),
    (
        "services",
        "Κλαδέματα και συντήρηση πρασίνου ({district})",
        "Κλαδέματα υψηλών δέντρων, χορτοκοπές και άρδευση κοινόχρηστων χώρων.",
        ["77211400-6", "77310000-6"],
        "prasino",
        15_000,
        350_000,
    ),
    (
        "services",
        "Συντήρηση και επισκευή οχημάτων καθαριότητας",
        "Μηχανολογικές, ηλεκτρολογικές επισκευές και ελαστικά οχημάτων αποκομιδής.",
        ["50114000-6", "50116500-6"],
        "kathariotita",
        20_000,
        450_000,
    ),
    (
        "services",
        "Περισυλλογή, στείρωση και φιλοξενία αδέσποτων ζώων",
        "Κτηνιατρικές υπηρεσίες, στειρώσεις, σήμανση και φιλοξενία αδέσποτων ζώων συντροφιάς.",
        ["85200000-1"],
        "adespota",
        10_000,
        150_000,
    ),
    (
        "services",
        "Ασφάλιση οχημάτων και μηχανημάτων έργου του Δήμου",
        "Υποχρεωτική ασφάλιση αστικής ευθύνης του στόλου οχημάτων.",
        ["66514110-0"],
        "oikonomikes",
        30_000,
        200_000,
    ),
]

SUPPLIER_WORDS = [
    "ΑΚΡΙΤΑΣ",
    "ΘΕΡΜΑΪΚΟΣ",
    "ΒΕΡΓΙΝΑ",
    "ΟΛΥΜΠΟΣ",
    "ΑΞΙΟΣ",
    "ΧΑΛΚΙΔΙΚΗ",
    "ΠΕΛΑΓΟΣ",
    "ΔΟΜΗ",
    "ΕΡΓΟΤΕΧΝΙΚΗ",
    "ΦΩΤΟΤΕΧΝΙΚΗ",
    "ΠΡΑΣΙΝΟ ΤΟΠΙΟ",
    "ΔΙΚΤΥΑ",
    "ΠΛΗΡΟΦΟΡΙΚΗ ΒΟΡΕΙΟΥ ΕΛΛΑΔΟΣ",
    "ΕΝΕΡΓΕΙΑΚΗ",
    "ΟΧΗΜΑΤΑ",
    "ΠΕΤΡΕΛΑΙΟΕΙΔΗ",
]
SUPPLIER_FORMS = ["Α.Ε.", "Α.Τ.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "Ο.Ε.", "ΜΟΝ. Ι.Κ.Ε."]


@dataclass
class Plan:
    """One procurement and the stages its dates allow, before it is written."""

    procurement: Procurement
    stages: list[Stage] = field(default_factory=list)
    decisions: list[tuple[Stage | None, DiavgeiaDecision]] = field(default_factory=list)


class Numbers:
    """Hand out unique ΑΔΑΜ, ΑΔΑ and ΕΣΗΔΗΣ numbers."""

    def __init__(self, rng):
        self.rng = rng
        self.adam = 14_000_000
        self.ada = 0
        self.esidis = 180_000

    def next_adam(self, kind: str, day: date) -> str:
        self.adam += self.rng.randint(1, 40)
        return f"{day:%y}{ADAM_CODE[StageKind(kind)]}{self.adam:09d}"

    def next_ada(self) -> str:
        self.ada += 1
        value, head = self.ada, []
        for _position in range(4):
            value, digit = divmod(value, len(ADA_ALPHABET))
            head.append(ADA_ALPHABET[digit])
        tail = "".join(self.rng.choice(ADA_ALPHABET[10:]) for _i in range(3))
        return "".join(reversed(head)) + "ΩΡΙ-" + tail

    def next_esidis(self) -> str:
        self.esidis += self.rng.randint(1, 9)
        return str(self.esidis)


def _suppliers(context: SeedContext) -> list[Supplier]:
    rng = context.rng
    count = 150 * context.scale
    seen: set[str] = set()
    suppliers = []
    while len(suppliers) < count:
        afm = afm_with_check_digit(rng.choice("089") + f"{rng.randint(0, 9_999_999):07d}")
        if afm in seen:
            continue
        seen.add(afm)
        if rng.random() < 0.3:
            owner = person(rng, female_share=0.3)
            name = f"{_capitals(owner.last)} {owner.first[0]}. & ΣΙΑ Ο.Ε."
        else:
            first, second = rng.sample(SUPPLIER_WORDS, 2)
            name = f"{first} {second} {rng.choice(SUPPLIER_FORMS)}"
        suppliers.append(Supplier(name=name, afm=afm, address="Θεσσαλονίκη"))
    return bulk_insert(Supplier, suppliers)


def _capitals(text: str) -> str:
    """Greek in capitals drops the tonos (ΠΑΠΑΔΟΠΟΥΛΟΣ, not ΠΑΠΑΔΌΠΟΥΛΟΣ)."""
    return unicodedata.normalize(
        "NFC", unicodedata.normalize("NFD", text).replace("\u0301", "")
    ).upper()


def _procedure(rng, contract_type: str, total: Decimal) -> str:
    roll = rng.random()
    if roll < 0.04:
        return Procedure.NEGOTIATED_WITHOUT_NOTICE
    if roll < 0.07:
        return Procedure.FRAMEWORK_CALL_OFF
    limit = 60_000 if contract_type == "works" else 30_000
    if total < limit:
        return Procedure.DIRECT
    if total < 120_000 or (contract_type == "works" and total < 500_000 and roll < 0.5):
        return Procedure.SIMPLIFIED
    return Procedure.RESTRICTED if roll > 0.95 else Procedure.OPEN


def _moment(day: date, hour: int = 14) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=ATHENS)


def _money(rng, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


class Planner:
    """Make one procurement's story as far as today allows."""

    def __init__(self, context, departments, suppliers, numbers):
        self.rng = context.rng
        self.today = context.today
        self.now = context.now
        self.departments = departments
        self.suppliers = suppliers
        self.numbers = numbers

    def stage(self, plan: Plan, kind: str, day: date, **fields) -> Stage | None:
        if day > self.today:
            return None
        stage = Stage(kind=kind, adam=self.numbers.next_adam(kind, day), date=day, **fields)
        plan.stages.append(stage)
        return stage

    def decision(self, plan: Plan, stage: Stage | None, kind: str, subject: str, day: date):
        decision = DiavgeiaDecision(
            ada=self.numbers.next_ada(), decision_type=kind, subject=subject, date=day
        )
        plan.decisions.append((stage, decision))

    def plan(self) -> Plan:
        rng = self.rng
        contract_type, title, description, cpv, slug, low, high = rng.choice(TEMPLATES)
        start = self.today - timedelta(days=rng.randint(0, 3 * 365))
        net = _money(rng, low, high)
        vat = (net * VAT).quantize(CENT)
        procedure = _procedure(rng, contract_type, net + vat)
        district, in_district = rng.choice(DISTRICTS)
        title = title.format(
            street=rng.choice(STREETS),
            district=district,
            in_district=in_district,
            school=rng.choice(SCHOOLS),
            year=start.year + (1 if start.month > 9 else 0),
        )
        procurement = Procurement(
            title=title,
            description=description,
            contract_type=contract_type,
            procedure=procedure,
            cpv_codes=cpv,
            department=self.departments.get(slug) or next(iter(self.departments.values())),
            estimated_net=net,
            estimated_vat=vat,
            estimated_total=net + vat,
            status=Status.PLANNED,
        )
        plan = Plan(procurement)
        self.chain(plan, start)
        return plan

    def chain(self, plan: Plan, start: date) -> None:
        rng, procurement = self.rng, plan.procurement
        request = self.stage(plan, StageKind.REQUEST, start, amount=procurement.estimated_total)
        if request is None:
            return
        approved_day = start + timedelta(days=rng.randint(3, 15))
        approved = self.stage(
            plan, StageKind.APPROVED_REQUEST, approved_day, amount=procurement.estimated_total
        )
        if approved is None:
            return
        self.decision(plan, approved, DecisionType.COMMITMENT, "Ανάληψη υποχρέωσης", approved_day)
        award_day = approved_day + timedelta(days=rng.randint(5, 20))
        if procurement.procedure not in (Procedure.DIRECT, Procedure.NEGOTIATED_WITHOUT_NOTICE):
            notice_day = approved_day + timedelta(days=rng.randint(7, 30))
            deadline = notice_day + timedelta(days=rng.randint(15, 45))
            procurement.submission_deadline = _moment(deadline)
            if procurement.procedure in (Procedure.OPEN, Procedure.RESTRICTED):
                procurement.esidis_number = self.numbers.next_esidis()
            notice = self.stage(
                plan, StageKind.NOTICE, notice_day, amount=procurement.estimated_total
            )
            if notice is None:
                return
            procurement.status = Status.ACTIVE
            self.decision(plan, notice, DecisionType.NOTICE, "Διακήρυξη διαγωνισμού", notice_day)
            if deadline >= self.today:
                return
            procurement.status = Status.CLOSED
            roll = rng.random()
            if roll < 0.04 or roll > 0.97:
                procurement.status = Status.CANCELLED if roll < 0.04 else Status.UNSUCCESSFUL
                self.decision(
                    plan, notice, DecisionType.CANCELLATION, "Ματαίωση διαγωνισμού", deadline
                )
                return
            award_day = deadline + timedelta(days=rng.randint(20, 60))
        self.award_and_contract(plan, award_day)

    def award_and_contract(self, plan: Plan, award_day: date) -> None:
        rng, procurement = self.rng, plan.procurement
        supplier = rng.choice(self.suppliers)
        discount = Decimal(rng.randint(70, 99)) / 100
        amount = (procurement.estimated_total * discount).quantize(CENT)
        award = self.stage(plan, StageKind.AWARD, award_day, amount=amount, supplier=supplier)
        if award is None:
            return
        procurement.status = Status.AWARDED
        self.decision(plan, award, DecisionType.AWARD, "Κατακύρωση αποτελέσματος", award_day)
        contract_day = award_day + timedelta(days=rng.randint(10, 30))
        contract = self.stage(
            plan,
            StageKind.CONTRACT,
            contract_day,
            amount=amount,
            supplier=supplier,
            parent=award,
        )
        if contract is None:
            return
        procurement.status = Status.CONTRACTED
        self.decision(plan, contract, DecisionType.CONTRACT, "Σύμβαση", contract_day)
        shares = rng.choice([[1], [Decimal("0.5"), Decimal("0.5")], [Decimal("0.3")] * 3])
        paid, day = Decimal("0"), contract_day
        for position, share in enumerate(shares, start=1):
            day = day + timedelta(days=rng.randint(20, 90))
            payment_amount = (amount * share).quantize(CENT)
            if position == len(shares) and sum(shares) == 1:
                payment_amount = amount - paid
            payment = self.stage(
                plan,
                StageKind.PAYMENT,
                day,
                amount=payment_amount,
                supplier=supplier,
                parent=contract,
            )
            if payment is None:
                break
            paid += payment_amount
            self.decision(plan, payment, DecisionType.PAYMENT, "Εντολή πληρωμής", day)
        contract.paid_amount = paid
        if paid == amount:
            procurement.status = Status.COMPLETED
            procurement.status_changed_at = min(_moment(day, 12), self.now)


def _publish(rng, plan: Plan, now: datetime) -> None:
    procurement = plan.procurement
    first = plan.stages[0].date if plan.stages else now.date()
    procurement.is_published = rng.random() < 0.96
    procurement.published_at = min(_moment(first, 10), now)
    if procurement.status in (Status.CANCELLED, Status.UNSUCCESSFUL):
        procurement.status_changed_at = min(
            procurement.submission_deadline + timedelta(days=3), now
        )
    # Entered with its first stage, last changed with its latest; never after `now`.
    procurement.created_at = procurement.published_at
    latest = max(stage.date for stage in plan.stages) if plan.stages else first
    procurement.updated_at = min(
        max(_moment(latest), procurement.status_changed_at or procurement.published_at), now
    )
    for stage in plan.stages:
        stage.created_at = min(_moment(stage.date, 12), now)
    suppliers = {stage.supplier for stage in plan.stages if stage.supplier is not None}
    procurement.search_document = search_document(
        *procurement.search_parts(
            stages=plan.stages,
            decisions=[decision for _stage, decision in plan.decisions],
            suppliers=suppliers,
        )
    )


def _write(plans: list[Plan]) -> tuple[int, int]:
    bulk_insert(Procurement, [plan.procurement for plan in plans])
    for plan in plans:
        for stage in plan.stages:
            stage.procurement = plan.procurement
    stages = [stage for plan in plans for stage in plan.stages]
    # Parents first: awards before contracts, contracts before payments.
    for kinds in (
        (StageKind.REQUEST, StageKind.APPROVED_REQUEST, StageKind.NOTICE, StageKind.AWARD),
        (StageKind.CONTRACT,),
        (StageKind.PAYMENT,),
    ):
        batch = [stage for stage in stages if stage.kind in kinds]
        for stage in batch:
            stage.parent_id = stage.parent.pk if stage.parent else None
        bulk_insert(Stage, batch)
    decisions = []
    for plan in plans:
        for stage, decision in plan.decisions:
            decision.procurement = plan.procurement
            decision.stage = stage
            decisions.append(decision)
    bulk_insert(DiavgeiaDecision, decisions)
    return len(stages), len(decisions)


def seed(context: SeedContext) -> None:
    departments = {d.slug: d for d in Department.objects.all()}
    if not departments:
        context.log("procurement: no departments, skipped")
        return
    suppliers = _suppliers(context)
    numbers = Numbers(context.rng)
    planner = Planner(context, departments, suppliers, numbers)
    total = PER_SCALE * context.scale
    written = [0, 0, 0]
    for start in range(0, total, CHUNK):
        plans = [planner.plan() for _index in range(min(CHUNK, total - start))]
        for plan in plans:
            _publish(context.rng, plan, context.now)
        stages, decisions = _write(plans)
        written = [written[0] + len(plans), written[1] + stages, written[2] + decisions]
    context.log(
        f"procurement: {written[0]} procurements, {written[1]} KIMDIS stages, "
        f"{written[2]} Diavgeia decisions, {len(suppliers)} suppliers"
    )
