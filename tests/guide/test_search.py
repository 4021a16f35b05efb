"""The guide's search: accents, case and a wrong letter do not hide a procedure."""

import pytest
from django.urls import reverse

from guide.models import Status
from tests.guide.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


def _titles(client, text: str) -> tuple[list[str], str]:
    response = client.get(reverse("guide:index"), {"q": text})
    assert response.status_code == 200
    page = response.context["page_obj"]
    return [p.title for p in page.object_list], response.content.decode()


@pytest.fixture
def guide_procedures():
    ProcedureFactory(
        title="Πιστοποιητικό οικογενειακής κατάστασης",
        alternative_titles="οικογενειακό πιστοποιητικό\nfamily status certificate",
        summary="Τα μέλη της μερίδας σας στο δημοτολόγιο.",
    )
    ProcedureFactory(
        title="Βεβαίωση μόνιμης κατοικίας",
        alternative_titles="αποδεικτικό διαμονής",
        summary="Για το σχολείο και άλλες υποθέσεις.",
    )
    ProcedureFactory(title="Αποκομιδή ογκωδών αντικειμένων", summary="Παλιά έπιπλα και στρώματα.")


def test_words_typed_without_accents_find_the_procedure(client, guide_procedures):
    titles, _html = _titles(client, "πιστοποιητικο οικογενειακης καταστασης")
    assert titles == ["Πιστοποιητικό οικογενειακής κατάστασης"]


def test_a_letter_wrong_still_finds_it_and_says_what_was_meant(client, guide_procedures):
    titles, html = _titles(client, "πιστοποιητικο οικογενιακης καταστασης")
    assert titles == ["Πιστοποιητικό οικογενειακής κατάστασης"]
    assert "Μήπως εννοούσατε" in html


def test_an_alternative_title_with_a_typo_finds_the_procedure(client, guide_procedures):
    # «διαμονής» is only in the alternative title; «διαμωνης» has a letter wrong.
    titles, html = _titles(client, "αποδεικτικο διαμωνης")
    assert titles == ["Βεβαίωση μόνιμης κατοικίας"]
    assert "Μήπως εννοούσατε" in html


def test_the_official_title_ranks_above_a_summary_mention(client, guide_procedures):
    ProcedureFactory(title="Εγγραφή σε παιδικό σταθμό", summary="Χρειάζεται πιστοποιητικό.")
    titles, _html = _titles(client, "πιστοποιητικο")
    assert titles[0] == "Πιστοποιητικό οικογενειακής κατάστασης"


def test_drafts_and_withdrawn_procedures_are_never_found(client):
    ProcedureFactory(title="Άδεια δοκιμαστική πρόχειρη", status=Status.DRAFT)
    ProcedureFactory(title="Άδεια δοκιμαστική αποσυρμένη", status=Status.WITHDRAWN)
    titles, _html = _titles(client, "άδεια δοκιμαστικη")
    assert titles == []


def test_nothing_found_offers_to_file_a_request(client, guide_procedures):
    titles, html = _titles(client, "ξξξξξξξ")
    assert titles == []
    assert reverse("complaints:new") in html


@pytest.mark.parametrize("count", [2, 40])
def test_the_search_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    for index in range(count):
        ProcedureFactory(title=f"Βεβαίωση αριθμός {index}")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("guide:index"), {"q": "βεβαιωση"})
    assert response.status_code == 200
