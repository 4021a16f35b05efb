"""Review reminders: once per due procedure, to its unit's editors, by the task worker."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from guide.models import Status
from guide.reminders import procedure_review_reminders_send
from portal.roles import Role
from tests.guide.factories import ProcedureFactory
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture
def unit():
    department = DepartmentFactory(name="Τμήμα Ληξιαρχείου")
    staff_user(department=department, roles=(Role.DEPARTMENT_STAFF,), email="lixiarxeio@example.gr")
    staff_user(department=department, roles=(Role.DEPARTMENT_HEAD,), email="head@example.gr")
    # Same unit, but no right to edit procedures: not an editor.
    staff_user(department=department, roles=(Role.FRONT_DESK,), email="desk@example.gr")
    return department


def test_each_due_procedure_is_reminded_once_to_its_units_editors(
    unit, mailoutbox, django_capture_on_commit_callbacks
):
    due = ProcedureFactory(
        department=unit, title="Δήλωση θανάτου", last_reviewed_on=date(2025, 6, 1)
    )
    ProcedureFactory(department=unit, title="Ελεγμένη πρόσφατα", last_reviewed_on=date(2026, 1, 1))
    ProcedureFactory(
        department=unit, title="Πρόχειρη", status=Status.DRAFT, last_reviewed_on=date(2020, 1, 1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert procedure_review_reminders_send(today=TODAY, months=12) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert procedure_review_reminders_send(today=TODAY, months=12) == 0

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert sorted(email.to) == ["head@example.gr", "lixiarxeio@example.gr"]
    assert "Δήλωση θανάτου" in email.body and "Ελεγμένη πρόσφατα" not in email.body
    assert f"/admin/guide/procedure/{due.pk}/change/" in email.body
    due.refresh_from_db()
    assert due.review_reminded_for == date(2025, 6, 1)


def test_a_new_review_starts_the_clock_again(unit, mailoutbox, django_capture_on_commit_callbacks):
    procedure = ProcedureFactory(department=unit, last_reviewed_on=date(2025, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        procedure_review_reminders_send(today=TODAY, months=12)
    procedure.last_reviewed_on = date(2025, 6, 1)
    procedure.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert procedure_review_reminders_send(today=TODAY, months=12) == 1
    assert len(mailoutbox) == 2


def test_a_unit_without_editors_stays_due_until_someone_can_be_told(mailoutbox):
    lonely = DepartmentFactory()
    procedure = ProcedureFactory(department=lonely, last_reviewed_on=date(2024, 1, 1))
    assert procedure_review_reminders_send(today=TODAY, months=12) == 0
    procedure.refresh_from_db()
    assert procedure.review_reminded_for is None
    assert mailoutbox == []


def test_the_command_queues_the_task_the_worker_runs(
    unit, mailoutbox, settings, django_capture_on_commit_callbacks
):
    ProcedureFactory(department=unit, last_reviewed_on=date(2020, 1, 1))
    settings.GUIDE_REVIEW_MONTHS = 12
    with django_capture_on_commit_callbacks(execute=True):
        call_command("guide_review_reminders", stdout=StringIO())
    assert len(mailoutbox) == 1
