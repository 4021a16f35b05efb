"""The admin of complaint categories and the questions each asks."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from complaints.models import Category, CategoryQuestion
from complaints.resources import CategoryResource
from portal.admin_audit import AuditedAdmin, AuditedExportMixin


class CategoryQuestionInline(admin.TabularInline):
    model = CategoryQuestion
    extra = 0
    fields = ["position", "code", "label", "kind", "required", "choices"]


@admin.register(Category)
class CategoryAdmin(AuditedAdmin, AuditedExportMixin, ImportExportModelAdmin):
    list_display = ["name", "code", "group", "department", "response_days", "is_active", "position"]
    list_filter = ["group", "is_active", "department"]
    search_fields = ["name", "code", "keywords", "description"]
    list_select_related = ["department"]
    prepopulated_fields = {"code": ["name"]}
    autocomplete_fields = ["department"]
    inlines = [CategoryQuestionInline]
    resource_classes = [CategoryResource]
