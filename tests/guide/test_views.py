"""The guide's public pages: browse, the procedure with «Με μια ματιά», its links, the booklet."""

import pytest
from django.urls import reverse

from guide.models import ChannelKind, FeeKind, Status
from tests.appointments.factories import ServiceFactory
from tests.complaints.factories import CategoryFactory
from tests.guide.factories import (
    ChannelFactory,
    EvidenceFactory,
    LegalResourceFactory,
    LifeEventFactory,
    ProcedureFactory,
)
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_the_procedure_page_opens_with_at_a_glance(client):
    department = DepartmentFactory(name="Τμήμα Δημοτολογίου")
    procedure = ProcedureFactory(
        department=department,
        title="Πιστοποιητικό οικογενειακής κατάστασης",
        fee_kind=FeeKind.RANGE,
        fee_amount="2.50",
        fee_max="10.00",
        duration="P10D",
    )
    EvidenceFactory.create_batch(3, procedure=procedure)
    ChannelFactory(procedure=procedure, kind=ChannelKind.ONLINE, value="https://www.gov.gr/x")

    html = client.get(procedure.get_absolute_url()).content.decode()

    glance = html[html.index("Με μια ματιά") : html.index("Υποβάλετε αίτημα ή παράπονο")]
    assert "Τμήμα Δημοτολογίου" in glance
    assert "Ναι, γίνεται ηλεκτρονικά" in glance and 'href="https://www.gov.gr/x"' in glance
    assert "3 δικαιολογητικά" in glance
    assert "από 2,50 € έως 10,00 €" in glance
    assert "10 ημέρες" in glance
    assert html.index("Με μια ματιά") < html.index('id="evidence"')


def test_a_desk_procedure_offers_booking_and_every_procedure_a_preselected_request(client):
    service = ServiceFactory(name="Δημοτολόγιο")
    category = CategoryFactory(code="eksypiretisi")
    procedure = ProcedureFactory(appointment_service=service, complaint_category=category)

    html = client.get(procedure.get_absolute_url()).content.decode()

    assert f'href="{service.get_absolute_url()}"' in html and "Κλείστε ραντεβού" in html
    assert f'href="{reverse("complaints:new")}?category=eksypiretisi"' in html


def test_the_preselected_category_is_ticked_on_the_request_form(client):
    CategoryFactory(code="kadoi", name="Κάδοι")
    chosen = CategoryFactory(code="eksypiretisi", name="Εξυπηρέτηση")

    html = client.get(reverse("complaints:new"), {"category": chosen.code}).content.decode()

    ticked = [tag for tag in html.split("<input") if 'name="category"' in tag and "checked" in tag]
    assert len(ticked) == 1 and 'value="eksypiretisi"' in ticked[0]


def test_a_procedure_without_booking_offers_only_the_request(client):
    procedure = ProcedureFactory()
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Κλείστε ραντεβού" not in html
    assert f'href="{reverse("complaints:new")}"' in html


def test_a_draft_or_withdrawn_procedure_has_no_public_page(client):
    for status in (Status.DRAFT, Status.WITHDRAWN):
        procedure = ProcedureFactory(status=status)
        assert client.get(procedure.get_absolute_url()).status_code == 404


def test_browsing_by_life_event_lists_its_published_procedures(client):
    event = LifeEventFactory(name="Γέννηση παιδιού")
    shown = ProcedureFactory(title="Δήλωση γέννησης")
    hidden = ProcedureFactory(title="Πρόχειρη δήλωση", status=Status.DRAFT)
    shown.life_events.add(event)
    hidden.life_events.add(event)

    index = client.get(reverse("guide:index")).content.decode()
    assert "Γέννηση παιδιού" in index and "1 διαδικασία" in index
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Δήλωση γέννησης" in html and "Πρόχειρη δήλωση" not in html


def test_browsing_by_unit_and_the_unit_page_list_its_procedures(client):
    department = DepartmentFactory(name="Τμήμα Ληξιαρχείου")
    ProcedureFactory(department=department, title="Δήλωση θανάτου")
    ProcedureFactory(title="Άλλης υπηρεσίας")

    html = client.get(reverse("guide:department", args=[department.slug])).content.decode()
    assert "Δήλωση θανάτου" in html and "Άλλης υπηρεσίας" not in html
    unit = client.get(department.get_absolute_url()).content.decode()
    assert "Διαδικασίες" in unit and "Δήλωση θανάτου" in unit


def _many(procedure, rows: int) -> None:
    EvidenceFactory.create_batch(rows, procedure=procedure)
    LegalResourceFactory.create_batch(rows, procedure=procedure)
    ChannelFactory.create_batch(rows, procedure=procedure)
    for _ in range(rows):
        procedure.life_events.add(LifeEventFactory())


@pytest.mark.parametrize("rows", [1, 15])
def test_the_procedure_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, rows
):
    procedure = ProcedureFactory(appointment_service=ServiceFactory())
    _many(procedure, rows)
    with django_assert_max_num_queries(6):
        assert client.get(procedure.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_the_browse_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    event = LifeEventFactory()
    department = DepartmentFactory()
    for _ in range(count):
        ProcedureFactory(department=department).life_events.add(event)
    for url in (
        reverse("guide:index"),
        event.get_absolute_url(),
        reverse("guide:department", args=[department.slug]),
        department.get_absolute_url(),
    ):
        with django_assert_max_num_queries(7):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("count", [1, 10])
def test_the_booklet_runs_a_fixed_number_of_queries_and_has_a_table_of_contents(
    client, django_assert_max_num_queries, count
):
    department = DepartmentFactory(name="Τμήμα Διαφάνειας")
    for index in range(count):
        _many(ProcedureFactory(department=department, title=f"Διαδικασία {index}"), 2)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("guide:booklet"))
    html = response.content.decode()
    assert "Περιεχόμενα" in html
    assert html.count('href="#procedure-') == count
    assert "guide_print.css" in html and 'media="print"' in html
