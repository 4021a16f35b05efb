"""Procurement search and the supplier look-up forgive a wrong letter."""

import pytest

from portal.roles import Role
from procurement.models import Supplier
from procurement.selectors import supplier_lookup
from tests.portal.factories import DepartmentFactory, staff_user
from tests.procurement.factories import ProcurementFactory, SupplierFactory, full_chain
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_a_supplier_name_with_one_wrong_letter_finds_its_procurements(client):
    wanted = ProcurementFactory(title="Συντήρηση φωτεινών σηματοδοτών")
    ProcurementFactory(title="Προμήθεια καυσίμων")
    award, _contract = full_chain(wanted)
    Supplier.objects.filter(pk=award.supplier_id).update(name="ΝΙΚΟΛΑΪΔΗΣ Γ. & ΣΙΑ Ο.Ε.")
    wanted.refresh_from_db()
    from procurement.services import procurement_refresh_search

    procurement_refresh_search(procurement=wanted)

    response = client.get("/procurement/", {"q": "Νικολαιδης"})
    assert [item.title for item in response.context["page_obj"]] == [wanted.title]
    assert "Μήπως εννοούσατε" not in response.content.decode()

    response = client.get("/procurement/", {"q": "Νικαλαιδης"})
    content = response.content.decode()
    assert [item.title for item in response.context["page_obj"]] == [wanted.title]
    assert "Μήπως εννοούσατε" in content
    assert "νικολαιδης" in content


def test_a_misspelt_title_word_says_did_you_mean(client):
    ProcurementFactory(title="Ασφαλτοστρώσεις οδών στην Τούμπα")
    ProcurementFactory(title="Προμήθεια καυσίμων")

    response = client.get("/procurement/", {"q": "ασφαλτοστροσεις"})

    titles = [item.title for item in response.context["page_obj"]]
    assert titles == ["Ασφαλτοστρώσεις οδών στην Τούμπα"]
    assert "Μήπως εννοούσατε" in response.content.decode()


def test_the_supplier_look_up_ranks_the_closest_name_first_despite_a_typo():
    closest = SupplierFactory(name="ΝΙΚΟΛΑΪΔΗΣ Γ. & ΣΙΑ Ο.Ε.")
    SupplierFactory(name="ΝΙΚΟΛΟΠΟΥΛΟΣ ΤΕΧΝΙΚΗ Α.Ε.")
    SupplierFactory(name="ΘΕΡΜΑΪΚΟΣ ΒΕΡΓΙΝΑ Α.Ε.")

    found = list(supplier_lookup(Supplier.objects.all(), "Νικαλαΐδης"))

    assert found[0] == closest
    assert all("ΘΕΡΜΑΪΚΟΣ" not in supplier.name for supplier in found)
    assert list(supplier_lookup(Supplier.objects.all(), closest.afm)) == [closest]


def test_a_short_surname_with_one_wrong_letter_still_finds_its_supplier():
    wanted = SupplierFactory(name="ΤΖΙΟΛΑ Κ. & ΣΙΑ Ε.Ε.")
    SupplierFactory(name="ΠΑΠΑΔΟΠΟΥΛΟΣ Α.Ε.")

    assert list(supplier_lookup(Supplier.objects.all(), "Τζιάλα")) == [wanted]


def test_the_admin_autocomplete_of_suppliers_tolerates_a_typo(client):
    user = staff_user(department=DepartmentFactory(), roles=(Role.PROCUREMENT_PUBLISHER,))
    sign_in(client, user)
    wanted = SupplierFactory(name="ΦΩΤΟΤΕΧΝΙΚΗ ΒΕΡΓΙΝΑ Α.Ε.")
    SupplierFactory(name="ΑΞΙΟΣ ΠΕΛΑΓΟΣ Ι.Κ.Ε.")

    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "φωτοτεχνκη",
            "app_label": "procurement",
            "model_name": "stage",
            "field_name": "supplier",
        },
    )

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == [str(wanted)]
