"""Budget to purchase: a payment shows on its line's page, the line on the procurement page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from procurement.models import Stage, StageKind
from tests.budget.factories import make_line, make_year
from tests.procurement.factories import ProcurementFactory, full_chain

pytestmark = pytest.mark.django_db


def _charged(year, line, count=1):
    payments = []
    for index in range(count):
        procurement = ProcurementFactory(title=f"Προμήθεια απορριμματοφόρων {index}")
        _award, contract = full_chain(
            procurement, payments=["1000.00"], start=date(year.year, 1, 10)
        )
        payment = contract.children.get(kind=StageKind.PAYMENT)
        payment.budget_line = line
        payment.save(update_fields=["budget_line"])
        payments.append(payment)
    return payments


def test_payment_on_its_lines_page_and_line_on_the_procurement_page(
    client, django_assert_max_num_queries
):
    year = make_year(date.today().year)
    line = make_line(year, "7131.0001", "500000.00", title="Μηχανήματα")
    [payment] = _charged(year, line)
    with django_assert_max_num_queries(10):
        page = client.get(line.get_absolute_url())
    assert payment.adam in page.text
    assert payment.parent.adam in page.text
    assert payment.supplier.name in page.text
    assert payment.procurement.get_absolute_url() in page.text
    procurement_page = client.get(payment.procurement.get_absolute_url())
    assert line.get_absolute_url() in procurement_page.text
    assert "20-7131.0001" in procurement_page.text
    _charged(year, line, count=4)
    with django_assert_max_num_queries(10):
        assert client.get(line.get_absolute_url()).text.count("Προμήθεια απορριμματοφόρων ") == 5


def test_unpublished_procurement_payments_stay_off_the_line_page(client):
    year = make_year(date.today().year)
    line = make_line(year, "7131.0001")
    [payment] = _charged(year, line)
    payment.procurement.is_published = False
    payment.procurement.save(update_fields=["is_published"])
    assert payment.adam not in client.get(line.get_absolute_url()).text


def test_only_a_payment_is_charged_to_a_line():
    year = make_year(date.today().year)
    line = make_line(year, "7131.0001")
    [payment] = _charged(year, line)
    contract = payment.parent
    contract.budget_line = line
    with pytest.raises(ValidationError, match="Μόνο η πληρωμή"):
        contract.full_clean()
    assert Stage.objects.filter(budget_line=line).count() == 1
