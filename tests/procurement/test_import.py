"""Import of a department's register: Greek columns, row-numbered errors, all or nothing."""

import io

import pytest
import tablib
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from portal.models import AuditEntry
from portal.search import apply_search
from procurement.models import Procurement
from procurement.resources import TEMPLATE_EXAMPLE, TEMPLATE_HEADER, ProcurementResource
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def _row(**overrides) -> list[str]:
    row = dict(zip(TEMPLATE_HEADER, TEMPLATE_EXAMPLE, strict=True))
    row.update(overrides)
    return [row[column] for column in TEMPLATE_HEADER]


def _dataset(*rows) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=TEMPLATE_HEADER)


@pytest.fixture
def roads(db):
    return DepartmentFactory(slug="texnika-erga", name="Διεύθυνση Τεχνικών Έργων")


def test_a_good_register_is_imported_with_greek_values(roads):
    dataset = _dataset(
        _row(),
        _row(
            **{
                "Τίτλος": "Προμήθεια γραφικής ύλης",
                "Είδος σύμβασης": "προμήθειες",
                "Διαδικασία": "Απευθείας ανάθεση",
                "CPV": "30192000-1",
                "Υπηρεσία": "Διεύθυνση Τεχνικών Έργων",
                "ΕΣΗΔΗΣ": "",
                "Προϋπολογισμός χωρίς ΦΠΑ": "1.000,50",
                "ΦΠΑ": "240.12",
                "Λήξη υποβολής": "",
                "Κατάσταση": "planned",
                "Δημοσίευση": "",
            }
        ),
    )
    result = ProcurementResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    first, second = Procurement.objects.order_by("id")
    assert first.contract_type == "works" and first.procedure == "open"
    assert first.cpv_codes == ["45233161-5", "45233222-1"]
    assert str(first.estimated_total) == "1550000.00"
    assert first.is_published and first.published_at is not None
    assert second.estimated_total == second.estimated_net + second.estimated_vat
    assert str(second.estimated_net) == "1000.50"
    assert not second.is_published
    assert list(apply_search(Procurement.objects.all(), "πεζοδρομιων εγνατιας")) == [first]


def test_one_bad_row_rejects_the_whole_file_with_row_numbers(roads):
    dataset = _dataset(
        _row(),
        _row(**{"CPV": "4523322"}),
        _row(**{"Διαδικασία": "Κλήρωση", "Υπηρεσία": "ανύπαρκτη"}),
        _row(**{"Τίτλος": "", "Προϋπολογισμός χωρίς ΦΠΑ": "πολλά"}),
    )
    result = ProcurementResource().import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )
    assert result.has_validation_errors()
    assert Procurement.objects.count() == 0
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(errors) == {2, 3, 4}
    assert all("__all__" not in row_errors for row_errors in errors.values())
    assert "12345678-9" in " ".join(errors[2]["CPV"])
    assert "δεν είναι διαδικασία του ν. 4412/2016" in " ".join(errors[3]["Διαδικασία"])
    assert "Δεν υπάρχει υπηρεσία «ανύπαρκτη»" in " ".join(errors[3]["Υπηρεσία"])
    assert "υποχρεωτικό" in " ".join(errors[4]["Τίτλος"])
    assert "δεν είναι ποσό σε ευρώ" in " ".join(errors[4]["Προϋπολογισμός χωρίς ΦΠΑ"])


def _invalid_rows(*rows) -> dict[int, dict[str, list[str]]]:
    """Import the rows all or nothing; return each invalid row's errors by column."""
    result = ProcurementResource().import_data(
        _dataset(*rows), dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )
    assert not result.has_errors()
    assert Procurement.objects.count() == 0
    return {row.number: row.error_dict for row in result.invalid_rows}


def test_values_the_database_cannot_store_are_named_by_row_and_column(roads):
    errors = _invalid_rows(
        _row(),
        _row(**{"Τίτλος": "Προμήθεια\x00", "Υπηρεσία": "texnika\x00erga"}),
        _row(**{"Προϋπολογισμός χωρίς ΦΠΑ": "NaN", "ΦΠΑ": "-nan"}),
        _row(**{"Προϋπολογισμός χωρίς ΦΠΑ": "999.999.999.999,99", "ΦΠΑ": "1,00"}),
    )
    assert set(errors) == {2, 3, 4}
    assert set(errors[2]) == {"Τίτλος", "Υπηρεσία"}
    assert all("χαρακτήρα NUL" in " ".join(messages) for messages in errors[2].values())
    assert errors[3] == {
        "Προϋπολογισμός χωρίς ΦΠΑ": ["«NaN» δεν είναι ποσό σε ευρώ."],
        "ΦΠΑ": ["«-nan» δεν είναι ποσό σε ευρώ."],
    }
    assert list(errors[4]) == ["προϋπολογισμός με ΦΠΑ (€)"]


@pytest.mark.parametrize("deadline", ["0001-01-01 00:00", "1999-12-31 23:59", "2101-01-01 00:00"])
def test_a_deadline_outside_the_years_of_the_register_rejects_the_file(roads, deadline):
    errors = _invalid_rows(_row(), _row(**{"Λήξη υποβολής": deadline}))
    assert errors == {2: {"Λήξη υποβολής": ["Το έτος πρέπει να είναι από 2000 έως 2100."]}}


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("publisher", "p@thessaloniki.gr", "pass-Δοκιμή-123")
    client.force_login(user)
    return client


def _xlsx(*rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(TEMPLATE_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(admin_client, content: bytes, name: str):
    url = reverse("admin:procurement_procurement_import")
    page = admin_client.get(url)
    formats = dict(page.context["form"].fields["format"].choices)
    file = io.BytesIO(content)
    file.name = name
    return admin_client.post(url, {"import_file": file, "format": _format_key(formats, name)})


def _format_key(formats: dict, name: str) -> str:
    wanted = name.rsplit(".", 1)[1]
    return next(key for key, title in formats.items() if str(title).lower() == wanted)


def test_admin_import_previews_then_confirms_an_xlsx_register(admin_client, roads):
    response = _upload(admin_client, _xlsx(_row()), "mitroo-2026.xlsx")
    assert response.status_code == 200
    assert "confirm_form" in response.context
    assert Procurement.objects.count() == 0
    confirm = response.context["confirm_form"]
    response = admin_client.post(
        reverse("admin:procurement_procurement_process_import"),
        {name: confirm[name].value() for name in confirm.fields},
    )
    assert response.status_code == 302
    assert Procurement.objects.count() == 1
    assert AuditEntry.objects.filter(action="procurement.procurement.imported").exists()


def test_admin_import_of_a_bad_csv_shows_errors_and_writes_nothing(admin_client, roads):
    lines = [",".join(TEMPLATE_HEADER), ",".join(f'"{v}"' for v in _row(**{"CPV": "123"}))]
    response = _upload(admin_client, "\n".join(lines).encode("utf-8"), "mitroo.csv")
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert "12345678-9" in response.content.decode()
    assert Procurement.objects.count() == 0


def test_admin_import_explains_unstorable_cells_in_greek(admin_client, roads):
    rows = [_row(**{"Τίτλος": "Προμήθεια\x00"}), _row(**{"ΦΠΑ": "NaN"})]
    lines = [",".join(TEMPLATE_HEADER), *(",".join(f'"{v}"' for v in row) for row in rows)]
    response = _upload(admin_client, "\n".join(lines).encode("utf-8"), "mitroo.csv")
    body = response.content.decode()
    assert "confirm_form" not in response.context
    assert "χαρακτήρα NUL" in body and "«NaN» δεν είναι ποσό σε ευρώ" in body
    assert "PostgreSQL" not in body and "InvalidOperation" not in body
    assert Procurement.objects.count() == 0


def test_a_deadline_written_the_greek_way_or_as_iso_is_read(roads):
    dataset = _dataset(
        _row(**{"Λήξη υποβολής": "5/3/2026 14:00"}),
        _row(**{"Λήξη υποβολής": " 2026-03-15 09:30 "}),
    )
    result = ProcurementResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    deadlines = [p.submission_deadline for p in Procurement.objects.order_by("id")]
    local = [timezone.localtime(d).strftime("%d/%m/%Y %H:%M") for d in deadlines]
    assert local == ["05/03/2026 14:00", "15/03/2026 09:30"]


def test_an_unreadable_deadline_is_refused_with_the_expected_form_in_greek(roads):
    errors = _invalid_rows(_row(), _row(**{"Λήξη υποβολής": "15 Μαρτίου 2026"}))
    assert errors == {
        2: {
            "Λήξη υποβολής": [
                "«15 Μαρτίου 2026» δεν είναι ημερομηνία και ώρα· συμπληρώστε τη με τη μορφή "
                "ΗΗ/ΜΜ/ΕΕΕΕ ΩΩ:ΛΛ, π.χ. 15/03/2026 14:00."
            ]
        }
    }


def test_the_import_pages_speak_greek_to_the_staff(admin_client, roads):
    page = admin_client.get(reverse("admin:procurement_procurement_import")).content.decode()
    assert "Θα εισαχθούν τα ακόλουθα πεδία" in page
    assert "This importer will import" not in page
    assert "Αρχείο για εισαγωγή" in page and "File to import" not in page

    lines = [
        ",".join(TEMPLATE_HEADER),
        ",".join(f'"{v}"' for v in _row(**{"Λήξη υποβολής": "αύριο"})),
    ]
    body = _upload(admin_client, "\n".join(lines).encode("utf-8"), "mitroo.csv").content.decode()
    assert "Διορθώστε αυτά τα σφάλματα στο αρχείο σας" in body
    assert "ΗΗ/ΜΜ/ΕΕΕΕ ΩΩ:ΛΛ" in body
    assert "Please correct these errors" not in body
    assert "could not be parsed" not in body
