"""Filters of the public register (django-filter), applied inside the selectors."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, Complaint, Status
from portal.filters import date_range
from portal.forms import GovGrFormMixin
from portal.models import Department
from portal.search import search_with_suggestion


class RegisterFilterForm(GovGrFormMixin, forms.Form):
    """The register's filter form, with gov.gr widget classes."""


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Αναζήτηση"), method="filter_text", max_length=200)
    category = django_filters.ModelChoiceFilter(
        label=_("Κατηγορία"),
        queryset=Category.objects.filter(is_active=True).order_by("group", "position", "name"),
        to_field_name="code",
        empty_label=_("Όλες"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Κατάσταση"), choices=Status.choices, empty_label=_("Όλες")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Υπηρεσία"),
        queryset=Department.objects.filter(
            is_active=True, complaint_categories__isnull=False
        ).distinct(),
        to_field_name="slug",
        empty_label=_("Όλες"),
    )
    # Query names submitted_from and submitted_to, as before.
    submitted = date_range(_("Ημερομηνία υποβολής"), "submitted_at", suffixes=("from", "to"))

    class Meta:
        model = Complaint
        form = RegisterFilterForm
        fields = ["q", "category", "status", "department", "submitted"]

    # «Μήπως εννοούσατε…;»: the corrected query when the words typed matched nothing.
    suggestion = None

    def filter_text(self, queryset, name, value):
        queryset, self.suggestion = search_with_suggestion(queryset, value)
        return queryset
