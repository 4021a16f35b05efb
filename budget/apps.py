from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.seeding import Seeder


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Προϋπολογισμός")
    navigation = (NavEntry("budget:index", _("Προϋπολογισμός"), position=50),)
    seeders = (Seeder("budget.seed", order=50),)
    datasets = (
        Dataset(
            slug="proypologismos",
            title=_("Προϋπολογισμός: γραμμές εσόδων και εξόδων"),
            description=_(
                "Κάθε γραμμή του προϋπολογισμού ανά έτος, με ΚΑΕ και τα επίπεδά του, υπηρεσία, "
                "αρχικό και αναμορφωμένο ποσό και εκτέλεση ως τον τελευταίο μήνα. Ποσά σε ευρώ. "
                "Το πακέτο δεδομένων ακολουθεί το Fiscal Data Package."
            ),
            distributions=(
                Distribution(
                    "CSV", "budget:lines_csv", "text/csv", schema="budget.opendata.LINES_SCHEMA"
                ),
                Distribution("JSON", "budget:lines_json", "application/json"),
            ),
            update_frequency=_("Μηνιαία"),
            keywords=(_("προϋπολογισμός"), "ΚΑΕ", "Fiscal Data Package"),
            frequency="MONTHLY",
            temporal="budget.opendata.coverage",
        ),
        Dataset(
            slug="proypologismos-anamorfoseis",
            title=_("Αναμορφώσεις του προϋπολογισμού"),
            description=_(
                "Οι αναμορφώσεις κάθε έτους με την απόφαση (ΑΔΑ) και τη μεταβολή κάθε γραμμής."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "budget:revisions_csv",
                    "text/csv",
                    schema="budget.opendata.REVISIONS_SCHEMA",
                ),
                Distribution("JSON", "budget:revisions_json", "application/json"),
            ),
            update_frequency=_("Με κάθε αναμόρφωση"),
            keywords=(_("προϋπολογισμός"), _("αναμορφώσεις")),
            frequency="IRREG",
            temporal="budget.opendata.coverage",
        ),
        Dataset(
            slug="proypologismos-ektelesi",
            title=_("Μηνιαία εκτέλεση του προϋπολογισμού"),
            description=_(
                "Σωρευτικά ποσά ανά γραμμή και μήνα: βεβαιωθέντα και εισπραχθέντα στα έσοδα, "
                "δεσμευθέντα, ενταλματοποιηθέντα και πληρωθέντα στα έξοδα."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "budget:execution_csv",
                    "text/csv",
                    schema="budget.opendata.EXECUTION_SCHEMA",
                ),
                Distribution("JSON", "budget:execution_json", "application/json"),
            ),
            update_frequency=_("Μηνιαία"),
            keywords=(_("προϋπολογισμός"), _("εκτέλεση")),
            frequency="MONTHLY",
            temporal="budget.opendata.coverage",
        ),
    )
