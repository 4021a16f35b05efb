"""Estimated durations of procedures, written as ISO 8601 durations (`P10D`, `PT2H`, `P1M`).

ΜΙΤΟΣ and CPSV-AP (`cv:processingTime`, an `xsd:duration`) both take them;
the public pages say them in words.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?)?$"
)
_UNITS = ("years", "months", "weeks", "days", "hours", "minutes")
# Rough lengths in days, only to sort and compare durations.
_DAYS = {"years": 365, "months": 30, "weeks": 7, "days": 1, "hours": 1 / 24, "minutes": 1 / 1440}


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0

    @property
    def approximate_days(self) -> float:
        return sum(getattr(self, unit) * _DAYS[unit] for unit in _UNITS)

    def __str__(self) -> str:
        """The duration in words, in the active language («10 ημέρες», «1 μήνας και 2 ημέρες»)."""
        words = {
            "years": lambda n: ngettext("%(n)d έτος", "%(n)d έτη", n),
            "months": lambda n: ngettext("%(n)d μήνας", "%(n)d μήνες", n),
            "weeks": lambda n: ngettext("%(n)d εβδομάδα", "%(n)d εβδομάδες", n),
            "days": lambda n: ngettext("%(n)d ημέρα", "%(n)d ημέρες", n),
            "hours": lambda n: ngettext("%(n)d ώρα", "%(n)d ώρες", n),
            "minutes": lambda n: ngettext("%(n)d λεπτό", "%(n)d λεπτά", n),
        }
        parts = [
            words[unit](value) % {"n": value} for unit in _UNITS if (value := getattr(self, unit))
        ]
        if not parts:
            return _("Αυθημερόν")
        if len(parts) == 1:
            return parts[0]
        return _("%(first)s και %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def parse_duration(value: str) -> Duration | None:
    """Return the duration an ISO 8601 text names (`P10D`), or None if it names none."""
    found = _DURATION.match((value or "").strip().upper())
    if not found:
        return None
    return Duration(**{unit: int(found.group(unit) or 0) for unit in _UNITS})


def validate_duration(value: str) -> None:
    if value and parse_duration(value) is None:
        raise ValidationError(
            gettext_lazy(
                "Γράψτε τη διάρκεια κατά ISO 8601, π.χ. P10D για 10 ημέρες, PT2H για 2 ώρες, "
                "P1M για έναν μήνα."
            )
        )
