"""Writes of the budget: revisions. Each is one transaction with its audit entry."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from budget.errors import BudgetError
from budget.imports import ImportReport, execution_import  # the monthly import, split off
from budget.models import Change, Line, Revision, Year
from portal.services import audit_log
from portal.types import Actor


@transaction.atomic
def revision_create(
    *,
    year: Year,
    ada: str,
    decided_on: date,
    subject: str,
    changes: Mapping[Line, Decimal],
    actor: Actor,
) -> Revision:
    """Record a council's revision: the lines it changes and by how much (signed amounts)."""
    if not changes:
        raise BudgetError(_("Η αναμόρφωση δεν μεταβάλλει καμία γραμμή."))
    if decided_on.year != year.year:
        raise BudgetError(_("Η απόφαση αναμόρφωσης πρέπει να είναι του ίδιου οικονομικού έτους."))
    for line in changes:
        if line.year_id != year.pk:
            raise BudgetError(
                _("Η γραμμή %(code)s δεν ανήκει στον προϋπολογισμό %(year)s.")
                % {"code": line.code, "year": year.year}
            )
    Year.objects.select_for_update().get(pk=year.pk)
    number = (year.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    revision = Revision.objects.create(
        year=year, number=number, ada=ada, decided_on=decided_on, subject=subject
    )
    Change.objects.bulk_create(
        Change(revision=revision, line=line, amount=amount)
        for line, amount in changes.items()
        if amount
    )
    audit_log(
        actor=actor,
        action="budget.revision.created",
        obj=revision,
        data={"ada": ada, "lines": len(changes)},
    )
    return revision


__all__ = ["ImportReport", "execution_import", "revision_create"]
