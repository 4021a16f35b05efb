"""Public pages of the appointments app: choose, book, confirm, move, cancel."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from appointments import selectors, services
from appointments.forms import (
    BookingDetailsForm,
    CitizenCancelForm,
    MoveForm,
    parse_day,
    parse_start,
)
from appointments.ics import booking_ics
from appointments.models import BookingSource
from portal.ratelimit import hit, ratelimit

PICKER_DAYS = 14
SESSION_KEY = "appointments_booked"
# Bookings this browser may manage: reference -> token. The private link's token
# is moved here on the first visit, so that it leaves the address bar.
MANAGED_SESSION_KEY = "appointments_managed"
BOOK_RATE = "20/h"
LINK_RATE = "30/h"


def _crumbs(*trail):
    return [(reverse("appointments:index"), _("Ραντεβού")), *trail]


def index(request):
    services_ = list(selectors.service_detail_queryset())
    next_free = selectors.next_free_offers(services_)
    for service in services_:
        service.next_free = next_free.get(service.pk)
    return render(
        request,
        "appointments/service_list.html",
        {
            "services": services_,
            "breadcrumb_trail": [(None, _("Ραντεβού"))],
        },
    )


def _picker_context(request, service):
    """Days of the picker from ?from= (today by default), with links to move the window."""
    today = timezone.localdate()
    start = parse_day(request.GET.get("from")) or today
    start = min(max(start, today), today + timedelta(days=service.horizon_days))
    end = start + timedelta(days=PICKER_DAYS - 1)
    days = selectors.service_days(service, start=start, end=end)
    earlier = start - timedelta(days=PICKER_DAYS)
    later = end + timedelta(days=1)
    return {
        "days": days,
        "first_open": next((day.date for day in days if day.free_offers), None),
        "earlier": max(earlier, today) if start > today else None,
        "later": later if later <= today + timedelta(days=service.horizon_days) else None,
    }


def service_detail(request, slug):
    service = get_object_or_404(selectors.service_detail_queryset(), slug=slug)
    return render(
        request,
        "appointments/service_detail.html",
        {
            "service": service,
            **_picker_context(request, service),
            "breadcrumb_trail": _crumbs((None, service.name)),
        },
    )


def _alternatives(service, start):
    """Free times near a refused one: that day, or the next days with free places."""
    day = timezone.localdate(start)
    days = selectors.service_days(service, start=day, end=day + timedelta(days=PICKER_DAYS))
    return [day for day in days if day.free_offers][:2]


# Refusals after which the citizen should simply pick another time.
TIME_REFUSALS = {"slot_full", "not_bookable", "busy", "conflict"}


def _details_page(request, service, form, start, refused=None):
    """The details form, bound or not; after a refusal, its message and other free times."""
    if refused is not None:
        form.add_error(None, refused.message)
    alternatives = (
        _alternatives(service, start)
        if refused is not None and refused.code in TIME_REFUSALS and start
        else None
    )
    return render(
        request,
        "appointments/booking_form.html",
        {
            "service": service,
            "form": form,
            "start": start,
            "alternatives": alternatives,
            "breadcrumb_trail": _crumbs(
                (service.get_absolute_url(), service.name), (None, _("Τα στοιχεία σας"))
            ),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("appointments-book", BOOK_RATE)
def book(request, slug):
    """Give details for a chosen time (GET), check them (POST), confirm (POST confirm)."""
    service = get_object_or_404(selectors.service_detail_queryset(), slug=slug)
    if _needs_identity(request, service):
        return _sign_in_first(request, service)
    if request.method == "GET":
        return _book_start(request, service)
    form = _details_form(request, service, request.POST)
    if not form.is_valid():
        return _details_page(request, service, form, parse_start(request.POST.get("start", "")))
    start = form.cleaned_data["start"]
    if "edit" in request.POST:
        return _details_page(request, service, form, start)
    if "confirm" not in request.POST:
        refusal = selectors.booking_refusal(service, start)
        if refusal:
            refused = services.BookingRefused(refusal, "not_bookable")
            return _details_page(request, service, form, start, refused)
        return render(
            request,
            "appointments/booking_confirm.html",
            {
                "service": service,
                "form": form,
                "start": start,
                "breadcrumb_trail": _crumbs(
                    (service.get_absolute_url(), service.name), (None, _("Έλεγχος"))
                ),
            },
        )
    return _book_confirm(request, service, form)


def _needs_identity(request, service) -> bool:
    citizen = request.citizen
    return service.requires_identity and (citizen is None or not citizen.identity_verified)


def _sign_in_first(request, service):
    """An identity-required desk: sign in with TAXISnet, then come back to the chosen time."""
    messages.info(
        request,
        _(
            "Για ραντεβού στην υπηρεσία «%(service)s» χρειάζεται ταυτοποίηση: συνδεθείτε "
            "με τους κωδικούς TAXISnet."
        )
        % {"service": service.name},
    )
    back = request.get_full_path() if request.method == "GET" else service.get_absolute_url()
    return redirect(f"{reverse('accounts:index')}?{urlencode({'next': back})}")


def _details_form(request, service, data=None, initial=None):
    """The details form; a signed-in citizen's starts filled in, an identity desk's name fixed."""
    citizen = request.citizen
    if citizen is not None and data is None:
        initial = {
            "name": citizen.full_name,
            "email": citizen.email,
            "phone": citizen.phone,
            **(initial or {}),
        }
    form = BookingDetailsForm(data, initial=initial)
    if service.requires_identity and citizen is not None:
        form.fields["name"].disabled = True
        form.fields["name"].initial = citizen.full_name
        form.fields["name"].help_text = _("Όπως είναι γραμμένο στο TAXISnet.")
    return form


def _book_start(request, service):
    start = parse_start(request.GET.get("start", ""))
    if start is None:
        refusal = _("Επιλέξτε πρώτα ημέρα και ώρα ραντεβού.")
    elif selectors.slot_is_full(service, start):
        refusal = _("Η ώρα αυτή γέμισε. Επιλέξτε μια άλλη ώρα.")
    else:
        refusal = selectors.booking_refusal(service, start)
    if refusal:
        messages.error(request, refusal)
        return redirect(service)
    form = _details_form(
        request, service, initial={"start": start.isoformat(), "submission_key": uuid.uuid4()}
    )
    return _details_page(request, service, form, start)


def _book_confirm(request, service, form):
    data = form.cleaned_data
    try:
        result = services.appointment_book(
            service=service,
            starts_at=data["start"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            reason=data["reason"],
            submission_key=data["submission_key"],
            source=BookingSource.WEB,
            citizen=request.citizen,
        )
    except services.BookingRefused as refused:
        return _details_page(request, service, form, data["start"], refused)
    if not result.duplicate:
        request.session[SESSION_KEY] = {
            "reference": result.booking.reference,
            "token": result.token,
        }
        _remember_managed(request, result.booking.reference, result.token)
    return redirect("appointments:confirmation", reference=result.booking.reference)


@never_cache
def confirmation(request, reference):
    """Show the booking just made, to the browser that made it only."""
    booked = request.session.get(SESSION_KEY) or {}
    if booked.get("reference") != reference:
        raise Http404
    booking = selectors.booking_by_token(booked["token"])
    if booking is None:
        raise Http404
    return render(
        request,
        "appointments/booking_confirmation.html",
        {
            "booking": booking,
            "service": booking.service,
            "breadcrumb_trail": _crumbs((None, _("Επιβεβαίωση"))),
        },
    )


def _remember_managed(request, reference: str, token: str) -> None:
    managed = dict(request.session.get(MANAGED_SESSION_KEY) or {})
    managed[reference] = token
    request.session[MANAGED_SESSION_KEY] = managed


def _booking_or_404(request, reference):
    """The booking this browser opened with its private link, or one of the signed-in
    citizen's own; else Http404."""
    token = (request.session.get(MANAGED_SESSION_KEY) or {}).get(reference)
    booking = selectors.booking_by_token(token) if token else None
    if booking is None and request.citizen is not None:
        booking = selectors.citizen_booking(request.citizen, reference)
    if booking is None or booking.reference != reference:
        raise Http404
    return booking


def _link_gone(request):
    return render(
        request,
        "appointments/booking_link_gone.html",
        {"breadcrumb_trail": _crumbs((None, _("Το ραντεβού μου")))},
        status=404,
    )


@never_cache
def manage_link(request, token):
    """The private link from the email: remember it in the session, then leave the URL.

    Like the tracking link of complaints, the token is a password; the redirect
    keeps it off the address bar, the history and the access log of later pages.
    """
    hit(request, "appointments-link", LINK_RATE)
    booking = selectors.booking_by_token(token)
    if booking is None:
        return _link_gone(request)
    _remember_managed(request, booking.reference, token)
    response = redirect("appointments:manage", reference=booking.reference)
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def manage(request, reference):
    """The citizen's private page of a booking: details, move, cancel."""
    try:
        booking = _booking_or_404(request, reference)
    except Http404:
        return _link_gone(request)
    service = selectors.service_detail_queryset().get(pk=booking.service_id)
    return render(
        request,
        "appointments/booking_manage.html",
        {
            "booking": booking,
            "service": service,
            "cancel_form": CitizenCancelForm(),
            **_picker_context(request, service),
            "breadcrumb_trail": _crumbs((None, _("Το ραντεβού μου"))),
        },
    )


@never_cache
@require_POST
def manage_cancel(request, reference):
    try:
        booking = _booking_or_404(request, reference)
    except Http404:
        return _link_gone(request)
    form = CitizenCancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        booking = services.booking_cancel(booking=booking, reason=reason)
    except services.BookingRefused:
        return _link_gone(request)
    return render(
        request,
        "appointments/booking_cancelled.html",
        {
            "booking": booking,
            "service": booking.service,
            "breadcrumb_trail": _crumbs((None, _("Ακύρωση ραντεβού"))),
        },
    )


@never_cache
@require_POST
def manage_move(request, reference):
    try:
        booking = _booking_or_404(request, reference)
    except Http404:
        return _link_gone(request)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Επιλέξτε νέα ημέρα και ώρα."))
        return redirect("appointments:manage", reference=reference)
    try:
        services.booking_move(booking=booking, starts_at=form.cleaned_data["start"])
    except services.BookingRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("Η ώρα του ραντεβού άλλαξε. Σας στείλαμε email με τα νέα στοιχεία.")
        )
    return redirect("appointments:manage", reference=reference)


@never_cache
def manage_ics(request, reference):
    try:
        booking = _booking_or_404(request, reference)
    except Http404:
        return _link_gone(request)
    response = HttpResponse(booking_ics(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rantevou-{booking.reference}.ics"'
    return response
