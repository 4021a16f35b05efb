"""The parts of "Η θυρίδα μου" (the citizen's dashboard): each app declares its own.

An app that keeps something of a signed-in citizen declares on its AppConfig

    account_sections = ("complaints.account.section",)

dotted paths to `AccountSection`s. The dashboard shows every declared section in
`position` order; an app added later (applications, comments, survey invitations,
alerts) joins by declaring its own, as it declares its `personal_data` provider.
The accounts app imports no other app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

from accounts.models import Citizen
from portal.types import StrOrPromise


@dataclass(frozen=True)
class AccountSection:
    """One part of the dashboard.

    `load(citizen)` returns the template's context in a fixed number of queries,
    however many rows the citizen has. `claim(citizen=, email=)`, when given,
    attaches the app's earlier records of a confirmed email address to the
    account (a verified match) and returns how many it attached.
    """

    key: str
    title: StrOrPromise
    template: str
    load: Callable[[Citizen], dict[str, Any]]
    claim: Callable[..., int] | None = None
    position: int = 100


def account_sections() -> list[AccountSection]:
    """Every section the installed apps declare, in dashboard order."""
    sections = [
        import_string(path)
        for config in apps.get_app_configs()
        for path in getattr(config, "account_sections", ())
    ]
    return sorted(sections, key=lambda section: section.position)
