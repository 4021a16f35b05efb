"""English names for the demo's appointment desks.

Kept apart from the Greek seed data, keyed by slug, so either can change without the
other: a key that no longer exists is skipped, and a record without an entry here shows
its Greek name on the English site. Runs after every app's Greek seeder.
"""

from appointments.models import Service
from portal.seeding import SeedContext

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
    """Fill the English fields of the seeded appointment services."""
    services = list(Service.objects.filter(slug__in=SERVICES))
    for service in services:
        service.name_en, service.summary_en = SERVICES[service.slug]
    Service.objects.bulk_update(services, ["name_en", "summary_en"])
    context.log(f"αγγλικές ονομασίες: {len(services)} υπηρεσίες ραντεβού")
