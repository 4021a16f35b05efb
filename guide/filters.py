"""The public search of the guide: words (accent- and typo-tolerant), life event, unit, cost."""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from guide.models import Channel, ChannelKind, FeeKind, LifeEvent, Procedure
from portal.forms import GovGrFormMixin
from portal.models import Department
from portal.search import search_query, search_with_suggestion


class FilterForm(GovGrFormMixin, forms.Form):
    """The filter form with the GOV.GR classes on its widgets."""


class ProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Τι χρειάζεστε;"),
        method="filter_search",
        max_length=200,
        help_text=_("π.χ. πιστοποιητικό οικογενειακής κατάστασης, άδεια κατάληψης πεζοδρομίου"),
    )
    life_event = django_filters.ChoiceFilter(
        label=_("Γεγονός ζωής"),
        method="filter_life_event",
        choices=lambda: [(event.slug, event.name) for event in LifeEvent.objects.all()],
        empty_label=_("Όλα"),
    )
    department = django_filters.ChoiceFilter(
        label=_("Αρμόδια υπηρεσία"),
        method="filter_department",
        choices=lambda: [
            (department.slug, department.name)
            for department in Department.objects.filter(
                is_active=True, procedures__status="published"
            )
            .distinct()
            .order_by("name")
            .only("slug", "name", "name_en")
        ],
        empty_label=_("Όλες"),
    )
    online = django_filters.BooleanFilter(
        label=_("Μόνο όσες γίνονται ηλεκτρονικά"),
        method="filter_online",
        widget=forms.CheckboxInput,
    )
    free = django_filters.BooleanFilter(
        label=_("Μόνο όσες δεν κοστίζουν"),
        method="filter_free",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Procedure
        fields: list[str] = []
        form = FilterForm

    # «Μήπως εννοούσατε…;»: the corrected query when the words typed matched nothing.
    suggestion = None

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset, self.suggestion = search_with_suggestion(queryset, value)
        query = search_query(self.suggestion or value)
        if query is None:
            return queryset
        # The official and alternative titles weigh most: they are the start of the document.
        return queryset.annotate(rank=SearchRank(F("search_vector"), query)).order_by(
            "-rank", "title"
        )

    def filter_life_event(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(life_events__slug=value)

    def filter_department(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(department__slug=value)

    def filter_online(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        online = Channel.objects.filter(procedure=OuterRef("pk"), kind=ChannelKind.ONLINE)
        return queryset.filter(Exists(online))

    def filter_free(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(fee_kind=FeeKind.NONE) if value else queryset
