"""Post an admin change form back as the browser would."""

from django import forms


def admin_form_data(response) -> dict:
    """Turn a rendered admin change form, inlines included, into POST data."""
    data = {}
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        all_forms.extend(formset.forms)
    for form in all_forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or isinstance(field, forms.FileField):
                continue
            if isinstance(field.widget, forms.MultiWidget):
                parts = field.widget.decompress(value)
                for suffix, part in zip(field.widget.widgets_names, parts, strict=True):
                    data[form.add_prefix(name) + suffix] = part
                continue
            if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
                value = [str(item) for item in value]
            elif isinstance(value, list):
                value = ",".join(value)
            if isinstance(field.widget, forms.CheckboxInput):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = value
    return data
