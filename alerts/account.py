"""The alerts part of "Η θυρίδα μου" (`accounts.sections`): the citizen's email alerts."""

from django.utils.translation import gettext_lazy as _

from accounts.sections import AccountSection
from alerts import selectors


def load(citizen) -> dict:
    return {"subscriptions": list(selectors.citizen_subscriptions(citizen))}


section = AccountSection(
    key="alerts",
    title=_("Οι ειδοποιήσεις μου"),
    template="alerts/includes/account_section.html",
    load=load,
    position=30,
)
