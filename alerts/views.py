"""Public pages of the alerts app: subscribe, confirm, unsubscribe in one click, manage."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alerts import selectors, services
from alerts.forms import FrequencyForm, ManageLinkForm, SubscribeForm
from portal.alerting import alert_sources
from portal.ratelimit import hit, hit_identity
from portal.tokens import token_hash

SUBSCRIBE_RATE = "10/h"
# Emails one address may be sent on request (confirmations, management links): no one
# can flood another person's mailbox through the forms.
EMAIL_RATE = "5/h"
LINK_RATE = "60/h"
MANAGE_RATE = "60/h"
# The subscribers whose alerts this browser may manage: opened by a link from an email.
MANAGED_SESSION_KEY = "alerts_managed"
MAX_MANAGED = 5


def _crumbs(*trail):
    return [(reverse("alerts:index"), _("Ειδοποιήσεις")), *trail]


def _private(response, *, has_form: bool = True):
    """A page reached by a private link: kept out of caches, its address from other sites."""
    response["Cache-Control"] = "no-store"
    if not has_form:
        response["Referrer-Policy"] = "no-referrer"
    return response


def _managed_ids(request) -> list[int]:
    granted = request.session.get(MANAGED_SESSION_KEY, [])
    return [*granted, *selectors.citizen_subscriber_ids(request.citizen)]


@require_safe
def index(request):
    sources = [source for source in alert_sources().values() if not source.follows_one]
    managed = _managed_ids(request)
    return render(
        request,
        "alerts/subscription_index.html",
        {
            "sources": sources,
            "subscriptions": selectors.subscriptions_of(managed) if managed else [],
            "link_form": ManageLinkForm(),
            "breadcrumb_trail": [(None, _("Ειδοποιήσεις"))],
        },
    )


def _source_or_404(key: str):
    source = alert_sources().get(key)
    if source is None:
        raise Http404
    return source


def _citizen_email(request) -> str:
    citizen = request.citizen
    if citizen is not None and citizen.email and citizen.email_verified_at:
        return citizen.email
    return ""


def _criteria_form(source, request):
    if request.method == "POST":
        return source.form_class(request.POST, prefix="criteria")
    initial = source.initial(request.GET)
    if source.follows_one:
        # The one thing followed comes with the link: check it at once, before any typing.
        data = {f"criteria-{name}": value for name, value in initial.items()}
        return source.form_class(data, prefix="criteria")
    return source.form_class(initial=initial, prefix="criteria")


@require_http_methods(["GET", "HEAD", "POST"])
def new(request, source: str):
    source_ = _source_or_404(source)
    if source_.follows_one and request.method != "POST" and not source_.initial(request.GET):
        # Following one thing starts from its page, which names it.
        return redirect("alerts:index")
    criteria_form = _criteria_form(source_, request)
    if request.method == "POST":
        hit(request, "alerts-subscribe", SUBSCRIBE_RATE)
        form = SubscribeForm(request.POST)
    else:
        form = SubscribeForm(initial={"email": _citizen_email(request)})
    if request.method == "POST" and form.is_valid() and criteria_form.is_valid():
        email = form.cleaned_data["email"]
        hit_identity(token_hash(email.casefold()), "alerts-email", EMAIL_RATE)
        try:
            subscribed = services.subscription_create(
                source=source_.key,
                criteria=criteria_form.criteria(),
                frequency=form.cleaned_data["frequency"],
                email=email,
                language=get_language(),
                citizen=request.citizen,
            )
        except services.AlertError as error:
            form.add_error(None, error.message)
        else:
            state = "pending" if subscribed.needs_confirmation else "active"
            return redirect(f"{reverse('alerts:subscribed')}?state={state}")
    followed = source_.follows_one and criteria_form.is_bound and criteria_form.is_valid()
    invalid = form.errors or (criteria_form.is_bound and criteria_form.errors)
    return render(
        request,
        "alerts/subscription_form.html",
        {
            "source": source_,
            "form": form,
            "criteria_form": criteria_form,
            "followed": source_.describe(criteria_form.criteria()) if followed else [],
            "signed_in_email": _citizen_email(request),
            "breadcrumb_trail": _crumbs((None, source_.label)),
        },
        status=400 if invalid else 200,
    )


@require_safe
def subscribed(request):
    return render(
        request,
        "alerts/subscription_done.html",
        {
            "pending": request.GET.get("state") != "active",
            "breadcrumb_trail": _crumbs((None, _("Η εγγραφή καταχωρίστηκε"))),
        },
    )


def _link_gone(request, message: str):
    response = render(
        request,
        "alerts/subscription_link_gone.html",
        {
            "message": message,
            "link_form": ManageLinkForm(),
            "breadcrumb_trail": _crumbs((None, _("Ο σύνδεσμος δεν ισχύει"))),
        },
        status=404,
    )
    return _private(response)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    """The double opt-in link: a page with a button, so that a mail scanner that follows
    links does not confirm on the person's behalf."""
    hit(request, "alerts-link", LINK_RATE)
    if request.method == "POST":
        try:
            subscription = services.subscription_confirm(token=token)
        except services.AlertError as error:
            return _link_gone(request, error.message)
        return _private(
            render(
                request,
                "alerts/subscription_confirmed.html",
                {
                    "subscription": subscription,
                    "source": alert_sources()[subscription.source],
                    "breadcrumb_trail": _crumbs((None, _("Η ειδοποίηση ενεργοποιήθηκε"))),
                },
            )
        )
    pending = selectors.subscription_by_confirmation(token)
    if pending is None:
        return _link_gone(
            request,
            _("Ο σύνδεσμος επιβεβαίωσης δεν ισχύει: χρησιμοποιήθηκε ήδη ή έληξε. Εγγραφείτε ξανά."),
        )
    return _private(
        render(
            request,
            "alerts/subscription_confirm.html",
            {
                "subscription": pending,
                "source": alert_sources()[pending.source],
                "breadcrumb_trail": _crumbs((None, _("Επιβεβαίωση"))),
            },
        )
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """The unsubscribe link of every email; a POST is RFC 8058's one-click unsubscribe.

    Exempt from CSRF on purpose: mail providers POST `List-Unsubscribe=One-Click`
    with no session and no cookie. The token authorises it, and a second POST
    changes nothing.
    """
    hit(request, "alerts-link", LINK_RATE)
    gone = _(
        "Ο σύνδεσμος κατάργησης δεν ισχύει πια. Αν λαμβάνετε ακόμη ειδοποιήσεις, "
        "ζητήστε σύνδεσμο διαχείρισης παρακάτω."
    )
    if request.method == "POST":
        cancelled = services.delivery_unsubscribe(token=token)
        if cancelled is None:
            return _link_gone(request, gone)
        return _private(
            render(
                request,
                "alerts/subscription_unsubscribed.html",
                {"breadcrumb_trail": _crumbs((None, _("Κατάργηση")))},
            ),
            has_form=False,
        )
    delivery = selectors.delivery_by_token(token)
    if delivery is None:
        return _link_gone(request, gone)
    return _private(
        render(
            request,
            "alerts/subscription_unsubscribe.html",
            {
                "subscriptions": selectors.subscriptions_of([delivery.subscriber_id]).filter(
                    pk__in=delivery.subscription_ids
                ),
                "breadcrumb_trail": _crumbs((None, _("Κατάργηση"))),
            },
        )
    )


@require_safe
def manage_link(request, token: str):
    """The management link of an email: remember the address in the session, leave the URL."""
    hit(request, "alerts-link", LINK_RATE)
    delivery = selectors.delivery_by_token(token)
    if delivery is None:
        return _link_gone(
            request, _("Ο σύνδεσμος διαχείρισης δεν ισχύει πια. Ζητήστε νέο παρακάτω.")
        )
    granted = [
        subscriber_id
        for subscriber_id in request.session.get(MANAGED_SESSION_KEY, [])
        if subscriber_id != delivery.subscriber_id
    ]
    request.session[MANAGED_SESSION_KEY] = [delivery.subscriber_id, *granted][:MAX_MANAGED]
    return _private(redirect("alerts:manage"), has_form=False)


def _manage_page(request, *, error: str = "", status: int = 200):
    managed = _managed_ids(request)
    return _private(
        render(
            request,
            "alerts/subscription_manage.html",
            {
                "subscriptions": selectors.subscriptions_of(managed),
                "managed": bool(managed),
                "error": error,
                "frequency_form": FrequencyForm(),
                "breadcrumb_trail": _crumbs((None, _("Οι ειδοποιήσεις μου"))),
            },
            status=status,
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request):
    """Every live alert of the addresses this browser may manage: change or cancel them."""
    if request.method != "POST":
        return _manage_page(request)
    hit(request, "alerts-manage", MANAGE_RATE)
    managed = _managed_ids(request)
    subscription = (
        selectors.subscriptions_of(managed)
        .filter(pk=_integer(request.POST.get("subscription")))
        .first()
    )
    if subscription is None:
        return _manage_page(
            request, error=_("Η ειδοποίηση δεν βρέθηκε στις δικές σας."), status=400
        )
    action = request.POST.get("action")
    if action == "cancel":
        services.subscription_cancel(subscription=subscription, how="management page")
        return redirect("alerts:manage")
    form = FrequencyForm(request.POST)
    if action == "frequency" and form.is_valid():
        services.subscription_set_frequency(
            subscription=subscription, frequency=form.cleaned_data["frequency"]
        )
        return redirect("alerts:manage")
    return _manage_page(
        request, error=_("Επιλέξτε πόσο συχνά θέλετε να λαμβάνετε ειδοποιήσεις."), status=400
    )


def _integer(value) -> int:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else 0


@require_POST
def manage_request(request):
    """Email an address the link to its alerts; the answer is the same whether it has any."""
    hit(request, "alerts-subscribe", SUBSCRIBE_RATE)
    form = ManageLinkForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"].strip()
        hit_identity(token_hash(email.casefold()), "alerts-email", EMAIL_RATE)
        services.manage_link_send(email=email)
        return render(
            request,
            "alerts/subscriber_link_sent.html",
            {"breadcrumb_trail": _crumbs((None, _("Σύνδεσμος διαχείρισης")))},
        )
    return render(
        request,
        "alerts/subscription_index.html",
        {
            "sources": [s for s in alert_sources().values() if not s.follows_one],
            "subscriptions": [],
            "link_form": form,
            "breadcrumb_trail": [(None, _("Ειδοποιήσεις"))],
        },
        status=400,
    )
