"""Import of declaration entries from CSV (django-import-export), all or nothing.

The columns are those of the open-data CSV, so last year's published file can
be edited and imported into this year's draft.
"""

import re
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from disclosures.models import Declaration, Entry
from disclosures.sections import ENTRY_DATA_FIELDS
from disclosures.validators import parse_amount

REQUIRED_COLUMNS = ("section", "type")
SECTION_BY_NAME = {
    **{value: value for value in Entry.Section.values},
    **{str(label).casefold(): value for value, label in Entry.Section.choices},
}
MAX_ROWS = 500
# ASCII digits only: str.isdigit() also passes "²⁰²⁶", which int() refuses.
_YEAR = re.compile(r"[0-9]{4}")


class SectionWidget(widgets.Widget):
    """Read a section by its code (real_estate) or its Greek name (Ακίνητα)."""

    def clean(self, value, row=None, **kwargs):
        key = str(value or "").strip()
        section = SECTION_BY_NAME.get(key) or SECTION_BY_NAME.get(key.casefold())
        if section is None:
            raise ValueError(
                _("Άγνωστη ενότητα «%(value)s». Επιτρέπονται: %(names)s.")
                % {
                    "value": key[:40],
                    "names": ", ".join(str(label) for label in Entry.Section.labels),
                }
            )
        return section


class AmountWidget(widgets.Widget):
    """Read a number typed the Greek way (12.345,67) or the plain way."""

    def clean(self, value, row=None, **kwargs):
        try:
            return parse_amount(value)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from error


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        if not _YEAR.fullmatch(text):
            raise ValueError(_("«%(value)s» δεν είναι έτος (π.χ. 2018).") % {"value": text[:20]})
        return int(text)


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return str(value or "").strip()


class EntryResource(resources.ModelResource):
    """One CSV row per entry of the declaration given to the resource."""

    section = fields.Field("section", "section", SectionWidget())
    kind = fields.Field("kind", "type", TextWidget())
    description = fields.Field("description", "description", TextWidget())
    location = fields.Field("location", "region", TextWidget())
    area_m2 = fields.Field("area_m2", "area_m2", AmountWidget())
    year = fields.Field("year", "year", YearWidget())
    institution = fields.Field("institution", "institution", TextWidget())
    share_percent = fields.Field("share_percent", "share_percent", AmountWidget())
    amount = fields.Field("amount", "amount_eur", AmountWidget())

    class Meta:
        model = Entry
        fields = ("section", *ENTRY_DATA_FIELDS)
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True

    def __init__(self, *, declaration: Declaration):
        super().__init__()
        self.declaration = declaration
        self.next_position = 0

    def init_instance(self, row=None):
        self.next_position += 1
        return Entry(declaration=self.declaration, position=self.next_position)


@dataclass
class RowProblem:
    line: int
    messages: list[str]


@dataclass
class ImportOutcome:
    """What an import did (or would do, on a dry run)."""

    rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def load_dataset(text: str) -> tablib.Dataset:
    """Parse CSV text into a dataset, or raise a Greek ValidationError."""
    try:
        dataset = tablib.Dataset().load(text, format="csv")
    except Exception as error:
        raise ValidationError(_("Το αρχείο δεν διαβάζεται ως CSV.")) from error
    headers = [str(header or "").strip() for header in dataset.headers or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ValidationError(
            _("Λείπουν οι στήλες: %(columns)s. Η πρώτη γραμμή πρέπει να έχει τα ονόματα στηλών.")
            % {"columns": ", ".join(missing)}
        )
    if not len(dataset):
        raise ValidationError(_("Το αρχείο δεν έχει γραμμές δεδομένων."))
    if len(dataset) > MAX_ROWS:
        raise ValidationError(_("Το αρχείο έχει πάνω από %(max)d γραμμές.") % {"max": MAX_ROWS})
    dataset.headers = headers
    return dataset


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        labels = {f.name: str(f.verbose_name) for f in Entry._meta.get_fields() if f.concrete}
        return [
            f"{labels.get(name, name) if name != '__all__' else ''}: {message}".lstrip(": ")
            for name, errors in error.error_dict.items()
            for inner in errors
            for message in inner.messages
        ]
    return list(error.messages)


def run_import(resource: EntryResource, dataset: tablib.Dataset, *, dry_run: bool) -> ImportOutcome:
    """Import every row or none; report problems by file line (the header is line 1)."""
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    outcome = ImportOutcome(rows=len(dataset))
    for number, errors in result.row_errors():
        outcome.problems.append(
            RowProblem(line=number + 1, messages=[str(error.error) for error in errors])
        )
    for invalid in result.invalid_rows:
        outcome.problems.append(
            RowProblem(line=invalid.number + 1, messages=_messages(invalid.error))
        )
    outcome.problems.sort(key=lambda problem: problem.line)
    outcome.saved = outcome.ok and not dry_run
    return outcome
