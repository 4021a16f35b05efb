"""SQL expressions of the complaints app (kept apart so that models.py stays short)."""

from django.db import models


class DaysBetween(models.Func):
    """Calendar days from the second date to the first (PostgreSQL's date - date)."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = models.IntegerField()
