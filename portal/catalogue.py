"""The open data catalogue: each app lists the datasets it publishes.

An app declares them as `datasets` on its AppConfig; the catalogue page at
/data/ gathers them in the order of INSTALLED_APPS.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class Distribution:
    """One downloadable form of a dataset; `paged` ones are served a page at a time."""

    format: str
    url_name: str
    media_type: str
    paged: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Dataset:
    """A public, machine-readable dataset (ν. 4727/2020, άρθρα 59 επ.)."""

    slug: str
    title: str
    description: str
    distributions: tuple[Distribution, ...]
    licence: str = "CC BY 4.0"
    update_frequency: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


def all_datasets() -> list[Dataset]:
    """Return every dataset the installed apps publish."""
    return [
        dataset for config in apps.get_app_configs() for dataset in getattr(config, "datasets", ())
    ]
