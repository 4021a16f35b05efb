"""The guide's refusals."""

from portal.errors import DomainError


class GuideError(DomainError):
    """A write to the guide refused, with a Greek message for the editor."""
