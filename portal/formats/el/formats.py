"""Greek formats: Django's, with a 24-hour clock in short date-times (no «π.μ.»)."""

from django.conf.locale.el.formats import *  # noqa: F403

SHORT_DATETIME_FORMAT = "d/m/Y H:i"
