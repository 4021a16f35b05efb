from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.organisation import UnitSection
from portal.seeding import Seeder


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Αιτήματα & καταγγελίες")
    navigation = (NavEntry("complaints:index", _("Αιτήματα & καταγγελίες"), position=10),)
    personal_data = "complaints.personal_data.provider"
    account_sections = ("complaints.account.section",)
    alert_sources = ("complaints.alerts.register", "complaints.alerts.complaint")
    # Every save or delete of the app's models replaces its cached public pages.
    page_cache_models = "__all__"
    # A unit's public page lists the kinds of request it answers.
    unit_sections = (
        UnitSection(
            "complaints/includes/unit_categories.html", "complaints.selectors.unit_categories", 30
        ),
    )
    # English names last, once every app's Greek records exist.
    seeders = (
        Seeder("complaints.seed", order=10),
        Seeder("complaints.seed_english", order=1000),
    )
    datasets = (
        Dataset(
            slug="complaints",
            title=_("Μητρώο αιτημάτων και καταγγελιών πολιτών"),
            description=_(
                "Τα αιτήματα, οι προτάσεις και οι καταγγελίες που δημοσιεύθηκαν μετά από έλεγχο: "
                "κατηγορία, αρμόδια υπηρεσία, οδός, κατάσταση και ημερομηνίες. Χωρίς στοιχεία "
                "πολιτών, ακριβείς διευθύνσεις ή περιγραφές· οι συντεταγμένες στρογγυλεύονται "
                "στα 100 μέτρα περίπου."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "complaints:data_csv",
                    "text/csv",
                    schema="complaints.opendata.CSV_SCHEMA",
                ),
                Distribution("JSON", "complaints:data_json", "application/json"),
            ),
            update_frequency=_("Συνεχής"),
            keywords=("αιτήματα", "καταγγελίες", "Open311"),
            frequency="UPDATE_CONT",
            temporal="complaints.opendata.coverage",
        ),
    )
