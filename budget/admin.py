"""Back office of the budget: years, services, ΚΑΕ groups, lines, revisions, execution.

Department staff see the expenditure lines of their own department's services;
Transparency staff see everything. Every save is audited (AuditedAdmin).
"""

from django.contrib import admin

from budget.models import Account, Change, Execution, Line, Revision, Service, Year
from budget.selectors import staff_lines
from portal.admin_audit import AuditedAdmin
from portal.selectors import sees_all_departments, staff_department


@admin.register(Year)
class YearAdmin(AuditedAdmin):
    list_display = ["year", "approval_ada", "is_published"]
    list_filter = ["is_published"]


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["code", "name", "department"]
    list_select_related = ["department"]
    search_fields = ["code", "name"]


@admin.register(Account)
class AccountAdmin(AuditedAdmin):
    list_display = ["code", "title", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "title"]


class ExecutionInline(admin.TabularInline):
    model = Execution
    extra = 0
    fields = ["month", "assessed", "collected", "committed", "ordered", "paid"]


@admin.register(Line)
class LineAdmin(AuditedAdmin):
    list_display = ["code", "title", "kind", "service", "initial", "year"]
    list_filter = ["year", "kind", "service"]
    list_select_related = ["year", "service"]
    search_fields = ["code", "kae", "title"]
    readonly_fields = ["code"]
    fields = ["year", "kind", "service", "kae", "code", "title", "initial"]
    inlines = [ExecutionInline]
    show_full_result_count = False

    def get_queryset(self, request):
        return staff_lines(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "service" and not sees_all_departments(request.user):
            department = staff_department(request.user)
            kwargs["queryset"] = Service.objects.filter(
                department=department.pk if department else None
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ChangeInline(admin.TabularInline):
    model = Change
    extra = 3
    fields = ["line", "amount"]
    autocomplete_fields = ["line"]


@admin.register(Revision)
class RevisionAdmin(AuditedAdmin):
    list_display = ["__str__", "year", "number", "ada", "decided_on"]
    list_filter = ["year"]
    list_select_related = ["year"]
    search_fields = ["ada", "subject"]
    inlines = [ChangeInline]
