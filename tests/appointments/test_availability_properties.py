"""Properties of the slot grid for any opening hours, slot length and partial closure."""

from datetime import date, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from appointments import availability
from appointments.models import Closure, OpeningHours, Service

DAY = date(2027, 3, 31)  # A Wednesday, no holiday; DST changed three days earlier.


@st.composite
def timetables(draw):
    minutes = draw(st.integers(min_value=5, max_value=120))
    starts = sorted(
        draw(st.sets(st.integers(min_value=0, max_value=22 * 60), min_size=1, max_size=3))
    )
    ranges = []
    for index, start in enumerate(starts):
        limit = starts[index + 1] if index + 1 < len(starts) else 24 * 60 - 1
        if limit - start < 1:
            continue
        end = draw(st.integers(min_value=start + 1, max_value=limit))
        ranges.append((start, end))
    closed_from = draw(st.integers(min_value=0, max_value=23 * 60))
    closed_until = draw(st.integers(min_value=closed_from + 1, max_value=24 * 60 - 1))
    return minutes, ranges, (closed_from, closed_until)


def clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


@given(timetables())
def test_offers_fit_the_hours_keep_their_length_and_avoid_the_closure(timetable):
    minutes, ranges, (closed_from, closed_until) = timetable
    service = Service(slot_minutes=minutes, capacity=1)
    hours = [OpeningHours(weekday=DAY.weekday(), start=clock(s), end=clock(e)) for s, e in ranges]
    closure = Closure(date=DAY, start_time=clock(closed_from), end_time=clock(closed_until))
    calendar = availability.Calendar(service=service, hours=hours, closures=[closure], slots={})
    pairs = availability.day_starts(calendar, DAY)
    local = [
        (availability.timezone.localtime(start), availability.timezone.localtime(end))
        for start, end in pairs
    ]
    assert [start for start, _end in pairs] == sorted({start for start, _end in pairs})
    for start, end in local:
        assert end - start == timedelta(minutes=minutes)
        assert any(
            clock(s) <= start.time() and end.time() <= clock(e) and end.date() == DAY
            for s, e in ranges
        )
        assert end.time() <= clock(closed_from) or clock(closed_until) <= start.time()
    for s, e in ranges:
        if closed_until <= s or e <= closed_from:
            inside = [p for p in local if clock(s) <= p[0].time() < clock(e)]
            assert len(inside) == (e - s) // minutes
