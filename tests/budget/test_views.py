"""Public pages: the glance, the treemap with its table twin, a line; bad input is a 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.services import revision_create
from tests.budget.factories import make_execution, make_line, make_service, make_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget_year(admin_user):
    year = make_year(2026)
    cleaning = make_service("20", "Υπηρεσίες καθαριότητας")
    works = make_service("30", "Τεχνικές υπηρεσίες")
    fuel = make_line(
        year, "6641.0001", "500000.00", title="Καύσιμα απορριμματοφόρων", service=cleaning
    )
    make_line(year, "7323.0001", "900000.00", title="Ασφαλτοστρώσεις οδών", service=works)
    tax = make_line(year, "0311.0001", "2000000.00", title="Τέλος ακίνητης περιουσίας")
    for month in (1, 2, 3):
        make_execution(
            fuel, month, committed=100000 * month, ordered=90000 * month, paid=80000 * month
        )
        make_execution(tax, month, assessed=150000 * month, collected=120000 * month)
    revision_create(
        year=year,
        ada="ΨΩ1ΑΩ1Ε-ΑΒΓ",
        decided_on=date(2026, 4, 1),
        subject="1η αναμόρφωση",
        changes={fuel: Decimal("25000.00")},
        actor=admin_user,
    )
    return year


def _many_lines(year, count=30):
    service = make_service("35", "Πράσινο")
    for index in range(count):
        line = make_line(
            year, f"7335.{index + 10:04d}", "1000.00", title=f"Πράσινο {index}", service=service
        )
        make_execution(line, 1, committed=10, ordered=5, paid=1)


def test_index_shows_the_year_at_a_glance(client, budget_year, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get(reverse("budget:index"))
    assert page.status_code == 200
    text = page.text
    assert "Ασφαλτοστρώσεις οδών" in text and "Τέλος ακίνητης περιουσίας" in text
    assert "Πληρώθηκαν 240.000 € (16,8%)" in text
    _many_lines(budget_year)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("budget:index")).status_code == 200


def test_search_finds_without_accents(client, budget_year):
    page = client.get(reverse("budget:index"), {"q": "καυσιμα"})
    assert "20-6641.0001" in page.text
    assert "7323.0001 Ασφαλτοστρώσεις" not in page.text


def test_year_page_draws_the_treemap_and_its_table_and_drills_down(
    client, budget_year, django_assert_max_num_queries
):
    url = reverse("budget:year", args=[2026])
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert page.status_code == 200
    assert page.text.count("<rect") == 2  # classes 6 and 7
    assert 'href="/budget/2026/?kae=7"' in page.text
    assert "style=" not in page.text.split("<main", 1)[-1]
    drilled = client.get(url, {"kae": "6641"})
    assert reverse("budget:line", args=[2026, "20-6641.0001"]) in drilled.text
    assert "525.000,00" in drilled.text  # revised = initial + revision
    by_service = client.get(url, {"by": "service"})
    assert "Υπηρεσίες καθαριότητας" in by_service.text
    in_service = client.get(url, {"service": "20", "kae": "6"})
    assert "?kae=66&amp;service=20" in in_service.text
    assert "?kae=73" not in in_service.text
    _many_lines(budget_year)
    with django_assert_max_num_queries(10):
        assert client.get(url, {"kae": "7335"}).status_code == 200


def test_line_page_has_months_revisions_and_history(
    client, budget_year, django_assert_max_num_queries
):
    earlier = make_year(2025)
    make_line(
        earlier,
        "6641.0001",
        "480000.00",
        title="Καύσιμα απορριμματοφόρων",
        service=make_service("20"),
    )
    url = reverse("budget:line", args=[2026, "20-6641.0001"])
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert page.status_code == 200
    assert "<polyline" in page.text
    assert "ΨΩ1ΑΩ1Ε-ΑΒΓ" in page.text
    assert "480.000,00" in page.text
    assert "240.000,00" in page.text  # paid to the end of March


@pytest.mark.parametrize(
    ("year", "params"),
    [
        (99999, {}),
        (1999, {}),
        (2027, {}),
        (2026, {"kae": "abc"}),
        (2026, {"kae": "99"}),
        (2026, {"service": "x"}),
        (2026, {"service": "99"}),
    ],
)
def test_bad_year_or_code_is_not_found(client, budget_year, year, params):
    assert client.get(reverse("budget:year", args=[year]), params).status_code == 404


def test_unknown_line_and_unpublished_year_are_not_found(client, budget_year):
    assert client.get(reverse("budget:line", args=[2026, "99-9999.9999"])).status_code == 404
    assert client.get(reverse("budget:line", args=[99999, "20-6641.0001"])).status_code == 404
    make_year(2024, published=False)
    assert client.get(reverse("budget:year", args=[2024])).status_code == 404
