"""Formatting of declaration figures: exact Decimals in the Greek way (12.345,67 €)."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from disclosures.models import Entry

register = template.Library()

UNITS = {"amount": " €", "area_m2": " m²", "share_percent": "%"}


@register.filter
def euro(value) -> str:
    """Format an amount with two decimals and thousands separators, e.g. 12.345,67 €."""
    if value is None or value == "":
        return "—"
    return f"{floatformat(value, '2g')} €"


@register.filter
def signed_euro(value: Decimal) -> str:
    """Format a change of amount with its sign, e.g. +1.200,00 € or −350,00 €."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{floatformat(abs(value), '2g')} €"


@register.filter
def signed_area(value: Decimal) -> str:
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{floatformat(abs(value), '-2g')} m²"


@register.filter
def area(value) -> str:
    if value is None:
        return "—"
    return f"{floatformat(value, '-2g')} m²"


@register.simple_tag
def section_columns(spec) -> list[tuple[str, str]]:
    """Return (field, label) of the columns a section shows."""
    columns = []
    for name in spec.fields:
        label = spec.kind_label if name == "kind" else Entry._meta.get_field(name).verbose_name
        columns.append((name, str(label)))
    return columns


@register.simple_tag
def cell(entry: Entry, name: str) -> str:
    """Return one formatted value of an entry."""
    value = getattr(entry, name)
    if value is None or value == "":
        return "—"
    if name == "amount":
        return euro(value)
    if name == "area_m2":
        return area(value)
    if name == "share_percent":
        return f"{floatformat(value, '-2g')}%"
    return str(value)


@register.simple_tag
def entry_summary(entry: Entry) -> str:
    """Describe an entry in one line, for the lists of added and removed assets."""
    parts = [
        cell(entry, name) for name in entry.spec.fields if getattr(entry, name) not in (None, "")
    ]
    return " · ".join(parts) or _("(χωρίς στοιχεία)")
