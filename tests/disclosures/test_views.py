import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures.models import Declaration, Term
from tests.disclosures.factories import (
    DeclarationFactory,
    EntryFactory,
    FactionFactory,
    OfficialFactory,
    TermFactory,
    income,
    real_estate,
    vehicle,
)
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

SECRET_AMOUNT = Decimal("77777.77")


@pytest.fixture
def official_with_draft():
    """An official with a published 2023 declaration and a draft 2024 one."""
    official = OfficialFactory(name="Ελένη Παπαδοπούλου", slug="eleni-papadopoulou")
    TermFactory(official=official, role=Term.Role.DEPUTY_MAYOR, portfolio="Οικονομικών")
    published = DeclarationFactory(official=official, fiscal_year=2023, published=True)
    income(published, "1000.00")
    draft = DeclarationFactory(official=official, fiscal_year=2024)
    EntryFactory(declaration=draft, institution="Κρυφή Τράπεζα", amount=SECRET_AMOUNT)
    return official, published, draft


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def test_drafts_are_invisible_on_every_public_page_and_file(client, official_with_draft):
    official, _published, draft = official_with_draft
    assert client.get(draft.get_absolute_url()).status_code == 404
    for name in ("declaration_csv", "declaration_json", "declaration_pdf"):
        assert client.get(reverse(f"disclosures:{name}", args=[draft.pk])).status_code == 404
    public = [
        reverse("disclosures:index"),
        official.get_absolute_url(),
        reverse("disclosures:official_compare", args=[official.slug]),
        reverse("disclosures:official_compare", args=[official.slug]) + "?to_year=2024",
        reverse("disclosures:data_csv"),
        reverse("disclosures:data_json"),
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert "Κρυφή Τράπεζα" not in text, url
        assert "77777" not in text and "77.777" not in text, url
    assert str(draft.pk) not in [
        str(d["id"])
        for d in json.loads(_text(client.get(reverse("disclosures:data_json"))))["declarations"]
    ]


def test_directory_filters_by_role_faction_period_and_search_without_accents(client):
    faction = FactionFactory(name="Ανοιχτή Πόλη", slug="anoixti-poli")
    mayor = OfficialFactory(name="Γιώργος Ζαχαριάδης", faction=faction)
    TermFactory(official=mayor, role=Term.Role.MAYOR)
    former = OfficialFactory(name="Σοφία Αλεξίου", is_active=False)
    TermFactory(official=former, start="2019-09-01", end="2023-12-31")
    url = reverse("disclosures:index")

    def names(query):
        return [o.name for o in client.get(url, query).context["officials"]]

    assert names({"q": "ζαχαριαδης"}) == ["Γιώργος Ζαχαριάδης"]
    assert names({"role": "mayor"}) == ["Γιώργος Ζαχαριάδης"]
    assert names({"faction": "anoixti-poli"}) == ["Γιώργος Ζαχαριάδης"]
    assert names({"period": "2019-2023"}) == ["Σοφία Αλεξίου"]
    assert names({"active": "0"}) == ["Σοφία Αλεξίου"]


def test_directory_answers_nonsense_filters_without_error(client):
    response = client.get(
        reverse("disclosures:index"), {"role": "x", "page": "abc", "q": "x" * 5000}
    )
    assert response.status_code == 200


def test_directory_query_count_does_not_grow_with_officials(client, django_assert_max_num_queries):
    for _ in range(30):
        declaration = DeclarationFactory(published=True)
        TermFactory(official=declaration.official)
        EntryFactory(declaration=declaration)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("disclosures:index"))
    assert response.status_code == 200


def test_comparison_query_count_does_not_grow_with_entries(client, django_assert_max_num_queries):
    official = OfficialFactory()
    for year in (2021, 2022, 2023):
        declaration = DeclarationFactory(official=official, fiscal_year=year, published=True)
        for n in range(40):
            EntryFactory(declaration=declaration, institution=f"Τράπεζα {n}", amount=year + n)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("disclosures:official_compare", args=[official.slug]))
    assert response.status_code == 200
    assert 'role="img"' in response.content.decode()


def test_declaration_page_query_count_is_fixed(client, django_assert_max_num_queries):
    declaration = DeclarationFactory(published=True)
    for n in range(60):
        EntryFactory(declaration=declaration, institution=f"Τράπεζα {n}")
    with django_assert_max_num_queries(4):
        response = client.get(declaration.get_absolute_url())
    assert response.status_code == 200


def test_declaration_page_shows_sections_and_exact_totals(client):
    declaration = DeclarationFactory(published=True)
    income(declaration, "12345.67")
    income(declaration, "0.33", kind="Τόκοι και μερίσματα")
    real_estate(declaration, area_m2=Decimal("85.50"))
    vehicle(declaration)
    text = client.get(declaration.get_absolute_url()).content.decode()
    assert "12.346,00 €" in text
    assert "85,50 m²" in text
    assert "Καλαμαριά, Θεσσαλονίκη" in text
    assert "Δεν δηλώθηκε τίποτα σε αυτή την ενότητα." in text


def test_a_correction_shows_what_it_corrected_and_the_original_points_to_it(client):
    original = DeclarationFactory(published=True)
    income(original, "1000.00")
    correction = DeclarationFactory(
        official=original.official,
        kind=Declaration.Kind.CORRECTION,
        corrects=original,
        submitted_on="2025-10-01",
        published=True,
    )
    income(correction, "1500.00")
    text = client.get(correction.get_absolute_url()).content.decode()
    assert "Τι διορθώθηκε" in text
    assert "1.000,00 €" in text and "1.500,00 €" in text
    original_text = client.get(original.get_absolute_url()).content.decode()
    assert "Η δήλωση αυτή έχει διορθωθεί." in original_text
    assert correction.get_absolute_url() in original_text


def test_comparison_form_rejects_the_same_year_twice_with_a_greek_message(client):
    official = OfficialFactory()
    DeclarationFactory(official=official, fiscal_year=2022, published=True)
    DeclarationFactory(official=official, fiscal_year=2023, published=True)
    url = reverse("disclosures:official_compare", args=[official.slug])
    response = client.get(url, {"from_year": "2023", "to_year": "2023"})
    assert response.status_code == 200
    assert "Επιλέξτε δύο διαφορετικά έτη." in response.content.decode()
    assert client.get(url, {"from_year": "abc", "to_year": "'; drop"}).status_code == 200


def test_open_data_csv_has_one_row_per_published_entry(client, official_with_draft):
    _official, published, _draft = official_with_draft
    EntryFactory(declaration=published, amount=Decimal("0.10"))
    lines = _text(client.get(reverse("disclosures:data_csv"))).strip().splitlines()
    assert lines[0].lstrip("\ufeff").startswith("declaration_id,official,")
    assert len(lines) == 1 + 2
    assert all(line.startswith(f"{published.pk},") for line in lines[1:])


def test_declaration_json_is_exact_and_marks_the_declaration_in_force(client):
    declaration = DeclarationFactory(published=True)
    EntryFactory(declaration=declaration, amount=Decimal("1234.56"))
    data = client.get(reverse("disclosures:declaration_json", args=[declaration.pk])).json()
    assert data["entries"][0]["amount_eur"] == "1234.56"
    assert data["in_force"] is True


def test_the_data_catalogue_lists_the_disclosure_datasets(client):
    text = client.get(reverse("portal:data_catalogue")).content.decode()
    assert "Δηλώσεις περιουσιακής κατάστασης αιρετών" in text
    assert reverse("disclosures:data_csv") in text
    assert reverse("disclosures:data_json") in text


def test_comparison_from_a_declaration_link_compares_with_the_previous_available_year(client):
    official = OfficialFactory()
    income(DeclarationFactory(official=official, fiscal_year=2020, published=True), "1.00")
    income(DeclarationFactory(official=official, fiscal_year=2022, published=True), "2.00")
    income(DeclarationFactory(official=official, fiscal_year=2023, published=True), "3.00")
    url = reverse("disclosures:official_compare", args=[official.slug])
    response = client.get(url, {"to_year": "2022"})
    comparison = response.context["comparison"]
    assert (comparison.from_year, comparison.to_year) == (2020, 2022)
    assert comparison.missing_years == [2021]
    assert "govgr-error-summary" not in response.content.decode()
    assert "2021" in response.content.decode()


def test_staff_may_preview_a_draft_but_the_public_may_not(client, official_with_draft):
    from portal.roles import Role
    from tests.portal.factories import staff_user

    _official, _published, draft = official_with_draft
    assert client.get(draft.get_absolute_url()).status_code == 404
    sign_in(client, staff_user(roles=(Role.DISCLOSURES_PUBLISHER,)))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Προεπισκόπηση πρόχειρης δήλωσης" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_official_page_summarises_each_year_in_force(client, django_assert_max_num_queries):
    official = OfficialFactory()
    income(DeclarationFactory(official=official, fiscal_year=2022, published=True), "1000.50")
    income(DeclarationFactory(official=official, fiscal_year=2023, published=True), "2000.25")
    with django_assert_max_num_queries(5):
        response = client.get(official.get_absolute_url())
    text = response.content.decode()
    assert "1.000,50 €" in text and "2.000,25 €" in text


def test_directory_sorts_greek_names_alphabetically_whatever_the_accents(client):
    for name in ("Όλγα Ρούσσου", "Άγγελος Τσολάκης", "Ζωή Αλεξίου", "Αθηνά Μαυρίδου"):
        OfficialFactory(name=name)
    names = [o.name for o in client.get(reverse("disclosures:index")).context["officials"]]
    assert names == ["Άγγελος Τσολάκης", "Αθηνά Μαυρίδου", "Ζωή Αλεξίου", "Όλγα Ρούσσου"]


def test_declaration_csv_lists_its_entries_and_neutralises_formulas(client):
    declaration = DeclarationFactory(published=True)
    EntryFactory(
        declaration=declaration,
        section="other",
        kind="Λοιπά",
        institution="",
        description="=HYPERLINK(1)",
        amount=Decimal("5.00"),
    )
    income(declaration, "10.00")
    response = client.get(reverse("disclosures:declaration_csv", args=[declaration.pk]))
    rows = list(csv.DictReader(io.StringIO(_text(response).lstrip("\ufeff"))))
    assert [row["amount_eur"] for row in rows] == ["10.00", "5.00"]
    assert rows[1]["description"] == "'=HYPERLINK(1)"
    assert rows[0]["section_label"] == "Εισοδήματα"
    assert rows[0]["published_at"].startswith(str(declaration.published_at.year))


def test_search_finds_a_deputy_mayor_by_portfolio_without_accents(client):
    official = OfficialFactory(name="Μαρία Ιωάννου")
    TermFactory(official=official, role=Term.Role.DEPUTY_MAYOR, portfolio="Οικονομικών")
    official.save()
    OfficialFactory(name="Κώστας Πετρίδης")
    response = client.get(reverse("disclosures:index"), {"q": "οικονομικων"})
    assert [o.name for o in response.context["officials"]] == ["Μαρία Ιωάννου"]


def test_all_declarations_json_marks_only_the_latest_correction_in_force(client):
    original = DeclarationFactory(published=True)
    correction = DeclarationFactory(
        official=original.official,
        kind=Declaration.Kind.CORRECTION,
        corrects=original,
        submitted_on="2025-10-01",
        published=True,
    )
    data = json.loads(_text(client.get(reverse("disclosures:data_json"))))
    by_id = {item["id"]: item for item in data["declarations"]}
    assert by_id[original.pk]["in_force"] is False
    assert by_id[correction.pk]["in_force"] is True
    assert by_id[correction.pk]["corrects"] == original.pk
