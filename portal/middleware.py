"""Refuse requests that no page of the portal can mean, before any view sees them."""

from django.core.exceptions import SuspiciousOperation


class NulCharacterInRequest(SuspiciousOperation):
    """A NUL character in the path or the query string."""


class RejectNulMiddleware:
    """Answer 400 to a NUL character in the path or the query string.

    PostgreSQL text cannot hold NUL. Forms refuse it field by field (Django's
    ProhibitNullCharactersValidator), but a path segment or a list filter would
    reach a query and fail there with a 500. The Open311 API cleans its own
    parameters and answers in its own error format, so it is left to do so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/open311/"):
            return self.get_response(request)
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise NulCharacterInRequest("NUL character in the request's path or query string")
        return self.get_response(request)
