from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.organisation import UnitSection
from portal.seeding import Seeder

CPSV_AP = "https://semiceu.github.io/CPSV-AP/releases/3.2.0/"


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = _("Οδηγός του Δημότη")
    navigation = (NavEntry("guide:index", _("Οδηγός του Δημότη"), position=5),)
    # After the departments, the appointment desks and the complaint categories it links.
    seeders = (
        Seeder("guide.seed", order=50),
        Seeder("guide.seed_english", order=1000),
    )
    # A unit's public page (cached) lists the procedures it is responsible for.
    page_cache_models = "__all__"
    unit_sections = (
        UnitSection("guide/includes/unit_procedures.html", "guide.selectors.unit_procedures", 10),
    )
    datasets = (
        Dataset(
            slug="diadikasies",
            title=_("Οδηγός του Δημότη: διαδικασίες"),
            description=_(
                "Κάθε δημοσιευμένη διαδικασία του Δήμου: τίτλοι, αρμόδια υπηρεσία, "
                "δικαιολογητικά, κόστος, εκτιμώμενη διάρκεια, τρόποι εξυπηρέτησης, νομική "
                "βάση και κωδικός ΜΙΤΟΣ. Και κατά το ευρωπαϊκό πρότυπο CPSV-AP 3."
            ),
            distributions=(
                Distribution(
                    "CSV", "guide:data_csv", "text/csv", schema="guide.opendata.CSV_SCHEMA"
                ),
                Distribution("JSON", "guide:data_json", "application/json"),
                Distribution(
                    _("CPSV-AP 3 (JSON-LD)"),
                    "guide:data_cpsv",
                    "application/ld+json",
                    conforms_to=CPSV_AP,
                ),
            ),
            update_frequency=_("Με κάθε αλλαγή"),
            keywords=(_("διαδικασίες"), _("δικαιολογητικά"), "ΜΙΤΟΣ", "CPSV-AP"),
            frequency="IRREG",
            temporal="guide.opendata.coverage",
        ),
    )
