"""The register's search forgives typos and endings: «Μήπως εννοούσατε…;», Greek stems."""

import pytest

from tests.complaints.factories import ComplaintFactory, PublishedComplaintFactory

pytestmark = pytest.mark.django_db

REGISTER = "/complaints/"


def _found(client, q):
    response = client.get(REGISTER, {"q": q})
    assert response.status_code == 200
    return list(response.context["page_obj"]), response.content.decode()


def test_a_misspelt_word_finds_the_right_complaints_and_says_did_you_mean(client, category):
    wanted = PublishedComplaintFactory(
        category=category, public_summary="Λακκούβα στην παραλία της Θεσσαλονίκης."
    )
    PublishedComplaintFactory(category=category, public_summary="Κλαδέματα δέντρων στην Καλαμαριά.")

    found, content = _found(client, "Θεσαλονικη")

    assert found == [wanted]
    assert "Μήπως εννοούσατε" in content
    assert "θεσσαλονικης" in content
    assert "?q=%CE%B8%CE%B5%CF%83%CF%83%CE%B1%CE%BB%CE%BF%CE%BD%CE%B9%CE%BA%CE%B7%CF%82" in content


def test_words_typed_without_accents_match_exactly_with_no_suggestion(client, category):
    cleaning = PublishedComplaintFactory(
        category=category, public_summary="Η υπηρεσία καθαριότητας δεν πέρασε."
    )
    PublishedComplaintFactory(category=category, public_summary="Σπασμένο παγκάκι.")

    found, content = _found(client, "καθαριοτητα")

    assert found == [cleaning]
    assert "Μήπως εννοούσατε" not in content


def test_the_greek_stemmer_finds_other_endings_of_a_word(client, category):
    lamp = PublishedComplaintFactory(category=category, public_summary="Καμένη λάμπα στην είσοδο.")
    PublishedComplaintFactory(category=category, public_summary="Σκουπίδια στο πεζοδρόμιο.")

    found, content = _found(client, "λάμπες")

    assert found == [lamp]
    assert "Μήπως εννοούσατε" not in content


def test_nothing_similar_finds_nothing_and_suggests_nothing(client, category):
    PublishedComplaintFactory(category=category, public_summary="Λακκούβα στην Εγνατία.")

    found, content = _found(client, "ξυλοκοπτικ")

    assert found == []
    assert "Μήπως εννοούσατε" not in content


def test_a_word_only_unpublished_complaints_hold_is_never_suggested(client, category):
    ComplaintFactory(category=category, public_summary="Παπαδημητρόπουλος στη γωνία.")
    PublishedComplaintFactory(category=category, public_summary="Λακκούβα στην Εγνατία.")

    found, content = _found(client, "Παπαδημητροπουλο")
    assert found == []
    found, content = _found(client, "Παπαδιμητροπουλος")

    assert found == []
    assert "Μήπως εννοούσατε" not in content
    assert "παπαδημητροπουλ" not in content
