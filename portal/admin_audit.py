"""A ModelAdmin whose history also goes to the portal's audit log."""

from portal.admin_base import PortalModelAdmin
from portal.services import audit_log


class AuditedAdmin(PortalModelAdmin):
    """Mirror the admin's own history of adds, changes and deletions into the audit log.

    For records edited as plain forms (departments, staff, categories, services): the
    entry is written in the save's transaction and names the changed fields and inline
    rows, as the admin's change message does, never their values. An admin whose saves
    go through a service that writes its own entry sets `audit_saves = False` and keeps
    only the deletions here.
    """

    audit_saves = True

    def _audit(self, request, obj, verb: str, changes=None) -> None:
        audit_log(
            actor=request.user,
            action=f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}",
            obj=obj,
            data={"changes": changes} if changes else None,
        )

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
