from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from disclosures import services
from disclosures.forms import (
    DeclarationAdminForm,
    EntryImportForm,
    EntryInlineForm,
    OfficialAdminForm,
    UnpublishForm,
)
from disclosures.models import Declaration, Entry, Faction, Official, Term
from disclosures.sections import SECTIONS, Section
from portal.admin_audit import AuditedAdmin
from portal.admin_pages import render_admin_page


@admin.register(Faction)
class FactionAdmin(AuditedAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class TermInline(admin.TabularInline):
    model = Term
    extra = 1
    fields = ["role", "portfolio", "start", "end"]


@admin.register(Official)
class OfficialAdmin(AuditedAdmin):
    form = OfficialAdminForm
    inlines = [TermInline]
    list_display = ["name", "gender", "faction", "is_active"]
    list_filter = ["is_active", "faction", "terms__role"]
    search_fields = ["name"]
    list_select_related = ["faction"]
    prepopulated_fields = {"slug": ["name"]}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search document lists the terms, which are saved only now.
        form.instance.save(update_fields=["search_document"])


class SectionInline(admin.TabularInline):
    """The entries of one section of a declaration, typed row by row with the keyboard."""

    model = Entry
    form = EntryInlineForm
    section: str = ""
    extra = 2
    classes = ["disclosures-section"]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The columns of a section are the ones SECTIONS lists for it, in its order.
        cls.fields = list(SECTIONS[cls.section].fields)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(section=self.section)

    def _editable(self, obj) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)

    def get_extra(self, request, obj=None, **kwargs):
        return self.extra if self._editable(obj) else 0


def _section_inline(section: Section) -> type[SectionInline]:
    """The inline of one section, named and labelled from SECTIONS."""
    name = "".join(part.title() for part in section.name.split("_")) + "Inline"
    attributes = {
        "__module__": __name__,
        "section": section,
        "verbose_name": SECTIONS[section].entry_label,
        "verbose_name_plural": section.label,
    }
    return type(name, (SectionInline,), attributes)


SECTION_INLINES = [_section_inline(section) for section in Section]


@admin.register(Declaration)
class DeclarationAdmin(AuditedAdmin):
    """Declarations: typed from the PDF section by section, published through services."""

    form = DeclarationAdminForm
    inlines = tuple(SECTION_INLINES)
    list_display = [
        "official",
        "fiscal_year",
        "kind",
        "status_tag",
        "submitted_on",
        "published_at",
    ]
    list_filter = ["status", "kind", "fiscal_year", "official__faction"]
    search_fields = ["official__name"]
    list_select_related = ["official"]
    autocomplete_fields = ["official", "corrects"]
    readonly_fields = ["status", "published_at"]
    date_hierarchy = "submitted_on"
    change_form_template = "disclosures/admin/declaration_change_form.html"
    save_on_top = True
    view_on_site = False  # the change form links to the page or to the staff preview
    actions = ["start_next_year"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("official")

    @admin.action(
        description=_("Νέα πρόχειρη δήλωση επόμενου έτους με τις εγγραφές της επιλεγμένης"),
        permissions=["add"],
    )
    def start_next_year(self, request, queryset):
        created = 0
        for declaration in queryset.order_by("official__name", "fiscal_year"):
            try:
                services.declaration_start_next_year(previous=declaration, actor=request.user)
            except services.DisclosureError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                created += 1
        if created:
            self.message_user(
                request,
                gettext("Δημιουργήθηκαν %(count)d πρόχειρες δηλώσεις.") % {"count": created},
                messages.SUCCESS,
            )

    @admin.display(description=_("κατάσταση"), ordering="status")
    def status_tag(self, obj):
        css = "success" if obj.is_published else "muted"
        return format_html(
            '<span class="portal-tag portal-tag--{}">{}</span>', css, obj.get_status_display()
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "corrects":
            queryset = queryset.filter(status=Declaration.Status.PUBLISHED)
        return queryset, may_have_duplicates

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        kwargs["form_kwargs"] = {"section": inline.section}
        return kwargs

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        services.entries_save(
            declaration=formset.instance,
            section=formset.form_kwargs["section"],
            saved=instances,
            deleted=formset.deleted_objects,
            actor=request.user,
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/publish/", wrap(self.publish_view), name="disclosures_publish"),
            path("<int:pk>/unpublish/", wrap(self.unpublish_view), name="disclosures_unpublish"),
            path(
                "<int:pk>/copy-previous/",
                wrap(self.copy_previous_view),
                name="disclosures_copy_previous",
            ),
            path("<int:pk>/correct/", wrap(self.correct_view), name="disclosures_correct"),
            path("<int:pk>/import/", wrap(self.import_view), name="disclosures_import"),
            *super().get_urls(),
        ]

    def _declaration(self, request, pk: int) -> Declaration:
        declaration = get_object_or_404(Declaration.objects.select_related("official"), pk=pk)
        if not request.user.has_perm("disclosures.change_declaration"):
            raise PermissionDenied
        return declaration

    def _run(self, request, pk, action, success):
        declaration = self._declaration(request, pk)
        try:
            result = action(declaration)
        except services.DisclosureError as error:
            self.message_user(request, str(error), messages.ERROR)
            result = declaration
        else:
            self.message_user(request, success(result), messages.SUCCESS)
        target = result if isinstance(result, Declaration) else declaration
        return HttpResponseRedirect(
            reverse("admin:disclosures_declaration_change", args=[target.pk])
        )

    @method_decorator(require_POST)
    def publish_view(self, request, pk):
        return self._run(
            request,
            pk,
            lambda d: services.declaration_publish(declaration=d, actor=request.user),
            lambda d: gettext("Η δήλωση δημοσιεύθηκε."),
        )

    def unpublish_view(self, request, pk):
        """Ask for the reason first: withdrawing a public declaration is recorded with it."""
        declaration = self._declaration(request, pk)
        form = UnpublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return self._run(
                request,
                pk,
                lambda d: services.declaration_unpublish(
                    declaration=d, actor=request.user, reason=form.cleaned_data["reason"]
                ),
                lambda d: gettext("Η δήλωση αποσύρθηκε και είναι πάλι πρόχειρη."),
            )
        context = {
            "original": declaration,
            "title": gettext("Απόσυρση δημοσιευμένης δήλωσης"),
            "form": form,
        }
        return render_admin_page(
            self, request, "disclosures/admin/declaration_unpublish.html", context
        )

    @method_decorator(require_POST)
    def copy_previous_view(self, request, pk):
        return self._run(
            request,
            pk,
            lambda d: services.declaration_copy_previous_entries(declaration=d, actor=request.user),
            lambda count: (
                gettext("Αντιγράφηκαν %(count)d εγγραφές της προηγούμενης δήλωσης.")
                % {"count": count}
            ),
        )

    @method_decorator(require_POST)
    def correct_view(self, request, pk):
        return self._run(
            request,
            pk,
            lambda d: services.declaration_start_correction(original=d, actor=request.user),
            lambda d: gettext(
                "Δημιουργήθηκε πρόχειρη διορθωτική με τις εγγραφές της αρχικής· "
                "διορθώστε και δημοσιεύστε τη."
            ),
        )

    def import_view(self, request, pk):
        declaration = self._declaration(request, pk)
        outcome = None
        form = EntryImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                outcome = services.entries_import(
                    declaration=declaration,
                    text=form.cleaned_data["file"],
                    dry_run=form.cleaned_data["dry_run"],
                    append=form.cleaned_data["append"],
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error("file", error)
            except services.DisclosureError as error:
                form.add_error(None, str(error))
            if outcome is not None and outcome.saved:
                self.message_user(
                    request,
                    gettext("Εισήχθησαν %(count)d εγγραφές.") % {"count": outcome.rows},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:disclosures_declaration_change", args=[declaration.pk])
                )
        context = {
            "original": declaration,
            "title": gettext("Εισαγωγή εγγραφών από CSV"),
            "form": form,
            "outcome": outcome,
        }
        return render_admin_page(self, request, "disclosures/admin/entry_import.html", context)
