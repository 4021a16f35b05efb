import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from disclosures.models import COUNCIL_PERIODS, Faction, Official, Term
from portal.forms import GovGrFormMixin
from portal.search import apply_search

PERIOD_CHOICES = [(period.slug, period.label) for period in COUNCIL_PERIODS]
PERIODS = {period.slug: period for period in COUNCIL_PERIODS}


class DirectoryForm(GovGrFormMixin, forms.Form):
    """The directory's filter form, in the gov.gr style."""


class OfficialFilter(django_filters.FilterSet):
    """The public directory's filters: search, role, faction, council term, in office."""

    q = django_filters.CharFilter(label=_("Αναζήτηση ονόματος"), method="filter_search")
    role = django_filters.ChoiceFilter(
        label=_("Θέση"), choices=Term.Role.choices, method="filter_role", empty_label=_("Όλες")
    )
    faction = django_filters.ModelChoiceFilter(
        label=_("Παράταξη"),
        queryset=Faction.objects.all(),
        to_field_name="slug",
        empty_label=_("Όλες"),
    )
    period = django_filters.ChoiceFilter(
        label=_("Δημοτική περίοδος"),
        choices=PERIOD_CHOICES,
        method="filter_period",
        empty_label=_("Όλες"),
    )
    active = django_filters.ChoiceFilter(
        label=_("Κατάσταση"),
        choices=[("1", _("Εν ενεργεία")), ("0", _("Πρώην αιρετοί"))],
        method="filter_active",
        empty_label=_("Όλοι"),
    )

    class Meta:
        model = Official
        form = DirectoryForm
        fields = ["q", "role", "faction", "period", "active"]

    def filter_search(self, queryset, name, value):
        return apply_search(queryset, value)

    def filter_role(self, queryset, name, value):
        terms = Term.objects.filter(official=OuterRef("pk"), role=value)
        return queryset.filter(Exists(terms))

    def filter_period(self, queryset, name, value):
        period = PERIODS[value]
        terms = Term.objects.filter(official=OuterRef("pk"), start__lte=period.end).filter(
            Q(end__isnull=True) | Q(end__gte=period.start)
        )
        return queryset.filter(Exists(terms))

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "1")
