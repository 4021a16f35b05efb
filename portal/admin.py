from django import forms
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_audit import AuditedAdmin
from portal.admin_base import PortalModelAdmin
from portal.models import (
    ApiKey,
    AuditEntry,
    BlockedSender,
    Department,
    OrganisationDecision,
    StaffProfile,
)
from portal.services import api_key_create, otp_devices_reset
from portal.uploads import PDF, check_upload


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["name", "kind", "parent", "email", "is_active", "position"]
    list_filter = ["is_active", "kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_en", "summary", "responsibilities"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


class OrganisationDecisionForm(forms.ModelForm):
    class Meta:
        model = OrganisationDecision
        fields = ["title", "gazette", "ada", "decided_on", "pdf", "pdf_url", "is_current"]

    def clean_pdf(self):
        uploaded = self.cleaned_data.get("pdf")
        if uploaded and hasattr(uploaded, "content_type"):
            return check_upload(uploaded, allowed=(PDF,))
        return uploaded


@admin.register(OrganisationDecision)
class OrganisationDecisionAdmin(AuditedAdmin):
    """The decision that adopted the ΟΕΥ: the organisation chart links the current one."""

    form = OrganisationDecisionForm
    list_display = ["title", "gazette", "ada", "decided_on", "is_current"]
    list_filter = ["is_current"]


@admin.register(StaffProfile)
class StaffProfileAdmin(AuditedAdmin):
    list_display = ["user", "department"]
    list_filter = [("department", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "department__name"]
    list_select_related = ["user", "department"]
    autocomplete_fields = ["user", "department"]


@admin.register(AuditEntry)
class AuditEntryAdmin(PortalModelAdmin):
    """The audit log: read-only, for everyone who may see it."""

    list_display = ["created_at", "actor_username", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "object_repr", "object_id", "actor_username"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type"]
    readonly_fields = [
        "created_at",
        "actor",
        "actor_username",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "data",
    ]
    show_full_result_count = False

    def get_urls(self):
        from django.urls import path

        from portal.admin_personal_data import personal_data_view

        view = self.admin_site.admin_view(lambda request: personal_data_view(self, request))
        return [path("personal-data/", view, name="portal_personal_data"), *super().get_urls()]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(AuditedAdmin):
    """API keys: the plain key is shown once, right after creation."""

    audit_saves = False  # api_key_create records the creation; revocations are below

    list_display = [
        "name",
        "owner",
        "prefix",
        "is_active",
        "hourly_quota",
        "created_at",
        "last_used_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "owner", "owner_email", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = [
        "name",
        "owner",
        "owner_email",
        "is_active",
        "hourly_quota",
        "prefix",
        "created_at",
        "last_used_at",
    ]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        key, plain = api_key_create(
            name=obj.name,
            owner=obj.owner,
            owner_email=obj.owner_email,
            hourly_quota=obj.hourly_quota,
            actor=request.user,
        )
        obj.pk = key.pk
        obj.prefix = key.prefix
        messages.warning(
            request,
            _("Το νέο κλειδί είναι: %(key)s — αντιγράψτε το τώρα· δεν θα εμφανιστεί ξανά.")
            % {"key": plain},
        )

    def log_change(self, request, obj, message):
        self._audit(request, obj, "changed", message)
        return super().log_change(request, obj, message)


# Who may do what is the most sensitive thing the back office changes: staff
# accounts and roles are audited like everything else.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(AuditedAdmin, auth_admin.UserAdmin):
    actions = ["reset_second_factor"]

    @admin.action(
        description=gettext_lazy("Επαναφορά δεύτερου βήματος σύνδεσης (νέα εγγραφή κινητού)"),
        permissions=["reset_second_factor"],
    )
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            otp_devices_reset(user=user, actor=request.user)
        self.message_user(
            request,
            _(
                "Το δεύτερο βήμα σύνδεσης επαναφέρθηκε για %(count)d λογαριασμούς· "
                "θα το ρυθμίσουν ξανά στην επόμενη σύνδεσή τους."
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

    def has_reset_second_factor_permission(self, request) -> bool:
        return request.user.is_superuser


@admin.register(Group)
class GroupAdmin(AuditedAdmin, auth_admin.GroupAdmin):
    pass


@admin.register(BlockedSender)
class BlockedSenderAdmin(AuditedAdmin):
    """Blocked senders: their submissions are held for moderation; every change is audited."""

    list_display = ["value", "reason", "created_at"]
    search_fields = ["value", "reason"]
    fields = ["value", "reason"]
