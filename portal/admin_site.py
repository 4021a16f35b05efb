from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.municipality import municipality


class PortalAdminSite(admin.AdminSite):
    """The back office, branded for the municipality."""

    site_title = _("Διαχείριση Διαφάνειας")
    index_title = _("Διαχείριση πύλης διαφάνειας")
    site_url = "/"

    # A property: the name follows the configured municipality and the language.
    @property
    def site_header(self) -> str:  # type: ignore[override]
        return gettext("%(municipality)s — Διαφάνεια") % {"municipality": municipality().name}
