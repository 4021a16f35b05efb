"""When a service can be booked: opening hours minus holidays and closures.

Pure computation over rows the caller has fetched, so that the slot page and
the JSON API run a fixed number of queries whatever the range.
"""

import functools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import holidays
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext

from appointments.models import Closure, OpeningHours, Service
from portal.municipality import municipality


@functools.cache
def _national_holidays(year: int, language: str) -> dict[date, str]:
    calendar = holidays.country_holidays("GR", years=year, language=language)
    return {day: str(name) for day, name in calendar.items()}


def holiday_name(day: date) -> str:
    """Return the name of the public or local holiday on this day, or ''."""
    language = "en_US" if (get_language() or "el").startswith("en") else "el"
    name = _national_holidays(day.year, language).get(day)
    if name:
        return name
    return municipality().holiday_name(day)


@dataclass(slots=True)
class Offer:
    """One start time of a service on a day, with its remaining places."""

    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.booked, 0)

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.starts_at)

    @property
    def key(self) -> int:
        """A short id for form elements: the start's Unix time."""
        return int(self.starts_at.timestamp())

    @property
    def remaining_label(self) -> str:
        return ngettext("%(count)d θέση", "%(count)d θέσεις", self.remaining) % {
            "count": self.remaining
        }


@dataclass
class Day:
    """A day of a service: its offers, or why it is closed."""

    date: date
    offers: list[Offer] = field(default_factory=list)
    closed_reason: str = ""

    @property
    def closed_label(self) -> str:
        """The day's tag: «Αργία: Χριστούγεννα» as it is, a closure as «Κλειστά: Απεργία»."""
        if not self.closed_reason or holiday_name(self.date):
            return self.closed_reason
        return gettext("Κλειστά: %(reason)s") % {"reason": self.closed_reason}

    @property
    def free_offers(self) -> list[Offer]:
        return [offer for offer in self.offers if offer.remaining > 0]


@dataclass(frozen=True)
class Calendar:
    """The rows availability depends on, fetched once by a selector."""

    service: Service
    hours: list[OpeningHours]
    closures: list[Closure]
    # (capacity, booked) of the slots already made, by start time.
    slots: dict[datetime, tuple[int, int]]

    def ranges(self, day: date) -> list[OpeningHours]:
        return [hours for hours in self.hours if hours.weekday == day.weekday()]

    def closures_on(self, day: date) -> list[Closure]:
        return [
            closure
            for closure in self.closures
            if closure.covers(day)
            and (closure.service_id is None or closure.service_id == self.service.pk)
        ]


def _utc(day: date, moment: time | None) -> datetime:
    # Computing in UTC keeps comparisons and dict look-ups free of zone arithmetic.
    return datetime.combine(
        day, moment or time.min, tzinfo=timezone.get_default_timezone()
    ).astimezone(UTC)


def day_starts(calendar: Calendar, day: date) -> list[tuple[datetime, datetime]]:
    """Return the (start, end) pairs, in UTC, within opening hours and outside partial closures."""
    length = timedelta(minutes=calendar.service.slot_minutes)
    blocked = [
        (_utc(day, closure.start_time), _utc(day, closure.end_time))
        for closure in calendar.closures_on(day)
        if not closure.is_whole_day
    ]
    pairs = []
    for hours in calendar.ranges(day):
        start = _utc(day, hours.start)
        close = _utc(day, hours.end)
        while start + length <= close:
            end = start + length
            if not blocked or not any(start < until and since < end for since, until in blocked):
                pairs.append((start, end))
            start = end
    return pairs


def closed_reason(calendar: Calendar, day: date) -> str:
    """Return why the service is closed all day (holiday or closure), or ''."""
    name = holiday_name(day)
    if name:
        return gettext("Αργία: %(name)s") % {"name": name}
    for closure in calendar.closures_on(day):
        if closure.is_whole_day:
            return closure.reason
    return ""


def places_offered(calendar: Calendar, day: date) -> int:
    """Return how many places the timetable gave on this day (slots times desks)."""
    if closed_reason(calendar, day):
        return 0
    return len(day_starts(calendar, day)) * calendar.service.capacity


def bookable_window(service: Service, now: datetime) -> tuple[datetime, date]:
    """Return the earliest bookable moment and the last bookable local day."""
    earliest = (now + timedelta(minutes=service.min_notice_minutes)).astimezone(UTC)
    last_day = timezone.localdate(now) + timedelta(days=service.horizon_days)
    return earliest, last_day


def days(calendar: Calendar, start: date, end: date, now: datetime) -> list[Day]:
    """Return the service's open or closed working days from start to end inclusive."""
    earliest, last_day = bookable_window(calendar.service, now)
    default = (calendar.service.capacity, 0)
    result = []
    day = start
    while day <= min(end, last_day):
        if calendar.ranges(day):
            reason = closed_reason(calendar, day)
            entry = Day(date=day, closed_reason=reason)
            if not reason:
                for starts_at, ends_at in day_starts(calendar, day):
                    if starts_at < earliest:
                        continue
                    capacity, booked = calendar.slots.get(starts_at, default)
                    entry.offers.append(Offer(starts_at, ends_at, capacity, booked))
            result.append(entry)
        day += timedelta(days=1)
    return result


def refusal(calendar: Calendar, starts_at: datetime, now: datetime) -> str:
    """Return the Greek reason why this start time cannot be booked now, or ''."""
    service = calendar.service
    earliest, last_day = bookable_window(service, now)
    day = timezone.localdate(starts_at)
    if not service.is_active:
        return gettext("Η υπηρεσία δεν δέχεται ραντεβού αυτή την περίοδο.")
    if starts_at <= now:
        return gettext("Η ώρα αυτή έχει περάσει. Επιλέξτε μια μελλοντική ώρα.")
    if starts_at < earliest:
        return notice_message(service.min_notice_minutes)
    if day > last_day:
        return ngettext(
            "Μπορείτε να κλείσετε ραντεβού έως %(days)d ημέρα πριν.",
            "Μπορείτε να κλείσετε ραντεβού έως %(days)d ημέρες πριν.",
            service.horizon_days,
        ) % {"days": service.horizon_days}
    reason = closed_reason(calendar, day)
    if reason:
        return gettext("Την ημέρα αυτή (%(day)s) η υπηρεσία δεν δέχεται ραντεβού (%(reason)s).") % {
            "day": date_format(day, "l j E"),
            "reason": reason,
        }
    if starts_at not in {start for start, _end in day_starts(calendar, day)}:
        return gettext("Η ώρα αυτή είναι εκτός του ωραρίου ραντεβού της υπηρεσίας.")
    return ""


def notice_message(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext(
            "Τα ραντεβού κλείνονται τουλάχιστον %(count)d ώρα νωρίτερα.",
            "Τα ραντεβού κλείνονται τουλάχιστον %(count)d ώρες νωρίτερα.",
            hours,
        ) % {"count": hours}
    return ngettext(
        "Τα ραντεβού κλείνονται τουλάχιστον %(count)d λεπτό νωρίτερα.",
        "Τα ραντεβού κλείνονται τουλάχιστον %(count)d λεπτά νωρίτερα.",
        minutes,
    ) % {"count": minutes}
