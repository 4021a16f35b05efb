"""Form helpers shared by the apps."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

_WIDGET_CLASSES = {
    forms.Textarea: "govgr-textarea",
    forms.Select: "govgr-select",
    forms.SelectMultiple: "govgr-select",
    forms.CheckboxInput: "govgr-checkboxes__input",
    forms.RadioSelect: "govgr-radios__input",
    forms.CheckboxSelectMultiple: "govgr-checkboxes__input",
    # digigov.css hides .govgr-file-input behind a styled label; keep the native control.
    forms.FileInput: "portal-file-input",
}


def govgr_styled(field: forms.Field) -> forms.Field:
    """Give a field's widget the GOV.GR design-system class for its kind; return the field."""
    widget = field.widget
    css = next(
        (name for kind, name in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
        "govgr-input",
    )
    existing = widget.attrs.get("class", "")
    widget.attrs["class"] = f"{existing} {css}".strip()
    return field


class GovGrFormMixin:
    """Give every widget the GOV.GR design-system class for its kind.

    Fields a form adds after `__init__` (such as a category's questions) go
    through `govgr_styled` themselves.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            govgr_styled(field)


class HoneypotField(forms.CharField):
    """A field people never see or fill in; anything in it marks a bot."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Μην συμπληρώσετε αυτό το πεδίο"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "portal-hp"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value:
            raise forms.ValidationError(
                _("Η υποβολή δεν έγινε δεκτή. Αν είστε άνθρωπος, αφήστε κενό το πεδίο αυτό.")
            )
        return value


def clean_phone(value: str, number_format=phonenumbers.PhoneNumberFormat.E164) -> str:
    """Return a phone number, Greek or foreign, in the given format; raise a Greek error.

    A number without a country code is read as Greek (2310 123456, 69xx xxxxxx);
    residents with a foreign number write it with its code (+49 …).
    """
    message = _(
        "Συμπληρώστε έναν έγκυρο αριθμό τηλεφώνου: ελληνικό σταθερό ή κινητό "
        "(π.χ. 2310 123456) ή ξένο με τον κωδικό της χώρας (π.χ. +49 151 23456789)."
    )
    try:
        number = phonenumbers.parse(value, "GR")
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(message, code="phone") from error
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(message, code="phone")
    return phonenumbers.format_number(number, number_format)
