"""The one base of every refused action: a Greek message for the person who tried it."""


class DomainError(Exception):
    """A service refused an action; `message` is shown as it is (views, admin, API).

    Every app's refusal type subclasses it (ComplaintError, BookingRefused,
    DisclosureError, ProcurementRefused), so a caller may catch them all at once.
    `field`, when set, names the form field the refusal belongs to.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def messages(self) -> list[str]:
        return [self.message]
