"""The front desk's back office: services, closures, day agenda, phone bookings."""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appointments import selectors, services
from appointments.forms import CancelForm, PhoneBookingForm, parse_day
from appointments.models import (
    Booking,
    BookingSource,
    BookingStatus,
    Closure,
    OpeningHours,
    Service,
)
from portal.admin_audit import AuditedAdmin
from portal.admin_base import PortalModelAdmin
from portal.admin_pages import render_admin_page

# How many days of free times the phone booking page lists for the clerk.
PHONE_DAYS = 7


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name", "department", "slot_minutes", "capacity", "horizon_days", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["department"]
    search_fields = ["name", "name_en", "location"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["department"]
    inlines = [OpeningHoursInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            services.service_default_hours(service=form.instance, actor=request.user)


@admin.register(Closure)
class ClosureAdmin(AuditedAdmin):
    audit_saves = False  # closure_save records them
    list_display = ["date", "end_date", "start_time", "end_time", "service", "reason"]
    list_filter = ["service"]
    list_select_related = ["service"]
    date_hierarchy = "date"

    def get_urls(self):
        return [
            path(
                "<int:pk>/affected/",
                self.admin_site.admin_view(self.affected_view),
                name="appointments_closure_affected",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        services.closure_save(closure=obj, actor=request.user)

    def _after_save(self, request, obj, default):
        if selectors.bookings_affected_by(obj).exists():
            return redirect("admin:appointments_closure_affected", pk=obj.pk)
        return default

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._after_save(request, obj, super().response_change(request, obj))

    def affected_view(self, request, pk):
        """List who a closure affects and let staff cancel and notify them."""
        closure = get_object_or_404(Closure.objects.select_related("service"), pk=pk)
        if not self.has_view_permission(request, closure):
            raise PermissionDenied
        if request.method == "POST":
            if not request.user.has_perm("appointments.change_booking"):
                raise PermissionDenied
            count = services.closure_cancel_affected(closure=closure, actor=request.user)
            messages.success(
                request,
                _("Ακυρώθηκαν %(count)d ραντεβού και ειδοποιήθηκαν οι πολίτες.") % {"count": count},
            )
            return redirect("admin:appointments_closure_changelist")
        affected = selectors.bookings_affected_by(closure)
        return render_admin_page(
            self,
            request,
            "appointments/admin/closure_affected.html",
            {
                "title": _("Ραντεβού που επηρεάζει το κλείσιμο"),
                "closure": closure,
                "affected": affected,
                "can_cancel": request.user.has_perm("appointments.change_booking"),
            },
        )


@admin.register(Booking)
class BookingAdmin(PortalModelAdmin):
    """Bookings are read here; every change goes through the buttons and their services."""

    change_list_template = "appointments/admin/booking_change_list.html"
    change_form_template = "appointments/admin/booking_change_form.html"
    list_display = ["reference", "service", "slot_start", "status", "source", "name"]
    list_filter = ["status", "source", "service", "day"]
    list_select_related = ["service", "slot"]
    search_fields = ["reference", "name", "email", "phone"]
    date_hierarchy = "day"
    show_full_result_count = False
    actions = ["mark_arrived", "mark_no_show"]
    readonly_fields = [
        "reference",
        "service",
        "slot",
        "day",
        *Booking.PERSONAL_FIELDS,
        "status",
        "source",
        "created_at",
        "created_by",
        "status_changed_at",
        "cancelled_reason",
    ]

    @admin.display(description=gettext_lazy("ώρα"), ordering="slot__starts_at")
    def slot_start(self, booking):
        return timezone.localtime(booking.slot.starts_at).strftime("%d/%m/%Y %H:%M")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_desk_permission(self, request):
        return request.user.has_perm("appointments.change_booking")

    def _set_status(self, request, queryset, status):
        done = 0
        for booking in queryset:
            try:
                services.booking_set_status(booking=booking, status=status, actor=request.user)
                done += 1
            except services.BookingRefused as refused:
                self.message_user(request, refused.message, messages.WARNING)
        if done:
            self.message_user(
                request, _("Ενημερώθηκαν %(count)d κρατήσεις.") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=gettext_lazy("Σημείωση: προσήλθε"), permissions=["desk"])
    def mark_arrived(self, request, queryset):
        self._set_status(request, queryset, BookingStatus.ARRIVED)

    @admin.action(description=gettext_lazy("Σημείωση: δεν προσήλθε"), permissions=["desk"])
    def mark_no_show(self, request, queryset):
        self._set_status(request, queryset, BookingStatus.NO_SHOW)

    def get_urls(self):
        return [
            path(
                "agenda/",
                self.admin_site.admin_view(self.agenda_view),
                name="appointments_booking_agenda",
            ),
            path(
                "phone/",
                self.admin_site.admin_view(self.phone_view),
                name="appointments_booking_phone",
            ),
            path(
                "utilisation/",
                self.admin_site.admin_view(self.utilisation_view),
                name="appointments_booking_utilisation",
            ),
            path(
                "<int:pk>/cancel/",
                self.admin_site.admin_view(self.cancel_view),
                name="appointments_booking_cancel",
            ),
            path(
                "<int:pk>/status/",
                self.admin_site.admin_view(self.status_view),
                name="appointments_booking_status",
            ),
            *super().get_urls(),
        ]

    def _page(self, request, template, title, **context):
        return render_admin_page(self, request, template, {"title": title, **context})

    def _require(self, request, codename):
        if not request.user.has_perm(f"appointments.{codename}"):
            raise PermissionDenied

    def agenda_view(self, request):
        """A service's bookings of one day, printable, with arrival buttons."""
        self._require(request, "view_booking")
        service_list = list(Service.objects.all())
        day = parse_day(request.GET.get("day")) or timezone.localdate()
        service = next(
            (s for s in service_list if str(s.pk) == request.GET.get("service")),
            service_list[0] if service_list else None,
        )
        bookings = selectors.day_agenda(service, day) if service else []
        return self._page(
            request,
            "appointments/admin/booking_agenda.html",
            _("Ημερήσιο πρόγραμμα"),
            services=service_list,
            service=service,
            day=day,
            previous_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
            bookings=bookings,
            can_change=self.has_desk_permission(request),
            statuses=BookingStatus,
        )

    def phone_view(self, request):
        """Book on behalf of a caller through the same service as the website."""
        self._require(request, "add_booking")
        form = PhoneBookingForm(
            request.POST or None, initial={"service": request.GET.get("service")}
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                result = services.appointment_book(
                    service=data["service"],
                    starts_at=data["start"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    reason=data["reason"],
                    source=BookingSource.PHONE,
                    actor=request.user,
                )
            except services.BookingRefused as refused:
                form.add_error(None, refused.message)
            else:
                booking = result.booking
                messages.success(
                    request,
                    _("Κλείστηκε το ραντεβού %(reference)s. Πείτε στον πολίτη τον κωδικό.")
                    % {"reference": booking.reference},
                )
                return redirect(
                    reverse("admin:appointments_booking_agenda")
                    + f"?service={booking.service_id}&day={booking.day.isoformat()}"
                )
        try:
            service = form.fields["service"].clean(
                request.POST.get("service") or request.GET.get("service")
            )
        except ValidationError:
            service = None
        today = timezone.localdate()
        free_days = (
            [
                day
                for day in selectors.service_days(
                    service, start=today, end=today + timedelta(days=PHONE_DAYS)
                )
                if day.free_offers
            ]
            if service
            else []
        )
        return self._page(
            request,
            "appointments/admin/booking_phone.html",
            _("Κράτηση από τηλέφωνο"),
            form=form,
            service=service,
            free_days=free_days,
        )

    def utilisation_view(self, request):
        self._require(request, "view_booking")
        today = timezone.localdate()
        start = parse_day(request.GET.get("from")) or today - timedelta(days=30)
        end = parse_day(request.GET.get("to")) or today
        if end < start or (end - start).days > 366:
            messages.error(request, _("Διάστημα έως ένα έτος, με την αρχή πριν από το τέλος."))
            start, end = today - timedelta(days=30), today
        return self._page(
            request,
            "appointments/admin/booking_utilisation.html",
            _("Αξιοποίηση θέσεων"),
            rows=selectors.utilisation(start=start, end=end),
            start=start,
            end=end,
        )

    def cancel_view(self, request, pk):
        self._require(request, "change_booking")
        booking = get_object_or_404(Booking.objects.select_related("service", "slot"), pk=pk)
        form = CancelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.booking_cancel(
                    booking=booking, reason=form.cleaned_data["reason"], actor=request.user
                )
            except services.BookingRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(
                    request,
                    _("Το ραντεβού %(reference)s ακυρώθηκε και ο πολίτης ειδοποιήθηκε.")
                    % {"reference": booking.reference},
                )
            return redirect("admin:appointments_booking_change", booking.pk)
        return self._page(
            request,
            "appointments/admin/booking_cancel.html",
            _("Ακύρωση ραντεβού"),
            booking=booking,
            form=form,
        )

    def status_view(self, request, pk):
        self._require(request, "change_booking")
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        booking = get_object_or_404(Booking, pk=pk)
        status = request.POST.get("status", "")
        if status not in BookingStatus.values:
            messages.error(request, _("Άγνωστη κατάσταση."))
        else:
            try:
                services.booking_set_status(booking=booking, status=status, actor=request.user)
            except services.BookingRefused as refused:
                messages.error(request, refused.message)
        return redirect(
            reverse("admin:appointments_booking_agenda")
            + f"?service={booking.service_id}&day={booking.day.isoformat()}"
        )
