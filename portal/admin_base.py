"""The base of every ModelAdmin in the portal: lists that no query string can break."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from portal.pagination import CappedPaginator


class BoundedChangeList(ChangeList):
    """Refuse date drill-downs Python cannot hold (year 99999999999, 9999 + 1) as bad lookups.

    Django turns IncorrectLookupParameters into a redirect to the unfiltered list
    (`?e=1`); the stock changelist lets the OverflowError or ValueError through as a 500.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class PortalModelAdmin(admin.ModelAdmin):
    #: Count at most this many rows of a list (a table that grows without end, such as
    #: the complaints queue): the list then costs the same at a million rows. Its
    #: templates say «more than N» (see templates/admin/complaints/complaint/).
    count_cap: int | None = None

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if self.count_cap is None:
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )
        return CappedPaginator(
            queryset,
            per_page,
            cap=self.count_cap,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
        )
