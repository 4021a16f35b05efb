from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    """The back office, branded for the municipality."""

    site_header = _("Δήμος Θεσσαλονίκης — Διαφάνεια")
    site_title = _("Διαχείριση Διαφάνειας")
    index_title = _("Διαχείριση πύλης διαφάνειας")
    site_url = "/"
