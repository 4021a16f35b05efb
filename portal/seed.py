"""Demo data of the portal core: the municipality's departments and demo staff."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from portal.models import Department, StaffProfile
from portal.roles import Role
from portal.seeding import SeedContext

TOWN_HALL = "Βασ. Γεωργίου 1, 54636 Θεσσαλονίκη"

TRANSPARENCY_DUTIES = """Παραλαβή των αιτημάτων, προτάσεων και καταγγελιών των πολιτών, ηλεκτρονική πρωτοκόλληση και κατηγοριοποίησή τους.
Διαβίβαση κάθε αιτήματος στην αρμόδια υπηρεσία του Δήμου και παρακολούθηση της διεκπεραίωσής του μέσα στις νόμιμες προθεσμίες.
Ενημέρωση των πολιτών για την πορεία και την έκβαση των αιτημάτων τους.
Τήρηση στατιστικών στοιχείων για τα αιτήματα και υποβολή εξαμηνιαίας αναφοράς στο Τμήμα Διαχείρισης Ποιότητας.
Εντοπισμός επαναλαμβανόμενων προβλημάτων και διατύπωση προτάσεων βελτίωσης των διαδικασιών εξυπηρέτησης.
Μέριμνα για την έγκαιρη και πλήρη πληροφόρηση κάθε ενδιαφερομένου για τις προκηρύξεις, διακηρύξεις και αναθέσεις έργων, προμηθειών και υπηρεσιών του Δήμου.
Παρακολούθηση της καταχώρισης των σταδίων κάθε σύμβασης στο Κεντρικό Ηλεκτρονικό Μητρώο Δημοσίων Συμβάσεων (ΚΗΜΔΗΣ).
Συνεργασία με τις υπηρεσίες για την ανάρτηση των πράξεων στο πρόγραμμα «Διαύγεια».
Δημοσίευση των δηλώσεων περιουσιακής κατάστασης των αιρετών του Δήμου, σύμφωνα με τον ν. 5026/2023.
Οργάνωση και λειτουργία της υπηρεσίας ηλεκτρονικών ραντεβού για το Ληξιαρχείο, το Δημοτολόγιο, το Γενικό Πρωτόκολλο και το Τμήμα Διαφάνειας.
Διάθεση των δημόσιων δεδομένων του Δήμου ως ανοικτών δεδομένων, σύμφωνα με τον ν. 4727/2020 (άρθρα 59 επ.).
Εξυπηρέτηση των αιτήσεων πρόσβασης σε δημόσια έγγραφα (άρθρο 5 του ν. 2690/1999).
Συνεργασία με τον Συμπαραστάτη του Δημότη και της Επιχείρησης για τις υποθέσεις που εκείνος χειρίζεται.
Συνεργασία με τον Συνήγορο του Πολίτη και τις ανεξάρτητες αρχές σε θέματα διαφάνειας και χρηστής διοίκησης.
Υποστήριξη των διαδικασιών διαβούλευσης του Δήμου με τους πολίτες.
Ενημέρωση και καθοδήγηση των υπηρεσιών του Δήμου σε θέματα διαφάνειας και λογοδοσίας.
Συνεργασία με τον Υπεύθυνο Προστασίας Δεδομένων για την προστασία των προσωπικών δεδομένων των πολιτών.
Σύνταξη ετήσιας έκθεσης πεπραγμένων για τη διαφάνεια και τη λογοδοσία του Δήμου."""

# (slug, name, parent slug, summary, address, phones, email, opening hours)
DEPARTMENTS = [
    (
        "diafaneia",
        "Αυτοτελές Τμήμα Διαφάνειας",
        None,
        "Αιτήματα και καταγγελίες πολιτών, διαφάνεια των προμηθειών, δηλώσεις περιουσίας αιρετών, ηλεκτρονικά ραντεβού και ανοικτά δεδομένα.",
        TOWN_HALL + ", 3ος όροφος, γραφείο 310",
        "2313 317390, 2313 317394, 2313 317421, 2313 317854",
        "diafaneia@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "kathariotita",
        "Διεύθυνση Καθαριότητας και Ανακύκλωσης",
        None,
        "Αποκομιδή απορριμμάτων και ογκωδών αντικειμένων, καθαρισμός κοινόχρηστων χώρων, ανακύκλωση.",
        "Μοναστηρίου 402, 54628 Θεσσαλονίκη",
        "2313 318700, 15574",
        "kathariotita@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 07:00–15:00",
    ),
    (
        "prasino",
        "Διεύθυνση Πρασίνου και Αστικού Περιβάλλοντος",
        None,
        "Συντήρηση πάρκων, δέντρων και παιδικών χαρών· κλαδέματα και φυτεύσεις.",
        "Κλεάνθους 57, 54642 Θεσσαλονίκη",
        "2313 318400",
        "prasino@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 07:30–15:00",
    ),
    (
        "ilektrofotismos",
        "Τμήμα Ηλεκτροφωτισμού",
        "texnika-erga",
        "Δημοτικός φωτισμός οδών, πλατειών και πάρκων.",
        "Παπαναστασίου 133, 54249 Θεσσαλονίκη",
        "2313 318200",
        "fotismos@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 07:30–15:00",
    ),
    (
        "texnika-erga",
        "Διεύθυνση Τεχνικών Έργων",
        None,
        "Μελέτη, κατασκευή και συντήρηση δημοτικών κτιρίων, οδών και πεζοδρομίων.",
        "Κλεάνθους 57, 54642 Θεσσαλονίκη",
        "2313 318100",
        "texnika@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "odopoiia",
        "Τμήμα Συντήρησης Οδών και Πεζοδρομίων",
        "texnika-erga",
        "Αποκατάσταση λακκουβών, πεζοδρομίων, ραμπών ΑμεΑ και σήμανσης.",
        "Κλεάνθους 57, 54642 Θεσσαλονίκη",
        "2313 318150",
        "odopoiia@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 07:30–15:00",
    ),
    (
        "dimotiki-astynomia",
        "Διεύθυνση Δημοτικής Αστυνομίας",
        None,
        "Έλεγχος στάθμευσης, κατάληψης κοινόχρηστων χώρων, θορύβου και τήρησης των κανονιστικών αποφάσεων.",
        "Αγγελάκη 2, 54621 Θεσσαλονίκη",
        "2313 318800",
        "dimotikiastynomia@thessaloniki.gr",
        "Καθημερινά 07:00–23:00",
    ),
    (
        "adespota",
        "Τμήμα Προστασίας Ζώων Συντροφιάς",
        "prasino",
        "Μέριμνα για τα αδέσποτα ζώα, στειρώσεις, υιοθεσίες και καταφύγια.",
        "Κλεάνθους 57, 54642 Θεσσαλονίκη",
        "2313 318450",
        "zoa@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "dimotiki-katastasi",
        "Διεύθυνση Δημοτικής Κατάστασης",
        None,
        "Ληξιαρχικές πράξεις, δημοτολόγιο και πιστοποιητικά.",
        TOWN_HALL + ", ισόγειο",
        "2313 317000",
        "dimotologio@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "lixiarxeio",
        "Τμήμα Ληξιαρχείου",
        "dimotiki-katastasi",
        "Πράξεις γέννησης, γάμου, συμφώνου συμβίωσης και θανάτου.",
        TOWN_HALL + ", ισόγειο, γραφείο 5",
        "2313 317030",
        "lixiarxeio@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "dimotologio",
        "Τμήμα Δημοτολογίου",
        "dimotiki-katastasi",
        "Εγγραφές και μεταδημοτεύσεις, πιστοποιητικά οικογενειακής κατάστασης.",
        TOWN_HALL + ", ισόγειο, γραφείο 12",
        "2313 317050",
        "dimotologio@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "dioikitikes",
        "Διεύθυνση Διοικητικών Υπηρεσιών",
        None,
        "Γενικό πρωτόκολλο, αρχείο, προσωπικό και υποστήριξη των οργάνων του Δήμου.",
        TOWN_HALL + ", 1ος όροφος",
        "2313 317100",
        "dioikitiko@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "geniko-protokollo",
        "Τμήμα Γενικού Πρωτοκόλλου",
        "dioikitikes",
        "Παραλαβή και πρωτοκόλληση εγγράφων, επικυρώσεις αντιγράφων και γνήσιο υπογραφής.",
        TOWN_HALL + ", ισόγειο, γραφείο 1",
        "2313 317130",
        "protokollo@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "oikonomikes",
        "Διεύθυνση Οικονομικών Υπηρεσιών",
        None,
        "Προϋπολογισμός, λογιστήριο, ταμείο και προμήθειες του Δήμου.",
        TOWN_HALL + ", 2ος όροφος",
        "2313 317200",
        "oikonomiki@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "promitheies",
        "Τμήμα Προμηθειών",
        "oikonomikes",
        "Διαγωνισμοί και αναθέσεις προμηθειών και υπηρεσιών, παρακολούθηση συμβάσεων.",
        TOWN_HALL + ", 2ος όροφος, γραφείο 215",
        "2313 317260",
        "promitheies@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "psifiaki",
        "Διεύθυνση Ψηφιακής Διακυβέρνησης",
        None,
        "Πληροφοριακά συστήματα, ψηφιακές υπηρεσίες και ανοικτά δεδομένα του Δήμου.",
        TOWN_HALL + ", 4ος όροφος",
        "2313 317500",
        "digital@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
    (
        "koinoniki-politiki",
        "Διεύθυνση Κοινωνικής Πολιτικής",
        None,
        "Κοινωνικά προγράμματα, στήριξη ευάλωτων ομάδων, ΚΑΠΗ και δομές φιλοξενίας.",
        "Αγίου Δημητρίου 180, 54635 Θεσσαλονίκη",
        "2313 318500",
        "koinoniki@thessaloniki.gr",
        "Δευτέρα–Παρασκευή 08:00–14:00",
    ),
]

# Demo staff for `make run` (local only): username, name, department slug, roles.
DEMO_PASSWORD = "demo-diafaneia"  # noqa: S105 - demo data for a local run, never production
DEMO_STAFF = [
    ("admin", "Διαχειριστής", "Πύλης", "diafaneia", []),
    ("diafaneia", "Ελένη", "Παπαδοπούλου", "diafaneia", [Role.TRANSPARENCY_STAFF]),
    ("kathariotita", "Νίκος", "Γεωργίου", "kathariotita", [Role.DEPARTMENT_STAFF]),
    (
        "proistamenos",
        "Μαρία",
        "Ιωάννου",
        "kathariotita",
        [Role.DEPARTMENT_STAFF, Role.DEPARTMENT_HEAD],
    ),
    ("promitheies", "Κώστας", "Δημητρίου", "promitheies", [Role.PROCUREMENT_PUBLISHER]),
    ("diloseis", "Σοφία", "Αθανασίου", "diafaneia", [Role.DISCLOSURES_PUBLISHER]),
    ("rantevou", "Γιώργος", "Νικολάου", "dimotiki-katastasi", [Role.FRONT_DESK]),
]


def seed(context: SeedContext) -> None:
    """Create the departments and one demo user per role."""
    by_slug = {}
    for position, (slug, name, _parent, summary, address, phones, email, hours) in enumerate(
        DEPARTMENTS
    ):
        by_slug[slug] = Department(
            slug=slug,
            name=name,
            summary=summary,
            address=address,
            phones=phones,
            email=email,
            opening_hours=hours,
            position=position,
            responsibilities=TRANSPARENCY_DUTIES if slug == "diafaneia" else summary,
        )
    Department.objects.bulk_create(by_slug.values())
    for slug, _name, parent, *_rest in DEPARTMENTS:
        if parent:
            by_slug[slug].parent = by_slug[parent]
    Department.objects.bulk_update(by_slug.values(), ["parent"])
    context.log(f"{len(by_slug)} υπηρεσίες")

    groups = {group.name: group for group in Group.objects.all()}
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    for username, first, last, department, roles in DEMO_STAFF:
        user = User.objects.create(
            username=username,
            password=password,
            first_name=first,
            last_name=last,
            email=f"{username}@thessaloniki.gr",
            is_staff=True,
            is_superuser=username == "admin",
        )
        user.groups.set([groups[role.value] for role in roles])
        StaffProfile.objects.create(user=user, department=by_slug[department])
    context.log(f"{len(DEMO_STAFF)} λογαριασμοί προσωπικού (κωδικός: {DEMO_PASSWORD})")
