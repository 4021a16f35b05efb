"""The status map: every allowed move works, every other move is refused with a Greek message."""

import itertools

import pytest

from complaints.models import TRANSITIONS, Status
from complaints.services import InvalidTransition, complaint_transition
from tests.complaints.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in targets]
REFUSED = [
    (source, target)
    for source, target in itertools.product(Status.values, Status.values)
    if target not in TRANSITIONS[source]
]


def test_every_status_has_an_entry_in_the_map():
    assert set(TRANSITIONS) == set(Status.values)


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_allowed_moves_change_the_status_and_write_the_timeline(source, target):
    complaint = ComplaintFactory(status=source)

    complaint_transition(complaint=complaint, to_status=target, actor=None)

    complaint.refresh_from_db()
    assert complaint.status == target
    entry = complaint.timeline.get()
    assert (entry.from_status, entry.to_status) == (source, target)


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_refused_moves_raise_and_change_nothing(source, target):
    complaint = ComplaintFactory(status=source)

    with pytest.raises(InvalidTransition) as error:
        complaint_transition(complaint=complaint, to_status=target, actor=None)

    assert "δεν μπορεί να αλλάξει" in error.value.message
    complaint.refresh_from_db()
    assert complaint.status == source
    assert not complaint.timeline.exists()


def test_open311_status_is_closed_only_for_finished_complaints():
    finished = {Status.RESOLVED, Status.REJECTED, Status.DUPLICATE, Status.CLOSED}
    for status in Status.values:
        expected = "closed" if status in finished else "open"
        assert ComplaintFactory.build(status=status).open311_status() == expected
