"""Email alerts in a real browser: from the procurement list's filter to a confirmed alert,
by the link the email carries, and out again with its unsubscribe link."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from alerts.models import Status, Subscription
from tests.alerts.helpers import LINK
from tests.portal.factories import DepartmentFactory
from tests.procurement.factories import ProcurementFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _path(message, kind: str) -> str:
    """The path of a link in the email: the browser opens it on the live server."""
    found = next(match for match in LINK.finditer(message.body) if match.group(1) == kind)
    return urlsplit(found.group(0)).path


def test_a_supplier_subscribes_to_a_procurement_filter_and_confirms_by_the_emailed_link(page):
    DepartmentFactory(slug="odopoiia", name="Διεύθυνση Οδοποιίας")
    ProcurementFactory(title="Ασφαλτόστρωση οδών", cpv_codes=["45233120-6"])
    page.goto("/procurement/?cpv=45233")
    page.get_by_role("link", name="Ειδοποίηση με email για νέες δημοσιεύσεις").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Προμήθειες: νέες δημοσιεύσεις")
    expect(page.get_by_label("Κωδικοί CPV")).to_have_value("45233")
    page.get_by_label("Λέξεις-κλειδιά").fill("ασφαλτόστρωση")
    page.get_by_label("Αρμόδια υπηρεσία").select_option("odopoiia")
    page.get_by_label("Email").fill("promitheftis@example.gr")
    page.get_by_label("Εβδομαδιαία σύνοψη").check()
    page.get_by_role("button", name="Εγγραφή").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ελέγξτε το email σας")
    subscription = Subscription.objects.get()
    assert subscription.status == Status.PENDING
    assert subscription.criteria == {
        "cpv": "45233",
        "words": "ασφαλτόστρωση",
        "department": "odopoiia",
    }
    [message] = mail.outbox
    assert message.to == ["promitheftis@example.gr"]

    page.goto(_path(message, "confirm"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Επιβεβαίωση ειδοποίησης")
    expect(page.get_by_text("Εβδομαδιαία σύνοψη")).to_be_visible()
    page.get_by_role("button", name="Επιβεβαίωση").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Η ειδοποίηση ενεργοποιήθηκε")
    subscription.refresh_from_db()
    assert subscription.status == Status.ACTIVE

    page.goto(_path(message, "unsubscribe"))
    page.get_by_role("button", name="Κατάργηση").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Η ειδοποίηση καταργήθηκε")
    subscription.refresh_from_db()
    assert subscription.status == Status.CANCELLED
