"""Writes of the disclosures app: publication workflow and drafting helpers."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosures.models import Declaration, Entry
from disclosures.resources import EntryResource, ImportOutcome, load_dataset, run_import
from portal.errors import DomainError
from portal.services import audit_log
from portal.types import Actor

Status = Declaration.Status


class DisclosureError(DomainError):
    """A request the declaration workflow refuses; the message is for the user."""


def _locked(declaration: Declaration) -> Declaration:
    return (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("official", "corrects")
        .get(pk=declaration.pk)
    )


def _set_status(declaration: Declaration, status: str) -> None:
    if not declaration.can_move_to(status):
        raise DisclosureError(
            _("Η κατάσταση της δήλωσης είναι ήδη «%(status)s».")
            % {"status": declaration.get_status_display()}
        )
    declaration.status = status


def declaration_publish(*, declaration: Declaration, actor: Actor) -> Declaration:
    """Make a draft declaration public; a correction needs its original published first."""
    with transaction.atomic():
        locked = _locked(declaration)
        _set_status(locked, Status.PUBLISHED)
        if locked.corrects and locked.corrects.status != Status.PUBLISHED:
            raise DisclosureError(
                _("Δημοσιεύστε πρώτα τη δήλωση που διορθώνεται («%(original)s»).")
                % {"original": locked.corrects}
            )
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
        audit_log(
            actor=actor,
            action="disclosures.declaration.published",
            obj=locked,
            data={"entries": locked.entries.count()},
        )
    return locked


def declaration_unpublish(
    *, declaration: Declaration, actor: Actor, reason: str = ""
) -> Declaration:
    """Withdraw a declaration to draft, unless a published correction relies on it."""
    with transaction.atomic():
        locked = _locked(declaration)
        _set_status(locked, Status.DRAFT)
        if locked.corrections.filter(status=Status.PUBLISHED).exists():
            raise DisclosureError(
                _("Η δήλωση έχει δημοσιευμένη διορθωτική· αποσύρετε πρώτα τη διορθωτική.")
            )
        locked.published_at = None
        locked.save(update_fields=["status", "published_at", "updated_at"])
        audit_log(
            actor=actor,
            action="disclosures.declaration.unpublished",
            obj=locked,
            data={"reason": reason[:500]},
        )
    return locked


def _copy_entries(source: Declaration, target: Declaration) -> int:
    copies = [
        Entry(**{**entry.copy_values(), "declaration": target})
        for entry in source.entries.order_by("section", "position", "id")
    ]
    Entry.objects.bulk_create(copies)
    return len(copies)


def previous_declaration(declaration: Declaration) -> Declaration | None:
    """Return the latest published declaration of the official for an earlier fiscal year."""
    return (
        Declaration.objects.filter(
            official_id=declaration.official_id,
            status=Status.PUBLISHED,
            fiscal_year__lt=declaration.fiscal_year,
        )
        .order_by("-fiscal_year", "-submitted_on", "-id")
        .first()
    )


def declaration_copy_previous_entries(*, declaration: Declaration, actor: Actor) -> int:
    """Fill an empty draft with the entries of the official's previous published declaration."""
    with transaction.atomic():
        locked = _locked(declaration)
        if locked.status != Status.DRAFT:
            raise DisclosureError(_("Μόνο σε πρόχειρη δήλωση αντιγράφονται εγγραφές."))
        if locked.entries.exists():
            raise DisclosureError(
                _("Η δήλωση έχει ήδη εγγραφές· η αντιγραφή γίνεται μόνο σε κενή δήλωση.")
            )
        source = previous_declaration(locked)
        if source is None:
            raise DisclosureError(
                _("Δεν υπάρχει δημοσιευμένη δήλωση του αιρετού για προηγούμενο έτος.")
            )
        copied = _copy_entries(source, locked)
        audit_log(
            actor=actor,
            action="disclosures.declaration.entries_copied",
            obj=locked,
            data={"source": source.pk, "entries": copied},
        )
    return copied


def declaration_start_next_year(*, previous: Declaration, actor: Actor) -> Declaration:
    """Open next fiscal year's draft annual declaration, pre-filled with these entries."""
    with transaction.atomic():
        locked = _locked(previous)
        if locked.status != Status.PUBLISHED:
            raise DisclosureError(
                _("Αφετηρία νέας δήλωσης μπορεί να είναι μόνο δημοσιευμένη δήλωση.")
            )
        fiscal_year = locked.fiscal_year + 1
        exists = (
            Declaration.objects.filter(official_id=locked.official_id, fiscal_year=fiscal_year)
            .exclude(kind=Declaration.Kind.CORRECTION)
            .exists()
        )
        if exists:
            raise DisclosureError(
                _("%(official)s: υπάρχει ήδη δήλωση για το φορολογικό έτος %(year)s.")
                % {"official": locked.official.name, "year": fiscal_year}
            )
        draft = Declaration.objects.create(
            official_id=locked.official_id,
            declaration_year=fiscal_year + 1,
            fiscal_year=fiscal_year,
            kind=Declaration.Kind.ANNUAL,
            submitted_on=timezone.localdate(),
        )
        copied = _copy_entries(locked, draft)
        audit_log(
            actor=actor,
            action="disclosures.declaration.created_from_previous",
            obj=draft,
            data={"source": locked.pk, "entries": copied},
        )
    return draft


def declaration_start_correction(*, original: Declaration, actor: Actor) -> Declaration:
    """Open a draft correction of a published declaration, pre-filled with its entries."""
    with transaction.atomic():
        locked = _locked(original)
        if locked.status != Status.PUBLISHED:
            raise DisclosureError(_("Διορθώνεται μόνο δημοσιευμένη δήλωση."))
        correction = Declaration.objects.create(
            official_id=locked.official_id,
            declaration_year=max(locked.declaration_year, timezone.localdate().year),
            fiscal_year=locked.fiscal_year,
            kind=Declaration.Kind.CORRECTION,
            corrects=locked,
            submitted_on=timezone.localdate(),
        )
        copied = _copy_entries(locked, correction)
        audit_log(
            actor=actor,
            action="disclosures.declaration.correction_started",
            obj=correction,
            data={"corrects": locked.pk, "entries": copied},
        )
    return correction


def entries_import(
    *, declaration: Declaration, text: str, dry_run: bool, actor: Actor, append: bool = False
) -> ImportOutcome:
    """Import entries from CSV text into a draft, all rows or none.

    A draft that already has entries takes more only with `append`, so a double
    submit does not import the file twice. Raise ValidationError when the file
    itself is unreadable and DisclosureError when the declaration refuses it.
    """
    with transaction.atomic():
        locked = _locked(declaration)
        if locked.status != Status.DRAFT:
            raise DisclosureError(_("Εγγραφές εισάγονται μόνο σε πρόχειρη δήλωση."))
        existing = locked.entries.count()
        if existing and not append:
            raise DisclosureError(
                _(
                    "Η δήλωση έχει ήδη %(count)d εγγραφές. Για να προστεθούν και αυτές, "
                    "επιλέξτε «Προσθήκη στις υπάρχουσες εγγραφές»."
                )
                % {"count": existing}
            )
        dataset = load_dataset(text)
        resource = EntryResource(declaration=locked)
        resource.next_position = locked.entries.aggregate(last=Max("position"))["last"] or 0
        outcome = run_import(resource, dataset, dry_run=dry_run)
        if outcome.saved:
            audit_log(
                actor=actor,
                action="disclosures.declaration.entries_imported",
                obj=locked,
                data={"rows": outcome.rows},
            )
    return outcome


def entries_save(
    *, declaration: Declaration, section: str, saved: list[Entry], deleted: list[Entry], actor
) -> None:
    """Save one section's edited entries: new ones go last, in order; audit the change."""
    with transaction.atomic():
        last = declaration.entries.aggregate(last=Max("position"))["last"] or 0
        for entry in saved:
            entry.section = section
            if entry.pk is None:
                last += 1
                entry.position = last
            entry.save()
        for entry in deleted:
            entry.delete()
        if saved or deleted:
            audit_log(
                actor=actor,
                action="disclosures.declaration.entries_changed",
                obj=declaration,
                data={"section": section, "saved": len(saved), "deleted": len(deleted)},
            )
