"""Names the staff write once per language: a Greek column and an English one beside it.

A `TranslatedCharField` stores Greek, the source language, in its own column
(`name`) and finds the English in a plain field beside it (`name_en`). Reading
`obj.name` while English is active gives the English text when there is one,
and the Greek otherwise; so templates, `__str__`, form choices and the Open311
serializers speak the page's language without knowing about it.

Writes, saves, form initial values and dumps always see the stored Greek
(`pre_save` and `value_from_object` read the column itself), so an English
admin page never writes English into the Greek column. Queries (`filter`,
`order_by`, `values`) use the Greek column as before.
"""

from typing import cast

from django.conf import settings
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation


def translation_languages() -> list[str]:
    """The languages besides the source one that get a column of their own."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def active_translation() -> str | None:
    """The active language if it has its own columns, else None (Greek or none active)."""
    language = translation.get_language()
    if not language:
        return None
    language = language.split("-")[0]
    return language if language in translation_languages() else None


class TranslatedAttribute(DeferredAttribute):
    """`obj.name`: the active language's text, falling back to the stored Greek."""

    def __get__(self, instance, cls=None):
        stored = super().__get__(instance, cls)
        if instance is None:
            return stored
        language = active_translation()
        if language:
            translated = getattr(instance, f"{self.field.attname}_{language}", "")
            if translated:
                return translated
        return stored

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class TranslatedCharField(models.CharField):
    """A CharField in Greek whose reads follow the active language (see the module doc).

    It deconstructs as a plain CharField: the database column is unchanged.
    """

    descriptor_class = TranslatedAttribute

    def stored_value(self, instance):
        return DeferredAttribute.__get__(self.descriptor_class(self), instance, type(instance))

    def pre_save(self, model_instance, add):
        return self.stored_value(model_instance)

    def value_from_object(self, obj):
        return self.stored_value(obj)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


def translated_value(row: dict, key: str) -> str:
    """`row[key]` from a `.values()` row, or `row[key + "_en"]` in English when it is filled."""
    language = active_translation()
    if language and row.get(f"{key}_{language}"):
        return row[f"{key}_{language}"]
    return row[key]


def translated_choice_name(choice: dict) -> str:
    """A question's choice `{"key", "name", "name_en"}` in the active language."""
    language = active_translation()
    if language and choice.get(f"name_{language}"):
        return str(choice[f"name_{language}"])
    return str(choice.get("name", choice.get("key", "")))


class TranslatedModel(models.Model):
    """Base of a model with `TranslatedCharField`s: reloading keeps the Greek in its column."""

    class Meta:
        abstract = True

    def refresh_from_db(self, *args, **kwargs):
        # Django copies each attribute from a fresh instance; read them untranslated.
        with translation.override(None):
            return super().refresh_from_db(*args, **kwargs)


def in_every_language(instance: models.Model, name: str) -> list[str]:
    """The stored Greek of a translated field and its translations, e.g. for a search document."""
    field = cast("TranslatedCharField", instance._meta.get_field(name))
    texts = [field.stored_value(instance)]
    texts += [getattr(instance, f"{name}_{language}", "") for language in translation_languages()]
    return [text for text in texts if text]
