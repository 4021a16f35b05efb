"""The citizen's account: sign in (TAXISnet or email link), "Η θυρίδα μου", sign out."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import gsis, selectors, services
from accounts.forms import ContactForm, DeleteForm, EmailSignInForm
from accounts.models import EmailLinkPurpose
from accounts.sections import account_sections
from portal.ratelimit import hit, hit_identity, limit_downloads, ratelimit
from portal.tokens import token_hash

NEXT_SESSION_KEY = "accounts_next"
LINK_SESSION_KEY = "accounts_email_link"
#: Sign-in starts and returns, per client address.
SIGN_IN_RATE = "30/h"
#: Email links asked for: per client address, and per address written in the form.
EMAIL_RATE = "10/h"
EMAIL_PER_ADDRESS_RATE = "3/h"
#: Changes to the account (contact details, deletion, using a link).
CHANGE_RATE = "20/h"


def _crumbs(*trail):
    return [(reverse("accounts:index"), _("Η θυρίδα μου")), *trail]


def _private(response):
    response["Cache-Control"] = "no-store"
    return response


def safe_next(request, value: str | None) -> str:
    """A path of this site to return to after signing in, or ""."""
    value = (value or "").strip()
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value[:500]
    return ""


@never_cache
@require_safe
def index(request):
    """The sign-in page, or the signed-in citizen's dashboard."""
    citizen = request.citizen
    if citizen is None:
        next_path = safe_next(request, request.GET.get("next"))
        return _private(
            render(
                request,
                "accounts/signin.html",
                {
                    "form": EmailSignInForm(initial={"next": next_path}),
                    "next": next_path,
                    "gsis_enabled": gsis.enabled(),
                    "breadcrumb_trail": [(None, _("Σύνδεση"))],
                },
            )
        )
    sections = [(section, section.load(citizen)) for section in account_sections()]
    contact_form = ContactForm(initial={"email": citizen.email, "phone": citizen.phone})
    return _dashboard(request, contact_form, sections)


def _dashboard(request, contact_form, sections=None, status=200):
    citizen = request.citizen
    if sections is None:
        sections = [(section, section.load(citizen)) for section in account_sections()]
    return _private(
        render(
            request,
            "accounts/dashboard.html",
            {
                "citizen": citizen,
                "sections": sections,
                "contact_form": contact_form,
                "breadcrumb_trail": [(None, _("Η θυρίδα μου"))],
            },
            status=status,
        )
    )


# --- TAXISnet ---------------------------------------------------------------------------------


@never_cache
@require_safe
@ratelimit("account-signin", SIGN_IN_RATE, methods=("GET", "HEAD"))
def login_gsis(request):
    """Send the citizen to TAXISnet; they come back to `gsis_callback`."""
    if not gsis.enabled():
        return _failed(
            request,
            _(
                "Η σύνδεση με TAXISnet δεν είναι ακόμη διαθέσιμη στην πύλη. "
                "Συνδεθείτε με σύνδεσμο στο email σας."
            ),
            status=503,
        )
    request.session[NEXT_SESSION_KEY] = safe_next(request, request.GET.get("next")) or reverse(
        "accounts:index"
    )
    # One callback address for both languages: the one registered with GSIS.
    with translation.override(settings.LANGUAGE_CODE):
        callback = request.build_absolute_uri(reverse("accounts:gsis_callback"))
    return gsis.authorize_redirect(request, callback)


@never_cache
@require_safe
@ratelimit("account-signin", SIGN_IN_RATE, methods=("GET", "HEAD"))
def gsis_callback(request):
    try:
        identity = gsis.identity_from_callback(request)
    except gsis.GsisError as error:
        services.citizen_sign_in_failed(request, method="gsis", reason=error.reason)
        return _failed(request, error.message)
    citizen = services.citizen_from_gsis(identity=identity)
    next_path = request.session.pop(NEXT_SESSION_KEY, "") or reverse("accounts:index")
    services.citizen_sign_in(request, citizen, method="gsis")
    return redirect(next_path)


def _failed(request, message: str, *, status: int = 400):
    return _private(
        render(
            request,
            "accounts/signin_failed.html",
            {"message": message, "breadcrumb_trail": _crumbs((None, _("Σύνδεση")))},
            status=status,
        )
    )


# --- email link -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_email(request):
    """Ask for a sign-in link by email (the same answer whether an account exists or not)."""
    form = EmailSignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        hit(request, "account-email", EMAIL_RATE)
        if form.is_valid():
            email = form.cleaned_data["email"]
            hit_identity(token_hash(email.lower()), "account-email-to", EMAIL_PER_ADDRESS_RATE)
            services.email_link_send(
                email=email, next_path=safe_next(request, form.cleaned_data["next"])
            )
            return redirect("accounts:email_sent")
    return _private(
        render(
            request,
            "accounts/email_form.html",
            {"form": form, "breadcrumb_trail": _crumbs((None, _("Σύνδεση με email")))},
            status=400 if form.errors else 200,
        )
    )


@never_cache
@require_safe
def email_sent(request):
    return render(
        request,
        "accounts/email_sent.html",
        {
            "minutes": settings.CITIZEN_EMAIL_LINK_MINUTES,
            "breadcrumb_trail": _crumbs((None, _("Σύνδεση με email"))),
        },
    )


@never_cache
@require_safe
@ratelimit("account-link", CHANGE_RATE, methods=("GET", "HEAD"))
def email_link(request, secret: str):
    """The link from the email: keep its secret in the session, then leave the address.

    Opening it uses nothing (mail scanners open links): the next page asks for a click.
    """
    request.session[LINK_SESSION_KEY] = secret[:100]
    response = redirect("accounts:email_confirm")
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request):
    secret = request.session.get(LINK_SESSION_KEY, "")
    if request.method != "POST":
        link = selectors.email_link_check(secret)
        if link is None:
            return _link_gone(request)
        return _private(
            render(
                request,
                "accounts/email_confirm.html",
                {
                    "confirm": link.purpose == EmailLinkPurpose.CONFIRM,
                    "breadcrumb_trail": _crumbs((None, _("Σύνδεση με email"))),
                },
            )
        )
    hit(request, "account-link", CHANGE_RATE)
    try:
        citizen, link = services.email_link_redeem(secret=secret)
    except services.AccountError as error:
        if request.citizen is not None and not secret:
            return redirect("accounts:index")  # a second click on a link just used
        services.citizen_sign_in_failed(request, method="email", reason="link_refused")
        return _failed(request, error.message)
    request.session.pop(LINK_SESSION_KEY, None)
    if link.purpose == EmailLinkPurpose.CONFIRM:
        messages.success(request, _("Το email σας επιβεβαιώθηκε."))
        return redirect("accounts:index")
    services.citizen_sign_in(request, citizen, method="email")
    return redirect(link.next_path or reverse("accounts:index"))


def _link_gone(request):
    if request.citizen is not None:
        return redirect("accounts:index")
    return _failed(request, services.link_refused().message)


# --- signed in --------------------------------------------------------------------------------


@require_POST
def logout(request):
    services.citizen_sign_out(request)
    messages.success(request, _("Αποσυνδεθήκατε από τη θυρίδα σας."))
    return redirect("accounts:index")


@never_cache
@require_POST
def contact(request):
    if request.citizen is None:
        return redirect("accounts:index")
    hit(request, "account-change", CHANGE_RATE)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _dashboard(request, form, status=400)
    email = form.cleaned_data["email"]
    if email and email.lower() != request.citizen.email.lower():
        hit_identity(token_hash(email.lower()), "account-email-to", EMAIL_PER_ADDRESS_RATE)
    link_sent = services.citizen_update_contact(
        citizen=request.citizen, phone=form.cleaned_data["phone"], email=email
    )
    if link_sent:
        messages.success(
            request,
            _(
                "Σας στείλαμε σύνδεσμο στο νέο email: ανοίξτε τον για να ισχύσει. "
                "Το τηλέφωνο αποθηκεύτηκε."
            ),
        )
    else:
        messages.success(request, _("Τα στοιχεία επικοινωνίας σας αποθηκεύτηκαν."))
    return redirect("accounts:index")


@never_cache
@require_safe
@limit_downloads
def data(request):
    """Everything the portal holds about the signed-in citizen, as one JSON file."""
    if request.citizen is None:
        return redirect("accounts:index")
    found = services.citizen_export(citizen=request.citizen)
    body = json.dumps(found, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return _private(response)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request):
    if request.citizen is None:
        return redirect("accounts:index")
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        hit(request, "account-change", CHANGE_RATE)
        if form.is_valid():
            services.citizen_delete(request, citizen=request.citizen)
            return render(
                request,
                "accounts/deleted.html",
                {"breadcrumb_trail": [(None, _("Διαγραφή λογαριασμού"))]},
            )
    return _private(
        render(
            request,
            "accounts/delete_confirm.html",
            {"form": form, "breadcrumb_trail": _crumbs((None, _("Διαγραφή λογαριασμού")))},
            status=400 if form.errors else 200,
        )
    )
