"""Email to citizens about their account, queued for after the commit."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import EmailLink, EmailLinkPurpose
from portal.municipality import municipality
from portal.tasks import send_email_on_commit


def send_email_link(link: EmailLink, *, secret: str, minutes: int) -> None:
    """The one-time link: sign in, or confirm the address for the account."""
    confirm = link.purpose == EmailLinkPurpose.CONFIRM
    context = {
        "municipality": municipality(),
        "confirm": confirm,
        "minutes": minutes,
        "url": settings.SITE_URL + reverse("accounts:email_link", kwargs={"secret": secret}),
    }
    subject = (
        _("Επιβεβαίωση email για τη θυρίδα σας — %(name)s")
        if confirm
        else _("Σύνδεση στη θυρίδα σας — %(name)s")
    )
    send_email_on_commit(
        subject=subject % {"name": municipality().name},
        body=render_to_string("accounts/email/link.txt", context),
        html=render_to_string("accounts/email/link.html", context),
        to=[link.email],
    )
