"""Back office of the budget: years, services, ΚΑΕ groups, lines, revisions, execution.

Department staff see the expenditure lines of their own department's services;
Transparency staff see everything. Every save is audited (AuditedAdmin).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext

from budget import services
from budget.errors import BudgetError
from budget.forms import ExecutionImportForm
from budget.models import Account, Change, Execution, Line, Revision, Service, Year
from budget.selectors import staff_lines
from portal.admin_audit import AuditedAdmin
from portal.admin_pages import render_admin_page
from portal.selectors import sees_all_departments, staff_department


@admin.register(Year)
class YearAdmin(AuditedAdmin):
    list_display = ["year", "approval_ada", "is_published"]
    list_filter = ["is_published"]
    change_form_template = "budget/admin/year_change_form.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/import/", wrap(self.import_view), name="budget_execution_import"),
            *super().get_urls(),
        ]

    def import_view(self, request, pk):
        """A month's execution from the financial system: checked, then written all at once."""
        year = get_object_or_404(Year, pk=pk)
        if not self.has_change_permission(request, year):
            raise PermissionDenied
        report = None
        form = ExecutionImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.execution_import(
                    year=year,
                    month=form.cleaned_data["month"],
                    name=upload.name,
                    content=upload.read(),
                    dry_run=form.cleaned_data["dry_run"],
                    actor=request.user,
                )
            except BudgetError as error:
                form.add_error(error.field, error.message)
            if report is not None and report.written:
                self.message_user(
                    request,
                    gettext("Εισήχθησαν %(count)d γραμμές εκτέλεσης.") % {"count": report.rows},
                    messages.SUCCESS,
                )
                for warning in report.warnings:
                    self.message_user(request, warning, messages.WARNING)
                return HttpResponseRedirect(reverse("admin:budget_year_change", args=[year.pk]))
        context = {
            "original": year,
            "title": gettext("Εισαγωγή μηνιαίας εκτέλεσης"),
            "form": form,
            "report": report,
        }
        return render_admin_page(self, request, "budget/admin/execution_import.html", context)


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
