"""The complaints part of "Η θυρίδα μου" (`accounts.sections`): the citizen's complaints."""

from django.utils.translation import gettext_lazy as _

from accounts.sections import AccountSection
from complaints import selectors, services


def load(citizen) -> dict:
    return {"complaints": selectors.citizen_complaints(citizen)}


section = AccountSection(
    key="complaints",
    title=_("Τα αιτήματά μου"),
    template="complaints/includes/account_section.html",
    load=load,
    claim=services.complaints_claim_by_email,
    position=10,
)
