"""Names the staff give in Greek and English: each page and the API speak the language asked."""

import json
import random
from datetime import date
from io import StringIO

import pytest
from django.core.management.base import OutputWrapper
from django.utils import timezone, translation
from django.utils.formats import date_format

from appointments import seed as appointments_seed
from appointments import seed_english as appointments_english
from appointments.models import Service
from complaints import seed as complaints_seed
from complaints import seed_english as complaints_english
from complaints.models import Category, CategoryQuestion, QuestionKind
from disclosures.models import Declaration
from portal import seed as portal_seed
from portal import seed_english as portal_english
from portal.models import Department
from portal.seeding import SeedContext
from procurement.models import ContractType
from tests.complaints.factories import CategoryFactory, CategoryQuestionFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleaning():
    return DepartmentFactory(
        name="Διεύθυνση Καθαριότητας",
        name_en="Cleaning Directorate",
        summary="Αποκομιδή απορριμμάτων.",
        summary_en="Rubbish collection.",
    )


def test_a_name_reads_in_the_active_language_and_falls_back_to_greek(cleaning):
    untranslated = DepartmentFactory(name="Τμήμα Ληξιαρχείου")

    with translation.override("en"):
        assert cleaning.name == "Cleaning Directorate"
        assert str(cleaning) == "Cleaning Directorate"
        assert cleaning.summary == "Rubbish collection."
        assert untranslated.name == "Τμήμα Ληξιαρχείου"
    assert cleaning.name == "Διεύθυνση Καθαριότητας"


def test_saving_or_reloading_in_english_keeps_the_greek_in_its_column(cleaning):
    with translation.override("en"):
        cleaning.position = 3
        cleaning.save()
        cleaning.refresh_from_db()
        assert cleaning.name == "Cleaning Directorate"

    stored = Department.objects.values_list("name", "name_en").get(pk=cleaning.pk)
    assert stored == ("Διεύθυνση Καθαριότητας", "Cleaning Directorate")
    assert cleaning.name == "Διεύθυνση Καθαριότητας"


def test_the_english_admin_edits_both_languages_without_mixing_them(admin_client, cleaning):
    page = admin_client.get(f"/en/admin/portal/department/{cleaning.pk}/change/")

    html = page.content.decode()
    assert 'name="name" value="Διεύθυνση Καθαριότητας"' in html
    assert 'name="name_en" value="Cleaning Directorate"' in html


def test_the_department_pages_show_english_names_on_the_english_site(client, cleaning):
    english = client.get("/en/departments/").content.decode()
    greek = client.get("/departments/").content.decode()

    assert "Cleaning Directorate" in english and "Rubbish collection." in english
    assert "Διεύθυνση Καθαριότητας" not in english
    assert "Διεύθυνση Καθαριότητας" in greek and "Cleaning Directorate" not in greek


def _bulky(department):
    category = CategoryFactory(
        code="ogkodi",
        name="Ογκώδη αντικείμενα",
        name_en="Bulky items",
        description="Παραλαβή επίπλων.",
        description_en="Collection of furniture.",
        department=department,
    )
    CategoryQuestionFactory(
        category=category,
        code="volume",
        label="Πόσα περίπου;",
        label_en="About how many?",
        kind=QuestionKind.SINGLE,
        choices=[
            {"key": "1-2", "name": "1–2 αντικείμενα", "name_en": "1–2 items"},
            {"key": "3+", "name": "3 ή περισσότερα"},
        ],
    )
    return category


def test_open311_answers_in_the_language_of_accept_language(client, cleaning):
    _bulky(cleaning)

    english = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    greek = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="el")
    unspecified = client.get("/open311/v2/services.json")

    (service,) = json.loads(english.content)
    assert service["service_name"] == "Bulky items"
    assert service["description"] == "Collection of furniture."
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    assert json.loads(greek.content)[0]["service_name"] == "Ογκώδη αντικείμενα"
    assert json.loads(unspecified.content)[0]["service_name"] == "Ογκώδη αντικείμενα"
    assert unspecified["Content-Language"] == "el"


def test_open311_service_attributes_follow_accept_language(client, cleaning):
    _bulky(cleaning)

    english = client.get("/open311/v2/services/ogkodi.json", HTTP_ACCEPT_LANGUAGE="en")
    greek = client.get("/open311/v2/services/ogkodi.json", HTTP_ACCEPT_LANGUAGE="el")

    (attribute,) = json.loads(english.content)["attributes"]
    assert attribute["description"] == "About how many?"
    # A choice without an English name keeps its Greek one.
    assert attribute["values"] == [
        {"key": "1-2", "name": "1–2 items"},
        {"key": "3+", "name": "3 ή περισσότερα"},
    ]
    (greek_attribute,) = json.loads(greek.content)["attributes"]
    assert greek_attribute["description"] == "Πόσα περίπου;"
    assert greek_attribute["values"][0]["name"] == "1–2 αντικείμενα"


def test_open311_errors_follow_accept_language(client):
    response = client.get("/open311/v2/services/nothing.json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "There is no service definition" in json.loads(response.content)[0]["description"]


def test_the_complaint_form_asks_the_category_question_in_english(client, cleaning):
    _bulky(cleaning)

    html = client.get("/en/complaints/new/").content.decode()

    assert "Bulky items" in html and "About how many?" in html and "1–2 items" in html
    assert "Ογκώδη αντικείμενα" not in html and "Πόσα περίπου;" not in html


def test_words_with_two_meanings_get_the_right_english():
    with translation.override("en"):
        assert str(Declaration.Kind.INITIAL.label) == "Initial"
        assert str(ContractType.GOODS.label) == "Supplies"
        assert translation.gettext("Αρχική") == "Home"
        assert translation.pgettext("heading", "Ακύρωση") == "Cancellation"
        assert translation.gettext("Ακύρωση") == "Cancel"
        assert translation.gettext("Υπηρεσίες του Δήμου") == "Municipal departments"
        assert translation.gettext("Οικονομικό έτος") == "Tax year"


def test_english_dates_cannot_be_misread_and_greek_ones_stay_greek():
    day = date(2026, 12, 3)
    with translation.override("en"):
        assert date_format(day, "SHORT_DATE_FORMAT") == "3 Dec 2026"
        assert date_format(day, "DATE_FORMAT") == "3 Dec 2026"
    with translation.override("el"):
        assert date_format(day, "SHORT_DATE_FORMAT") == "03/12/2026"


def test_the_demo_data_has_english_for_every_name_the_english_site_shows(monkeypatch):
    monkeypatch.setattr(complaints_seed, "COMPLAINTS_PER_SCALE", 0)
    context = SeedContext(random.Random(1), 1, timezone.localdate(), OutputWrapper(StringIO()))
    portal_seed.seed(context)
    complaints_seed.seed(context)
    appointments_seed.seed(context)
    for english in (portal_english, complaints_english, appointments_english):
        english.seed(context)

    assert not Department.objects.filter(name_en="").exists()
    assert not Category.objects.filter(name_en="").exists()
    assert not Category.objects.exclude(description="").filter(description_en="").exists()
    assert not CategoryQuestion.objects.filter(label_en="").exists()
    for question in CategoryQuestion.objects.all():
        assert all(choice.get("name_en") for choice in question.choices), question.code
    assert not Service.objects.filter(name_en="").exists()


def test_a_category_file_exported_from_the_english_admin_imports_back_unchanged(cleaning):
    from complaints.resources import CategoryResource

    _bulky(cleaning)
    with translation.override("en"):
        exported = CategoryResource().export()

    row = dict(zip(exported.headers, exported[0], strict=True))
    assert row["name"] == "Ογκώδη αντικείμενα"
    assert row["name_en"] == "Bulky items"
    CategoryResource().import_data(exported, dry_run=False)
    assert Category.objects.values_list("name", "name_en").get() == (
        "Ογκώδη αντικείμενα",
        "Bulky items",
    )
