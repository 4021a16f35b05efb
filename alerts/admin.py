"""The alerts back office: read only. Staff see what people subscribe to, not who,
unless they handle data-protection requests."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alerts.models import Subscriber, Subscription
from alerts.selectors import can_see_subscriber_email
from portal.admin_base import PortalModelAdmin

FIELDS = [
    "source",
    "summary",
    "criteria",
    "frequency",
    "status",
    "created_at",
    "confirmed_at",
    "cancelled_at",
    "covered_until",
]


@admin.register(Subscription)
class SubscriptionAdmin(PortalModelAdmin):
    list_display = ["source_label", "summary", "frequency", "status", "created_at"]
    list_filter = ["source", "frequency", "status"]
    date_hierarchy = "created_at"
    search_fields = ["summary"]
    list_select_related = ["subscriber"]

    @admin.display(description=_("πηγή"), ordering="source")
    def source_label(self, obj: Subscription):
        return obj.source_label

    @admin.display(description=_("email"))
    def subscriber_email(self, obj: Subscription):
        return obj.subscriber.email

    def _personal(self, request) -> bool:
        return can_see_subscriber_email(request.user)

    def get_list_display(self, request):
        personal = ["subscriber_email"] if self._personal(request) else []
        return [*self.list_display, *personal]

    def get_search_fields(self, request):
        personal = [f"subscriber__{name}" for name in Subscriber.PERSONAL_FIELDS]
        return [*self.search_fields, *(personal if self._personal(request) else [])]

    def get_fields(self, request, obj=None):
        return [*FIELDS, *(["subscriber_email"] if self._personal(request) else [])]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # An address and its alerts are erased through the data-protection tool.
        return False
