import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from disclosures.models import Declaration, Entry, Official
from portal.models import AuditEntry
from portal.roles import Role
from tests.admin_forms import admin_form_data
from tests.disclosures.factories import DeclarationFactory, EntryFactory, FactionFactory
from tests.portal.factories import staff_user

pytestmark = pytest.mark.django_db

CSV_HEADER = "section,type,description,region,area_m2,year,institution,share_percent,amount_eur\n"


@pytest.fixture
def publisher(client):
    user = staff_user(roles=(Role.DISCLOSURES_PUBLISHER,))
    client.force_login(user)
    return user


def _change_url(declaration) -> str:
    return reverse("admin:disclosures_declaration_change", args=[declaration.pk])


def _prefix_of(response, section) -> str:
    for inline in response.context["inline_admin_formsets"]:
        if inline.opts.section == section:
            return inline.formset.prefix
    raise LookupError(section)


def test_the_publisher_role_may_manage_declarations_and_others_may_not(client):
    department_staff = staff_user(roles=(Role.DEPARTMENT_STAFF,))
    client.force_login(department_staff)
    assert client.get(reverse("admin:disclosures_declaration_add")).status_code == 403
    client.force_login(staff_user(roles=(Role.DISCLOSURES_PUBLISHER,)))
    assert client.get(reverse("admin:disclosures_declaration_add")).status_code == 200
    assert (
        Group.objects.get(name=Role.DISCLOSURES_PUBLISHER.value)
        .permissions.filter(codename="change_declaration")
        .exists()
    )


def test_entries_are_typed_in_section_inlines_with_greek_amounts(client, publisher):
    declaration = DeclarationFactory()
    response = client.get(_change_url(declaration))
    data = admin_form_data(response)
    deposits = _prefix_of(response, Entry.Section.DEPOSITS)
    data.update(
        {
            f"{deposits}-0-kind": "Καταθέσεις όψεως",
            f"{deposits}-0-institution": "Εθνική Τράπεζα",
            f"{deposits}-0-amount": "12.345,67",
        }
    )
    response = client.post(_change_url(declaration), data)
    assert response.status_code == 302, response.context["errors"]
    entry = declaration.entries.get()
    assert (entry.section, entry.amount) == (Entry.Section.DEPOSITS, Decimal("12345.67"))
    assert AuditEntry.objects.filter(action="disclosures.declaration.entries_changed").exists()


@pytest.mark.parametrize(
    ("section", "values", "message"),
    [
        (
            Entry.Section.DEPOSITS,
            {
                "kind": "Καταθέσεις όψεως",
                "institution": "GR1601101250000000012300695",
                "amount": "5",
            },
            "IBAN",
        ),
        (
            Entry.Section.REAL_ESTATE,
            {"kind": "Διαμέρισμα", "location": "Τσιμισκή 45, Θεσσαλονίκη", "area_m2": "80"},
            "όχι οδό και αριθμό",
        ),
        (
            Entry.Section.INCOME,
            {"kind": "Ενοίκια", "description": "Ενοίκιο οδός Εγνατίας 12", "amount": "100"},
            "διεύθυνση",
        ),
        (
            Entry.Section.HOLDINGS,
            {"kind": "Ο.Ε.", "description": "ΝΑΑ-1234 Μεταφορές", "share_percent": "10"},
            "πινακίδα",
        ),
        (
            Entry.Section.DEPOSITS,
            {"kind": "Καταθέσεις όψεως", "institution": "Eurobank", "amount": "πολλά"},
            "δεν είναι ποσό",
        ),
    ],
)
def test_the_admin_refuses_private_or_malformed_data_in_greek(
    client, publisher, section, values, message
):
    declaration = DeclarationFactory()
    response = client.get(_change_url(declaration))
    data = admin_form_data(response)
    prefix = _prefix_of(response, section)
    data.update({f"{prefix}-0-{name}": value for name, value in values.items()})
    response = client.post(_change_url(declaration), data)
    assert response.status_code == 200
    errors = " ".join(str(error) for error in response.context["errors"])
    assert message in errors
    assert not declaration.entries.exists()


def test_a_published_declaration_is_read_only_in_the_admin(client, publisher):
    declaration = DeclarationFactory(published=True)
    EntryFactory(declaration=declaration)
    response = client.get(_change_url(declaration))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert "Νέα διορθωτική δήλωση" in response.content.decode()
    response = client.post(_change_url(declaration), {"fiscal_year": "1999"})
    assert response.status_code == 403


def test_publish_button_publishes_through_the_service(client, publisher):
    declaration = DeclarationFactory()
    url = reverse("admin:disclosures_publish", args=[declaration.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.PUBLISHED
    assert AuditEntry.objects.get(action="disclosures.declaration.published").actor == publisher


def test_copy_previous_button_reports_a_refusal_as_a_message(client, publisher):
    draft = DeclarationFactory()
    response = client.post(reverse("admin:disclosures_copy_previous", args=[draft.pk]), follow=True)
    assert "Δεν υπάρχει δημοσιευμένη δήλωση" in response.content.decode()


def _import(client, declaration, text, *, dry_run, name="entries.csv"):
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    data = {"file": upload}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("admin:disclosures_import", args=[declaration.pk]), data)


GOOD_CSV = (
    CSV_HEADER
    + 'Ακίνητα,Διαμέρισμα,,"Καλαμαριά, Θεσσαλονίκη","85,5",1998,,50,\n'
    + 'deposits,Καταθέσεις όψεως,,,,,Eurobank,,"12.345,67"\n'
    + "vehicles,Επιβατικό,,,,2015,,,\n"
)


def test_import_dry_run_checks_everything_and_saves_nothing(client, publisher):
    declaration = DeclarationFactory()
    response = _import(client, declaration, GOOD_CSV, dry_run=True)
    assert response.status_code == 200
    assert "θα προστεθούν 3 εγγραφές" in response.content.decode()
    assert not declaration.entries.exists()


def test_import_saves_every_row_with_exact_amounts(client, publisher):
    declaration = DeclarationFactory()
    response = _import(client, declaration, GOOD_CSV, dry_run=False)
    assert response.status_code == 302
    assert declaration.entries.count() == 3
    assert declaration.entries.get(section="deposits").amount == Decimal("12345.67")
    assert declaration.entries.get(section="real_estate").area_m2 == Decimal("85.5")
    assert AuditEntry.objects.get(action="disclosures.declaration.entries_imported").data == {
        "rows": 3
    }


def test_import_with_one_bad_row_saves_nothing_and_names_the_lines(client, publisher):
    declaration = DeclarationFactory()
    text = (
        GOOD_CSV
        + "vehicles,Επιβατικό,ΝΑΑ-1234,,,2015,,,\n"
        + "ουράνια,Διαμέρισμα,,,,,,,\n"
        + "deposits,Καταθέσεις όψεως,,,,,GR1601101250000000012300695,,abc\n"
    )
    response = _import(client, declaration, text, dry_run=False)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Δεν αποθηκεύτηκε καμία εγγραφή" in body
    assert "Γραμμή 5" in body and "πινακίδα" in body
    assert "Γραμμή 6" in body and "Άγνωστη ενότητα" in body
    assert "Γραμμή 7" in body and "δεν είναι ποσό" in body
    assert not declaration.entries.exists()


def test_import_names_the_line_and_column_of_a_year_in_other_digits(client, publisher):
    declaration = DeclarationFactory()
    text = GOOD_CSV + "vehicles,Επιβατικό,,,,²⁰²⁶,,,\n"
    response = _import(client, declaration, text, dry_run=False)
    body = response.content.decode()
    assert "Γραμμή 5: έτος: «²⁰²⁶» δεν είναι έτος (π.χ. 2018)" in body
    assert "invalid literal" not in body
    assert not declaration.entries.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("λάθος,στήλες\n1,2\n", "Λείπουν οι στήλες"),
        (CSV_HEADER, "δεν έχει γραμμές"),
    ],
)
def test_import_explains_unusable_files(client, publisher, content, message):
    declaration = DeclarationFactory()
    response = _import(client, declaration, content, dry_run=True)
    assert message in response.content.decode()


def test_import_refuses_files_that_are_not_utf8_text(client, publisher):
    declaration = DeclarationFactory()
    upload = SimpleUploadedFile("x.csv", "ενότητα".encode("cp1253"), content_type="text/csv")
    response = client.post(
        reverse("admin:disclosures_import", args=[declaration.pk]), {"file": upload}
    )
    assert "UTF-8" in response.content.decode()


def test_import_into_a_published_declaration_is_refused(client, publisher):
    declaration = DeclarationFactory(published=True)
    response = _import(client, declaration, GOOD_CSV, dry_run=False)
    assert "μόνο σε πρόχειρη" in response.content.decode()
    assert not declaration.entries.exists()


def _official_data(**extra):
    return {
        "name": "Νίκος Δοκιμής",
        "gender": "m",
        "slug": "nikos-dokimis",
        "faction": FactionFactory().pk,
        "is_active": "on",
        "terms-TOTAL_FORMS": "0",
        "terms-INITIAL_FORMS": "0",
        **extra,
    }


def test_an_official_photo_must_really_be_an_image(client, publisher):
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(reverse("admin:disclosures_official_add"), _official_data(photo=fake))
    assert response.status_code == 200
    assert "δεν είναι JPEG, PNG" in response.content.decode()
    assert not Official.objects.exists()


def test_an_official_photo_is_re_encoded(client, publisher, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buffer, format="JPEG")
    photo = SimpleUploadedFile("portrait.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post(reverse("admin:disclosures_official_add"), _official_data(photo=photo))
    assert response.status_code == 302
    official = Official.objects.get()
    assert official.photo.name.endswith(".jpg")
    assert AuditEntry.objects.get(action="disclosures.official.created").actor == publisher
    assert (
        client.get(reverse("disclosures:official_photo", args=[official.slug])).status_code == 200
    )


def test_the_changelist_action_starts_next_years_drafts(client, publisher):
    previous = DeclarationFactory(fiscal_year=2024, published=True)
    EntryFactory(declaration=previous)
    response = client.post(
        reverse("admin:disclosures_declaration_changelist"),
        {"action": "start_next_year", "_selected_action": [previous.pk]},
        follow=True,
    )
    assert "Δημιουργήθηκαν 1 πρόχειρες δηλώσεις." in response.content.decode()
    draft = Declaration.objects.get(fiscal_year=2025)
    assert draft.entries.count() == 1


def test_a_second_declaration_for_the_same_year_is_refused_in_greek(client, publisher):
    existing = DeclarationFactory(fiscal_year=2024)
    data = admin_form_data(client.get(reverse("admin:disclosures_declaration_add")))
    data.update(
        {
            "official": existing.official.pk,
            "declaration_year": "2025",
            "fiscal_year": "2024",
            "kind": Declaration.Kind.ANNUAL,
            "submitted_on": "2025-06-30",
        }
    )
    response = client.post(reverse("admin:disclosures_declaration_add"), data)
    assert response.status_code == 200
    assert "Υπάρχει ήδη δήλωση του αιρετού" in response.content.decode()
    assert Declaration.objects.count() == 1


def test_unpublishing_asks_for_a_reason_and_records_it(client, publisher):
    declaration = DeclarationFactory(published=True)
    url = reverse("admin:disclosures_unpublish", args=[declaration.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    declaration.refresh_from_db()
    assert declaration.is_published
    response = client.post(url, {"reason": "Λάθος συνημμένο PDF"})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert not declaration.is_published
    audit = AuditEntry.objects.get(action="disclosures.declaration.unpublished")
    assert audit.data == {"reason": "Λάθος συνημμένο PDF"}


def test_a_double_submitted_import_is_not_imported_twice(client, publisher):
    declaration = DeclarationFactory()
    assert _import(client, declaration, GOOD_CSV, dry_run=False).status_code == 302
    response = _import(client, declaration, GOOD_CSV, dry_run=False)
    assert "Η δήλωση έχει ήδη 3 εγγραφές" in response.content.decode()
    assert declaration.entries.count() == 3
    upload = SimpleUploadedFile("more.csv", GOOD_CSV.encode(), content_type="text/csv")
    client.post(
        reverse("admin:disclosures_import", args=[declaration.pk]),
        {"file": upload, "append": "on"},
    )
    assert declaration.entries.count() == 6
    assert sorted(declaration.entries.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_an_official_saved_in_the_admin_is_found_by_the_portfolio_of_a_new_term(client, publisher):
    data = _official_data(
        **{
            "terms-TOTAL_FORMS": "1",
            "terms-0-role": "deputy_mayor",
            "terms-0-portfolio": "Πρασίνου",
            "terms-0-start": "2024-01-01",
        }
    )
    assert client.post(reverse("admin:disclosures_official_add"), data).status_code == 302
    response = client.get(reverse("disclosures:index"), {"q": "πρασινου"})
    assert [o.name for o in response.context["officials"]] == ["Νίκος Δοκιμής"]


def test_an_official_is_saved_only_with_the_gender_their_titles_agree_with(client, publisher):
    response = client.post(reverse("admin:disclosures_official_add"), _official_data(gender=""))
    assert response.status_code == 200
    assert not Official.objects.exists()

    data = _official_data(name="Ελένη Δοκιμή", slug="eleni-dokimi", gender="f")
    response = client.post(reverse("admin:disclosures_official_add"), data)
    assert response.status_code == 302
    assert Official.objects.get().former_title == "Πρώην αιρετή"
