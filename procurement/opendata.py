"""The procurement register's CSV columns, described once for the file and its data package."""

from django.utils.translation import gettext_lazy as _

from portal.catalogue import Column, TableSchema
from portal.catalogue import coverage as span
from procurement.models import ContractType, Procedure, Status
from procurement.selectors import published_procurements

CSV_SCHEMA = TableSchema(
    columns=(
        Column("id", "integer", _("Αριθμός της διαδικασίας στην πύλη."), {"required": True}),
        Column("title", "string", _("Τίτλος της διαδικασίας."), {"required": True}),
        Column(
            "contract_type",
            "string",
            _("Είδος σύμβασης (κωδικός): έργα, προμήθειες, υπηρεσίες ή μελέτες."),
            {"enum": ContractType.values},
        ),
        Column(
            "procedure", "string", _("Διαδικασία ανάθεσης (κωδικός)."), {"enum": Procedure.values}
        ),
        Column(
            "status", "string", _("Κατάσταση της διαδικασίας (κωδικός)."), {"enum": Status.values}
        ),
        Column("cpv_codes", "string", _("Κωδικοί CPV, χωρισμένοι με κενό.")),
        Column("department", "string", _("Αρμόδια υπηρεσία του Δήμου.")),
        Column("esidis_number", "string", _("Αριθμός συστήματος ΕΣΗΔΗΣ, αν υπάρχει.")),
        Column("estimated_net_eur", "number", _("Προϋπολογισμός χωρίς ΦΠΑ, σε ευρώ.")),
        Column("estimated_vat_eur", "number", _("ΦΠΑ του προϋπολογισμού, σε ευρώ.")),
        Column("estimated_total_eur", "number", _("Προϋπολογισμός με ΦΠΑ, σε ευρώ.")),
        Column("submission_deadline", "datetime", _("Λήξη υποβολής προσφορών, αν υπάρχει.")),
        Column("published_at", "datetime", _("Πρώτη δημοσίευση στην πύλη.")),
        Column("updated_at", "datetime", _("Τελευταία ενημέρωση.")),
    ),
    primary_key=("id",),
)


def coverage():
    """The days the published register covers: first publication to last update."""
    return span(published_procurements(), "published_at", "updated_at")
