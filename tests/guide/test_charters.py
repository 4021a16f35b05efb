"""Charters and regulations: versioned, every earlier version readable with its changes marked."""

from datetime import date

import pytest
from django.urls import reverse

from guide import services
from guide.errors import GuideError
from guide.models import Article, CharterVersion, VersionStatus
from portal.roles import Role
from tests.guide.factories import ArticleFactory, CharterFactory, CharterVersionFactory
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter():
    charter = CharterFactory(slug="charta", title="Χάρτα Δικαιωμάτων και Υποχρεώσεων")
    first = CharterVersionFactory(
        charter=charter, number=1, effective_on=date(2021, 3, 1), decision_ada="ΨΡ4ΖΩΡΙ-7ΛΞ"
    )
    ArticleFactory(version=first, number=1, title="Σκοπός", body="Η Χάρτα ορίζει τα δικαιώματα.")
    ArticleFactory(
        version=first, number=2, title="Αιτήματα", body="Κάθε αίτημα παίρνει πρωτόκολλο."
    )
    ArticleFactory(version=first, number=3, title="Παλιό άρθρο", body="Καταργείται.")
    second = CharterVersionFactory(charter=charter, number=2, effective_on=date(2025, 1, 15))
    ArticleFactory(version=second, number=1, title="Σκοπός", body="Η Χάρτα ορίζει τα δικαιώματα.")
    ArticleFactory(
        version=second,
        number=2,
        title="Αιτήματα",
        body="Κάθε αίτημα παίρνει πρωτόκολλο και σύνδεσμο παρακολούθησης.",
    )
    ArticleFactory(version=second, number=4, title="Ραντεβού", body="Με ραντεβού.")
    return charter


def test_the_charter_page_shows_the_version_in_force_with_its_decision(client, charter):
    html = client.get(charter.get_absolute_url()).content.decode()
    assert "Έκδοση" in html and "σε ισχύ" in html
    assert "σύνδεσμο παρακολούθησης" in html and "Καταργείται" not in html
    assert "Περιεχόμενα" in html and 'href="#article-4"' in html
    assert "guide_print.css" in html


def test_an_earlier_version_is_readable_and_says_it_no_longer_applies(client, charter):
    url = reverse("guide:charter_version", args=[charter.slug, 1])
    html = client.get(url).content.decode()
    assert "Καταργείται." in html and "δεν ισχύει πια" in html
    assert "ΨΡ4ΖΩΡΙ-7ΛΞ" in html


def test_the_changes_since_the_previous_version_are_marked(client, charter):
    html = client.get(charter.get_absolute_url(), {"changes": "1"}).content.decode()
    assert (
        "Κάθε αίτημα παίρνει <del>πρωτόκολλο.</del> "
        "<ins>πρωτόκολλο και σύνδεσμο παρακολούθησης.</ins>" in html
    )
    assert "Η Χάρτα ορίζει τα δικαιώματα." in html  # unchanged text, unmarked
    assert "Νέο άρθρο" in html and "Καταργήθηκε" in html and "Τροποποιήθηκε" in html
    assert "<del>Καταργείται.</del>" in html


def test_a_draft_version_is_not_public(client, charter):
    CharterVersionFactory(charter=charter, number=3, status=VersionStatus.DRAFT, effective_on=None)
    assert client.get(reverse("guide:charter_version", args=[charter.slug, 3])).status_code == 404
    assert client.get(reverse("guide:charter_version", args=[charter.slug, 9])).status_code == 404


def test_an_amendment_starts_as_a_copy_and_is_published_once(charter):
    actor = staff_user(department=DepartmentFactory(), roles=(Role.TRANSPARENCY_STAFF,))
    current = charter.versions.get(number=2)
    draft = services.charter_version_copy(version=current, actor=actor)
    assert draft.number == 3 and draft.status == VersionStatus.DRAFT
    assert list(draft.articles.values_list("number", flat=True)) == [1, 2, 4]
    with pytest.raises(GuideError, match="από πότε ισχύει"):
        services.charter_version_publish(version=draft, actor=actor)
    draft.effective_on = date(2026, 1, 1)
    draft.save()
    services.charter_version_publish(version=draft, actor=actor)
    with pytest.raises(GuideError, match="έχει ήδη δημοσιευθεί"):
        services.charter_version_publish(version=draft, actor=actor)
    assert CharterVersion.objects.get(pk=draft.pk).status == VersionStatus.PUBLISHED
    assert Article.objects.filter(version=current).count() == 3  # the old version is untouched


@pytest.mark.parametrize("articles", [2, 25])
def test_the_charter_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, articles
):
    charter = CharterFactory()
    first = CharterVersionFactory(charter=charter, number=1, effective_on=date(2020, 1, 1))
    second = CharterVersionFactory(charter=charter, number=2, effective_on=date(2022, 1, 1))
    for number in range(1, articles + 1):
        ArticleFactory(version=first, number=number)
        ArticleFactory(version=second, number=number, body="Άλλο κείμενο.")
    with django_assert_max_num_queries(4):
        response = client.get(charter.get_absolute_url(), {"changes": "1"})
    assert response.status_code == 200
