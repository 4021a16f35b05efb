"""English names for the demo's departments.

Kept apart from the Greek seed data, keyed by slug, so either can change without the
other: a key that no longer exists is skipped, and a record without an entry here shows
its Greek name on the English site. Runs after every app's Greek seeder.
"""

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


def seed(context: SeedContext) -> None:
    """Fill the English fields of the seeded departments."""
    departments = list(Department.objects.filter(slug__in=DEPARTMENTS))
    for department in departments:
        department.name_en, department.summary_en = DEPARTMENTS[department.slug]
    Department.objects.bulk_update(departments, ["name_en", "summary_en"])
    context.log(f"αγγλικές ονομασίες: {len(departments)} υπηρεσίες")
