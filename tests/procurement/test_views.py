"""Public pages, feeds and open data: search, filters, budgets, only published records."""

import csv
import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.models import DecisionType, Status
from procurement.services import decision_register, procurement_unpublish
from tests.portal.factories import DepartmentFactory
from tests.procurement.factories import ProcurementFactory, full_chain

pytestmark = pytest.mark.django_db
INDEX = reverse("procurement:index")


def _titles(client, **params) -> list[str]:
    response = client.get(INDEX, params)
    assert response.status_code == 200
    return [item.title for item in response.context["page_obj"]]


def test_greek_search_ignores_accents_and_capitals(client):
    ProcurementFactory(title="Ασφαλτοστρώσεις οδών στην Τούμπα")
    ProcurementFactory(title="Προμήθεια καυσίμων")
    expected = ["Ασφαλτοστρώσεις οδών στην Τούμπα"]
    assert _titles(client, q="ασφαλτοστρωσεις") == expected
    assert _titles(client, q="ΑΣΦΑΛΤΟΣΤΡΩΣΕΙΣ ΤΟΥΜΠΑ") == expected
    assert _titles(client, q="τουμπα ασφαλτ") == expected


def test_an_adam_or_ada_typed_in_the_box_finds_its_procurement(client):
    wanted = ProcurementFactory(title="Αντικατάσταση φωτιστικών LED")
    ProcurementFactory(title="Άλλη διαδικασία")
    award, _contract = full_chain(wanted)
    assert _titles(client, q=award.adam) == ["Αντικατάσταση φωτιστικών LED"]
    assert _titles(client, q=award.supplier.afm) == ["Αντικατάσταση φωτιστικών LED"]


def test_a_ten_character_ada_typed_in_the_box_finds_its_procurement(client):
    wanted = ProcurementFactory(title="Συντήρηση σχολικών κτιρίων")
    ProcurementFactory(title="Άλλη διαδικασία")
    decision_register(
        procurement=wanted,
        ada="ΩΚΓΔ46ΜΤΛ6-ΝΣ2",
        decision_type=DecisionType.APPROVAL,
        subject="Έγκριση διενέργειας",
        date=timezone.localdate(),
        actor=None,
    )

    assert _titles(client, q="ΩΚΓΔ46ΜΤΛ6-ΝΣ2") == ["Συντήρηση σχολικών κτιρίων"]
    assert _titles(client, q="ωκγδ46μτλ6-νσ2") == ["Συντήρηση σχολικών κτιρίων"]


def test_filters_combine(client):
    roads = DepartmentFactory(slug="odopoiia-test")
    ProcurementFactory(
        title="Α: έργο οδοποιίας σε εξέλιξη",
        contract_type="works",
        status=Status.ACTIVE,
        department=roads,
        cpv_codes=["45233222-1"],
        estimated_net=Decimal("500000"),
        estimated_vat=Decimal("120000"),
    )
    ProcurementFactory(
        title="Β: έργο οδοποιίας μικρό",
        contract_type="works",
        status=Status.ACTIVE,
        department=roads,
        cpv_codes=["45233222-1"],
        estimated_net=Decimal("10000"),
        estimated_vat=Decimal("2400"),
    )
    ProcurementFactory(title="Γ: προμήθεια", contract_type="goods", status=Status.ACTIVE)
    ProcurementFactory(title="Δ: έργο ολοκληρωμένο", contract_type="works", status=Status.COMPLETED)
    assert sorted(_titles(client, contract_type="works", status="active")) == [
        "Α: έργο οδοποιίας σε εξέλιξη",
        "Β: έργο οδοποιίας μικρό",
    ]
    assert _titles(
        client, contract_type="works", department="odopoiia-test", amount_min="100000"
    ) == ["Α: έργο οδοποιίας σε εξέλιξη"]
    assert sorted(_titles(client, cpv="45233")) == [
        "Α: έργο οδοποιίας σε εξέλιξη",
        "Β: έργο οδοποιίας μικρό",
    ]
    assert _titles(client, cpv="45233222-1", amount_max="20000") == ["Β: έργο οδοποιίας μικρό"]
    assert _titles(client, q="οδοποιιας", status="completed") == []


def test_supplier_and_date_range_filters(client):
    old = ProcurementFactory(title="Παλιά", published_at=timezone.now() - timedelta(days=400))
    award, _contract = full_chain(old)
    ProcurementFactory(title="Νέα")
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert _titles(client, published_after=since) == ["Νέα"]
    assert _titles(client, published_before=since) == ["Παλιά"]
    # Both ends are whole days: today's notice is found by today's date at either end.
    today = timezone.localdate().isoformat()
    assert _titles(client, published_after=today, published_before=today) == ["Νέα"]
    assert _titles(client, supplier=award.supplier.afm) == ["Παλιά"]


def test_the_date_ranges_keep_their_query_names_and_label_each_box(client):
    page = client.get(INDEX, {"deadline_after": "2025-01-01"}).content.decode()
    assert '<label class="govgr-label" for="id_deadline_after">Από</label>' in page
    assert 'name="deadline_after" value="2025-01-01"' in page
    assert 'name="published_before"' in page
    assert "<legend" in page


def test_sorting_by_amount_and_pagination_keep_the_filters(client):
    for index in range(25):
        ProcurementFactory(
            title=f"Έργο {index:02d}",
            contract_type="works",
            estimated_net=Decimal(1000 * (index + 1)),
            estimated_vat=Decimal("0"),
        )
    response = client.get(INDEX, {"contract_type": "works", "sort": "-amount"})
    titles = [item.title for item in response.context["page_obj"]]
    assert titles[0] == "Έργο 24"
    assert len(titles) == 20
    assert "contract_type=works&amp;sort=-amount&amp;page=2" in response.content.decode()


def test_bad_filter_values_give_a_message_not_an_error(client):
    response = client.get(INDEX, {"amount_min": "πολλά", "published_after": "χθες", "page": "x"})
    assert response.status_code == 200
    assert "govgr-error-summary" in response.content.decode()
    response = client.get(INDEX, {"q": "α" * 10_000})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["-1e999999", "1e-999999", "1e999999", "NaN", "0.001"])
@pytest.mark.parametrize("name", ["amount_min", "amount_max"])
def test_amounts_the_budget_column_cannot_hold_give_a_message_not_an_error(client, name, value):
    ProcurementFactory(title="Προμήθεια που μένει ορατή")
    response = client.get(INDEX, {name: value})
    assert response.status_code == 200
    assert "govgr-error-summary" in response.content.decode()
    assert [item.title for item in response.context["page_obj"]] == ["Προμήθεια που μένει ορατή"]
    response = client.get(reverse("procurement:export_json"), {name: value})
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_amount_filters_take_whole_euros_and_cents(client):
    ProcurementFactory(
        title="Μικρή", estimated_net=Decimal("100.00"), estimated_vat=Decimal("24.50")
    )
    ProcurementFactory(title="Μεγάλη")
    assert _titles(client, amount_min="124.50", amount_max="124.5") == ["Μικρή"]
    assert _titles(client, amount_min="999999999999.99") == []


def test_open_tenders_show_the_days_left(client):
    ProcurementFactory(
        title="Ανοικτός διαγωνισμός",
        status=Status.ACTIVE,
        # Noon, five days on: five days left at any hour of the run (Athens dates).
        submission_deadline=timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=5), time(12))
        ),
    )
    ProcurementFactory(
        title="Έληξε",
        status=Status.ACTIVE,
        submission_deadline=timezone.now() - timedelta(days=1),
    )
    response = client.get(INDEX)
    assert [p.title for p in response.context["open_now"]] == ["Ανοικτός διαγωνισμός"]
    assert "απομένουν 5 ημέρες" in response.content.decode()
    assert _titles(client, open="true") == ["Ανοικτός διαγωνισμός"]


def test_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for _index in range(3):
        ProcurementFactory()
    with django_assert_max_num_queries(6):
        client.get(INDEX, {"q": "προμηθεια", "contract_type": "goods"})
    for _index in range(30):
        ProcurementFactory(
            status=Status.ACTIVE, submission_deadline=timezone.now() + timedelta(days=3)
        )
    with django_assert_max_num_queries(6):
        client.get(INDEX)
    with django_assert_max_num_queries(6):
        client.get(INDEX, {"q": "προμηθεια", "contract_type": "goods"})


def test_detail_shows_the_stage_timeline_with_diavgeia_links(client):
    procurement = ProcurementFactory(title="Προμήθεια απορριμματοφόρων")
    award, contract = full_chain(procurement, payments=["1000.00"])
    decision_register(
        procurement=procurement,
        stage=award,
        ada="ΨΛΜΔΩ1Ε-ΑΒΓ",
        decision_type="Δ.2.2",
        subject="Κατακύρωση",
        date=award.date,
        actor=None,
    )
    response = client.get(procurement.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert [stage.kind for stage in response.context["timeline"]] == [
        "request",
        "notice",
        "award",
        "contract",
        "payment",
    ]
    assert award.adam in html and contract.adam in html
    assert 'href="https://diavgeia.gov.gr/doc/ΨΛΜΔΩ1Ε-ΑΒΓ"' in html
    assert award.supplier.get_absolute_url() in html


def test_detail_queries_do_not_grow_with_stages(client, django_assert_max_num_queries):
    procurement = ProcurementFactory()
    full_chain(procurement, payments=["1.00", "2.00", "3.00", "4.00"])
    with django_assert_max_num_queries(8):
        assert client.get(procurement.get_absolute_url()).status_code == 200


def test_supplier_page_lists_what_was_awarded_to_it(client):
    procurement = ProcurementFactory(title="Φύλαξη δημοτικών κτιρίων")
    award, _contract = full_chain(procurement, payments=["500.00"])
    response = client.get(award.supplier.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Φύλαξη δημοτικών κτιρίων" in html
    assert response.context["totals"]["payment"]["total"] == Decimal("500.00")


def _public_bodies(client, procurement, award):
    urls = [
        INDEX,
        INDEX + f"?q={award.adam}",
        reverse("procurement:feed_rss"),
        reverse("procurement:feed_atom"),
        reverse("procurement:export_json"),
    ]
    bodies = [client.get(url).content.decode() for url in urls]
    csv_response = client.get(reverse("procurement:export_csv"))
    bodies.append(b"".join(csv_response.streaming_content).decode("utf-8-sig"))
    return bodies


def test_unpublished_procurements_are_invisible_everywhere_public(client):
    hidden = ProcurementFactory(title="Απόρρητη διαδικασία δοκιμής")
    award, _contract = full_chain(hidden)
    procurement_unpublish(procurement=hidden, actor=None)
    for body in _public_bodies(client, hidden, award):
        assert "Απόρρητη διαδικασία δοκιμής" not in body
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(award.supplier.get_absolute_url()).status_code == 404


def test_published_procurements_are_in_feeds_and_open_data(client):
    shown = ProcurementFactory(title="Δημόσια διαδικασία δοκιμής")
    award, _contract = full_chain(shown)
    for body in _public_bodies(client, shown, award):
        assert "Δημόσια διαδικασία δοκιμής" in body


def test_csv_export_is_flat_and_excel_friendly(client):
    ProcurementFactory(title="=cmd|' /C calc'!A0", cpv_codes=["30192000-1", "30197630-1"])
    response = client.get(reverse("procurement:export_csv"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "title", "contract_type"]
    assert rows[1][1].startswith("'=")
    assert rows[1][5] == "30192000-1 30197630-1"


def test_open_data_catalogue_lists_the_procurement_datasets(client):
    html = client.get(reverse("portal:data_catalogue")).content.decode()
    assert reverse("procurement:export_csv") in html
    assert reverse("procurement:ocds_releases") in html


def test_the_import_template_has_the_documented_columns(client):
    response = client.get(reverse("procurement:import_template"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["Τίτλος", "Περιγραφή", "Είδος σύμβασης"]
    assert "Δημοσίευση" in header


def test_a_new_stage_brings_its_procurement_to_the_top_of_the_feeds(client):
    changed = ProcurementFactory(title="Παλαιότερη που άλλαξε")
    ProcurementFactory(title="Νεότερη χωρίς αλλαγές")
    full_chain(changed)
    for name in ("feed_atom", "feed_rss"):
        body = client.get(reverse(f"procurement:{name}")).content.decode()
        assert body.index("Παλαιότερη που άλλαξε") < body.index("Νεότερη χωρίς αλλαγές")


def test_a_huge_result_is_counted_only_up_to_the_cap(client, monkeypatch):
    monkeypatch.setattr("procurement.selectors.COUNT_CAP", 5)
    for _index in range(7):
        ProcurementFactory()
    response = client.get(INDEX)
    assert response.context["page_obj"].paginator.is_capped is True
    assert response.context["page_obj"].paginator.shown_count == 5
    assert "Περισσότερα από 5 αποτελέσματα" in response.content.decode()
    assert (
        client.get(INDEX, {"contract_type": "works"}).context["page_obj"].paginator.is_capped
        is False
    )
