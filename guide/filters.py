"""The public search of the guide: words (accent- and typo-tolerant), life event, unit, cost."""

import re

import django_filters
from django import forms
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from guide.models import Channel, ChannelKind, FeeKind, LifeEvent, Procedure, Status
from portal.forms import GovGrFormMixin
from portal.i18n import translated_value
from portal.models import Department
from portal.search import MAX_WORDS, Folded, normalize, search_with_suggestion

_WORD = re.compile(r"[^\W_]+")


class FilterForm(GovGrFormMixin, forms.Form):
    """The filter form with the GOV.GR classes on its widgets."""


class LongSelect(forms.Select):
    """A select of many options (a unit list of 300) written in Python, not a template each."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(item) for item in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), options)


def unit_choices() -> list[tuple[str, str]]:
    """The active units responsible for a published procedure, as (slug, name) by name."""
    published = Procedure.objects.filter(department=OuterRef("pk"), status=Status.PUBLISHED)
    rows = (
        Department.objects.filter(Exists(published), is_active=True)
        .order_by("name")
        .values("slug", "name", "name_en")
    )
    return [(row["slug"], translated_value(dict(row), "name")) for row in rows]


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
        choices=lambda: unit_choices(),
        empty_label=_("Όλες"),
        widget=LongSelect,
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
        words = _WORD.findall(normalize(self.suggestion or value))[:MAX_WORDS]
        if not words:
            return queryset
        # Procedures whose official or alternative titles hold every word come first. A
        # folded substring test, not ts_rank: ranking hundreds of matches by their whole
        # vector costs more than the search itself.
        titles = Folded(Concat("title", Value(" "), "alternative_titles", output_field=TextField()))
        in_titles = Q()
        for word in words:
            in_titles &= Q(folded_titles__contains=word)
        return (
            queryset.alias(folded_titles=titles)
            .annotate(in_titles=Case(When(in_titles, then=1), default=0))
            .order_by("-in_titles", "title", "id")
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
