"""Citizens' pages: the public register, filing, the receipt and private tracking."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from complaints import opendata, selectors, services
from complaints.forms import CitizenMessageForm, ComplaintForm, SatisfactionForm, TrackForm
from portal.pagecache import cached_page
from portal.pagination import CappedPaginator
from portal.ratelimit import hit, limit_downloads, ratelimit

PAGE_SIZE = 20
REGISTER_COUNT_CAP = 10_000
RECEIPT_SESSION_KEY = "complaints_receipt"
TRACKING_SESSION_KEY = "complaints_tracking"
MAX_TRACKED_IN_SESSION = 20


def _private(response, *, has_form: bool):
    """Keep a page with private data out of caches and its address away from other sites.

    The site-wide `same-origin` policy already sends other sites no Referer;
    a page without a form goes further with `no-referrer`. A page with a form
    cannot: under `no-referrer` browsers send its POST with `Origin: null`,
    which CSRF protection refuses.
    """
    response["Cache-Control"] = "no-store"
    if not has_form:
        response["Referrer-Policy"] = "no-referrer"
    return response


# --- public register --------------------------------------------------------------------------


@cached_page("complaints", "portal")
@require_safe
def index(request):
    queryset, complaint_filter = selectors.register_search(request.GET)
    paginator = CappedPaginator(queryset, PAGE_SIZE, cap=REGISTER_COUNT_CAP)
    page = paginator.get_page(request.GET.get("page"))
    view = "map" if request.GET.get("view") == "map" else "list"
    return render(
        request,
        "complaints/complaint_list.html",
        {
            "filter": complaint_filter,
            "page_obj": page,
            "view": view,
            "map_points": selectors.MAP_POINTS,
            "breadcrumb_trail": [(None, _("Αιτήματα & καταγγελίες"))],
        },
    )


@cached_page("complaints", "portal")
@require_safe
def map_points(request):
    queryset, _filter = selectors.register_search(request.GET)
    return JsonResponse({"points": selectors.map_points(queryset)})


@cached_page("complaints", "portal")
@require_safe
def detail(request, protocol: str):
    complaint = selectors.public_complaint(protocol)
    if complaint is None:
        raise Http404
    return render(
        request,
        "complaints/complaint_detail.html",
        {
            "complaint": complaint,
            "breadcrumb_trail": [
                (reverse("complaints:index"), _("Αιτήματα & καταγγελίες")),
                (None, complaint.protocol_number),
            ],
        },
    )


@require_safe
def photo(request, protocol: str, pk: int):
    attachment = (
        selectors.public_photos()
        .filter(pk=pk, complaint__protocol_number=protocol)
        .only("file", "media_type")
        .first()
    )
    if attachment is None:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.media_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- filing -----------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit("complaints-submit", "10/h")
def new(request):
    # An oversized body never gets here: reading it fails in the CSRF check with a 400 page.
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    # A link may preselect the category (the Citizen's Guide does: ?category=<code>).
    initial = _signed_in_initial(request)
    if data is None:
        initial["category"] = request.GET.get("category", "")[:60]
    form = ComplaintForm(data, files, categories=selectors.category_list(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, secret = services.complaint_submit(
                kind=form.cleaned_data["kind"],
                category=form.cleaned_data["category"],
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
                address=form.cleaned_data["address"],
                citizen_name=form.cleaned_data["citizen_name"],
                citizen_email=form.cleaned_data["citizen_email"],
                citizen_phone=form.cleaned_data["citizen_phone"],
                latitude=form.cleaned_data["latitude"],
                longitude=form.cleaned_data["longitude"],
                answers=form.answers(),
                attachments=form.cleaned_data["attachments"],
                submission_key=form.cleaned_data["submission_key"],
                citizen=request.citizen,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if secret:
                request.session[RECEIPT_SESSION_KEY] = {
                    "protocol": complaint.protocol_number,
                    "secret": secret,
                }
            return redirect("complaints:receipt")
    return _render_form(request, form, status=400 if form.errors else 200)


def _signed_in_initial(request) -> dict:
    """A signed-in citizen's form starts with their name, email and phone."""
    citizen = request.citizen
    if citizen is None:
        return {}
    return {
        "citizen_name": citizen.full_name,
        "citizen_email": citizen.email,
        "citizen_phone": citizen.phone,
    }


def _render_form(request, form, status: int):
    return render(
        request,
        "complaints/complaint_form.html",
        {
            "form": form,
            "breadcrumb_trail": [
                (reverse("complaints:index"), _("Αιτήματα & καταγγελίες")),
                (None, _("Νέο αίτημα")),
            ],
        },
        status=status,
    )


@require_safe
def receipt(request):
    stored = request.session.get(RECEIPT_SESSION_KEY)
    complaint = (
        selectors.complaint_by_tracking_secret(stored["protocol"], stored["secret"])
        if stored
        else None
    )
    if complaint is None:
        return redirect("complaints:track")
    _remember_tracked(request, str(complaint.protocol_number))
    tracking_url = request.build_absolute_uri(
        reverse(
            "complaints:track_link",
            kwargs={"protocol": complaint.protocol_number, "secret": stored["secret"]},
        )
    )
    return _private(
        render(
            request,
            "complaints/complaint_receipt.html",
            {"complaint": complaint, "tracking_url": tracking_url},
        ),
        has_form=False,
    )


# --- tracking ---------------------------------------------------------------------------------


def _remember_tracked(request, protocol: str) -> None:
    tracked = [
        number for number in request.session.get(TRACKING_SESSION_KEY, []) if number != protocol
    ]
    request.session[TRACKING_SESSION_KEY] = [protocol, *tracked][:MAX_TRACKED_IN_SESSION]


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit("complaints-track", "10/m")
def track(request):
    form = TrackForm(request.POST or None)
    if request.method != "POST":
        return _private(
            render(request, "complaints/track_form.html", _track_context(form)), has_form=True
        )
    complaint = None
    if form.is_valid():
        complaint = selectors.complaint_by_protocol_and_email(
            form.cleaned_data["protocol_number"], form.cleaned_data["email"]
        )
    if complaint is not None:
        _remember_tracked(request, str(complaint.protocol_number))
        return redirect("complaints:track_status", protocol=complaint.protocol_number)
    context = _track_context(form, not_found=form.is_valid())
    return _private(
        render(request, "complaints/track_form.html", context, status=400), has_form=True
    )


def _track_context(form, *, not_found: bool = False) -> dict:
    # One message for "no such number", "wrong email" and "wrong link": nothing is revealed.
    return {
        "form": form,
        "not_found": not_found,
        "breadcrumb_trail": [
            (reverse("complaints:index"), _("Αιτήματα & καταγγελίες")),
            (None, _("Παρακολούθηση")),
        ],
    }


@require_safe
@ratelimit("complaints-track", "10/m", methods=("GET", "HEAD"))
def track_link(request, protocol: str, secret: str):
    complaint = selectors.complaint_by_tracking_secret(protocol, secret)
    if complaint is None:
        context = _track_context(TrackForm(), not_found=True)
        return _private(
            render(request, "complaints/track_form.html", context, status=404), has_form=True
        )
    _remember_tracked(request, str(complaint.protocol_number))
    if request.citizen is not None:
        services.complaint_claim(complaint=complaint, citizen=request.citizen)
    # Off the address bar and out of the history: the secret link is like a password.
    return _private(
        redirect("complaints:track_status", protocol=complaint.protocol_number), has_form=False
    )


def _tracked_complaint(request, protocol: str):
    """The complaint this browser proved it may follow (secret link, protocol and email),
    or one of the signed-in citizen's own; else None."""
    remembered = protocol in request.session.get(TRACKING_SESSION_KEY, [])
    if not remembered and request.citizen is None:
        return None
    complaint = selectors.tracked_complaint(protocol)
    if complaint is None or remembered or complaint.citizen_id == request.citizen.pk:
        return complaint
    return None


@require_safe
def track_status(request, protocol: str):
    complaint = _tracked_complaint(request, protocol)
    if complaint is None:
        return redirect("complaints:track")
    return _render_status(request, complaint)


def _render_status(request, complaint, *, message_form=None, satisfaction_form=None, status=200):
    return _private(
        render(
            request,
            "complaints/track_status.html",
            {
                "complaint": complaint,
                "message_form": message_form or CitizenMessageForm(),
                "satisfaction_form": satisfaction_form or SatisfactionForm(),
                "accepts_messages": services.accepts_citizen_messages(complaint),
                "asks_satisfaction": services.asks_satisfaction(complaint),
                "breadcrumb_trail": [
                    (reverse("complaints:track"), _("Παρακολούθηση")),
                    (None, complaint.protocol_number),
                ],
            },
            status=status,
        ),
        has_form=True,
    )


@require_POST
def track_message(request, protocol: str):
    hit(request, "complaints-submit", "10/h")
    complaint = _tracked_complaint(request, protocol)
    if complaint is None:
        return redirect("complaints:track")
    form = CitizenMessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.complaint_add_citizen_message(
                complaint=complaint,
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
            )
        except services.ComplaintError as error:
            form.add_error(None, error.message)
        else:
            return redirect("complaints:track_status", protocol=protocol)
    return _render_status(request, complaint, message_form=form, status=400)


@require_POST
def track_satisfaction(request, protocol: str):
    complaint = _tracked_complaint(request, protocol)
    if complaint is None:
        return redirect("complaints:track")
    form = SatisfactionForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_record_satisfaction(
                complaint=complaint, satisfied=form.cleaned_data["satisfied"]
            )
        except services.ComplaintError as error:
            form.add_error(None, error.message)
        else:
            return redirect("complaints:track_status", protocol=protocol)
    return _render_status(request, complaint, satisfaction_form=form, status=400)


# --- open data --------------------------------------------------------------------------------


@require_safe
@limit_downloads
def data_csv(request):
    return opendata.csv_download()


@require_safe
@limit_downloads
def data_json(request):
    return opendata.json_download()
