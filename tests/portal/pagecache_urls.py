"""Views for the page cache's privacy tests: each wears @cached_page but must not be stored."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.utils.cache import patch_vary_headers

from portal.pagecache import cached_page
from portal.ratelimit import RateLimited
from portal.urls import urlpatterns as portal_urlpatterns

#: How many times each view ran (a stored page would not run it again).
CALLS: dict[str, int] = {}


def _counted(name: str) -> str:
    CALLS[name] = CALLS.get(name, 0) + 1
    return f"{name} {CALLS[name]}"


@cached_page("portal")
def plain(request):
    return HttpResponse(_counted("plain"))


@cached_page("portal")
def with_form(request):
    token = get_token(request)
    return HttpResponse(
        f'{_counted("with_form")} <input name="csrfmiddlewaretoken" value="{token}">'
    )


@cached_page("portal")
def with_cookie(request):
    response = HttpResponse(_counted("with_cookie"))
    response.set_cookie("choice", "1")
    return response


@cached_page("portal")
def with_session(request):
    request.session["seen"] = True
    return HttpResponse(_counted("with_session"))


@cached_page("portal")
def with_message(request):
    messages.info(request, "Αποθηκεύτηκε.")
    return HttpResponse(_counted("with_message"))


@cached_page("portal")
def limited_once(request):
    if _counted("limited_once") == "limited_once 1":
        raise RateLimited(retry_after=30)
    return HttpResponse("limited_once served")


@cached_page("portal")
def missing(request):
    _counted("missing")
    raise Http404


@cached_page("portal")
def per_agent(request):
    response = HttpResponse(f"{_counted('per_agent')} {request.headers.get('User-Agent', '')}")
    patch_vary_headers(response, ["User-Agent"])
    return response


@cached_page("portal")
def marked_private(request):
    response = HttpResponse(_counted("marked_private"))
    response["Cache-Control"] = "private"
    return response


# The portal's own pages too: the error pages' template links to them.
urlpatterns = portal_urlpatterns + [
    path(f"{view.__name__}/", view)
    for view in (
        plain,
        with_form,
        with_cookie,
        with_session,
        with_message,
        limited_once,
        missing,
        per_agent,
        marked_private,
    )
]
