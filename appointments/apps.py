from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.organisation import UnitSection
from portal.seeding import Seeder


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Ραντεβού")
    navigation = (NavEntry("appointments:index", _("Ραντεβού"), position=40),)
    personal_data = "appointments.personal_data.provider"
    account_sections = ("appointments.account.section",)
    # A unit's public page (cached) lists the desks citizens book with it.
    page_cache_models = ("Service",)
    unit_sections = (
        UnitSection(
            "appointments/includes/unit_services.html", "appointments.selectors.unit_services", 20
        ),
    )
    # English names last, once every app's Greek records exist.
    seeders = (
        Seeder("appointments.seed", order=30),
        Seeder("appointments.seed_english", order=1000),
    )
    datasets = (
        Dataset(
            slug="appointments-daily-statistics",
            title=_("Ηλεκτρονικά ραντεβού: ημερήσια στατιστικά ανά υπηρεσία"),
            description=_(
                "Για κάθε υπηρεσία και ημέρα: θέσεις που διατέθηκαν, κρατήσεις, ακυρώσεις, "
                "προσελεύσεις και μη προσελεύσεις. Ανωνυμοποιημένα: καμία πληροφορία για "
                "πρόσωπα. Έως και την προηγούμενη ημέρα."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "appointments:statistics_csv",
                    "text/csv",
                    schema="appointments.opendata.STATISTICS_SCHEMA",
                ),
                Distribution("JSON", "appointments:statistics_json", "application/json"),
            ),
            update_frequency=_("Καθημερινά"),
            keywords=("ραντεβού", "εξυπηρέτηση πολιτών", "ληξιαρχείο", "δημοτολόγιο"),
            frequency="DAILY",
            temporal="appointments.opendata.coverage",
        ),
    )
