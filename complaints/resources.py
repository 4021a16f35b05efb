"""django-import-export resources: the semiannual report rows and category import."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV

from complaints.models import Category
from complaints.reports import Report
from portal.exports import BOM, escape_formula
from portal.models import Department

# (attribute on Stats, column title); each appears for this semester and the previous one.
REPORT_COLUMNS = (
    ("submitted", _("Υποβλήθηκαν")),
    ("resolved", _("Επιλύθηκαν")),
    ("rejected", _("Απορρίφθηκαν")),
    ("duplicates", _("Διπλότυπα")),
    ("pending", _("Εκκρεμούν")),
    ("median_days", _("Διάμεσος χρόνος επίλυσης (ημέρες)")),
    ("mean_days", _("Μέσος χρόνος επίλυσης (ημέρες)")),
    ("within_deadline_percent", _("% απάντησης εντός προθεσμίας")),
    ("satisfied", _("Ικανοποιημένοι")),
    ("not_satisfied", _("Μη ικανοποιημένοι")),
    ("satisfaction_percent", _("% ικανοποίησης")),
)


class ReportRowResource(resources.Resource):
    """A report row per line: the grouping, its name, then each figure for both semesters.

    Column titles carry the semesters' names, so they are set per report.
    """

    grouping = fields.Field(attribute="grouping", column_name=_("Ομαδοποίηση"))
    name = fields.Field(attribute="name", column_name=_("Όνομα"))

    def __init__(self, *, report: Report):
        super().__init__()
        current, previous = report.semester.label, report.previous_semester.label
        for attribute, title in REPORT_COLUMNS:
            for period, label in (("current", current), ("previous", previous)):
                self.fields[f"{period}_{attribute}"] = fields.Field(
                    attribute=f"{period}__{attribute}", column_name=f"{title} — {label}"
                )
        self.report = report

    def get_export_order(self):
        return tuple(self.fields)

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))


def report_csv(report: Report) -> str:
    """Return the report as CSV text: UTF-8 BOM first (Excel shows Greek), formula-escaped."""
    dataset = ReportRowResource(report=report).export(report.rows)
    return BOM + CSV().export_data(dataset)


def report_filename(report: Report) -> str:
    suffix = f"-{report.department.slug}" if report.department else ""
    return f"complaints-report-{report.semester.slug}{suffix}.csv"


class CategoryResource(resources.ModelResource):
    """Categories imported or exported by their code; the department by its slug."""

    department = fields.Field(
        attribute="department",
        column_name="department",
        widget=widgets.ForeignKeyWidget(Department, field="slug"),
    )

    class Meta:
        model = Category
        import_id_fields = ["code"]
        fields = [
            "code",
            "name",
            "name_en",
            "group",
            "description",
            "description_en",
            "keywords",
            "department",
            "response_days",
            "is_active",
            "position",
        ]
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def export_field(self, field, instance, **kwargs):
        # Columns hold what is stored (name in Greek, name_en in English), whatever the
        # admin's language, so that a file exported from /en/admin/ imports back unchanged.
        with translation.override(None):
            return escape_formula(super().export_field(field, instance, **kwargs))
