"""Errors as GeoReport v2 reports them: an HTTP status and a list of {code, description}."""


class Open311Error(Exception):
    """A failed API call; the view renders it as the spec's error array."""

    def __init__(self, status: int, *descriptions: str):
        super().__init__(status, *descriptions)
        self.status = status
        self.descriptions = [str(description) for description in descriptions]

    def as_payload(self) -> list[dict[str, object]]:
        return [
            {"code": self.status, "description": description} for description in self.descriptions
        ]
