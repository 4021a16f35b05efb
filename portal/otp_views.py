"""The second sign-in step of the back office: enrolment (TOTP + recovery codes) and check.

A staff member who has given the right password but no one-time code reaches only
these pages (portal.signin.StaffSessionMiddleware sends them here and the admin site
asks for a verified session). The first time, they add the account to an
authenticator app from a QR code drawn here, confirm with a code and are shown ten
one-time recovery codes, once.
"""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.ratelimit import client_ip, count_failure, recent_failures
from portal.services import audit_log

RECOVERY_CODES = 10
#: Wrong codes allowed per user in the window before the step is closed for a while.
FAILURES_PER_USER = 10
FAILURE_WINDOW = 15 * 60


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Κωδικός μίας χρήσης"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


def _next_url(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _qr_svg(uri: str) -> str:
    """The QR code of an otpauth:// URI as inline <svg> markup (no style attributes)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def _context(site, request, **extra):
    return {**site.each_context(request), "next": _next_url(request), **extra}


def _refused(request, user) -> bool:
    return recent_failures("otp-user", str(user.pk), FAILURE_WINDOW) >= FAILURES_PER_USER


def _failed(request, user, action: str) -> None:
    count_failure("otp-user", str(user.pk), FAILURE_WINDOW)
    audit_log(
        actor=user,
        action=action,
        data={"username": user.get_username(), "address": client_ip(request)},
    )


def _gate(request):
    """Redirect away unless a signed-in staff member is at this step; None when at it."""
    user = request.user
    if not user.is_authenticated or not user.is_staff or not user.is_active:
        return redirect(reverse("admin:login"))
    if user.is_verified():
        return redirect(_next_url(request))
    return None


@never_cache
@csrf_protect
@require_POST
def otp_logout(request):
    """Sign out from the second step (the admin's own sign-out needs a verified session)."""
    auth_logout(request)
    return redirect(reverse("admin:login"))


@never_cache
@csrf_protect
def otp_verify(request, site):
    if (response := _gate(request)) is not None:
        return response
    user = request.user
    if not any(devices_for_user(user)):
        return redirect(f"{reverse('admin:otp_setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _refused(request, user):
            form.add_error(None, _("Πάρα πολλοί λανθασμένοι κωδικοί. Δοκιμάστε ξανά σε 15 λεπτά."))
        elif (device := match_token(user, form.cleaned_data["token"])) is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                audit_log(
                    actor=user,
                    action="portal.otp.recovery_code_used",
                    data={"username": user.get_username(), "address": client_ip(request)},
                )
            return redirect(_next_url(request))
        else:
            _failed(request, user, "portal.otp.failed")
            form.add_error(
                "token",
                _("Ο κωδικός δεν είναι σωστός ή έχει λήξει. Πληκτρολογήστε τον τρέχοντα κωδικό."),
            )
    return TemplateResponse(
        request,
        "admin/otp_verify.html",
        _context(site, request, form=form, title=_("Επιβεβαίωση σύνδεσης")),
    )


@never_cache
@csrf_protect
def otp_setup(request, site):
    if (response := _gate(request)) is not None:
        return response
    user = request.user
    if any(devices_for_user(user)):
        return redirect(f"{reverse('admin:otp_verify')}?{request.GET.urlencode()}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _refused(request, user):
            form.add_error(None, _("Πάρα πολλοί λανθασμένοι κωδικοί. Δοκιμάστε ξανά σε 15 λεπτά."))
        elif device.verify_token(form.cleaned_data["token"]):
            codes = _enrol(request, user, device)
            return TemplateResponse(
                request,
                "admin/otp_recovery_codes.html",
                _context(site, request, codes=codes, title=_("Κωδικοί ανάκτησης")),
            )
        else:
            _failed(request, user, "portal.otp.failed")
            form.add_error(
                "token",
                _("Ο κωδικός δεν είναι σωστός ή έχει λήξει. Πληκτρολογήστε τον τρέχοντα κωδικό."),
            )
    uri = device.config_url
    return TemplateResponse(
        request,
        "admin/otp_setup.html",
        _context(
            site,
            request,
            form=form,
            title=_("Ρύθμιση δεύτερου βήματος σύνδεσης"),
            qr_svg=mark_safe(_qr_svg(uri)),  # noqa: S308 - drawn here by qrcode, no user text
            secret=base64.b32encode(device.bin_key).decode(),
        ),
    )


def _enrol(request, user, device) -> list[str]:
    """Confirm the device, create fresh recovery codes, mark the session verified."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        StaticDevice.objects.filter(user=user).delete()
        static = StaticDevice.objects.create(user=user, name="recovery")
        codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
        audit_log(
            actor=user,
            action="portal.otp.enrolled",
            obj=user,
            data={"username": user.get_username(), "address": client_ip(request)},
        )
    otp_login(request, device)
    return codes
