"""Writes of the guide: every save is a version, each unit writes only its own procedures."""

import pytest

from guide import services
from guide.errors import GuideError
from guide.models import ProcedureVersion, Status
from portal.models import AuditEntry
from portal.roles import Role
from tests.guide.factories import EvidenceFactory, ProcedureFactory
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return DepartmentFactory(name="Τμήμα Δημοτολογίου")


@pytest.fixture
def editor(unit):
    return staff_user(department=unit, roles=(Role.DEPARTMENT_STAFF,), username="editor")


def test_history_keeps_every_version_with_who_and_what_changed(unit, editor):
    procedure = ProcedureFactory(department=unit, title="Πιστοποιητικό γέννησης", duration="P5D")
    first = services.procedure_record_save(procedure=procedure, actor=editor, created=True)

    procedure.duration = "P2D"
    procedure.save()
    second = services.procedure_record_save(procedure=procedure, actor=editor, created=False)

    EvidenceFactory(procedure=procedure, title="Αστυνομική ταυτότητα")
    procedure.title = "Πιστοποιητικό γέννησης (δημοτολογίου)"
    procedure.save()
    third = services.procedure_record_save(procedure=procedure, actor=editor, created=False)

    versions = list(ProcedureVersion.objects.filter(procedure=procedure).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert [v.saved_by_username for v in versions] == ["editor"] * 3
    assert first.changed_fields == []
    assert second.changed_fields == ["duration"]
    assert third.changed_fields == ["evidence", "title"]
    # Every earlier version still says what it said then.
    assert versions[0].snapshot["duration"] == "P5D"
    assert versions[1].snapshot["duration"] == "P2D"
    assert versions[1].snapshot["evidence"] == ""
    assert versions[2].snapshot["evidence"] == "Αστυνομική ταυτότητα"
    assert versions[0].snapshot["title"] == "Πιστοποιητικό γέννησης"
    procedure.refresh_from_db()
    assert procedure.version == 3
    assert (
        AuditEntry.objects.filter(
            action="guide.procedure.changed", object_id=str(procedure.pk)
        ).count()
        == 2
    )


def test_a_save_refreshes_the_search_document(unit, editor):
    procedure = ProcedureFactory(department=unit, title="Δήλωση γέννησης")
    procedure.alternative_titles = "νεογέννητο"
    procedure.save()
    services.procedure_record_save(procedure=procedure, actor=editor, created=False)
    procedure.refresh_from_db()
    assert "νεογεννητο" in procedure.search_document


def test_staff_of_another_unit_cannot_record_a_save(unit):
    other = staff_user(department=DepartmentFactory(), roles=(Role.DEPARTMENT_STAFF,))
    procedure = ProcedureFactory(department=unit)
    with pytest.raises(GuideError, match="μόνο τις διαδικασίες της υπηρεσίας σας"):
        services.procedure_record_save(procedure=procedure, actor=other, created=False)
    assert not ProcedureVersion.objects.filter(procedure=procedure).exists()


def test_transparency_staff_write_every_units_procedures(unit):
    transparency = staff_user(department=DepartmentFactory(), roles=(Role.TRANSPARENCY_STAFF,))
    procedure = ProcedureFactory(department=unit, status=Status.DRAFT)
    services.procedure_transition(procedure=procedure, to=Status.PUBLISHED, actor=transparency)
    procedure.refresh_from_db()
    assert procedure.status == Status.PUBLISHED


def test_moves_follow_the_transition_map(unit, editor):
    procedure = ProcedureFactory(department=unit, status=Status.DRAFT)
    with pytest.raises(GuideError):
        services.procedure_transition(procedure=procedure, to=Status.WITHDRAWN, actor=editor)
    services.procedure_transition(procedure=procedure, to=Status.PUBLISHED, actor=editor)
    services.procedure_transition(procedure=procedure, to=Status.WITHDRAWN, actor=editor)
    procedure.refresh_from_db()
    assert procedure.status == Status.WITHDRAWN
    assert list(procedure.versions.values_list("changed_fields", flat=True).order_by("number")) == [
        [],
        ["status"],
    ]
    assert AuditEntry.objects.filter(action="guide.procedure.withdrawn").count() == 1


def test_marking_reviewed_sets_the_date_and_keeps_a_version(unit, editor):
    from datetime import date

    procedure = ProcedureFactory(department=unit, last_reviewed_on=date(2024, 1, 1))
    services.procedure_mark_reviewed(procedure=procedure, actor=editor, on=date(2026, 5, 4))
    procedure.refresh_from_db()
    assert procedure.last_reviewed_on == date(2026, 5, 4)
    assert procedure.versions.get().snapshot["last_reviewed_on"] == "2026-05-04"
