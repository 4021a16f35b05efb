"""Formatting of declaration figures: exact Decimals the Greek way (12.345,67 €)."""

from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.text import capfirst

NUMERIC_FIELDS = frozenset({"amount", "area_m2", "share_percent", "year"})
DASH = "—"


def euro(value) -> str:
    """Format an amount with two decimals and thousands separators, e.g. 12.345,67 €."""
    if value is None or value == "":
        return DASH
    return f"{floatformat(value, '2g')} €"


def area(value) -> str:
    if value is None:
        return DASH
    return f"{floatformat(value, '-2g')} m²"


def _sign(value: Decimal) -> str:
    return "+" if value > 0 else ("−" if value < 0 else "")


def signed_euro(value: Decimal | None) -> str:
    """Format a change of amount with its sign, e.g. +1.200,00 € or −350,00 €."""
    if value is None:
        return DASH
    return f"{_sign(value)}{floatformat(abs(value), '2g')} €"


def signed_area(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return f"{_sign(value)}{floatformat(abs(value), '-2g')} m²"


def cell(entry, name: str) -> str:
    """Return one formatted value of an entry."""
    value = getattr(entry, name)
    if value is None or value == "":
        return DASH
    if name == "amount":
        return euro(value)
    if name == "area_m2":
        return area(value)
    if name == "share_percent":
        return f"{floatformat(value, '-2g')}%"
    return str(value)


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    numeric: bool


def columns(spec, field_label) -> list[Column]:
    """Return the columns a section shows; `field_label(name)` gives a field's label."""
    return [
        Column(
            name=name,
            label=capfirst(str(spec.kind_label if name == "kind" else field_label(name))),
            numeric=name in NUMERIC_FIELDS,
        )
        for name in spec.fields
    ]
