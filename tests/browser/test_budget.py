"""The citizen's budget path in Chromium: year → treemap → line → the contract paid from it."""

from datetime import date

import pytest
from django.urls import reverse

from procurement.models import StageKind
from tests.browser.test_accessibility import _violations
from tests.budget.factories import make_execution, make_line, make_service, make_year
from tests.procurement.factories import ProcurementFactory, full_chain

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def charged_line():
    year = make_year(date.today().year)
    service = make_service("20", "Υπηρεσίες καθαριότητας")
    line = make_line(year, "7131.0001", "900000.00", title="Προμήθεια οχημάτων", service=service)
    make_line(year, "6641.0001", "300000.00", title="Καύσιμα", service=service)
    make_line(year, "0311.0001", "2000000.00", title="Τέλος ακίνητης περιουσίας")
    make_execution(line, 1, committed="400000", ordered="300000", paid="250000")
    procurement = ProcurementFactory(title="Προμήθεια απορριμματοφόρων")
    _award, contract = full_chain(procurement, payments=["1000.00"], start=date(year.year, 1, 5))
    payment = contract.children.get(kind=StageKind.PAYMENT)
    payment.budget_line = line
    payment.save(update_fields=["budget_line"])
    return line, procurement


@pytest.mark.parametrize("javascript", [True, False])
def test_drill_from_the_year_through_the_treemap_to_a_contract(
    browser, live_server, charged_line, javascript
):
    line, procurement = charged_line
    context = browser.new_context(
        base_url=live_server.url, locale="el-GR", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(reverse("budget:index"))
    page.get_by_role("link", name=f"Πού πηγαίνουν τα χρήματα το {line.year.year}").click()
    # The treemap's tiles are links: class 7, then down its levels to the line.
    for code in ("7", "71", "713", "7131"):
        page.locator(f'svg a[href$="kae={code}"]').first.click()
    page.locator("svg a").first.click()
    page.wait_for_url(f"**{line.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Προμήθεια οχημάτων"
    page.get_by_role("link", name="Προμήθεια απορριμματοφόρων").click()
    page.wait_for_url(f"**{procurement.get_absolute_url()}")
    assert page.get_by_role("link", name="20-7131.0001").is_visible()
    context.close()


def test_budget_pages_have_no_accessibility_violation(page, charged_line):
    line, _procurement = charged_line
    paths = [
        reverse("budget:index"),
        line.year.get_absolute_url(),
        line.year.get_absolute_url() + "?kae=71",
        line.get_absolute_url(),
    ]
    violations = [violation for path in paths for violation in _violations(page, path)]
    assert not violations, "\n".join(violations)
