from collections import defaultdict
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportMixin

from portal.admin_audit import AuditedAdmin
from portal.errors import DomainError
from portal.selectors import sees_all_departments, staff_department
from portal.types import Actor
from portal.uploads import PDF, check_upload
from procurement import selectors, services
from procurement.identifiers import clean_ada, clean_adam, clean_afm
from procurement.models import (
    ADAM_CODE,
    STAFF_FIELDS,
    STAGE_ORDER,
    DiavgeiaDecision,
    Document,
    Procurement,
    Stage,
    StageKind,
    Status,
    Supplier,
)
from procurement.resources import ProcurementResource


def _checked_pdf(upload):
    checked = check_upload(upload, allowed=(PDF,))
    checked.content.name = checked.name
    return checked


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = [
            "kind",
            "adam",
            "date",
            "amount",
            "supplier",
            "parent",
            "budget_line",
            "note",
            "document",
        ]

    def clean_adam(self):
        return clean_adam(self.cleaned_data["adam"])

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload and hasattr(upload, "content_type"):
            return _checked_pdf(upload).content
        return upload

    def clean(self):
        cleaned = super().clean()
        kind, adam = cleaned.get("kind"), cleaned.get("adam")
        if kind and adam:
            try:
                clean_adam(adam, expected_code=ADAM_CODE[StageKind(kind)])
            except ValidationError as error:
                self.add_error("adam", error)
        return cleaned


class StageFormSet(forms.BaseInlineFormSet):
    """Refuse payments that would add up to more than their contract."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        contracts, paid = {}, defaultdict(Decimal)
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            if data.get("kind") == StageKind.CONTRACT and form.instance.pk:
                contracts[form.instance.pk] = (data.get("amount"), data.get("adam"))
            if data.get("kind") == StageKind.PAYMENT and data.get("parent"):
                paid[data["parent"].pk] += data.get("amount") or Decimal("0")
        for contract_pk, total in paid.items():
            amount, adam = contracts.get(contract_pk, (None, None))
            if amount is not None and total > amount:
                raise ValidationError(
                    _(
                        "Οι πληρωμές της σύμβασης %(adam)s αθροίζουν %(paid)s €, "
                        "περισσότερα από το ποσό της (%(amount)s €)."
                    ),
                    params={"adam": adam, "paid": total, "amount": amount},
                )


class StageInline(admin.TabularInline):
    model = Stage
    form = StageForm
    formset = StageFormSet
    fk_name = "procurement"
    extra = 0
    autocomplete_fields = ["supplier", "budget_line"]
    ordering = ["date", "id"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Stage.objects.filter(
                procurement_id=object_id, kind__in=(StageKind.AWARD, StageKind.CONTRACT)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = DiavgeiaDecision
        fields = ["ada", "decision_type", "subject", "date", "stage"]

    def clean_ada(self):
        return clean_ada(self.cleaned_data["ada"])


class DecisionInline(admin.TabularInline):
    model = DiavgeiaDecision
    form = DecisionForm
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "stage":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Stage.objects.filter(procurement_id=object_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            checked = _checked_pdf(upload)
            self.instance.size = checked.size
            return checked.content
        return upload


class DocumentInline(admin.TabularInline):
    model = Document
    form = DocumentForm
    extra = 0
    readonly_fields = ["size", "uploaded_at"]


def _registration_order(obj) -> tuple:
    """Register new rows as KIMDIS did: by date, and on one day request before payment."""
    return (obj.date, STAGE_ORDER[obj.kind] if isinstance(obj, Stage) else 0)


class ProcurementForm(forms.ModelForm):
    class Meta:
        model = Procurement
        fields = STAFF_FIELDS


@admin.register(Procurement)
class ProcurementAdmin(ImportMixin, AuditedAdmin):
    audit_saves = False  # procurement_record_edit records them
    form = ProcurementForm
    resource_classes = [ProcurementResource]
    import_template_name = "procurement/admin/procurement_import.html"
    inlines = [StageInline, DecisionInline, DocumentInline]
    list_display = [
        "title",
        "department",
        "contract_type",
        "procedure",
        "status",
        "estimated_total",
        "is_published",
        "updated_at",
    ]
    list_filter = ["is_published", "status", "contract_type", "procedure", "department"]
    search_fields = ["title", "esidis_number", "stages__adam", "decisions__ada"]
    list_select_related = ["department"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "estimated_total",
        "is_published",
        "published_at",
        "status_changed_at",
        "created_at",
        "updated_at",
    ]
    actions = ["publish", "unpublish", "cancel", "declare_unsuccessful", "complete"]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "status"] if obj is not None else fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_all_departments(request.user):
            return queryset
        department = staff_department(request.user)
        return queryset.filter(department=department) if department else queryset.none()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not sees_all_departments(request.user):
            department = staff_department(request.user)
            kwargs["queryset"] = db_field.related_model.objects.filter(
                pk=department.pk if department else None
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_import_data_kwargs(self, **kwargs):
        data = super().get_import_data_kwargs(**kwargs)
        data["rollback_on_validation_errors"] = True
        return data

    def save_formset(self, request, form, formset, change):
        """Register new stages and decisions through the services; save edits as they are."""
        if formset.model not in (Stage, DiavgeiaDecision):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        new = [obj for obj in instances if obj.pk is None]
        for obj in instances:
            if obj.pk is not None:
                obj.save()
        for obj in sorted(new, key=_registration_order):
            self._register(obj, request.user)
        return instances

    @staticmethod
    def _register(obj, actor: Actor) -> None:
        if isinstance(obj, Stage):
            services.stage_register(
                procurement=obj.procurement,
                kind=obj.kind,
                adam=obj.adam,
                date=obj.date,
                amount=obj.amount,
                supplier=obj.supplier,
                parent=obj.parent,
                note=obj.note,
                document=obj.document or None,
                budget_line_id=obj.budget_line_id,
                actor=actor,
            )
        else:
            services.decision_register(
                procurement=obj.procurement,
                stage=obj.stage,
                ada=obj.ada,
                decision_type=obj.decision_type,
                subject=obj.subject,
                date=obj.date,
                actor=actor,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.procurement_record_edit(
            procurement=form.instance, actor=request.user, created=not change
        )

    def _apply(self, request, queryset, service, done_message, **kwargs):
        done = 0
        for procurement in queryset:
            try:
                service(procurement=procurement, actor=request.user, **kwargs)
                done += 1
            except (ValidationError, DomainError) as error:
                self.message_user(request, f"{procurement}: {error.messages[0]}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Δημοσίευση των επιλεγμένων"))
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.procurement_publish,
            lambda n: ngettext("Δημοσιεύθηκε %d εγγραφή.", "Δημοσιεύθηκαν %d εγγραφές.", n) % n,
        )

    @admin.action(description=_("Απόσυρση από τη δημοσίευση"))
    def unpublish(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.procurement_unpublish,
            lambda n: ngettext("Αποσύρθηκε %d εγγραφή.", "Αποσύρθηκαν %d εγγραφές.", n) % n,
        )

    def _transition(self, request, queryset, status):
        self._apply(
            request,
            queryset,
            services.procurement_transition,
            lambda n: ngettext("Άλλαξε %d εγγραφή.", "Άλλαξαν %d εγγραφές.", n) % n,
            to=status,
        )

    @admin.action(description=_("Ματαίωση"))
    def cancel(self, request, queryset):
        self._transition(request, queryset, Status.CANCELLED)

    @admin.action(description=_("Κήρυξη ως άγονης"))
    def declare_unsuccessful(self, request, queryset):
        self._transition(request, queryset, Status.UNSUCCESSFUL)

    @admin.action(description=_("Ολοκλήρωση σύμβασης"))
    def complete(self, request, queryset):
        self._transition(request, queryset, Status.COMPLETED)


class SupplierForm(forms.ModelForm):
    class Meta:
        model = Supplier
        fields = ["name", "afm", "address"]

    def clean_afm(self):
        return clean_afm(self.cleaned_data["afm"])


@admin.register(Supplier)
class SupplierAdmin(AuditedAdmin):
    form = SupplierForm
    list_display = ["name", "afm"]
    search_fields = ["name", "afm"]

    def get_search_results(self, request, queryset, search_term):
        # Also the autocomplete of a stage's supplier: typo-tolerant, the closest first.
        return selectors.supplier_lookup(queryset, search_term), False
