"""Pieces of the complaints admin: the queue's own filters and the ticket's read-only inlines."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from complaints.models import Attachment, Complaint, TimelineEntry

DUE_SOON_DAYS = 7


class OverdueFilter(admin.SimpleListFilter):
    title = _("εκπρόθεσμα")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Εκπρόθεσμα"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


class DueSoonFilter(admin.SimpleListFilter):
    title = _("προθεσμία")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("week", _("Λήγει μέσα σε 7 ημέρες"))]

    def queryset(self, request, queryset):
        return queryset.due_within(DUE_SOON_DAYS) if self.value() == "week" else queryset


class AssignedFilter(admin.SimpleListFilter):
    title = _("χειριστής")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Σε μένα")), ("nobody", _("Χωρίς χειριστή"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class TimelineInline(admin.TabularInline):
    """The ticket's history, as the services wrote it; never edited by hand."""

    model = TimelineEntry
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "created_at",
        "kind",
        "is_public",
        "actor",
        "from_status",
        "to_status",
        "department",
        "text",
    )
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "department")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = readonly_fields = ("download", "media_type", "size", "uploaded_at", "is_public_photo")

    @admin.display(description=_("αρχείο"))
    def download(self, attachment):
        url = reverse("admin:complaints_complaint_attachment", args=[attachment.pk])
        return format_html('<a href="{}" download>{}</a>', url, attachment.original_name)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The ticket page, read-only; the contact fieldset shows only to who may see it.
TICKET_FIELDSETS = [
    (
        _("Αίτημα"),
        {
            "fields": [
                "protocol_number",
                "deadline_tag",
                "status",
                "kind",
                "category",
                "department",
                "assigned_to",
                "source",
                "submitted_at",
            ]
        },
    ),
    (_("Περιεχόμενο"), {"fields": ["subject", "description", "answers_shown", "public_area"]}),
    (_("Στοιχεία πολίτη"), {"fields": list(Complaint.PERSONAL_FIELDS)}),
    (
        _("Έκβαση"),
        {
            "fields": [
                "resolved_at",
                "answered_at",
                "closed_at",
                "satisfaction",
                "duplicate_of",
                "is_published",
                "public_summary",
                "paused_days",
                "anonymised_at",
            ]
        },
    ),
]
CONTACT_FIELDSET = 2  # the one with Complaint.PERSONAL_FIELDS
