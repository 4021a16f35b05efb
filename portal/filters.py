"""Filter pieces shared by the public lists (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import SuffixedMultiWidget


class DateRangeWidget(SuffixedMultiWidget):
    """Two date boxes, each with its own label; the query names are `<name>_<suffix>`."""

    template_name = "portal/widgets/date_range.html"

    def __init__(self, attrs=None, *, suffixes=("after", "before"), labels=None):
        self.suffixes = list(suffixes)
        self.labels = labels or (_("Από"), _("Έως"))
        boxes = [forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d") for _s in suffixes]
        super().__init__(boxes, attrs)

    def decompress(self, value):
        return [value.start, value.stop] if value else [None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subcontext, suffix, label in zip(
            context["widget"]["subwidgets"], self.suffixes, self.labels, strict=True
        ):
            if subcontext["attrs"].get("id"):
                subcontext["attrs"]["id"] = f"{context['widget']['attrs']['id']}_{suffix}"
            subcontext["label"] = label
        return context

    def id_for_label(self, id_):
        return f"{id_}_{self.suffixes[0]}" if id_ else id_


def date_range(label, field_name: str, *, suffixes=("after", "before")):
    """A from–to date filter on a date or timestamp column, whole days inclusive."""
    return django_filters.DateFromToRangeFilter(
        label=label, field_name=field_name, widget=DateRangeWidget(suffixes=suffixes)
    )
