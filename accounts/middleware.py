"""`request.citizen`: the signed-in citizen, or None."""

from django.conf import settings

from accounts import selectors


class CitizenMiddleware:
    """Set `request.citizen` from the session, without touching it when there is no cookie.

    A request without a session cookie (every anonymous first visit, every proxy or
    crawler) costs no query and leaves the session unread, so it adds no `Vary: Cookie`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.citizen = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            request.citizen = selectors.session_citizen(request.session)
        return self.get_response(request)
