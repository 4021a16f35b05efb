"""Writes of the Citizen's Guide: every save keeps a version, every write an audit entry.

Procedures are edited in the admin (its form and inlines save the rows) and
then recorded here: `procedure_record_save` checks the editor's unit, refreshes
the search document and keeps the version. The ΜΙΤΟΣ import and the review
reminders live in their own modules and are re-exported here.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guide import mitos
from guide.errors import GuideError
from guide.models import (
    Article,
    Channel,
    CharterVersion,
    Evidence,
    LegalResource,
    Procedure,
    ProcedureVersion,
    Status,
    VersionStatus,
)
from guide.reminders import procedure_review_reminders_send
from guide.selectors import may_edit_department, mitos_department_index, mitos_life_event_index
from guide.versions import snapshot
from portal.services import audit_log
from portal.types import Actor

__all__ = [
    "ImportReport",
    "charter_version_copy",
    "charter_version_publish",
    "procedure_mark_reviewed",
    "procedure_record_save",
    "procedure_review_reminders_send",
    "procedure_transition",
    "procedures_import",
]


def _check_scope(procedure: Procedure, actor: Actor | None) -> None:
    if actor is not None and not may_edit_department(actor, procedure.department):
        raise GuideError(_("Επεξεργάζεστε μόνο τις διαδικασίες της υπηρεσίας σας."))


def _record_version(procedure: Procedure, actor: Actor | None) -> ProcedureVersion:
    """Keep the procedure as it now stands as its next version; name what changed."""
    # Lock the procedure row: two editors saving at once still get two numbered versions.
    locked = Procedure.objects.select_for_update().only("pk", "version").get(pk=procedure.pk)
    current = snapshot(procedure)
    previous = (
        ProcedureVersion.objects.filter(procedure=procedure, number=locked.version)
        .values_list("snapshot", flat=True)
        .first()
    )
    changed = sorted(
        key
        for key in current.keys() | (previous or {}).keys()
        if previous is None or current.get(key) != previous.get(key)
    )
    procedure.version = locked.version + 1
    Procedure.objects.filter(pk=procedure.pk).update(version=procedure.version)
    user = actor if actor is not None and actor.is_authenticated else None
    return ProcedureVersion.objects.create(
        procedure=procedure,
        number=procedure.version,
        saved_by=user,
        saved_by_username=user.get_username() if user else "",
        changed_fields=changed if previous is not None else [],
        snapshot=current,
    )


def procedure_record_save(
    *, procedure: Procedure, actor: Actor | None, created: bool
) -> ProcedureVersion:
    """Record a procedure the admin (or an import) has just saved with its documents.

    Refuses a unit the editor does not belong to; refreshes the search document;
    keeps the new version and writes the audit entry, in one transaction.
    """
    with transaction.atomic():
        _check_scope(procedure, actor)
        procedure.refresh_search_document()
        Procedure.objects.filter(pk=procedure.pk).update(search_document=procedure.search_document)
        version = _record_version(procedure, actor)
        audit_log(
            actor=actor,
            action="guide.procedure.created" if created else "guide.procedure.changed",
            obj=procedure,
            data={"version": version.number, "fields": version.changed_fields},
        )
    return version


def procedure_transition(*, procedure: Procedure, to: str, actor: Actor) -> Procedure:
    """Publish, withdraw or return a procedure to draft, as its transition map allows."""
    with transaction.atomic():
        procedure = (
            Procedure.objects.select_for_update().select_related("department").get(pk=procedure.pk)
        )
        _check_scope(procedure, actor)
        if not procedure.can_move_to(to):
            raise GuideError(
                _("Η διαδικασία «%(title)s» δεν μπορεί να γίνει «%(status)s» από «%(current)s».")
                % {
                    "title": procedure.title,
                    "status": Status(to).label if to in Status.values else to,
                    "current": procedure.get_status_display(),
                }
            )
        previous = procedure.status
        procedure.status = to
        procedure.save(update_fields=["status", "updated_at"])
        version = _record_version(procedure, actor)
        audit_log(
            actor=actor,
            action=f"guide.procedure.{to}",
            obj=procedure,
            data={"from": previous, "to": to, "version": version.number},
        )
    return procedure


def procedure_mark_reviewed(
    *, procedure: Procedure, actor: Actor, on: date | None = None
) -> Procedure:
    """Record that the unit checked the procedure is still right (resets the reminder)."""
    with transaction.atomic():
        procedure = (
            Procedure.objects.select_for_update().select_related("department").get(pk=procedure.pk)
        )
        _check_scope(procedure, actor)
        procedure.last_reviewed_on = on or timezone.localdate()
        procedure.save(update_fields=["last_reviewed_on", "updated_at"])
        version = _record_version(procedure, actor)
        audit_log(
            actor=actor,
            action="guide.procedure.reviewed",
            obj=procedure,
            data={"on": procedure.last_reviewed_on.isoformat(), "version": version.number},
        )
    return procedure


# --- charters and regulations -------------------------------------------------------------------


def charter_version_publish(*, version: CharterVersion, actor: Actor) -> CharterVersion:
    """Publish a draft version: from then on it is the record of what was adopted."""
    with transaction.atomic():
        version = (
            CharterVersion.objects.select_for_update().select_related("charter").get(pk=version.pk)
        )
        if not version.can_move_to(VersionStatus.PUBLISHED):
            raise GuideError(
                _("Η έκδοση %(number)d έχει ήδη δημοσιευθεί.") % {"number": version.number}
            )
        if version.effective_on is None:
            raise GuideError(_("Συμπληρώστε από πότε ισχύει η έκδοση πριν τη δημοσιεύσετε."))
        if not version.articles.exists():
            raise GuideError(_("Μια έκδοση χωρίς άρθρα δεν δημοσιεύεται."))
        version.status = VersionStatus.PUBLISHED
        version.save(update_fields=["status"])
        audit_log(
            actor=actor,
            action="guide.charterversion.published",
            obj=version,
            data={"charter": version.charter.slug, "number": version.number},
        )
    return version


def charter_version_copy(*, version: CharterVersion, actor: Actor) -> CharterVersion:
    """Start a new draft version from an existing one, with its articles, to amend it."""
    with transaction.atomic():
        last = (
            CharterVersion.objects.select_for_update()
            .filter(charter_id=version.charter_id)
            .order_by("-number")
            .first()
        )
        draft = CharterVersion.objects.create(
            charter_id=version.charter_id,
            number=(last.number if last else 0) + 1,
            status=VersionStatus.DRAFT,
        )
        Article.objects.bulk_create(
            Article(version=draft, number=article.number, title=article.title, body=article.body)
            for article in version.articles.all()
        )
        audit_log(
            actor=actor,
            action="guide.charterversion.created",
            obj=draft,
            data={"from_version": version.number},
        )
    return draft


# --- import from ΜΙΤΟΣ --------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do): titles created and updated, or errors."""

    dry_run: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[mitos.RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def procedures_import(*, data: bytes, actor: Actor, dry_run: bool) -> ImportReport:
    """Import procedures from a ΜΙΤΟΣ JSON file: all of them, or none if any row is wrong.

    New procedures arrive as drafts, reviewed today; a procedure already here
    (same ΜΙΤΟΣ code, or same title) is updated with its documents replaced.
    A dry run checks everything and writes nothing. Raises GuideError for a
    file that is not ΜΙΤΟΣ JSON at all.
    """
    records = mitos.parse(data)
    report = ImportReport(dry_run=dry_run)
    rows, report.errors = mitos.validate(
        records,
        departments=mitos_department_index(),
        life_events=mitos_life_event_index(),
        allowed=lambda department: may_edit_department(actor, department),
    )
    if report.errors:
        return report
    for row in rows:
        (report.updated if row.existing else report.created).append(row.fields["title"])
    if dry_run:
        return report
    with transaction.atomic():
        for row in rows:
            try:
                _import_row(row, actor)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    report.errors.append(mitos.RowError(row.row, name, " ".join(messages)))
        if report.errors:
            # All or nothing: one row the database refuses undoes the rows before it.
            transaction.set_rollback(True)
            report.created, report.updated = [], []
            return report
        audit_log(
            actor=actor,
            action="guide.procedure.imported",
            data={"created": len(report.created), "updated": len(report.updated)},
        )
    return report


def _import_row(row: mitos.Record, actor: Actor) -> None:
    created = row.existing is None
    if row.existing is None:
        procedure = Procedure(last_reviewed_on=timezone.localdate(), **row.fields)
    else:
        procedure = Procedure.objects.select_for_update().get(pk=row.existing.pk)
        for name, value in row.fields.items():
            setattr(procedure, name, value)
    procedure.full_clean(exclude=["slug"] if not created else None)
    procedure.refresh_search_document()
    procedure.save()
    procedure.life_events.set(row.life_events)
    # The documents, legal basis and channels are replaced by the file's.
    Evidence.objects.filter(procedure=procedure).delete()
    Evidence.objects.bulk_create(
        Evidence(procedure=procedure, position=n, **item) for n, item in enumerate(row.evidence)
    )
    LegalResource.objects.filter(procedure=procedure).delete()
    LegalResource.objects.bulk_create(
        LegalResource(procedure=procedure, position=n, **item)
        for n, item in enumerate(row.legal_resources)
    )
    Channel.objects.filter(procedure=procedure).delete()
    Channel.objects.bulk_create(
        Channel(procedure=procedure, position=n, **item) for n, item in enumerate(row.channels)
    )
    version = _record_version(procedure, actor)
    audit_log(
        actor=actor,
        action="guide.procedure.created" if created else "guide.procedure.changed",
        obj=procedure,
        data={"version": version.number, "fields": version.changed_fields, "source": "ΜΙΤΟΣ"},
    )
