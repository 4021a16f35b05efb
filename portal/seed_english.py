"""English names for the demo's departments, complaint categories, their questions and desks.

Kept apart from the Greek seed data, keyed by slug or code, so either can change
without the other: a key that no longer exists is skipped, and a record without an
entry here shows its Greek name on the English site. Runs after the other seeders.
"""

from appointments.models import Service
from complaints.models import Category, CategoryQuestion
from portal.models import Department
from portal.seeding import SeedContext

DEPARTMENTS = {
    "diafaneia": (
        "Transparency Department",
        "Citizens' requests and complaints, transparency of procurement, elected officials' "
        "asset declarations, online appointments and open data.",
    ),
    "kathariotita": (
        "Directorate of Cleaning and Recycling",
        "Collection of rubbish and bulky items, cleaning of public spaces, recycling.",
    ),
    "prasino": (
        "Directorate of Green Spaces and Urban Environment",
        "Upkeep of parks, trees and playgrounds; pruning and planting.",
    ),
    "ilektrofotismos": ("Street Lighting Department", "Lighting of streets, squares and parks."),
    "texnika-erga": (
        "Directorate of Technical Works",
        "Design, construction and upkeep of municipal buildings, roads and pavements.",
    ),
    "odopoiia": (
        "Roads and Pavements Maintenance Department",
        "Repair of potholes, pavements, wheelchair ramps and road signs.",
    ),
    "dimotiki-astynomia": (
        "Directorate of Municipal Police",
        "Enforcement of parking, use of public space, noise and municipal regulations.",
    ),
    "adespota": (
        "Companion Animal Protection Department",
        "Care of stray animals, neutering, adoptions and shelters.",
    ),
    "dimotiki-katastasi": (
        "Directorate of Civil Status",
        "Civil registry records, municipal roll and certificates.",
    ),
    "lixiarxeio": (
        "Civil Registry Department",
        "Registration of births, marriages, civil partnerships and deaths.",
    ),
    "dimotologio": (
        "Municipal Roll Department",
        "Registrations and transfers of municipal registration, family status certificates.",
    ),
    "dioikitikes": (
        "Directorate of Administrative Services",
        "General registry, archive, staff and support of the Municipality's bodies.",
    ),
    "geniko-protokollo": (
        "General Registry Department",
        "Receipt and registration of documents, certified copies and signature verification.",
    ),
    "oikonomikes": (
        "Directorate of Financial Services",
        "Budget, accounts, treasury and purchasing of the Municipality.",
    ),
    "promitheies": (
        "Procurement Department",
        "Tenders and awards for supplies and services, monitoring of contracts.",
    ),
    "psifiaki": (
        "Directorate of Digital Governance",
        "Information systems, digital services and open data of the Municipality.",
    ),
    "koinoniki-politiki": (
        "Directorate of Social Policy",
        "Social programmes, support for vulnerable groups, day centres for older people "
        "and shelters.",
    ),
}

CATEGORIES = {
    "kadoi": (
        "Bins and rubbish collection",
        "Overflowing, broken or missing bins; collection that did not happen.",
    ),
    "ogkodi": ("Bulky items", "Collection of furniture, mattresses, appliances and branches."),
    "katharismos": (
        "Cleanliness of public spaces",
        "Dirty streets, squares and stops; graffiti on municipal buildings.",
    ),
    "mpaza": ("Illegal dumping of rubble", "Rubble and building materials on streets and plots."),
    "fotismos": (
        "Street light out or faulty",
        "Lamps that do not light, flicker or stay on during the day.",
    ),
    "stylos": (
        "Damaged lamp post or cables",
        "Leaning posts, open boxes, exposed cables. In immediate danger call 112.",
    ),
    "kladema": (
        "Tree pruning and felling",
        "Branches in the way, trees that need pruning or inspection.",
    ),
    "ptosi-dentrou": (
        "Fallen tree or branch",
        "Trees or branches that have fallen or are about to fall.",
    ),
    "parka": (
        "Parks, flower beds and watering",
        "Upkeep of green spaces, broken watering, dry flower beds.",
    ),
    "lakouves": ("Potholes and road damage", "Potholes, subsidence and damage to the asphalt."),
    "pezodromia": (
        "Pavements and ramps",
        "Broken paving, obstructions, wheelchair ramps missing or unusable.",
    ),
    "freatia": (
        "Drains and storm gratings",
        "Drains without a cover, blocked gratings, standing water.",
    ),
    "paidikes-xares": (
        "Playgrounds and street furniture",
        "Broken play equipment, benches, fountains, fences.",
    ),
    "adespota": (
        "Stray animals",
        "Injured or sick animals, packs, animals that need neutering.",
    ),
    "thoryvos": ("Noise", "Noise from shops, music or works during quiet hours."),
    "trapezokathismata": (
        "Obstruction of public space",
        "Tables and chairs, goods or obstacles on pavements and squares.",
    ),
    "stathmeysi": (
        "Illegal parking",
        "Vehicles on ramps, crossings, disabled parking spaces and pavements.",
    ),
    "egkataleleimmena": (
        "Abandoned vehicles",
        "Vehicles without number plates or left for a long time.",
    ),
    "koinoniki-stirixi": (
        "People who need help",
        "Homeless or isolated residents who need support from the social services.",
    ),
    "ilektronikes-ypiresies": (
        "The Municipality's online services",
        "Problems with the Municipality's websites, apps and online payments.",
    ),
    "eksypiretisi": (
        "Service at municipal offices",
        "Delays, conduct or opening hours of municipal departments.",
    ),
    "allo": (
        "Other matter",
        "Anything that fits nowhere else; the Transparency Department forwards it to the "
        "competent department.",
    ),
}

# (category code, question code): (label, {choice key: choice name})
QUESTIONS = {
    ("ogkodi", "items"): ("Which items are they?", {}),
    ("ogkodi", "volume"): ("About how many?", {"1-2": "1–2 items", "3+": "3 or more"}),
    ("fotismos", "pole"): ("Lamp post number (if visible)", {}),
    ("lakouves", "size"): (
        "Size",
        {"small": "Small", "medium": "Medium", "large": "Large or dangerous"},
    ),
    ("adespota", "animal"): ("Kind of animal", {"dog": "Dog", "cat": "Cat", "other": "Other"}),
    ("thoryvos", "when"): ("When does it usually happen?", {}),
}

SERVICES = {
    "lixiarxeio": (
        "Civil Registry",
        "Registration of births, marriages, civil partnerships and deaths; civil status records.",
    ),
    "dimotologio": (
        "Municipal Roll",
        "Registrations, transfers of registration, family status and residence certificates.",
    ),
    "geniko-protokollo": (
        "General Registry",
        "Filing and registration of documents, certified copies, signature verification.",
    ),
    "diafaneia": (
        "Transparency Department",
        "Access to public documents, help with requests and complaints, open data.",
    ),
}


def seed(context: SeedContext) -> None:
    """Fill the English fields of what the other seeders created."""
    departments = list(Department.objects.filter(slug__in=DEPARTMENTS))
    for department in departments:
        department.name_en, department.summary_en = DEPARTMENTS[department.slug]
    Department.objects.bulk_update(departments, ["name_en", "summary_en"])

    categories = list(Category.objects.filter(code__in=CATEGORIES))
    for category in categories:
        category.name_en, category.description_en = CATEGORIES[category.code]
    Category.objects.bulk_update(categories, ["name_en", "description_en"])

    questions = [
        question
        for question in CategoryQuestion.objects.select_related("category")
        if (question.category.code, question.code) in QUESTIONS
    ]
    for question in questions:
        label, names = QUESTIONS[(question.category.code, question.code)]
        question.label_en = label
        question.choices = [
            {**choice, "name_en": names[choice["key"]]} if choice.get("key") in names else choice
            for choice in question.choices or []
        ]
    CategoryQuestion.objects.bulk_update(questions, ["label_en", "choices"])

    services = list(Service.objects.filter(slug__in=SERVICES))
    for service in services:
        service.name_en, service.summary_en = SERVICES[service.slug]
    Service.objects.bulk_update(services, ["name_en", "summary_en"])
    context.log(
        f"αγγλικές ονομασίες: {len(departments)} υπηρεσίες, {len(categories)} κατηγορίες, "
        f"{len(questions)} ερωτήσεις, {len(services)} υπηρεσίες ραντεβού"
    )
