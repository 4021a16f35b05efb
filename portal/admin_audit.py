"""A ModelAdmin whose history also goes to the portal's audit log."""

from django.db import models

from portal.admin_base import PortalModelAdmin
from portal.services import audit_log

# Fields whose values never enter the audit log (their names do), whatever the model:
# contact details and secrets. A model adds its own in PERSONAL_FIELDS (portal.privacy).
PERSONAL_FIELD_NAMES = frozenset(
    {"password", "email", "owner_email", "phone", "first_name", "last_name", "username"}
)


def _plain(value):
    """A form value as JSON: records by primary key, collections as sorted lists."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (models.QuerySet, list, tuple, set, frozenset)):
        return sorted((_plain(item) for item in value), key=str)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def changed_values(form) -> dict:
    """Before and after of the form's changed fields; names only for personal ones."""
    model = form._meta.model
    personal = PERSONAL_FIELD_NAMES | set(getattr(model, "PERSONAL_FIELDS", ()))
    values, hidden = {}, []
    for name in form.changed_data:
        if name in personal:
            hidden.append(name)
            continue
        before = form[name].initial
        values[name] = {"before": _plain(before), "after": _plain(form.cleaned_data.get(name))}
    return {"values": values, "personal_fields": hidden}


class AuditedAdmin(PortalModelAdmin):
    """Mirror the admin's own history of adds, changes and deletions into the audit log.

    For records edited as plain forms (departments, staff, categories, services): the
    entry is written in the save's transaction and names the changed fields and inline
    rows, as the admin's change message does, with before and after values of the
    changed non-personal fields (personal ones by name only). An admin whose saves
    go through a service that writes its own entry sets `audit_saves = False` and keeps
    only the deletions here.
    """

    audit_saves = True

    def _audit(self, request, obj, verb: str, changes=None) -> None:
        data = {"changes": changes} if changes else {}
        if verb == "changed":
            data.update(getattr(request, "_audit_values", {}))
        audit_log(
            actor=request.user,
            action=f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}",
            obj=obj,
            data=data or None,
        )

    def construct_change_message(self, request, form, formsets, add=False):
        if not add and form.is_bound and hasattr(form, "_meta"):
            request._audit_values = changed_values(form)
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request, obj, message):
        if self.audit_saves:
            self._audit(request, obj, "created", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if self.audit_saves:
            self._audit(request, obj, "changed", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "deleted")
        return super().log_deletions(request, queryset)


class AuditedExportMixin:
    """Audit every export of django-import-export's admin: who, which model, how many rows.

    Every admin with `ExportMixin` (or `ImportExportModelAdmin`) puts this before it in
    its bases; the export page and the export action both build their data here.
    `tests/portal/test_admin_audit.py` checks that no registered admin is left out.
    """

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        opts = self.model._meta
        audit_log(
            actor=request.user,
            action=f"{opts.app_label}.{opts.model_name}.exported",
            data={"what": "admin export", "rows": len(data), "columns": list(data.headers or [])},
        )
        return data
