"""English names for the demo's complaint categories and their questions.

Kept apart from the Greek seed data, keyed by code, so either can change without the
other: a key that no longer exists is skipped, and a record without an entry here shows
its Greek name on the English site. Runs after every app's Greek seeder.
"""

from complaints.models import Category, CategoryQuestion
from portal.seeding import SeedContext

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


def seed(context: SeedContext) -> None:
    """Fill the English fields of the seeded categories and their questions."""
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
    context.log(f"αγγλικές ονομασίες: {len(categories)} κατηγορίες, {len(questions)} ερωτήσεις")
