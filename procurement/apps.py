from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.seeding import Seeder

OCDS_STANDARD = "https://standard.open-contracting.org/1.1/en/"


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Προμήθειες")
    navigation = (NavEntry("procurement:index", _("Προμήθειες"), position=20),)
    # Every save or delete of the app's models replaces its cached public pages.
    page_cache_models = "__all__"
    seeders = (Seeder("procurement.seed", order=40),)
    alert_sources = ("procurement.alerts.notices", "procurement.alerts.procurement")
    datasets = (
        Dataset(
            slug="procurements",
            title=_("Διαγωνισμοί, αναθέσεις, συμβάσεις και πληρωμές"),
            description=_(
                "Κάθε δημοσιευμένη διαδικασία προμηθειών, έργων και υπηρεσιών του Δήμου, "
                "με προϋπολογισμό, CPV, αρμόδια υπηρεσία και κατάσταση."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "procurement:export_csv",
                    "text/csv",
                    schema="procurement.opendata.CSV_SCHEMA",
                ),
                Distribution("JSON", "procurement:export_json", "application/json"),
            ),
            update_frequency=_("Συνεχής"),
            keywords=(_("προμήθειες"), _("δημόσιες συμβάσεις"), "ΚΗΜΔΗΣ"),
            frequency="UPDATE_CONT",
            temporal="procurement.opendata.coverage",
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
                    conforms_to=OCDS_STANDARD,
                ),
                Distribution(
                    _("OCDS: φάκελοι διαδικασιών (record package)"),
                    "procurement:ocds_records",
                    "application/json",
                    paged=True,
                    conforms_to=OCDS_STANDARD,
                ),
            ),
            update_frequency=_("Συνεχής"),
            keywords=("OCDS", _("ανοικτές συμβάσεις")),
            frequency="UPDATE_CONT",
            temporal="procurement.opendata.coverage",
        ),
    )
