"""GeoReport v2 endpoints: each checks its input, calls one selector or service, renders.

Errors come out as the spec's array of {code, description} in the requested
format. POST requests is authenticated by its api_key, not by a cookie, so it
is exempt from CSRF.
"""

import functools

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.http import FileResponse, Http404, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from complaints.open311 import selectors, serializers
from complaints.open311.errors import Open311Error
from complaints.open311.params import (
    check_jurisdiction,
    parse_new_request,
    parse_request_query,
)
from complaints.open311.services import open311_request_create, submission_key_for
from portal.municipality import municipality
from portal.pagecache import cached_page
from portal.ratelimit import RateLimited, hit, hit_identity
from portal.services import api_key_verify

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00+02:00"
# The web form's limit and scope: a citizen gets the same allowance by either route.
# POST requests counts against the API key's own hourly quota (ApiKey.hourly_quota,
# raised by staff for aggregators); attempts without a valid key count per address.
SUBMIT_SCOPE, SUBMIT_RATE = "complaints-submit", "10/h"
KEY_SCOPE = "open311-key"
LIST_RATE = "120/m"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _error(fmt: str, error: Open311Error) -> HttpResponse:
    return serializers.render(fmt, "errors", error.as_payload(), status=error.status)


def api(*methods: str, max_age: int = 0):
    """Serve a view in json or xml, turning Open311Error and rate limits into spec errors.

    The API authenticates with api_key, never with cookies, so CSRF does not apply:
    exempting it lets a PUT or DELETE get the spec's 405 instead of an HTML 403.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, fmt: str, **kwargs):
            # Outside the /en/ prefix: the client's Accept-Language picks the language.
            language = translation.get_language_from_request(request)
            with translation.override(language):
                response = answer(request, *args, fmt=fmt, **kwargs)
            response["Content-Language"] = language
            patch_vary_headers(response, ["Accept-Language"])
            return response

        def answer(request, *args, fmt: str, **kwargs):
            if fmt not in serializers.FORMATS:
                return _error("json", Open311Error(404, _("Άγνωστη μορφή «%s».") % fmt[:20]))
            if request.method not in methods:
                response = _error(fmt, Open311Error(405, _("Η μέθοδος δεν επιτρέπεται.")))
                response["Allow"] = ", ".join(methods)
                return response
            try:
                response = view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                response = _error(fmt, error)
            except RateLimited as limited:
                message = _("Πάρα πολλές αιτήσεις· δοκιμάστε ξανά σε %s δευτερόλεπτα.")
                response = _error(fmt, Open311Error(429, message % limited.retry_after))
                response["Retry-After"] = str(limited.retry_after)
            except (RequestDataTooBig, TooManyFieldsSent):
                response = _error(fmt, Open311Error(400, _("Το αίτημα είναι πολύ μεγάλο.")))
            except (MultiPartParserError, BadRequest, UnicodeDecodeError, LookupError):
                message = _("Το σώμα του αιτήματος δεν διαβάζεται· στείλτε το ως UTF-8.")
                response = _error(fmt, Open311Error(400, message))
            # Dashboards in the browser read the public endpoints from other origins.
            response["Access-Control-Allow-Origin"] = "*"
            if request.method in ("GET", "HEAD") and response.status_code == 200 and max_age:
                patch_cache_control(response, public=True, max_age=max_age)
            else:
                patch_cache_control(response, no_store=True)
            return response

        return csrf_exempt(wrapped)

    return decorator


def root(request):
    return redirect("open311:discovery", fmt="json")


@cached_page("complaints", "portal")
@api("GET", "HEAD", max_age=3600)
def discovery(request, fmt: str):
    contact = selectors.contact_email()
    document = {
        "changeset": CHANGESET,
        "contact": _("Τμήμα Διαφάνειας, %(municipality)s: %(email)s")
        % {"municipality": municipality().name, "email": contact},
        "key_service": _("Κλειδί API για υποβολή αιτημάτων χορηγεί το Τμήμα Διαφάνειας: %s")
        % contact,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": request.build_absolute_uri(reverse("open311:root")).rstrip("/"),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return serializers.render(fmt, "discovery", document)


@cached_page("complaints", "portal")
@api("GET", "HEAD", max_age=300)
def service_list(request, fmt: str):
    check_jurisdiction(request.GET)
    services = [
        serializers.service(category, has_questions=category.has_questions)  # type: ignore[attr-defined]
        for category in selectors.services()
    ]
    return serializers.render(fmt, "services", services)


@cached_page("complaints", "portal")
@api("GET", "HEAD", max_age=300)
def service_definition(request, service_code: str, fmt: str):
    check_jurisdiction(request.GET)
    found = selectors.service_with_questions(service_code)
    if found is None:
        raise Open311Error(
            404, _("Δεν υπάρχει ορισμός υπηρεσίας «%s» με πρόσθετα πεδία.") % service_code[:60]
        )
    category, questions = found
    return serializers.render(
        fmt, "service_definition", serializers.service_definition(category, questions)
    )


def _request_list(request, rows: list[dict]) -> list[dict[str, object]]:
    # Reversed once per page: the photo's id is the last segment of its address.
    sample = request.build_absolute_uri(reverse("open311:media", kwargs={"pk": 1}))
    prefix = sample.rsplit("/", 1)[0]
    return serializers.request_list(rows, media_url=lambda photo_id: f"{prefix}/{photo_id}")


@cached_page("complaints", "portal")
@api("GET", "HEAD", "POST", max_age=60)
def requests(request, fmt: str):
    if request.method == "POST":
        return _create_request(request, fmt)
    hit(request, "open311.requests", LIST_RATE)
    query = parse_request_query(request.GET)
    if query.ids is not None:
        rows, more = selectors.requests_by_id(query.ids), False
    else:
        rows, more = selectors.request_page(query)
    response = serializers.render(fmt, "service_requests", _request_list(request, rows))
    if more:
        next_page = request.GET.copy()
        next_page["page"] = str(query.page + 1)
        url = request.build_absolute_uri(f"{request.path}?{next_page.urlencode()}")
        response["Link"] = f'<{url}>; rel="next"'
    return response


def _create_request(request, fmt: str) -> HttpResponse:
    if request.content_type not in FORM_TYPES:
        hit(request, SUBMIT_SCOPE, SUBMIT_RATE)
        raise Open311Error(
            400, _("Το POST requests δέχεται μόνο application/x-www-form-urlencoded.")
        )
    # The spec sends api_key in the body; some old clients (PyPI open311 1.1) in the query.
    plain = request.POST.get("api_key") or request.GET.get("api_key") or ""
    api_key = api_key_verify(plain.strip())
    if api_key is None:
        hit(request, SUBMIT_SCOPE, SUBMIT_RATE)
        raise Open311Error(403, _("Λείπει ή δεν είναι έγκυρο το api_key."))
    hit_identity(f"key{api_key.pk}", KEY_SCOPE, f"{api_key.hourly_quota}/h")
    check_jurisdiction(request.GET)
    new = parse_new_request(request.POST)
    # The record is written for the municipality's staff: in Greek, whatever the client reads.
    with translation.override(settings.LANGUAGE_CODE):
        complaint = open311_request_create(
            new=new,
            api_key=api_key,
            submission_key=submission_key_for(api_key, request.headers.get("Idempotency-Key", "")),
        )
    return serializers.render(fmt, "service_requests", [serializers.created(complaint)])


@cached_page("complaints", "portal")
@api("GET", "HEAD", max_age=60)
def request_detail(request, request_id: str, fmt: str):
    check_jurisdiction(request.GET)
    rows = selectors.requests_by_id([request_id])
    if not rows:
        raise Open311Error(404, _("Δεν βρέθηκε αίτημα με αριθμό «%s».") % request_id[:20])
    return serializers.render(fmt, "service_requests", _request_list(request, rows))


@cached_page("complaints", "portal")
@api("GET", "HEAD", max_age=60)
def token_detail(request, token: str, fmt: str):
    """Ids are issued at once, so a token is the request id itself."""
    check_jurisdiction(request.GET)
    if not selectors.requests_by_id([token]):
        raise Open311Error(404, _("Δεν βρέθηκε αίτημα για το token «%s».") % token[:20])
    return serializers.render(
        fmt, "service_requests", [{"service_request_id": token, "token": token}]
    )


def media(request, pk: int):
    """Serve a staff-approved photo of a published request, and nothing else."""
    attachment = selectors.public_photo(pk)
    if attachment is None:
        raise Http404
    try:
        file = attachment.file.open("rb")
    except OSError:
        # The row outlived its file (a restore, a purge): nothing to show.
        raise Http404 from None
    response = FileResponse(file, content_type=attachment.media_type)
    patch_cache_control(response, public=True, max_age=3600)
    return response
