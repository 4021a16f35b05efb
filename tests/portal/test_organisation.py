"""The organisation (ΟΕΥ): a tree of units, an accessible chart, its open data, unit pages."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from portal.models import OrganisationDecision, UnitKind
from portal.organisation import build_tree, walk
from tests.appointments.factories import ServiceFactory
from tests.complaints.factories import CategoryFactory
from tests.guide.factories import ProcedureFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    general = DepartmentFactory(
        name="Γενική Διεύθυνση Διοικητικών Υπηρεσιών", slug="gd", kind=UnitKind.GENERAL_DIRECTORATE
    )
    directorate = DepartmentFactory(
        name="Διεύθυνση Δημοτικής Κατάστασης", slug="dk", parent=general, kind=UnitKind.DIRECTORATE
    )
    department = DepartmentFactory(
        name="Τμήμα Δημοτολογίου",
        slug="dimotologio",
        parent=directorate,
        kind=UnitKind.DEPARTMENT,
        head_title="Προϊστάμενος/η Τμήματος",
        head_name="Αναστασία Κρυφίδου",
        responsibilities="Εγγραφές\nΜεταδημοτεύσεις",
        floor="ισόγειο",
        office="12",
    )
    office = DepartmentFactory(
        name="Γραφείο Μεταδημοτεύσεων", slug="grafeio", parent=department, kind=UnitKind.OFFICE
    )
    other = DepartmentFactory(name="Διεύθυνση Καθαριότητας", slug="kathariotita")
    return general, directorate, department, office, other


def test_the_chart_nests_every_level_as_lists(client, tree):
    html = client.get(reverse("portal:organisation")).content.decode()
    chart = html[html.index('<ul class="portal-org">') :]
    chart = chart[: chart.index("</main>")]
    # Γενική Διεύθυνση > Διεύθυνση > Τμήμα > Γραφείο, each list inside the one above.
    positions = [chart.index(unit.name) for unit in tree[:4]]
    assert positions == sorted(positions)
    between = chart[positions[0] : positions[3]]
    assert between.count('<ul class="portal-org__children">') == 3
    assert chart.count("<ul") == chart.count("</ul>")
    assert chart.count("<li") == chart.count("</li>")
    assert "Γραφείο" in chart and "Προϊστάμενος/η Τμήματος" in chart


def test_walking_the_tree_closes_every_list_it_opens(tree):
    units = sorted(tree, key=lambda unit: unit.pk)
    flat = walk(build_tree(units))
    opened = sum(1 for _node, opens, _closes in flat if opens)
    closed = sum(len(closes) for _node, _opens, closes in flat)
    assert opened == closed == 3
    assert [node.depth for node, _o, _c in flat] == [0, 1, 2, 3, 0]


def test_the_chart_links_the_decision_and_offers_a_drawing(client, tree):
    OrganisationDecision.objects.create(
        title="Οργανισμός Εσωτερικών Υπηρεσιών",
        gazette="Β΄ 5311/2023",
        ada="9ΞΛΡΩΡΙ-Β7Ε",
        decided_on=date(2023, 7, 19),
    )
    html = client.get(reverse("portal:organisation")).content.decode()
    assert "Β΄ 5311/2023" in html
    assert 'href="https://diavgeia.gov.gr/decision/view/9ΞΛΡΩΡΙ-Β7Ε"' in html
    assert 'href="https://diavgeia.gov.gr/doc/9ΞΛΡΩΡΙ-Β7Ε"' in html  # the PDF
    assert "<svg" not in html
    drawn = client.get(reverse("portal:organisation"), {"chart": "svg"}).content.decode()
    assert "<svg" in drawn and 'role="group"' in drawn and "style=" not in drawn


def test_a_unit_page_shows_its_level_head_competences_office_and_what_the_apps_add(client, tree):
    department = tree[2]
    ProcedureFactory(department=department, title="Μεταδημότευση")
    ServiceFactory(department=department, name="Δημοτολόγιο")
    CategoryFactory(department=department, name="Εξυπηρέτηση πολιτών", code="eksypiretisi")

    html = client.get(department.get_absolute_url()).content.decode()

    assert "Τμήμα" in html and "Προϊστάμενος/η Τμήματος" in html
    assert "Αναστασία Κρυφίδου" not in html  # staff have not chosen to show the name
    assert "<li>Εγγραφές</li>" in html and "ισόγειο, γραφείο 12" in html
    assert "Μεταδημότευση" in html
    assert "Κλείστε ραντεβού: Δημοτολόγιο" in html
    assert f"{reverse('complaints:new')}?category=eksypiretisi" in html


def test_the_heads_name_appears_only_where_staff_chose_to_show_it(client, tree):
    department = tree[2]
    department.show_head_name = True
    department.save()
    assert "Αναστασία Κρυφίδου" in client.get(department.get_absolute_url()).content.decode()


def test_the_organisation_open_data_give_each_units_parent(client, tree):
    response = client.get(reverse("portal:organisation_csv"))
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    parents = {row["slug"]: row["parent"] for row in rows}
    assert parents == {
        "gd": "",
        "dk": "gd",
        "dimotologio": "dk",
        "grafeio": "dimotologio",
        "kathariotita": "",
    }
    row = next(row for row in rows if row["slug"] == "dimotologio")
    assert row["kind"] == "department" and row["competences"] == "1. Εγγραφές | 2. Μεταδημοτεύσεις"
    assert row["head_name"] == ""
    units = json.loads(client.get(reverse("portal:organisation_json")).content)["units"]
    assert next(u for u in units if u["slug"] == "grafeio")["parent"] == "dimotologio"
    assert "Αναστασία Κρυφίδου" not in json.dumps(units, ensure_ascii=False)


def test_an_inactive_parent_is_not_named_in_the_open_data(client, tree):
    tree[1].is_active = False
    tree[1].save()
    units = json.loads(client.get(reverse("portal:organisation_json")).content)["units"]
    assert next(u for u in units if u["slug"] == "dimotologio")["parent"] == ""


@pytest.mark.parametrize("count", [3, 60])
def test_the_chart_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    parent = DepartmentFactory(kind=UnitKind.DIRECTORATE)
    for _ in range(count):
        DepartmentFactory(parent=parent)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("portal:organisation"), {"chart": "svg"}).status_code == 200
    with django_assert_max_num_queries(2):
        response = client.get(reverse("portal:organisation_json"))
    assert len(json.loads(response.content)["units"]) == count + 1
