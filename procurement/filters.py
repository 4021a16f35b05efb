"""The public list's filters: each narrows the published procurements, all combine."""

import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db.models import BooleanField, Exists, F, OrderBy, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.filters import date_range
from portal.forms import GovGrFormMixin
from portal.models import Department
from portal.search import search_with_suggestion
from procurement.models import (
    TOTAL_DECIMAL_PLACES,
    TOTAL_MAX_DIGITS,
    ContractType,
    Procedure,
    Procurement,
    Stage,
    Status,
)

_DIGITS = re.compile(r"\D")
# Only amounts the column can hold: others (1e-999999, -1e999999) would fail in SQL.
_AMOUNT = {
    "field_name": "estimated_total",
    "max_digits": TOTAL_MAX_DIGITS,
    "decimal_places": TOTAL_DECIMAL_PLACES,
    "min_value": 0,
}


def order_without_index(queryset: QuerySet) -> QuerySet:
    """Keep the queryset's order, but through COALESCE, which no index serves.

    When a filter or a rare word (a ΑΔΑΜ, a name) matches a handful of rows,
    the planner cannot tell and may walk the date or amount index testing
    every row; this makes it find the matches first and sort just them.
    """
    return queryset.order_by(*(_unindexed(str(field)) for field in queryset.query.order_by))


def _unindexed(ordering: str) -> OrderBy:
    name = ordering.lstrip("-")
    expression = Coalesce(F(name), F(name))
    return expression.desc() if ordering.startswith("-") else expression.asc()


class FilterForm(GovGrFormMixin, forms.Form):
    """The filter form with the GOV.GR classes on its widgets."""


class ProcurementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Αναζήτηση"),
        method="filter_search",
        help_text=_("Λέξεις του τίτλου, ανάδοχος, ΑΦΜ, ΑΔΑΜ ή ΑΔΑ."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Κατάσταση"), choices=Status.choices, empty_label=_("Όλες")
    )
    open = django_filters.BooleanFilter(
        label=_("Μόνο όσοι δέχονται προσφορές"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )
    contract_type = django_filters.ChoiceFilter(
        label=_("Είδος σύμβασης"), choices=ContractType.choices, empty_label=_("Όλα")
    )
    procedure = django_filters.ChoiceFilter(
        label=_("Διαδικασία"), choices=Procedure.choices, empty_label=_("Όλες")
    )
    department = django_filters.ChoiceFilter(
        label=_("Υπηρεσία"),
        method="filter_department",
        choices=lambda: [
            (department.slug, department.name)
            for department in Department.objects.filter(is_active=True)
            .order_by("name")
            .only("slug", "name", "name_en")
        ],
        empty_label=_("Όλες"),
    )
    cpv = django_filters.CharFilter(
        label=_("Κωδικός CPV"),
        method="filter_cpv",
        help_text=_("Ολόκληρος ή τα πρώτα ψηφία, π.χ. 45233 για οδοποιία."),
    )
    supplier = django_filters.CharFilter(
        label=_("ΑΦΜ αναδόχου"), method="filter_supplier", max_length=9
    )
    # Query names published_after/_before and deadline_after/_before, as before.
    published = date_range(_("Δημοσιεύθηκε"), "published_at")
    deadline = date_range(_("Λήξη υποβολής"), "submission_deadline")
    amount_min = django_filters.NumberFilter(
        label=_("Προϋπολογισμός από (€)"), lookup_expr="gte", **_AMOUNT
    )
    amount_max = django_filters.NumberFilter(
        label=_("Προϋπολογισμός έως (€)"), lookup_expr="lte", **_AMOUNT
    )
    sort = django_filters.OrderingFilter(
        label=_("Ταξινόμηση"),
        fields=(
            ("published_at", "published"),
            ("submission_deadline", "deadline"),
            ("estimated_total", "amount"),
            ("title", "title"),
        ),
        choices=[
            ("-published", _("Νεότερες πρώτα")),
            ("published", _("Παλαιότερες πρώτα")),
            ("deadline", _("Λήξη υποβολής (πλησιέστερη)")),
            ("-amount", _("Μεγαλύτερος προϋπολογισμός")),
            ("amount", _("Μικρότερος προϋπολογισμός")),
            ("title", _("Τίτλος (Α–Ω)")),
        ],
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Procurement
        fields: list[str] = []
        form = FilterForm

    # «Μήπως εννοούσατε…;»: the corrected query when the words typed matched nothing.
    suggestion = None

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset, self.suggestion = search_with_suggestion(queryset, value)
        return queryset

    def filter_open(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(status=Status.ACTIVE, submission_deadline__gt=timezone.now())

    def filter_cpv(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        digits = _DIGITS.sub("", value)[:9]
        if not digits:
            return queryset.none()
        prefix = digits[:8] + ("-" + digits[8:] if len(digits) > 8 else "")
        # The codes are words of the search document: its index finds the
        # candidates, the array check keeps only real CPV matches.
        candidates = SearchQuery(f"{digits[:8]}:*", config="simple", search_type="raw")
        has_code = RawSQL(
            "EXISTS (SELECT 1 FROM unnest(procurement_procurement.cpv_codes) AS code "
            "WHERE code LIKE %s)",
            (prefix + "%",),
            output_field=BooleanField(),
        )
        return queryset.filter(search_vector=candidates).filter(has_code)

    def filter_department(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A subquery, not a join: the count then reads only the narrow filter index.
        department = Department.objects.filter(slug=value).values("pk")[:1]
        return queryset.filter(department_id=Subquery(department))

    def filter_supplier(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        awarded = Stage.objects.filter(procurement=OuterRef("pk"), supplier__afm=value.strip())
        return queryset.filter(Exists(awarded))
