import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection

from disclosures import services
from disclosures.models import Declaration, Entry
from portal.models import AuditEntry
from tests.disclosures.factories import DeclarationFactory, EntryFactory, real_estate
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_records_time_and_audit_entry():
    actor = UserFactory(is_staff=True)
    draft = DeclarationFactory()
    EntryFactory(declaration=draft)
    published = services.declaration_publish(declaration=draft, actor=actor)
    assert published.status == Declaration.Status.PUBLISHED
    assert published.published_at is not None
    audit = AuditEntry.objects.get(action="disclosures.declaration.published")
    assert audit.actor == actor
    assert audit.data == {"entries": 1}


def test_publishing_twice_is_refused_with_a_clear_message():
    declaration = DeclarationFactory(published=True)
    with pytest.raises(services.DisclosureError, match="ήδη «Δημοσιευμένη»"):
        services.declaration_publish(declaration=declaration, actor=None)


def test_a_correction_cannot_be_published_before_its_original():
    original = DeclarationFactory()
    correction = DeclarationFactory(
        official=original.official, kind=Declaration.Kind.CORRECTION, corrects=original
    )
    with pytest.raises(services.DisclosureError, match="Δημοσιεύστε πρώτα"):
        services.declaration_publish(declaration=correction, actor=None)
    correction.refresh_from_db()
    assert correction.status == Declaration.Status.DRAFT
    assert not AuditEntry.objects.exists()


def test_unpublishing_is_refused_while_a_published_correction_relies_on_it():
    original = DeclarationFactory(published=True)
    DeclarationFactory(
        official=original.official,
        kind=Declaration.Kind.CORRECTION,
        corrects=original,
        published=True,
    )
    with pytest.raises(services.DisclosureError, match="διορθωτική"):
        services.declaration_unpublish(declaration=original, actor=None)


def test_unpublishing_returns_to_draft_with_the_reason_in_the_audit_log():
    declaration = DeclarationFactory(published=True)
    services.declaration_unpublish(declaration=declaration, actor=None, reason="λάθος PDF")
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.DRAFT
    assert declaration.published_at is None
    assert AuditEntry.objects.get().data == {"reason": "λάθος PDF"}


def test_copy_previous_entries_fills_an_empty_draft_from_last_published_year():
    previous = DeclarationFactory(fiscal_year=2023, published=True)
    real_estate(previous, area_m2=Decimal("70.25"))
    EntryFactory(declaration=previous, amount=Decimal("1500.10"))
    older_draft = DeclarationFactory(official=previous.official, fiscal_year=2022)
    EntryFactory(declaration=older_draft, amount=Decimal("9.99"))
    draft = DeclarationFactory(official=previous.official, fiscal_year=2024)

    copied = services.declaration_copy_previous_entries(declaration=draft, actor=None)

    assert copied == 2
    amounts = sorted(str(e.amount) for e in draft.entries.all())
    assert amounts == ["1500.10", "None"]
    assert draft.entries.get(section=Entry.Section.REAL_ESTATE).area_m2 == Decimal("70.25")
    assert previous.entries.count() == 2


def test_copy_previous_entries_refuses_a_draft_that_already_has_entries():
    previous = DeclarationFactory(fiscal_year=2023, published=True)
    EntryFactory(declaration=previous)
    draft = DeclarationFactory(official=previous.official, fiscal_year=2024)
    EntryFactory(declaration=draft)
    with pytest.raises(services.DisclosureError, match="ήδη εγγραφές"):
        services.declaration_copy_previous_entries(declaration=draft, actor=None)
    assert draft.entries.count() == 1


def test_copy_previous_entries_explains_when_there_is_no_earlier_declaration():
    draft = DeclarationFactory()
    with pytest.raises(services.DisclosureError, match="Δεν υπάρχει δημοσιευμένη"):
        services.declaration_copy_previous_entries(declaration=draft, actor=None)


def test_starting_a_correction_copies_the_published_entries_into_a_draft():
    original = DeclarationFactory(published=True)
    EntryFactory(declaration=original, amount=Decimal("10.00"))
    correction = services.declaration_start_correction(original=original, actor=None)
    assert correction.kind == Declaration.Kind.CORRECTION
    assert correction.corrects == original
    assert correction.status == Declaration.Status.DRAFT
    assert correction.fiscal_year == original.fiscal_year
    assert [e.amount for e in correction.entries.all()] == [Decimal("10.00")]


def test_the_database_refuses_a_second_annual_declaration_for_the_same_year():
    first = DeclarationFactory()
    with pytest.raises(IntegrityError):
        DeclarationFactory(official=first.official, fiscal_year=first.fiscal_year)


def test_the_database_refuses_a_correction_without_its_original():
    with pytest.raises(IntegrityError):
        DeclarationFactory(kind=Declaration.Kind.CORRECTION)


# available_apps: the flush after this test truncates (with cascade) and does not re-run
# post_migrate, so a later serialized_rollback test can restore its snapshot, whatever
# transactional test ran before this one.
@pytest.mark.django_db(
    transaction=True,
    available_apps=["disclosures", "portal", "django.contrib.contenttypes", "django.contrib.auth"],
)
def test_concurrent_publish_requests_publish_once_and_log_once():
    declaration = DeclarationFactory()
    outcomes = []
    barrier = threading.Barrier(4)

    def publish():
        try:
            barrier.wait()
            services.declaration_publish(declaration=declaration, actor=None)
            outcomes.append("ok")
        except services.DisclosureError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert AuditEntry.objects.filter(action="disclosures.declaration.published").count() == 1


def test_next_years_draft_starts_from_the_published_entries_once():
    previous = DeclarationFactory(fiscal_year=2024, published=True)
    EntryFactory(declaration=previous, amount=Decimal("42.00"))
    draft = services.declaration_start_next_year(previous=previous, actor=None)
    assert (draft.fiscal_year, draft.declaration_year, draft.status) == (2025, 2026, "draft")
    assert [e.amount for e in draft.entries.all()] == [Decimal("42.00")]
    with pytest.raises(services.DisclosureError, match="υπάρχει ήδη δήλωση"):
        services.declaration_start_next_year(previous=previous, actor=None)
