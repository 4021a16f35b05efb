"""Staff sign-in: wrong-password throttling, the audit trail of sign-ins, session lifetimes.

- Failed passwords are counted per username and per client address in the portal's
  rate-limit counters (shared by every worker); past the limit the sign-in form
  refuses even the right password, with a Greek message, until the window passes.
- Successful, failed and refused sign-ins and sign-outs go to the audit log with the
  username and the client's address; never the password.
- A staff session ends after 30 minutes idle and 12 hours in all; every session of a
  user ends when the account is deactivated (the user's session generation moves on,
  so reactivating it does not bring an old cookie back) or the password changes
  (Django's session hash).
- The second factor: an authenticated staff member whose session has not passed the
  one-time-password step reaches no admin page but that step (portal.otp_views).
"""

import hashlib
import time

from django.contrib import auth
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.models import SessionGeneration
from portal.ratelimit import client_ip, count_failure, recent_failures
from portal.services import audit_log

#: Wrong passwords allowed per username, and per client address, in FAILURE_WINDOW.
FAILURES_PER_USERNAME = 10
FAILURES_PER_ADDRESS = 30
FAILURE_WINDOW = 15 * 60

IDLE_TIMEOUT = 30 * 60
ABSOLUTE_TIMEOUT = 12 * 3600
#: How often (seconds) the idle clock is written back to the session.
IDLE_RESOLUTION = 60

SESSION_STARTED = "_portal_signed_in_at"
SESSION_SEEN = "_portal_seen_at"
SESSION_GENERATION = "_portal_generation"

THROTTLED_MESSAGE = _(
    "Πάρα πολλές αποτυχημένες προσπάθειες σύνδεσης. Για την ασφάλεια του λογαριασμού, "
    "η σύνδεση είναι κλειστή για 15 λεπτά. Δοκιμάστε ξανά αργότερα ή ζητήστε βοήθεια "
    "από τον διαχειριστή."
)

#: Admin URL names that a password-only session may reach.
_OTP_STEP_URLS = {"logout", "otp_logout", "otp_setup", "otp_verify"}


def _username_ident(username: str) -> str:
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]


def sign_in_throttled(request, username: str) -> bool:
    """True when this username or this client address failed too often lately."""
    return (
        recent_failures("login-user", _username_ident(username), FAILURE_WINDOW)
        >= FAILURES_PER_USERNAME
        or recent_failures("login-address", client_ip(request), FAILURE_WINDOW)
        >= FAILURES_PER_ADDRESS
    )


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in form, refusing a throttled username or address before any check."""

    error_messages = {**AdminAuthenticationForm.error_messages, "throttled": THROTTLED_MESSAGE}

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and sign_in_throttled(self.request, username):
            audit_log(
                actor=None,
                action="portal.auth.login_refused",
                data={"username": username[:150], "address": client_ip(self.request)},
            )
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        return super().clean()


def _generation(user_id: int) -> int:
    return (
        SessionGeneration.objects.filter(user_id=user_id)
        .values_list("generation", flat=True)
        .first()
        or 0
    )


@receiver(auth.signals.user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    address = client_ip(request) if request is not None else ""
    count_failure("login-user", _username_ident(username), FAILURE_WINDOW)
    if address:
        count_failure("login-address", address, FAILURE_WINDOW)
    audit_log(
        actor=None,
        action="portal.auth.login_failed",
        data={"username": username, "address": address},
    )


@receiver(auth.signals.user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now
    request.session[SESSION_GENERATION] = _generation(user.pk)
    if user.is_staff:
        request.session.set_expiry(IDLE_TIMEOUT)
    audit_log(
        actor=user,
        action="portal.auth.logged_in",
        data={"username": user.get_username(), "address": client_ip(request)},
    )


@receiver(auth.signals.user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    data = {"username": user.get_username(), "address": client_ip(request)}
    if reason := getattr(request, "_portal_signout_reason", ""):
        data["reason"] = reason
    audit_log(actor=user, action="portal.auth.logged_out", data=data)


@receiver(pre_save, sender=User)
def _next_generation_on_activation_change(sender, instance, update_fields=None, **kwargs):
    """Move the user's session generation on when the account is (de)activated."""
    if instance.pk is None or (update_fields is not None and "is_active" not in update_fields):
        return
    was_active = User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    if was_active is None or was_active == instance.is_active:
        return
    _, created = SessionGeneration.objects.get_or_create(
        user_id=instance.pk, defaults={"generation": 1}
    )
    if not created:
        SessionGeneration.objects.filter(user_id=instance.pk).update(generation=F("generation") + 1)


def _session_over(request, user) -> str:
    """Why this signed-in session must end now ("" when it may go on)."""
    session = request.session
    now = int(time.time())
    started = session.get(SESSION_STARTED)
    seen = session.get(SESSION_SEEN)
    if started is None or seen is None:
        return "unknown"
    if session.get(SESSION_GENERATION) != _generation(user.pk):
        return "revoked"
    if user.is_staff and now - started > ABSOLUTE_TIMEOUT:
        return "absolute"
    if user.is_staff and now - seen > IDLE_TIMEOUT:
        return "idle"
    if user.is_staff and now - seen >= IDLE_RESOLUTION:
        session[SESSION_SEEN] = now
        session.set_expiry(IDLE_TIMEOUT)
    return ""


class StaffSessionMiddleware:
    """End stale or revoked sessions; keep password-only sessions at the second-factor step.

    Place it after django_otp.middleware.OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and (reason := _session_over(request, user)):
            request._portal_signout_reason = reason
            auth.logout(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = request.user
        if (
            match is None
            or match.namespace != "admin"
            or match.url_name in _OTP_STEP_URLS
            or not user.is_authenticated
            or not user.is_staff
            or user.is_verified()
        ):
            return None
        from django_otp import devices_for_user

        step = "admin:otp_verify" if any(devices_for_user(user)) else "admin:otp_setup"
        target = request.get_full_path() if match.url_name != "login" else ""
        url = reverse(step)
        return redirect(f"{url}?{urlencode({'next': target})}" if target else url)
