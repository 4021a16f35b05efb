from functools import partial

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.municipality import municipality


class PortalAdminSite(admin.AdminSite):
    """The back office, branded for the municipality.

    Only a session that passed both sign-in steps, the password and a one-time code
    (django-otp), has permission here; portal.signin.StaffSessionMiddleware sends a
    password-only session to the second step (portal.otp_views).
    """

    site_title = _("Διαχείριση Διαφάνειας")
    index_title = _("Διαχείριση πύλης διαφάνειας")
    site_url = "/"

    @property
    def login_form(self):
        from portal.signin import StaffAuthenticationForm

        return StaffAuthenticationForm

    # A property: the name follows the configured municipality and the language.
    @property
    def site_header(self) -> str:  # type: ignore[override]
        return gettext("%(municipality)s — Διαφάνεια") % {"municipality": municipality().name}

    def has_permission(self, request) -> bool:
        is_verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and is_verified is not None and is_verified()

    def get_urls(self):
        from portal import otp_views

        return [
            path("otp/verify/", partial(otp_views.otp_verify, site=self), name="otp_verify"),
            path("otp/setup/", partial(otp_views.otp_setup, site=self), name="otp_setup"),
            path("otp/logout/", otp_views.otp_logout, name="otp_logout"),
            *super().get_urls(),
        ]
