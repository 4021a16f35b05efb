"""Review reminders: a procedure not checked for GUIDE_REVIEW_MONTHS reminds its unit's editors.

The daily timer runs `manage.py guide_review_reminders`, which queues the task;
the worker runs `procedure_review_reminders_send`. Each due procedure is
reminded once per review: the review date it was reminded for is stored, and
a new review (a later `last_reviewed_on`) starts the clock again.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from complaints.retention import months_before
from guide.models import Procedure
from guide.selectors import department_editors, due_for_review
from portal.municipality import municipality
from portal.services import audit_log
from portal.tasks import send_email_on_commit


def procedure_review_reminders_send(*, today: date | None = None, months: int | None = None) -> int:
    """Email each unit's editors the list of their procedures due for review; return how many.

    A unit without editors with an email address is skipped and its procedures
    stay due, so that they are reminded once someone can receive it.
    """
    today = today or timezone.localdate()
    months = settings.GUIDE_REVIEW_MONTHS if months is None else months
    reminded = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        cutoff = months_before(datetime.combine(today, time()), months).date()
        due = list(due_for_review(cutoff=cutoff).select_for_update(of=("self",)))
        by_department: dict[int, list[Procedure]] = {}
        for procedure in due:
            by_department.setdefault(procedure.department_id, []).append(procedure)
        editors = department_editors(list(by_department))
        for department_id, procedures in by_department.items():
            recipients = editors.get(department_id, [])
            if not recipients:
                continue
            _send(procedures, recipients, months)
            for procedure in procedures:
                procedure.review_reminded_for = procedure.last_reviewed_on
            Procedure.objects.bulk_update(procedures, ["review_reminded_for"])
            reminded += len(procedures)
            audit_log(
                actor=None,
                action="guide.procedure.review_reminded",
                obj=procedures[0].department,
                data={"procedures": [p.pk for p in procedures], "recipients": len(recipients)},
            )
    return reminded


def _send(procedures: list[Procedure], recipients: list[str], months: int) -> None:
    department = procedures[0].department
    context = {
        "department": department,
        "procedures": procedures,
        "months": months,
        "site_url": settings.SITE_URL,
        "municipality": municipality(),
    }
    subject = ngettext(
        "Έλεγχος διαδικασίας του Οδηγού του Δημότη: %(count)d διαδικασία της υπηρεσίας σας",
        "Έλεγχος διαδικασιών του Οδηγού του Δημότη: %(count)d διαδικασίες της υπηρεσίας σας",
        len(procedures),
    ) % {"count": len(procedures)}
    send_email_on_commit(
        subject=subject,
        body=render_to_string("guide/email/review_reminder.txt", context),
        to=recipients,
    )
