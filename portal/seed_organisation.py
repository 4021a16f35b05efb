"""Demo data of the organisation (ΟΕΥ): the general directorates above the directory's units,
the licensing directorate, a few offices, each unit's level, head and office, and the decision.

Runs right after `portal.seed`, which creates the units citizens deal with; this
places them in a believable tree of Thessaloniki's services.
"""

from datetime import date

from portal.models import Department, OrganisationDecision, UnitKind
from portal.seeding import TOWN_HALL, SeedContext

HEADS = {
    UnitKind.GENERAL_DIRECTORATE: "Γενικός/ή Διευθυντής/ρια",
    UnitKind.DIRECTORATE: "Διευθυντής/ρια",
    UnitKind.INDEPENDENT: "Προϊστάμενος/η Αυτοτελούς Τμήματος",
    UnitKind.DEPARTMENT: "Προϊστάμενος/η Τμήματος",
    UnitKind.OFFICE: "Υπεύθυνος/η Γραφείου",
}

# slug, name, English name, parent slug, kind, summary, competences (one a line), address, floor, office
NEW_UNITS = [
    (
        "gd-dioikitikon",
        "Γενική Διεύθυνση Διοικητικών Υπηρεσιών και Εξυπηρέτησης Δημοτών",
        "General Directorate of Administration and Citizen Services",
        None,
        UnitKind.GENERAL_DIRECTORATE,
        "Συντονίζει τις διοικητικές υπηρεσίες, τη δημοτική κατάσταση και την εξυπηρέτηση των δημοτών.",
        "Συντονίζει τις διευθύνσεις που υπάγονται σε αυτήν και παρακολουθεί τους στόχους τους.\nΕισηγείται στη δημοτική αρχή μέτρα για ταχύτερη και απλούστερη εξυπηρέτηση των πολιτών.\nΜεριμνά για την ενιαία εφαρμογή των διαδικασιών του Οδηγού του Δημότη.\nΕισηγείται τις τροποποιήσεις του Οργανισμού Εσωτερικών Υπηρεσιών για τις διευθύνσεις της.",
        TOWN_HALL,
        "1ος όροφος",
        "101",
    ),
    (
        "gd-oikonomikon",
        "Γενική Διεύθυνση Οικονομικών Υπηρεσιών",
        "General Directorate of Financial Services",
        None,
        UnitKind.GENERAL_DIRECTORATE,
        "Οικονομικά, προμήθειες, δημοτικά έσοδα και αδειοδοτήσεις.",
        "Συντονίζει την οικονομική διαχείριση του Δήμου και την κατάρτιση του προϋπολογισμού.\nΕποπτεύει τις διαδικασίες προμηθειών και την είσπραξη των δημοτικών εσόδων.\nΕποπτεύει την έκδοση αδειών για καταστήματα και κοινόχρηστους χώρους.\nΣυντονίζει τη σύνταξη του ετήσιου απολογισμού.",
        TOWN_HALL,
        "2ος όροφος",
        "201",
    ),
    (
        "gd-texnikon",
        "Γενική Διεύθυνση Τεχνικών Υπηρεσιών και Περιβάλλοντος",
        "General Directorate of Technical Services and Environment",
        None,
        UnitKind.GENERAL_DIRECTORATE,
        "Τεχνικά έργα, καθαριότητα, πράσινο και ηλεκτροφωτισμός.",
        "Συντονίζει τις τεχνικές υπηρεσίες, την καθαριότητα και το πράσινο της πόλης.\nΠρογραμματίζει τα έργα και τις συντηρήσεις με βάση τα αιτήματα των πολιτών.\nΣυνεργάζεται με την Πολιτική Προστασία σε έκτακτες ανάγκες.\nΠαρακολουθεί τον χρόνο αποκατάστασης των βλαβών που αναφέρουν οι πολίτες.",
        "Κλεάνθους 57, 54642 Θεσσαλονίκη",
        "3ος όροφος",
        "",
    ),
    (
        "gd-koinonikis",
        "Γενική Διεύθυνση Κοινωνικής Πολιτικής και Υγείας",
        "General Directorate of Social Policy and Health",
        None,
        UnitKind.GENERAL_DIRECTORATE,
        "Κοινωνική προστασία, υγεία και στήριξη των ευάλωτων ομάδων.",
        "Συντονίζει τις κοινωνικές δομές και τα προγράμματα στήριξης του Δήμου.\nΠαρακολουθεί τις ανάγκες των κατοίκων σε κοινωνική φροντίδα και υγεία.\nΣυνεργάζεται με τα νοσοκομεία και τα κέντρα υγείας της πόλης.\nΕισηγείται τα κοινωνικά προγράμματα του Δήμου και τους κανονισμούς τους.",
        "Αγίου Δημητρίου 180, 54635 Θεσσαλονίκη",
        "4ος όροφος",
        "",
    ),
    (
        "diafaneia-exypiretisi",
        "Διεύθυνση Διαφάνειας και Εξυπηρέτησης Δημοτών",
        "Directorate of Transparency and Citizen Services",
        "gd-dioikitikon",
        UnitKind.DIRECTORATE,
        "Διαφάνεια, αιτήματα πολιτών, ραντεβού και ενημέρωση για τις υπηρεσίες του Δήμου.",
        "Εποπτεύει το Τμήμα Διαφάνειας και τα σημεία εξυπηρέτησης των δημοτών.\nΜεριμνά για την ενημέρωση των πολιτών για τις υπηρεσίες και τις διαδικασίες του Δήμου.\nΠαρακολουθεί την ποιότητα της εξυπηρέτησης και τα στατιστικά των αιτημάτων.\nΕισηγείται απλουστεύσεις διαδικασιών με βάση τα αιτήματα και τα παράπονα των πολιτών.",
        TOWN_HALL,
        "3ος όροφος",
        "305",
    ),
    (
        "adeiodotiseis",
        "Διεύθυνση Αδειοδοτήσεων και Εμπορικών Δραστηριοτήτων",
        "Directorate of Licensing and Commercial Activities",
        "gd-oikonomikon",
        UnitKind.DIRECTORATE,
        "Άδειες καταστημάτων, κοινόχρηστων χώρων, υπαίθριου εμπορίου και εκδηλώσεων.",
        "Εκδίδει τις άδειες που χρειάζονται οι επιχειρήσεις από τον Δήμο.\nΤηρεί το μητρώο των καταστημάτων υγειονομικού ενδιαφέροντος της πόλης.\nΣυνεργάζεται με τη Δημοτική Αστυνομία για τον έλεγχο των αδειών.\nΕνημερώνει τις επιχειρήσεις για τις υποχρεώσεις και τις προθεσμίες τους.",
        "Βασ. Ηρακλείου 44, 54624 Θεσσαλονίκη",
        "1ος όροφος",
        "",
    ),
    (
        "adeies-katastimaton",
        "Τμήμα Αδειών Καταστημάτων",
        "Shop Licensing Department",
        "adeiodotiseis",
        UnitKind.DEPARTMENT,
        "Γνωστοποιήσεις και άδειες καταστημάτων υγειονομικού ενδιαφέροντος, άδειες μουσικής.",
        "Παραλαμβάνει τις γνωστοποιήσεις λειτουργίας καταστημάτων υγειονομικού ενδιαφέροντος.\nΧορηγεί άδειες χρήσης μουσικής και παράτασης ωραρίου.\nΕλέγχει τα δικαιολογητικά και ενημερώνει τον φάκελο κάθε καταστήματος.\nΠρογραμματίζει αυτοψίες μαζί με τη Δημοτική Αστυνομία.",
        "Βασ. Ηρακλείου 44, 54624 Θεσσαλονίκη",
        "1ος όροφος",
        "12",
    ),
    (
        "koinoxristoi-xoroi",
        "Τμήμα Παραχώρησης Κοινόχρηστων Χώρων",
        "Public Space Permits Department",
        "adeiodotiseis",
        UnitKind.DEPARTMENT,
        "Άδειες για τραπεζοκαθίσματα, εμπορεύματα, σκαλωσιές και εκδηλώσεις σε δημόσιους χώρους.",
        "Παραχωρεί πεζοδρόμια και πλατείες για τραπεζοκαθίσματα και προβολή εμπορευμάτων.\nΧορηγεί άδειες για σκαλωσιές, κάδους μπάζων και εργοτάξια σε δημόσιο χώρο.\nΒεβαιώνει τα τέλη χρήσης κοινόχρηστων χώρων.\nΤηρεί τον χάρτη των παραχωρήσεων, ώστε να μένει ελεύθερη η διέλευση των πεζών.",
        "Βασ. Ηρακλείου 44, 54624 Θεσσαλονίκη",
        "1ος όροφος",
        "15",
    ),
    (
        "koinonikes-paroxes",
        "Τμήμα Κοινωνικών Παροχών",
        "Social Benefits Department",
        "koinoniki-politiki",
        UnitKind.DEPARTMENT,
        "Επιδόματα, κοινωνικό παντοπωλείο, κάρτα αναπηρίας και στήριξη οικογενειών.",
        "Δέχεται και εξετάζει αιτήσεις για τα προνοιακά επιδόματα που χορηγεί ο Δήμος.\nΛειτουργεί το κοινωνικό παντοπωλείο και το κοινωνικό φαρμακείο.\nΕνημερώνει για τα εθνικά προγράμματα στήριξης και βοηθά στην υποβολή τους.\nΒοηθά στην αίτηση για την Κάρτα Αναπηρίας όσους δυσκολεύονται.",
        "Αγίου Δημητρίου 180, 54635 Θεσσαλονίκη",
        "ισόγειο",
        "3",
    ),
    (
        "grafeio-rantevou",
        "Γραφείο Ηλεκτρονικών Ραντεβού",
        "Online Appointments Office",
        "diafaneia",
        UnitKind.OFFICE,
        "Υποστήριξη των ηλεκτρονικών και τηλεφωνικών ραντεβού με τις υπηρεσίες του Δήμου.",
        "Διαχειρίζεται το σύστημα ηλεκτρονικών ραντεβού και τα ωράρια των γκισέ.\nΚλείνει ραντεβού από το τηλέφωνο για όσους δεν χρησιμοποιούν διαδίκτυο.\nΔημοσιεύει τα κλεισίματα των γκισέ και ειδοποιεί όσους έχουν ραντεβού.\nΣτέλνει κάθε μήνα τα στατιστικά των ραντεβού στο Τμήμα Διαφάνειας.",
        TOWN_HALL,
        "3ος όροφος",
        "312",
    ),
    (
        "grafeio-metadimotefseon",
        "Γραφείο Μεταδημοτεύσεων",
        "Municipal Transfer Office",
        "dimotologio",
        UnitKind.OFFICE,
        "Μεταδημοτεύσεις από και προς τον Δήμο.",
        "Εξετάζει τις αιτήσεις μεταδημότευσης και ενημερώνει τα δημοτολόγια των δύο δήμων.\nΕγγράφει στο δημοτολόγιο όσους αποκτούν την ελληνική ιθαγένεια.\nΕνημερώνει τους εκλογικούς καταλόγους για κάθε μεταδημότευση.\nΑπαντά στα ερωτήματα των άλλων δήμων για μερίδες που μεταφέρονται.",
        TOWN_HALL,
        "ισόγειο",
        "14",
    ),
    (
        "grafeio-anakyklosis",
        "Γραφείο Ανακύκλωσης",
        "Recycling Office",
        "kathariotita",
        UnitKind.OFFICE,
        "Ανακύκλωση, κάδοι οργανικών και ενημέρωση των κατοίκων.",
        "Οργανώνει τα προγράμματα ανακύκλωσης συσκευασιών, χαρτιού, γυαλιού και οργανικών.\nΕνημερώνει σχολεία και γειτονιές για τη διαλογή στην πηγή.\nΠαρακολουθεί τις ποσότητες που ανακυκλώνονται και τις δημοσιεύει.\nΣυνεργάζεται με τα σημεία συλλογής συσκευών, μπαταριών και ρούχων.",
        "Μοναστηρίου 402, 54628 Θεσσαλονίκη",
        "ισόγειο",
        "",
    ),
]

SUMMARIES_EN = {
    "gd-dioikitikon": "Coordinates administration, civil status and citizen services.",
    "gd-oikonomikon": "Finance, procurement, municipal revenue and licensing.",
    "gd-texnikon": "Technical works, cleaning, green spaces and street lighting.",
    "gd-koinonikis": "Social protection, health and support for vulnerable groups.",
    "diafaneia-exypiretisi": "Transparency, citizens' requests, appointments and information on the "
    "Municipality's services.",
    "adeiodotiseis": "Permits for shops, public spaces, street trading and events.",
    "adeies-katastimaton": "Notifications and permits of food businesses, music permits.",
    "koinoxristoi-xoroi": "Permits for outdoor tables, goods, scaffolding and events in public spaces.",
    "koinonikes-paroxes": "Benefits, social grocery, disability card and support for families.",
    "grafeio-rantevou": "Support for online and phone appointments with the Municipality's desks.",
    "grafeio-metadimotefseon": "Transfers of municipal registration to and from the Municipality.",
    "grafeio-anakyklosis": "Recycling, organic waste bins and information for residents.",
}

# Where the directory's own units sit in the tree: slug → (parent slug, kind, floor, office).
PLACES = {
    "dioikitikes": ("gd-dioikitikon", UnitKind.DIRECTORATE, "1ος όροφος", "110"),
    "geniko-protokollo": ("dioikitikes", UnitKind.DEPARTMENT, "ισόγειο", "1"),
    "dimotiki-katastasi": ("gd-dioikitikon", UnitKind.DIRECTORATE, "ισόγειο", ""),
    "lixiarxeio": ("dimotiki-katastasi", UnitKind.DEPARTMENT, "ισόγειο", "5"),
    "dimotologio": ("dimotiki-katastasi", UnitKind.DEPARTMENT, "ισόγειο", "12"),
    "diafaneia": ("diafaneia-exypiretisi", UnitKind.DEPARTMENT, "3ος όροφος", "310"),
    "psifiaki": ("gd-dioikitikon", UnitKind.DIRECTORATE, "4ος όροφος", ""),
    "oikonomikes": ("gd-oikonomikon", UnitKind.DIRECTORATE, "2ος όροφος", ""),
    "promitheies": ("oikonomikes", UnitKind.DEPARTMENT, "2ος όροφος", "215"),
    "texnika-erga": ("gd-texnikon", UnitKind.DIRECTORATE, "", ""),
    "ilektrofotismos": ("texnika-erga", UnitKind.DEPARTMENT, "", ""),
    "odopoiia": ("texnika-erga", UnitKind.DEPARTMENT, "", ""),
    "kathariotita": ("gd-texnikon", UnitKind.DIRECTORATE, "", ""),
    "prasino": ("gd-texnikon", UnitKind.DIRECTORATE, "", ""),
    "adespota": ("prasino", UnitKind.DEPARTMENT, "", ""),
    "koinoniki-politiki": ("gd-koinonikis", UnitKind.DIRECTORATE, "1ος όροφος", ""),
    # Reports to the Mayor directly, outside the general directorates.
    "dimotiki-astynomia": (None, UnitKind.DIRECTORATE, "", ""),
}


def seed(context: SeedContext) -> None:
    """Add the upper levels and offices, and give every unit its place, level and head."""
    existing = {d.slug: d for d in Department.objects.all()}
    position = max((d.position for d in existing.values()), default=0) + 1
    created = []
    for index, row in enumerate(NEW_UNITS):
        slug, name, name_en, parent, kind, summary, duties, address, floor, office = row
        unit = Department(
            slug=slug,
            name=name,
            name_en=name_en,
            kind=kind,
            summary=summary,
            summary_en=SUMMARIES_EN[slug],
            responsibilities=duties,
            address=address,
            floor=floor,
            office=office,
            head_title=HEADS[kind],
            # The general directorates come first on the chart.
            position=index if kind == UnitKind.GENERAL_DIRECTORATE else position + index,
        )
        existing[slug] = unit
        created.append((unit, parent))
    Department.objects.bulk_create([unit for unit, _parent in created])
    for unit, parent in created:
        unit.parent = existing[parent] if parent else None
    changed = [unit for unit, _parent in created]
    for slug, (parent, kind, floor, office) in PLACES.items():
        if slug not in existing:
            continue
        unit = existing[slug]
        unit.parent = existing[parent] if parent else None
        unit.kind = kind
        unit.head_title = HEADS[kind]
        unit.floor, unit.office = floor, office
        changed.append(unit)
    Department.objects.bulk_update(changed, ["parent", "kind", "head_title", "floor", "office"])
    OrganisationDecision.objects.create(
        title="Οργανισμός Εσωτερικών Υπηρεσιών του Δήμου Θεσσαλονίκης (τροποποίηση)",
        gazette="Β΄ 5311/2023",
        ada="9ΞΛΡΩΡΙ-Β7Ε",
        decided_on=date(2023, 7, 19),
        is_current=True,
    )
    context.log(f"οργανόγραμμα: {len(created)} νέες μονάδες, {len(changed)} στη θέση τους")
