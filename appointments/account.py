"""The appointments part of "Η θυρίδα μου" (`accounts.sections`): the citizen's bookings."""

from django.utils.translation import gettext_lazy as _

from accounts.sections import AccountSection
from appointments import selectors, services


def load(citizen) -> dict:
    return {"bookings": selectors.citizen_bookings(citizen)}


section = AccountSection(
    key="appointments",
    title=_("Τα ραντεβού μου"),
    template="appointments/includes/account_section.html",
    load=load,
    claim=services.bookings_claim_by_email,
    position=20,
)
