"""Email to citizens about their complaints, queued for after the commit."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from complaints.models import Complaint
from portal.municipality import municipality
from portal.tasks import send_email_on_commit


def citizen_addresses(complaint: Complaint) -> list[str]:
    """The citizen's email and those of complaints merged into this one as duplicates."""
    addresses = [complaint.citizen_email]
    addresses += complaint.duplicates.exclude(citizen_email="").values_list(
        "citizen_email", flat=True
    )
    return sorted({address for address in addresses if address})


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_receipt(complaint: Complaint, secret: str) -> None:
    context = {
        "municipality": municipality(),
        "complaint": complaint,
        "tracking_url": site_url(
            reverse(
                "complaints:track_link",
                kwargs={"protocol": complaint.protocol_number, "secret": secret},
            )
        ),
    }
    send_email_on_commit(
        subject=_("Αριθμός πρωτοκόλλου %(number)s — %(municipality)s")
        % {"number": complaint.protocol_number, "municipality": municipality().name},
        body=render_to_string("complaints/email/receipt.txt", context),
        html=render_to_string("complaints/email/receipt.html", context),
        to=[complaint.citizen_email],
    )


def send_update(complaint: Complaint, *, headline: str, message: str = "") -> None:
    context = {
        "municipality": municipality(),
        "complaint": complaint,
        "headline": headline,
        "message": message,
        "tracking_url": site_url(reverse("complaints:track")),
    }
    send_email_on_commit(
        subject=_("Το αίτημα %(number)s: %(headline)s")
        % {"number": complaint.protocol_number, "headline": headline},
        body=render_to_string("complaints/email/update.txt", context),
        html=render_to_string("complaints/email/update.html", context),
        to=citizen_addresses(complaint),
    )
