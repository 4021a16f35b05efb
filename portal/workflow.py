"""Status machines: each model keeps its transition map beside its `Status` choices."""

from collections.abc import Mapping
from typing import ClassVar


class StatusMachine:
    """Mixin for a model with a `status` field and a `TRANSITIONS` map next to its choices.

    `TRANSITIONS[from]` is the set of statuses a record may move to from `from`;
    services ask `can_move_to()` before they change a status.
    """

    TRANSITIONS: ClassVar[Mapping[str, frozenset[str]]]
    status: str

    def allowed_moves(self) -> frozenset[str]:
        """The statuses this record may move to now."""
        return frozenset(self.TRANSITIONS.get(self.status, ()))

    def can_move_to(self, status: str) -> bool:
        return status in self.allowed_moves()
