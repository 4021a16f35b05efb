"""Migration 0003 dates the answers of complaints that existed before it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from complaints import services
from complaints.models import Complaint, Status
from portal.roles import Role
from tests.complaints.factories import ComplaintFactory
from tests.portal.factories import staff_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("complaints", "0002_role_permissions")


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_answers_given_before_the_migration_are_dated_from_the_timeline(category):
    clerk = staff_user(department=category.department, roles=(Role.DEPARTMENT_STAFF,))
    resolved_twice = ComplaintFactory(category=category, status=Status.IN_PROGRESS)
    services.complaint_resolve(complaint=resolved_twice, text="Έγινε.", actor=clerk)
    services.complaint_reopen(complaint=resolved_twice, reason="Όχι ακόμη.", actor=clerk)
    services.complaint_resolve(complaint=resolved_twice, text="Τώρα έγινε.", actor=clerk)
    rejected = ComplaintFactory(category=category, status=Status.ACCEPTED)
    services.complaint_reject(complaint=rejected, reason="Εκτός αρμοδιότητας.", actor=clerk)
    reopened = ComplaintFactory(category=category, status=Status.IN_PROGRESS)
    services.complaint_resolve(complaint=reopened, text="Έγινε.", actor=clerk)
    services.complaint_reopen(complaint=reopened, reason="Ξανά.", actor=clerk)
    expected = dict(Complaint.objects.values_list("pk", "answered_at"))
    assert expected[resolved_twice.pk] == resolved_twice.timeline.latest("created_at").created_at

    # Every app's last migration: going back to BEFORE also unapplies the apps that
    # depend on complaints (the guide links its categories), and they must come back.
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate([BEFORE])
    _migrate(leaves)

    answers = dict(Complaint.objects.values_list("pk", "answered_at"))
    assert answers == expected
    assert answers[reopened.pk] is None
    resolved_twice.refresh_from_db()
    assert resolved_twice.answered_on_time is True
    assert resolved_twice.resolution_days == 0
