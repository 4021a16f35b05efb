from portal.errors import DomainError


class BudgetError(DomainError):
    """A budget write was refused; the message says why, in Greek."""
