from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.seeding import Seeder


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Προμήθειες")
    navigation = (NavEntry("procurement:index", _("Προμήθειες"), position=20),)
    seeders = (Seeder("procurement.seed", order=40),)
    datasets = (
        Dataset(
            slug="procurements",
            title=_("Διαγωνισμοί, αναθέσεις, συμβάσεις και πληρωμές"),
            description=_(
                "Κάθε δημοσιευμένη διαδικασία προμηθειών, έργων και υπηρεσιών του Δήμου, "
                "με προϋπολογισμό, CPV, αρμόδια υπηρεσία και κατάσταση."
            ),
            distributions=(
                Distribution("CSV", "procurement:export_csv", "text/csv"),
                Distribution("JSON", "procurement:export_json", "application/json"),
            ),
            update_frequency=_("Συνεχής"),
            keywords=(_("προμήθειες"), _("δημόσιες συμβάσεις"), "ΚΗΜΔΗΣ"),
        ),
        Dataset(
            slug="procurements-ocds",
            title=_("Δημόσιες συμβάσεις κατά το πρότυπο OCDS 1.1"),
            description=_(
                "Releases ανά στάδιο ΚΗΜΔΗΣ και records ανά διαδικασία, με ΑΔΑΜ, ΑΔΑ "
                "Διαύγειας, αναδόχους (ΑΦΜ) και πληρωμές, κατά το Open Contracting Data Standard."
            ),
            distributions=(
                Distribution(
                    _("OCDS: δημοσιεύσεις (release package)"),
                    "procurement:ocds_releases",
                    "application/json",
                    paged=True,
                ),
                Distribution(
                    _("OCDS: φάκελοι διαδικασιών (record package)"),
                    "procurement:ocds_records",
                    "application/json",
                    paged=True,
                ),
            ),
            update_frequency=_("Συνεχής"),
            keywords=("OCDS", _("ανοικτές συμβάσεις")),
        ),
    )
