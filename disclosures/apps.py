from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.seeding import Seeder


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = _("Δηλώσεις περιουσίας")
    navigation = (NavEntry("disclosures:index", _("Δηλώσεις περιουσίας"), position=30),)
    # Every save or delete of the app's models replaces its cached public pages.
    page_cache_models = "__all__"
    seeders = (Seeder("disclosures.seed", order=20),)
    datasets = (
        Dataset(
            slug="diloseis-periousiakis-katastasis",
            title=_("Δηλώσεις περιουσιακής κατάστασης αιρετών"),
            description=_(
                "Οι δημοσιευμένες δηλώσεις «πόθεν έσχες» των αιρετών του Δήμου "
                "(ν. 5026/2023, άρθρο 6), "
                "με μία γραμμή ανά εγγραφή: ακίνητα, οχήματα, καταθέσεις, εισοδήματα, δάνεια, "
                "συμμετοχές και λοιπά στοιχεία. Ποσά σε ευρώ. Χωρίς διευθύνσεις, πινακίδες "
                "ή αριθμούς λογαριασμών."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "disclosures:data_csv",
                    "text/csv",
                    schema="disclosures.opendata.ENTRIES_SCHEMA",
                ),
                Distribution("JSON", "disclosures:data_json", "application/json"),
            ),
            update_frequency=_("Με κάθε δημοσίευση δήλωσης"),
            keywords=("πόθεν έσχες", "δηλώσεις περιουσίας", "αιρετοί"),
            frequency="IRREG",
            temporal="disclosures.opendata.declarations_coverage",
        ),
        Dataset(
            slug="airetoi",
            title=_("Αιρετοί του Δήμου και θητείες"),
            description=_(
                "Ο δήμαρχος, οι αντιδήμαρχοι, οι δημοτικοί σύμβουλοι και οι πρόεδροι "
                "κοινοτήτων, με παράταξη, θέσεις και διάρκεια θητείας."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "disclosures:officials_csv",
                    "text/csv",
                    schema="disclosures.opendata.OFFICIALS_SCHEMA",
                ),
            ),
            update_frequency=_("Με κάθε αλλαγή"),
            keywords=("αιρετοί", "δημοτικό συμβούλιο"),
            frequency="IRREG",
            temporal="disclosures.opendata.officials_coverage",
        ),
    )
