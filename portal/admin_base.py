"""The base of every ModelAdmin in the portal: lists that no query string can break."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


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
    def get_changelist(self, request, **kwargs):
        return BoundedChangeList
