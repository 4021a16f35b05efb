"""The budget's open data: lines, revisions and monthly execution, described once.

The lines' columns carry the Fiscal Data Package `columnType` of each field, so
their data package (`/data/<slug>/datapackage.json`) reads as a Fiscal Data Package.
"""

from datetime import date

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.models import Change, Execution, Kind, Year
from budget.selectors import ALL_STAGES, lines_with_figures
from portal.catalogue import Column, TableSchema

AMOUNT = {"minimum": 0}
_ECONOMIC = "economic-classification:generic"


def _amount(name: str, description, column_type: str = "value") -> Column:
    return Column(
        name, "number", description, extra={"columnType": column_type, "decimalChar": "."}
    )


LINES_SCHEMA = TableSchema(
    columns=(
        Column(
            "year",
            "integer",
            _("Οικονομικό έτος."),
            {"required": True},
            {"columnType": "date:fiscal-year"},
        ),
        Column(
            "direction",
            "string",
            _("Έσοδα (revenue) ή έξοδα (expenditure)."),
            {"enum": Kind.values},
            {"columnType": "direction"},
        ),
        Column(
            "code",
            "string",
            _("Κωδικός γραμμής: υπηρεσία-ΚΑΕ για τα έξοδα, ΚΑΕ για τα έσοδα."),
            {"required": True},
        ),
        Column(
            "service_code",
            "string",
            _("Κωδικός υπηρεσίας (μόνο στα έξοδα)."),
            extra={"columnType": "administrative-classification:generic:code"},
        ),
        Column(
            "service_name",
            "string",
            _("Ονομασία υπηρεσίας."),
            extra={"columnType": "administrative-classification:generic:label"},
        ),
        Column("kae_1", "string", _("ΚΑΕ, πρώτο επίπεδο (κατηγορία).")),
        Column("kae_2", "string", _("ΚΑΕ, δεύτερο επίπεδο.")),
        Column("kae_3", "string", _("ΚΑΕ, τρίτο επίπεδο.")),
        Column("kae_4", "string", _("ΚΑΕ, τέταρτο επίπεδο.")),
        Column(
            "kae",
            "string",
            _("Πλήρης ΚΑΕ με υποκωδικό."),
            extra={"columnType": f"{_ECONOMIC}:code"},
        ),
        Column(
            "title", "string", _("Τίτλος της γραμμής."), extra={"columnType": f"{_ECONOMIC}:label"}
        ),
        _amount("initial", _("Αρχικός προϋπολογισμός (€)."), "value"),
        _amount(
            "revised", _("Αναμορφωμένος προϋπολογισμός: αρχικός και αναμορφώσεις (€)."), "value"
        ),
        *(
            _amount(stage, _("Σωρευτικό ποσό ως τον τελευταίο δημοσιευμένο μήνα (€)."), "value")
            for stage in ALL_STAGES
        ),
    ),
    primary_key=("year", "code"),
)

REVISIONS_SCHEMA = TableSchema(
    columns=(
        Column("year", "integer", _("Οικονομικό έτος."), {"required": True}),
        Column("revision", "integer", _("Α/α αναμόρφωσης στο έτος."), {"required": True}),
        Column("ada", "string", _("ΑΔΑ της απόφασης στη Διαύγεια.")),
        Column("decided_on", "date", _("Ημερομηνία της απόφασης.")),
        Column("subject", "string", _("Θέμα.")),
        Column("code", "string", _("Κωδικός γραμμής."), {"required": True}),
        Column("amount", "number", _("Μεταβολή της γραμμής (€, αρνητική για μείωση).")),
    ),
    primary_key=("year", "revision", "code"),
)

EXECUTION_SCHEMA = TableSchema(
    columns=(
        Column("year", "integer", _("Οικονομικό έτος."), {"required": True}),
        Column(
            "month",
            "integer",
            _("Μήνας (σωρευτικά ως το τέλος του)."),
            {"required": True, "minimum": 1, "maximum": 12},
        ),
        Column("code", "string", _("Κωδικός γραμμής."), {"required": True}),
        Column("direction", "string", _("Έσοδα ή έξοδα."), {"enum": Kind.values}),
        *(Column(stage, "number", _("Σωρευτικό ποσό (€)."), AMOUNT) for stage in ALL_STAGES),
    ),
    primary_key=("year", "month", "code"),
)


def _published() -> list[Year]:
    return list(Year.objects.filter(is_published=True).order_by("year"))


def line_rows():
    for year in _published():
        for line in lines_with_figures(year).order_by("kind", "code"):
            yield (
                year.year,
                line.kind,
                line.code,
                line.service.code if line.service else "",
                line.service.name if line.service else "",
                line.kae[:1],
                line.kae[:2],
                line.kae[:3],
                line.kae[:4],
                line.kae,
                line.title,
                line.initial,
                line.revised,
                *(getattr(line, stage) for stage in ALL_STAGES),
            )


def revision_rows():
    changes = (
        Change.objects.filter(revision__year__is_published=True)
        .order_by("revision__year__year", "revision__number", "line__code")
        .values_list(
            "revision__year__year",
            "revision__number",
            "revision__ada",
            "revision__decided_on",
            "revision__subject",
            "line__code",
            "amount",
        )
    )
    return changes.iterator(chunk_size=2000)


def execution_rows():
    executions = (
        Execution.objects.filter(line__year__is_published=True)
        .order_by("line__year__year", "month", "line__code")
        .values_list("line__year__year", "month", "line__code", "line__kind", *ALL_STAGES)
    )
    return executions.iterator(chunk_size=5000)


def coverage():
    """The published financial years, from 1 January of the first to today at the latest."""
    years = Year.objects.filter(is_published=True).aggregate(first=Min("year"), last=Max("year"))
    if years["first"] is None:
        return None
    start = date(years["first"], 1, 1)
    return start, max(start, min(date(years["last"], 12, 31), timezone.localdate()))
