"""The disclosures' CSV columns, described once for the files and their data packages."""

from datetime import date

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosures.models import Declaration, Entry, Term
from disclosures.selectors import open_data_declarations
from portal.catalogue import Column, TableSchema
from portal.catalogue import coverage as span

ENTRIES_SCHEMA = TableSchema(
    columns=(
        Column("declaration_id", "integer", _("Αριθμός της δήλωσης."), {"required": True}),
        Column("official", "string", _("Ονοματεπώνυμο του αιρετού.")),
        Column("official_slug", "string", _("Σταθερός κωδικός του αιρετού.")),
        Column("faction", "string", _("Παράταξη.")),
        Column("declaration_year", "integer", _("Έτος υποβολής της δήλωσης.")),
        Column("fiscal_year", "integer", _("Έτος στο οποίο αναφέρονται τα στοιχεία.")),
        Column(
            "kind",
            "string",
            _("Είδος δήλωσης (κωδικός): ετήσια, αρχική, τελική ή διορθωτική."),
            {"enum": Declaration.Kind.values},
        ),
        Column(
            "corrects_declaration_id",
            "integer",
            _("Η δήλωση που διορθώνει αυτή, αν είναι διορθωτική."),
        ),
        Column("submitted_on", "date", _("Ημερομηνία υποβολής.")),
        Column("published_at", "datetime", _("Ημερομηνία και ώρα δημοσίευσης.")),
        Column("section", "string", _("Ενότητα (κωδικός)."), {"enum": Entry.Section.values}),
        Column("section_label", "string", _("Ενότητα.")),
        Column(
            "type", "string", _("Είδος της εγγραφής, π.χ. διαμέρισμα ή καταθετικός λογαριασμός.")
        ),
        Column(
            "description", "string", _("Περιγραφή, χωρίς διευθύνσεις, πινακίδες ή λογαριασμούς.")
        ),
        Column("region", "string", _("Περιοχή (δήμος ή νομός), όχι διεύθυνση.")),
        Column("area_m2", "number", _("Εμβαδόν σε τετραγωνικά μέτρα.")),
        Column("year", "integer", _("Έτος κτήσης ή κατασκευής.")),
        Column("institution", "string", _("Τράπεζα ή φορέας.")),
        Column("share_percent", "number", _("Ποσοστό συμμετοχής ή κυριότητας.")),
        Column("amount_eur", "number", _("Ποσό σε ευρώ.")),
        Column("entry_id", "integer", _("Αριθμός της εγγραφής."), {"required": True}),
    ),
    primary_key=("entry_id",),
)

OFFICIALS_SCHEMA = TableSchema(
    columns=(
        Column("official", "string", _("Ονοματεπώνυμο του αιρετού.")),
        Column("official_slug", "string", _("Σταθερός κωδικός του αιρετού.")),
        Column("faction", "string", _("Παράταξη.")),
        Column(
            "active",
            "boolean",
            _("1 αν ο αιρετός είναι σήμερα στη θέση, αλλιώς 0."),
            extra={"trueValues": ["1"], "falseValues": ["0"]},
        ),
        Column("role", "string", _("Θέση (κωδικός)."), {"enum": Term.Role.values}),
        Column("role_label", "string", _("Θέση.")),
        Column("portfolio", "string", _("Τομέας ευθύνης ή κοινότητα.")),
        Column("term_start", "date", _("Έναρξη της θητείας.")),
        Column("term_end", "date", _("Λήξη της θητείας, αν έληξε.")),
        Column("term_id", "integer", _("Αριθμός της θητείας."), {"required": True}),
    ),
    primary_key=("term_id",),
)


def declarations_coverage():
    """The days the published declarations cover: their fiscal years, whole."""
    years = open_data_declarations().aggregate(first=Min("fiscal_year"), last=Max("fiscal_year"))
    if years["first"] is None:
        return None
    return date(years["first"], 1, 1), date(years["last"], 12, 31)


def officials_coverage():
    """The days the terms cover: the first start to today (or the last end if none is open)."""
    first = span(Term.objects.all(), "start")
    if first is None:
        return None
    if Term.objects.filter(end__isnull=True).exists():
        return first[0], timezone.localdate()
    return first[0], max(first[1], Term.objects.aggregate(last_end=Max("end"))["last_end"])
