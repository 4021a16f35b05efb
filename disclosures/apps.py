from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = _("Δηλώσεις περιουσίας")
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
                Distribution("CSV", "disclosures:data_csv", "text/csv"),
                Distribution("JSON", "disclosures:data_json", "application/json"),
            ),
            update_frequency=_("Με κάθε δημοσίευση δήλωσης"),
            keywords=("πόθεν έσχες", "δηλώσεις περιουσίας", "αιρετοί"),
        ),
        Dataset(
            slug="airetoi",
            title=_("Αιρετοί του Δήμου και θητείες"),
            description=_(
                "Ο δήμαρχος, οι αντιδήμαρχοι, οι δημοτικοί σύμβουλοι και οι πρόεδροι "
                "κοινοτήτων, με παράταξη, θέσεις και διάρκεια θητείας."
            ),
            distributions=(Distribution("CSV", "disclosures:officials_csv", "text/csv"),),
            update_frequency=_("Με κάθε αλλαγή"),
            keywords=("αιρετοί", "δημοτικό συμβούλιο"),
        ),
    )
