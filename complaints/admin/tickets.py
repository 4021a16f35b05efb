"""The staff back office of complaints (stock Django admin, in Greek).

Staff see and act on their department's tickets only (`complaints_for_staff`);
Transparency staff see all. Every change goes through a service in
`complaints.services`: the change page is read-only and offers one small
form per action, and the queue offers the same actions in bulk.

Contact data (name, email, phone, exact address and coordinates) and the
attachments are shown to users with ``complaints.view_contact_data`` and to
the staff of the department currently responsible for the ticket, who need
them to do the work; nobody else.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from complaints.admin.forms import TICKET_ACTIONS, SemesterForm, WalkInComplaintForm
from complaints.admin.parts import (
    CONTACT_FIELDSET,
    DUE_SOON_DAYS,
    TICKET_FIELDSETS,
    AssignedFilter,
    AttachmentInline,
    DueSoonFilter,
    OverdueFilter,
    TimelineInline,
)
from complaints.answers import describe_answers
from complaints.charts import report_charts
from complaints.exports import semester_csv_response
from complaints.models import Attachment, Complaint
from complaints.reports import semester_report
from complaints.resources import report_csv, report_filename
from complaints.selectors import can_see_contact_data, complaints_for_staff, staff_search
from complaints.services import ComplaintError, complaint_submit
from portal.admin_base import BoundedChangeList, PortalModelAdmin
from portal.admin_pages import render_admin_page
from portal.selectors import sees_all_departments, staff_department

BULK_LIMIT = 500
TEMPLATES = "complaints/admin/complaint_"


class QueueChangeList(BoundedChangeList):
    """The queue loads only the columns it shows, not the long texts of every ticket."""

    def get_queryset(self, request, exclude_parameters=None):
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .defer("description", "answers", "search_document", "search_vector", "public_summary")
        )


def _bulk(action):
    def run(model_admin, request, queryset):
        return model_admin.bulk_action_view(request, queryset, action)

    run.__name__ = f"bulk_{action.name}"
    return admin.action(description=action.label, permissions=["change"])(run)


@admin.register(Complaint)
class ComplaintAdmin(PortalModelAdmin):
    list_display = [
        "protocol_number",
        "subject",
        "category",
        "department",
        "status",
        "deadline_tag",
        "assigned_to",
        "held_for_moderation",
    ]
    # One link per row: each costs a URL resolve to carry the queue's filters along.
    list_display_links = ["protocol_number"]
    list_filter = [
        "status",
        OverdueFilter,
        DueSoonFilter,
        AssignedFilter,
        "category",
        "department",
        "source",
        "is_published",
        "held_for_moderation",
    ]
    list_select_related = ["category", "department", "assigned_to"]
    list_per_page = 50
    # The queue pages through the first 10,000 tickets; filters and search narrow the rest.
    count_cap = 10_000
    show_full_result_count = False
    # Facet counts would run a COUNT per filter choice over the whole table.
    show_facets = admin.ShowFacets.NEVER
    search_fields = ["protocol_number"]
    search_help_text = _(
        "Αριθμός πρωτοκόλλου, email πολίτη ή λέξεις του θέματος και της περιγραφής."
    )
    inlines = [TimelineInline, AttachmentInline]
    actions = [_bulk(action) for action in TICKET_ACTIONS.values() if action.bulk]
    change_form_template = TEMPLATES + "change_form.html"
    change_list_template = TEMPLATES + "change_list.html"

    class Media:
        css = {"all": ["css/complaints_admin.css"]}

    # --- the queue ----------------------------------------------------------------------------

    def get_queryset(self, request):
        return complaints_for_staff(request.user)

    def get_list_filter(self, request):
        if sees_all_departments(request.user):
            return self.list_filter
        return [item for item in self.list_filter if item != "department"]

    def get_search_results(self, request, queryset, search_term):
        return staff_search(queryset, search_term, user=request.user), False

    def action_checkbox(self, complaint):
        # The stock widget renders a template for every row; this is the same markup.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            admin.helpers.ACTION_CHECKBOX_NAME,
            complaint.pk,
            format_html(gettext("Select this object for an action - {}"), str(complaint)),
        )

    @admin.display(description=_("απαντήσεις σε ερωτήσεις"))
    def answers_shown(self, complaint):
        items = describe_answers(complaint.category, complaint.answers)
        return format_html_join(mark_safe("<br>"), "{}: {}", items) if items else "—"

    @admin.display(description=_("προθεσμία"), ordering="deadline")
    def deadline_tag(self, complaint):
        deadline = date_format(complaint.deadline, "SHORT_DATE_FORMAT")
        if not complaint.is_open:
            return format_html('<span class="complaints-deadline">{}</span>', deadline)
        days_left = (complaint.deadline - timezone.localdate()).days
        if days_left < 0:
            return format_html(
                '<span class="complaints-deadline complaints-deadline--overdue">{} · {}</span>',
                deadline,
                _("εκπρόθεσμο"),
            )
        if days_left <= DUE_SOON_DAYS:
            return format_html(
                '<span class="complaints-deadline complaints-deadline--soon">{} · {}</span>',
                deadline,
                ngettext("%d ημέρα", "%d ημέρες", days_left) % days_left,
            )
        return format_html('<span class="complaints-deadline">{}</span>', deadline)

    # --- one ticket ---------------------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        # Another department's ticket does not exist for this user: 404, not a redirect.
        complaint = super().get_object(request, object_id, from_field)
        if complaint is None:
            raise Http404(_("Δεν βρέθηκε το αίτημα."))
        return complaint

    def get_fieldsets(self, request, obj=None):
        if obj is not None and can_see_contact_data(request.user, obj):
            return TICKET_FIELDSETS
        return [fs for index, fs in enumerate(TICKET_FIELDSETS) if index != CONTACT_FIELDSET]

    def get_readonly_fields(self, request, obj=None):
        return [field for _title, options in TICKET_FIELDSETS for field in options["fields"]]

    def get_inlines(self, request, obj):
        if obj is not None and can_see_contact_data(request.user, obj):
            return self.inlines
        return [TimelineInline]

    def view_on_site(self, complaint):
        # Only published complaints have a public page.
        return complaint.get_absolute_url() if complaint.is_published else None

    def has_delete_permission(self, request, obj=None):
        # Complaints are records: retention anonymises them, nobody deletes them.
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            raise PermissionDenied(_("Οι αλλαγές γίνονται μόνο με τις ενέργειες του αιτήματος."))
        complaint = self.get_object(request, object_id)
        can_act = self.has_change_permission(request, complaint)
        context = {
            "ticket_actions": [
                action
                for action in TICKET_ACTIONS.values()
                if can_act and action.available(complaint)
            ],
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def ticket_action_view(self, request, object_id, action):
        ticket_action = TICKET_ACTIONS.get(action)
        if ticket_action is None:
            raise Http404(_("Άγνωστη ενέργεια."))
        complaint = self.get_object(request, object_id)
        if not self.has_change_permission(request, complaint):
            raise PermissionDenied
        bound = request.method == "POST"
        form = ticket_action.form_class(
            request.POST if bound else None, user=request.user, complaint=complaint
        )
        if bound and form.is_valid():
            try:
                form.perform(complaint=complaint, actor=request.user)
            except (ComplaintError, ValidationError) as error:
                for message in _messages_of(error):
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(action)s: ολοκληρώθηκε για το αίτημα %(number)s.")
                    % {"action": ticket_action.label, "number": complaint.protocol_number},
                )
                if self.get_queryset(request).filter(pk=complaint.pk).exists():
                    return redirect("admin:complaints_complaint_change", complaint.pk)
                # Forwarded to another department: it has left this user's queue.
                return redirect("admin:complaints_complaint_changelist")
        context = {
            "media": self.media,
            "original": complaint,
            "ticket_action": ticket_action,
            "form": form,
            "title": f"{ticket_action.label} — {complaint.protocol_number}",
        }
        return render_admin_page(self, request, TEMPLATES + "action_form.html", context)

    def bulk_action_view(self, request, queryset, ticket_action):
        form = ticket_action.form_class(
            request.POST if "apply" in request.POST else None, user=request.user
        )
        count = queryset.count()
        if count > BULK_LIMIT:
            messages.error(
                request,
                _("Επιλέξτε έως %(limit)d αιτήματα για μαζική ενέργεια (επιλέξατε %(count)d).")
                % {"limit": BULK_LIMIT, "count": count},
            )
            return None
        if form.is_bound and form.is_valid():
            done, refused = 0, []
            for complaint in queryset.order_by("submitted_at", "id"):
                try:
                    form.perform(complaint=complaint, actor=request.user)
                except (ComplaintError, ValidationError) as error:
                    refused.extend(_messages_of(error))
                else:
                    done += 1
            if done:
                messages.success(
                    request,
                    ngettext(
                        "%(action)s: ολοκληρώθηκε για %(count)d αίτημα.",
                        "%(action)s: ολοκληρώθηκε για %(count)d αιτήματα.",
                        done,
                    )
                    % {"action": ticket_action.label, "count": done},
                )
            for message in refused:
                messages.error(request, message)
            return None
        context = {
            "media": self.media,
            "ticket_action": ticket_action,
            "form": form,
            "complaints": queryset.order_by("submitted_at", "id"),
            "action_name": f"bulk_{ticket_action.name}",
            "select_across": request.POST.get("select_across", "0"),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "title": _("%(action)s — %(count)d αιτήματα")
            % {"action": ticket_action.label, "count": count},
        }
        return render_admin_page(self, request, TEMPLATES + "bulk_action.html", context)

    # --- walk-in and phone complaints ---------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = WalkInComplaintForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                complaint, secret = complaint_submit(
                    kind=data["kind"],
                    category=data["category"],
                    subject=data["subject"],
                    description=data["description"],
                    address=data["address"],
                    citizen_name=data["citizen_name"],
                    citizen_email=data["citizen_email"],
                    citizen_phone=data["citizen_phone"],
                    answers=form.answers(),
                    source=data["source"],
                    actor=request.user,
                    submission_key=data["submission_key"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return self._walk_in_receipt(request, complaint, secret)
        context = {
            "media": self.media + form.media,
            "form": form,
            "title": _("Καταχώριση αιτήματος από τηλέφωνο ή γκισέ"),
        }
        return render_admin_page(self, request, TEMPLATES + "walk_in.html", context)

    def _walk_in_receipt(self, request, complaint, secret):
        tracking_path = (
            reverse(
                "complaints:track_link",
                kwargs={"protocol": complaint.protocol_number, "secret": secret},
            )
            if secret
            else ""
        )
        context = {
            "media": self.media,
            "complaint": complaint,
            "tracking_url": request.build_absolute_uri(tracking_path) if secret else "",
            "can_view": self.has_view_permission(request, complaint),
            "title": _("Το αίτημα καταχωρίστηκε"),
        }
        response = render_admin_page(self, request, TEMPLATES + "walk_in_done.html", context)
        # The page shows the private tracking secret: keep it out of caches and referrers.
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response

    # --- files, reports and exports -----------------------------------------------------------

    def attachment_view(self, request, pk):
        attachment = (
            Attachment.objects.select_related("complaint")
            .filter(pk=pk, complaint__in=self.get_queryset(request))
            .first()
        )
        if attachment is None:
            raise Http404(_("Δεν βρέθηκε το αρχείο."))
        complaint = attachment.complaint
        if not (
            self.has_view_permission(request, complaint)
            and can_see_contact_data(request.user, complaint)
        ):
            raise PermissionDenied
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("Το αρχείο δεν υπάρχει πλέον.")) from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.media_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def _semester_form(self, request, permission: str) -> SemesterForm:
        """Check the permission; bind the semester form, department fixed for non-Transparency."""
        user = request.user
        if not user.has_perm(permission):
            raise PermissionDenied
        fixed = None
        if not sees_all_departments(user):
            fixed = staff_department(user)
            if fixed is None:
                raise PermissionDenied
        data = request.GET if "year" in request.GET else SemesterForm.default_data()
        return SemesterForm(data, fixed_department=fixed)

    def report_view(self, request):
        form = self._semester_form(request, "complaints.view_report")
        report = None
        if form.is_valid():
            report = semester_report(semester=form.semester, department=form.chosen_department)
            if request.GET.get("format") == "csv":
                response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = (
                    f'attachment; filename="{report_filename(report)}"'
                )
                return response
        context = {
            "media": self.media,
            "form": form,
            "report": report,
            "charts": report_charts(report) if report else [],
            "total_rows": [report.total] if report else [],
            "csv_query": _with_format(request, "csv"),
            "title": _("Εξαμηνιαία αναφορά αιτημάτων"),
        }
        return render_admin_page(self, request, TEMPLATES + "report.html", context)

    def export_view(self, request):
        form = self._semester_form(request, "complaints.export_complaints")
        if "download" in request.GET and form.is_valid():
            return semester_csv_response(
                user=request.user, semester=form.semester, department=form.chosen_department
            )
        context = {
            "media": self.media,
            "form": form,
            "with_contact": request.user.has_perm("complaints.view_contact_data"),
            "title": _("Εξαγωγή αιτημάτων εξαμήνου (CSV)"),
        }
        return render_admin_page(self, request, TEMPLATES + "export.html", context)

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def changelist_view(self, request, extra_context=None):
        user = request.user
        context = {
            "can_report": user.has_perm("complaints.view_report"),
            "can_export": user.has_perm("complaints.export_complaints"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("report/", wrap(self.report_view), name="complaints_complaint_report"),
            path("export/", wrap(self.export_view), name="complaints_complaint_export"),
            path(
                "attachment/<int:pk>/",
                wrap(self.attachment_view),
                name="complaints_complaint_attachment",
            ),
            path(
                "<path:object_id>/act/<slug:action>/",
                wrap(self.ticket_action_view),
                name="complaints_complaint_act",
            ),
            *super().get_urls(),
        ]


def _messages_of(error: ComplaintError | ValidationError) -> list[str]:
    if isinstance(error, ComplaintError):
        return [error.message]
    return list(error.messages)


def _with_format(request, value: str) -> str:
    query = request.GET.copy()
    query["format"] = value
    return query.urlencode()
