"""Admin pages of our own (reports, forms of a staff action) rendered like Django's."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse


def render_admin_page(
    model_admin: admin.ModelAdmin, request: HttpRequest, template: str, context: dict[str, Any]
) -> TemplateResponse:
    """Render `template` with the admin site's context and the model's `opts`.

    `context` should carry a `title`; pass `media` where the page needs the
    model admin's scripts and styles.
    """
    return TemplateResponse(
        request,
        template,
        {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, **context},
    )
