"""Answers to a category's extra questions: checked the same way for the web and Open311."""

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from complaints.models import Category, CategoryQuestion, QuestionKind
from portal.i18n import translated_choice_name

MAX_TEXT_ANSWER = 500


def clean_answers(category: Category, answers: dict[str, Any]) -> dict[str, Any]:
    """Return the answers the category asks for, normalised; raise ValidationError otherwise.

    Unknown codes are dropped; text answers are limited to 500 characters.
    """
    cleaned: dict[str, Any] = {}
    errors: list[ValidationError] = []
    for question in category.questions.all():
        value = answers.get(question.code)
        if value in (None, "", []):
            if question.required:
                errors.append(
                    ValidationError(
                        _("Απαντήστε στην ερώτηση «%(label)s»."),
                        params={"label": question.label},
                        code="required",
                    )
                )
            continue
        try:
            cleaned[question.code] = _clean_value(question, value)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _invalid(question: CategoryQuestion) -> ValidationError:
    return ValidationError(
        _("Η απάντηση στην ερώτηση «%(label)s» δεν είναι έγκυρη."),
        params={"label": question.label},
        code="invalid",
    )


def _clean_value(question: CategoryQuestion, value: Any) -> Any:
    if isinstance(value, list) and question.kind != QuestionKind.MULTIPLE:
        if len(value) != 1:  # several answers to a question that takes one
            raise _invalid(question)
        value = value[0]
    if question.kind == QuestionKind.NUMBER:
        try:
            number = Decimal(str(value))
        except InvalidOperation as error:
            raise _invalid(question) from error
        if not number.is_finite():
            raise _invalid(question)
        return str(number)
    if question.kind == QuestionKind.SINGLE:
        if str(value) not in question.choice_keys:
            raise _invalid(question)
        return str(value)
    if question.kind == QuestionKind.MULTIPLE:
        values = [str(item) for item in (value if isinstance(value, list) else [value])]
        if not values or any(item not in question.choice_keys for item in values):
            raise _invalid(question)
        return sorted(set(values))
    if question.kind == QuestionKind.DATETIME:
        try:
            return datetime.fromisoformat(str(value)).isoformat()
        except ValueError as error:
            raise _invalid(question) from error
    text = str(value).strip()
    if len(text) > MAX_TEXT_ANSWER:
        raise ValidationError(
            _("Η απάντηση στην ερώτηση «%(label)s» είναι πολύ μεγάλη (έως %(limit)d χαρακτήρες)."),
            params={"label": question.label, "limit": MAX_TEXT_ANSWER},
            code="too_long",
        )
    return text


def describe_answers(category: Category, answers: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (question, answer) pairs to show people: labels and choice names, not codes."""
    described = []
    for question in category.questions.all():
        if question.code not in answers:
            continue
        names = {
            str(choice.get("key")): translated_choice_name(choice) for choice in question.choices
        }
        value = answers[question.code]
        values = value if isinstance(value, list) else [value]
        described.append((question.label, ", ".join(names.get(str(v), str(v)) for v in values)))
    return described
