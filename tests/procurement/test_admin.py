"""The back office: publishers' permissions, department scope, inline checks, audited actions."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.models import AuditEntry
from portal.roles import Role
from procurement.models import Procurement, Stage, StageKind
from tests.admin_forms import admin_form_data
from tests.pdfs import plain_pdf
from tests.portal.factories import DepartmentFactory, staff_user
from tests.procurement.factories import ProcurementFactory, full_chain, next_adam
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(client):
    department = DepartmentFactory()
    user = staff_user(department=department, roles=(Role.PROCUREMENT_PUBLISHER,))
    sign_in(client, user)
    return user, department


def test_a_publisher_sees_only_the_procurements_of_their_department(client, publisher):
    _user, department = publisher
    ProcurementFactory(title="Δική μας", department=department)
    ProcurementFactory(title="Άλλης υπηρεσίας")
    response = client.get(reverse("admin:procurement_procurement_changelist"))
    assert response.status_code == 200
    titles = [p.title for p in response.context["cl"].result_list]
    assert titles == ["Δική μας"]


def test_transparency_staff_see_every_department(client):
    user = staff_user(
        department=DepartmentFactory(),
        roles=(Role.TRANSPARENCY_STAFF, Role.PROCUREMENT_PUBLISHER),
    )
    sign_in(client, user)
    ProcurementFactory()
    ProcurementFactory()
    response = client.get(reverse("admin:procurement_procurement_changelist"))
    assert len(response.context["cl"].result_list) == 2


def test_an_inline_payment_above_the_contract_is_refused_in_greek(client, publisher):
    _user, department = publisher
    procurement = ProcurementFactory(department=department)
    _award, contract = full_chain(procurement, payments=["100000.00"])
    url = reverse("admin:procurement_procurement_change", args=[procurement.pk])
    data = admin_form_data(client.get(url))
    prefix = f"stages-{data['stages-TOTAL_FORMS']}"
    data["stages-TOTAL_FORMS"] = str(int(data["stages-TOTAL_FORMS"]) + 1)
    data.update(
        {
            f"{prefix}-kind": StageKind.PAYMENT,
            f"{prefix}-adam": next_adam("PAY"),
            f"{prefix}-date": "2026-01-10",
            f"{prefix}-amount": "30000.00",
            f"{prefix}-supplier": contract.supplier_id,
            f"{prefix}-parent": contract.pk,
            f"{prefix}-procurement": procurement.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "περισσότερα από το ποσό της" in response.content.decode()
    assert Stage.objects.filter(kind=StageKind.PAYMENT).count() == 1


def test_an_inline_payment_within_the_contract_is_saved_and_counted(client, publisher):
    _user, department = publisher
    procurement = ProcurementFactory(department=department)
    _award, contract = full_chain(procurement, payments=["100000.00"])
    url = reverse("admin:procurement_procurement_change", args=[procurement.pk])
    data = admin_form_data(client.get(url))
    prefix = f"stages-{data['stages-TOTAL_FORMS']}"
    data["stages-TOTAL_FORMS"] = str(int(data["stages-TOTAL_FORMS"]) + 1)
    adam = next_adam("PAY")
    data.update(
        {
            f"{prefix}-kind": StageKind.PAYMENT,
            f"{prefix}-adam": adam.lower(),
            f"{prefix}-date": "2026-01-10",
            f"{prefix}-amount": "24000.00",
            f"{prefix}-supplier": contract.supplier_id,
            f"{prefix}-parent": contract.pk,
            f"{prefix}-procurement": procurement.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    contract.refresh_from_db()
    assert contract.paid_amount == Decimal("124000.00")
    assert Stage.objects.filter(adam=adam).exists()
    assert AuditEntry.objects.filter(action="procurement.procurement.changed").exists()


def test_an_inline_stage_with_the_wrong_adam_code_is_refused(client, publisher):
    _user, department = publisher
    procurement = ProcurementFactory(department=department)
    url = reverse("admin:procurement_procurement_change", args=[procurement.pk])
    data = admin_form_data(client.get(url))
    data["stages-TOTAL_FORMS"] = "1"
    data.update(
        {
            "stages-0-kind": StageKind.NOTICE,
            "stages-0-adam": next_adam("SYMV"),
            "stages-0-date": "2026-01-10",
            "stages-0-procurement": procurement.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "θέλει PROC" in response.content.decode()
    assert not Stage.objects.exists()


def test_publish_action_goes_through_the_service_and_the_audit_log(client, publisher):
    _user, department = publisher
    procurement = ProcurementFactory(department=department, is_published=False, published_at=None)
    response = client.post(
        reverse("admin:procurement_procurement_changelist"),
        {"action": "publish", "_selected_action": [procurement.pk]},
    )
    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.is_published
    assert AuditEntry.objects.filter(action="procurement.procurement.published").count() == 1


def test_a_cancel_action_on_a_finished_procurement_explains_the_refusal(client, publisher):
    _user, department = publisher
    procurement = ProcurementFactory(department=department, status="completed")
    response = client.post(
        reverse("admin:procurement_procurement_changelist"),
        {"action": "cancel", "_selected_action": [procurement.pk]},
        follow=True,
    )
    assert "Δεν επιτρέπεται η αλλαγή κατάστασης" in response.content.decode()
    assert Procurement.objects.get(pk=procurement.pk).status == "completed"


def test_an_inline_document_that_is_not_a_pdf_is_refused(client, publisher, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _user, department = publisher
    procurement = ProcurementFactory(department=department)
    url = reverse("admin:procurement_procurement_change", args=[procurement.pk])
    data = admin_form_data(client.get(url))
    data["documents-TOTAL_FORMS"] = "1"
    data["documents-0-title"] = "Διακήρυξη"
    data["documents-0-procurement"] = procurement.pk
    data["documents-0-file"] = SimpleUploadedFile("diakiryxi.pdf", b"<html>not a pdf</html>")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "δεν είναι PDF" in response.content.decode()
    assert not procurement.documents.exists()
    data["documents-0-file"] = SimpleUploadedFile("diakiryxi.pdf", plain_pdf())
    response = client.post(url, data)
    assert response.status_code == 302
    document = procurement.documents.get()
    assert document.size > 0 and document.file.name.endswith(".pdf")


def test_a_notice_added_in_the_admin_is_registered_through_the_service(
    client, publisher, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    _user, department = publisher
    procurement = ProcurementFactory(department=department, title="Φύλαξη κτιρίων")
    url = reverse("admin:procurement_procurement_change", args=[procurement.pk])
    data = admin_form_data(client.get(url))
    adam = next_adam("PROC")
    data.update(
        {
            "stages-TOTAL_FORMS": "1",
            "stages-0-kind": StageKind.NOTICE,
            "stages-0-adam": adam,
            "stages-0-date": "2026-01-10",
            "stages-0-amount": "124000.00",
            "stages-0-procurement": procurement.pk,
            "stages-0-document": SimpleUploadedFile("prokiryxi.pdf", plain_pdf()),
            "decisions-TOTAL_FORMS": "1",
            "decisions-0-ada": "6tx1ωρι-7yδ",
            "decisions-0-decision_type": "Δ.1",
            "decisions-0-subject": "Διακήρυξη",
            "decisions-0-date": "2026-01-09",
            "decisions-0-procurement": procurement.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.status == "active"
    stage = procurement.stages.get()
    assert stage.adam == adam and stage.document.name.endswith(".pdf")
    assert procurement.decisions.get().ada == "6ΤΧ1ΩΡΙ-7ΥΔ"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"procurement.stage.registered", "procurement.decision.registered"} <= actions
    found = client.get(reverse("procurement:index"), {"q": "6ΤΧ1ΩΡΙ-7ΥΔ"})
    assert [p.title for p in found.context["page_obj"]] == ["Φύλαξη κτιρίων"]


YEARS_MESSAGE = "Το έτος πρέπει να είναι από 2000 έως 2100."


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2101-01-01"])
def test_a_deadline_outside_the_years_of_the_register_is_refused(client, publisher, day):
    _user, department = publisher
    url = reverse("admin:procurement_procurement_add")
    data = admin_form_data(client.get(url))
    data.update(
        {
            "title": "Προμήθεια με λάθος προθεσμία",
            "contract_type": "goods",
            "procedure": "open",
            "department": department.pk,
            "estimated_net": "1000.00",
            "estimated_vat": "240.00",
            "submission_deadline_0": day,
            "submission_deadline_1": "00:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert YEARS_MESSAGE in response.content.decode()
    assert not Procurement.objects.exists()
    data["submission_deadline_0"] = "2026-03-15"
    assert client.post(url, data).status_code == 302


def test_inline_stage_and_decision_dates_outside_the_years_are_refused(client, publisher):
    _user, department = publisher
    procurement = ProcurementFactory(department=department)
    url = reverse("admin:procurement_procurement_change", args=[procurement.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            "stages-TOTAL_FORMS": "1",
            "stages-0-kind": StageKind.REQUEST,
            "stages-0-adam": next_adam("REQ"),
            "stages-0-date": "0001-01-01",
            "stages-0-procurement": procurement.pk,
            "decisions-TOTAL_FORMS": "1",
            "decisions-0-ada": "6tx1ωρι-7yδ",
            "decisions-0-decision_type": "B.1.3",
            "decisions-0-subject": "Ανάληψη υποχρέωσης",
            "decisions-0-date": "9999-12-31",
            "decisions-0-procurement": procurement.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.content.decode().count(YEARS_MESSAGE) == 2
    assert not procurement.stages.exists() and not procurement.decisions.exists()
