"""Template access to the declaration formatting (exact Decimals, Greek separators)."""

from django import template
from django.utils.translation import gettext as _

from disclosures import formatting
from disclosures.models import Entry

register = template.Library()

register.filter("euro", formatting.euro)
register.filter("signed_euro", formatting.signed_euro)
register.filter("area", formatting.area)
register.filter("signed_area", formatting.signed_area)


@register.filter
def get_item(mapping: dict, key):
    """Look a key up in a dict (section totals by section code)."""
    return mapping.get(key)


@register.simple_tag
def entry_summary(entry: Entry) -> str:
    """Describe an entry in one line, for the lists of added and removed assets."""
    parts = [
        formatting.cell(entry, name)
        for name in entry.spec.fields
        if getattr(entry, name) not in (None, "")
    ]
    return " · ".join(parts) or _("(χωρίς στοιχεία)")
