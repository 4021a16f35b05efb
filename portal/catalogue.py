"""The open data catalogue: each app lists the datasets it publishes.

An app declares them as `datasets` on its AppConfig; the catalogue page at
/data/ gathers them in the order of INSTALLED_APPS, `portal.dcat` describes
them in DCAT-AP for harvesters and each CSV in a Frictionless data package.
A CSV's columns are declared once, as a `TableSchema`, and its header is
read from it, so the file and its description cannot drift apart.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from portal.types import StrOrPromise

# The EU Publications Office frequency vocabulary (DCAT-AP accrualPeriodicity).
FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCIES = ("UPDATE_CONT", "CONT", "DAILY", "WEEKLY", "MONTHLY", "ANNUAL", "IRREG")


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, Frictionless type and a description in Greek (translated)."""

    name: str
    type: str
    description: StrOrPromise
    constraints: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TableSchema:
    """The columns of a CSV, in order, and the ones that identify a row."""

    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


@dataclass(frozen=True)
class Distribution:
    """One downloadable form of a dataset; `paged` ones are served a page at a time.

    `schema` is the dotted path of a CSV's `TableSchema`; `conforms_to` the
    address of the standard a distribution follows (e.g. OCDS).
    """

    format: StrOrPromise
    url_name: str
    media_type: str
    paged: bool = False
    schema: str = ""
    conforms_to: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    @property
    def table_schema(self) -> TableSchema | None:
        return import_string(self.schema) if self.schema else None


@dataclass(frozen=True)
class Dataset:
    """A public, machine-readable dataset (ν. 4727/2020, άρθρα 59 επ.).

    `frequency` is a code of the EU frequency vocabulary; `temporal` the dotted
    path of a function returning the first and last day the data cover (or None).
    """

    slug: str
    title: StrOrPromise
    description: StrOrPromise
    distributions: tuple[Distribution, ...]
    licence: str = "CC BY 4.0"
    update_frequency: StrOrPromise = ""
    keywords: tuple[StrOrPromise, ...] = field(default_factory=tuple)
    frequency: str = "IRREG"
    temporal: str = ""

    def __post_init__(self):
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"{self.slug}: unknown frequency {self.frequency!r}")

    @property
    def frequency_uri(self) -> str:
        return FREQUENCY_BASE + self.frequency

    def coverage(self):
        """Return (first day, last day) of the data, or None when there are none."""
        return import_string(self.temporal)() if self.temporal else None

    @property
    def csv(self) -> Distribution | None:
        """The CSV distribution that has a table schema, if any."""
        return next((d for d in self.distributions if d.schema), None)


LICENCE_URI = "https://creativecommons.org/licenses/by/4.0/"


def all_datasets() -> list[Dataset]:
    """Return every dataset the installed apps publish."""
    return [
        dataset for config in apps.get_app_configs() for dataset in getattr(config, "datasets", ())
    ]


def dataset_by_slug(slug: str) -> Dataset | None:
    return next((d for d in all_datasets() if d.slug == slug), None)


def coverage(queryset, first: str, last: str | None = None):
    """Return the first and last day of `queryset` by two date(time) fields, or None."""
    bounds = queryset.aggregate(coverage_start=Min(first), coverage_end=Max(last or first))
    if bounds["coverage_start"] is None:
        return None
    days = [
        timezone.localdate(value) if hasattr(value, "tzinfo") else value
        for value in (bounds["coverage_start"], bounds["coverage_end"])
    ]
    return days[0], max(days)
