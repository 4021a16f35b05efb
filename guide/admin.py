"""The guide's back office: each unit edits its own procedures; history; ΜΙΤΟΣ import; charters."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from guide import selectors, services
from guide.errors import GuideError
from guide.forms import MitosImportForm
from guide.models import (
    Article,
    Channel,
    Charter,
    CharterVersion,
    Evidence,
    LegalResource,
    LifeEvent,
    Procedure,
    ProcedureVersion,
    Status,
    VersionStatus,
)
from guide.versions import compare
from portal.admin_audit import AuditedAdmin
from portal.admin_pages import render_admin_page
from portal.selectors import sees_all_departments, staff_department
from portal.uploads import PDF, check_upload


@admin.register(LifeEvent)
class LifeEventAdmin(AuditedAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["position", "title", "note", "obtained_by_office", "form"]

    def clean_form(self):
        uploaded = self.cleaned_data.get("form")
        if uploaded and hasattr(uploaded, "content_type"):
            return check_upload(uploaded, allowed=(PDF,))
        return uploaded


class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceForm
    extra = 0


class LegalResourceInline(admin.TabularInline):
    model = LegalResource
    fields = ["position", "citation", "title", "url"]
    extra = 0


class ChannelInline(admin.TabularInline):
    model = Channel
    fields = ["position", "kind", "value", "note"]
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(AuditedAdmin):
    """Procedures: a unit's staff see and edit only their unit's; every save keeps a version."""

    audit_saves = False  # guide.services records creations and changes with the version

    change_list_template = "guide/admin/procedure_change_list.html"
    list_display = ["title", "department", "status", "last_reviewed_on", "version"]
    list_filter = ["status", "output_kind", ("department", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "alternative_titles", "mitos_id"]
    list_select_related = ["department"]
    show_full_result_count = False
    inlines = [EvidenceInline, LegalResourceInline, ChannelInline]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "version", "created_at", "updated_at"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    actions = ["publish", "withdraw", "mark_reviewed"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "alternative_titles", "summary", "department"]}),
        (
            gettext_lazy("Περιγραφή"),
            {"fields": ["description", "audience", "life_events", "output_kind", "output"]},
        ),
        (
            gettext_lazy("Κόστος και χρόνος"),
            {"fields": ["fee_kind", "fee_amount", "fee_max", "fee_note", "duration"]},
        ),
        (gettext_lazy("Βήματα και παρατηρήσεις"), {"fields": ["steps", "remarks"]}),
        (
            gettext_lazy("Σύνδεση με την υπόλοιπη πύλη"),
            {"fields": ["appointment_service", "complaint_category", "mitos_id"]},
        ),
        (
            gettext_lazy("Κατάσταση"),
            {"fields": ["status", "last_reviewed_on", "version", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return selectors.procedures_for_staff(request.user).select_related("department")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not sees_all_departments(request.user):
            own = staff_department(request.user)
            kwargs["queryset"] = db_field.related_model.objects.filter(pk=own.pk if own else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("last_reviewed_on", timezone.localdate())
        own = staff_department(request.user)
        if own is not None:
            initial.setdefault("department", own.pk)
        return initial

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.procedure_record_save(
            procedure=form.instance, actor=request.user, created=not change
        )

    # --- history: every version, what changed, who saved it -------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import-mitos/", view(self.import_view), name="guide_procedure_import"),
            path(
                "<int:object_id>/history/<int:number>/",
                view(self.version_view),
                name="guide_procedure_version",
            ),
            *super().get_urls(),
        ]

    def _procedure_or_404(self, request, object_id) -> Procedure:
        procedure = self.get_queryset(request).filter(pk=object_id).first()
        if procedure is None or not self.has_view_permission(request, procedure):
            raise Http404
        return procedure

    def history_view(self, request, object_id, extra_context=None):
        procedure = self._procedure_or_404(request, object_id)
        return render_admin_page(
            self,
            request,
            "guide/admin/procedure_history.html",
            {
                "title": _("Ιστορικό: %(title)s") % {"title": procedure.title},
                "procedure": procedure,
                "object": procedure,
                "versions": selectors.procedure_history(procedure),
            },
        )

    def version_view(self, request, object_id, number):
        procedure = self._procedure_or_404(request, object_id)
        version = ProcedureVersion.objects.filter(procedure=procedure, number=number).first()
        if version is None:
            raise Http404
        previous = (
            ProcedureVersion.objects.filter(procedure=procedure, number__lt=number)
            .order_by("-number")
            .first()
        )
        return render_admin_page(
            self,
            request,
            "guide/admin/procedure_version.html",
            {
                "title": _("Έκδοση %(number)d: %(title)s")
                % {"number": number, "title": procedure.title},
                "procedure": procedure,
                "object": procedure,
                "version": version,
                "previous": previous,
                "rows": compare(version.snapshot, previous.snapshot if previous else None),
            },
        )

    # --- import from ΜΙΤΟΣ ----------------------------------------------------------------------

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MitosImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = services.procedures_import(
                    data=form.cleaned_data["file"].read(),
                    actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except GuideError as error:
                form.add_error("file", error.message)
            else:
                if report.ok and not report.dry_run:
                    self.message_user(
                        request,
                        _("Εισήχθησαν %(created)d νέες διαδικασίες και ενημερώθηκαν %(updated)d.")
                        % {"created": len(report.created), "updated": len(report.updated)},
                        messages.SUCCESS,
                    )
                    return redirect("admin:guide_procedure_changelist")
        return render_admin_page(
            self,
            request,
            "guide/admin/procedure_import.html",
            {"title": _("Εισαγωγή διαδικασιών από το ΜΙΤΟΣ"), "form": form, "report": report},
        )

    # --- actions --------------------------------------------------------------------------------

    def _apply(self, request, queryset, call, done_message):
        done = 0
        for procedure in queryset:
            try:
                call(procedure)
                done += 1
            except GuideError as error:
                self.message_user(request, error.message, messages.ERROR)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Δημοσίευση"))
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda p: services.procedure_transition(
                procedure=p, to=Status.PUBLISHED, actor=request.user
            ),
            lambda n: (
                ngettext("Δημοσιεύθηκε %d διαδικασία.", "Δημοσιεύθηκαν %d διαδικασίες.", n) % n
            ),
        )

    @admin.action(description=gettext_lazy("Απόσυρση"))
    def withdraw(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda p: services.procedure_transition(
                procedure=p, to=Status.WITHDRAWN, actor=request.user
            ),
            lambda n: ngettext("Αποσύρθηκε %d διαδικασία.", "Αποσύρθηκαν %d διαδικασίες.", n) % n,
        )

    @admin.action(description=gettext_lazy("Σήμανση ως ελεγμένες σήμερα"))
    def mark_reviewed(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda p: services.procedure_mark_reviewed(procedure=p, actor=request.user),
            lambda n: (
                ngettext(
                    "Σημειώθηκε ο έλεγχος %d διαδικασίας.",
                    "Σημειώθηκε ο έλεγχος %d διαδικασιών.",
                    n,
                )
                % n
            ),
        )


# --- charters and regulations -------------------------------------------------------------------


@admin.register(Charter)
class CharterAdmin(AuditedAdmin):
    list_display = ["title", "kind", "position"]
    prepopulated_fields = {"slug": ["title"]}


class ArticleInline(admin.StackedInline):
    model = Article
    extra = 0
    fields = ["number", "title", "body"]


@admin.register(CharterVersion)
class CharterVersionAdmin(AuditedAdmin):
    """Versions of the charters: drafts are edited, published ones are the record and stay."""

    list_display = ["charter", "number", "status", "effective_on", "decision_ada"]
    list_filter = ["charter", "status"]
    list_select_related = ["charter"]
    inlines = [ArticleInline]
    readonly_fields = ["status"]
    actions = ["publish", "copy_as_draft"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == VersionStatus.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == VersionStatus.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def _apply(self, request, queryset, call, done_message):
        done = 0
        for version in queryset.select_related("charter"):
            try:
                call(version)
                done += 1
            except GuideError as error:
                self.message_user(request, f"{version}: {error.message}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Δημοσίευση της έκδοσης"), permissions=["change"])
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda v: services.charter_version_publish(version=v, actor=request.user),
            lambda n: ngettext("Δημοσιεύθηκε %d έκδοση.", "Δημοσιεύθηκαν %d εκδόσεις.", n) % n,
        )

    @admin.action(description=gettext_lazy("Νέα έκδοση από αυτή (σχέδιο)"), permissions=["add"])
    def copy_as_draft(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda v: services.charter_version_copy(version=v, actor=request.user),
            lambda n: (
                ngettext("Δημιουργήθηκε %d νέο σχέδιο.", "Δημιουργήθηκαν %d νέα σχέδια.", n) % n
            ),
        )
