"""The header's main navigation: each app declares its entries.

An app lists them as `navigation = (NavEntry(...),)` on its AppConfig, as it
lists `datasets`; the header shows every entry of the installed apps, ordered
by `position`.
"""

from dataclasses import dataclass

from django.apps import apps

from portal.types import StrOrPromise


@dataclass(frozen=True)
class NavEntry:
    """One link of the header: a URL name, its label and its place in the row."""

    url_name: str
    label: StrOrPromise
    position: int = 100


def navigation_entries() -> list[NavEntry]:
    """Return every entry the installed apps declare, in header order."""
    entries = [
        entry for config in apps.get_app_configs() for entry in getattr(config, "navigation", ())
    ]
    return sorted(entries, key=lambda entry: entry.position)
