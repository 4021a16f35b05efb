"""Dates and times from forms and URLs: read in local time, refused beyond any horizon."""

from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.utils import timezone

from appointments.forms import parse_day, parse_start
from tests.appointments.factories import local, open_day


@pytest.mark.parametrize(
    "value",
    ["9999-12-31T23:59", "9999-12-31T23:59-23:59", "0001-01-01T00:00+23:59", "2125-06-01T09:00"],
)
def test_a_start_far_from_today_is_invalid(value):
    assert parse_start(value) is None


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2125-06-01", "1926-06-01"])
def test_a_day_far_from_today_is_invalid(value):
    assert parse_day(value) is None


def test_a_start_with_any_utc_offset_is_the_same_moment_in_local_time():
    starts_at = local(open_day(), 9, 15)
    almost_a_day = timedelta(hours=23, minutes=59)
    for offset in (-almost_a_day, timedelta(hours=-12), timedelta(0), almost_a_day):
        written = starts_at.astimezone(dt_timezone(offset))
        parsed = parse_start(written.isoformat())
        assert parsed == starts_at
        assert parsed.tzinfo == timezone.get_default_timezone()


def test_the_desks_history_and_the_longest_horizon_are_within_reach_in_local_time():
    today = timezone.localdate()
    for day in (today - timedelta(days=5 * 365), today + timedelta(days=366)):
        assert parse_day(day.isoformat()) == day
        assert parse_start(f"{day.isoformat()}T09:00") == local(day, 9)
