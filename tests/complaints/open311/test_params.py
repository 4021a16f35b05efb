"""Parameter rules of the Open311 API, checked without HTTP."""

from datetime import UTC, datetime, timedelta

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from complaints.open311.errors import Open311Error
from complaints.open311.params import (
    attributes_from,
    comma_list,
    parse_datetime,
    parse_request_query,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-22T10:00:00+02:00", datetime(2026, 11, 22, 8, 0, tzinfo=UTC)),
        ("2026-11-22T08:00:00Z", datetime(2026, 11, 22, 8, 0, tzinfo=UTC)),
        ("2026-11-22T10:00+02:00", datetime(2026, 11, 22, 8, 0, tzinfo=UTC)),
        ("2026-11-22T10:00:00.5-01:00", datetime(2026, 11, 22, 11, 0, 0, 500000, tzinfo=UTC)),
        ("2026-11-22T10:00:00 02:00", datetime(2026, 11, 22, 8, 0, tzinfo=UTC)),
    ],
)
def test_w3c_datetimes_with_a_zone_are_understood(text, expected):
    assert parse_datetime("start_date", text) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-11-22", "2026-11-22T10:00:00", "22/11/2026 10:00", "2026-13-01T00:00:00Z", "now"],
)
def test_datetimes_without_a_zone_or_malformed_are_refused(text):
    with pytest.raises(Open311Error) as error:
        parse_datetime("start_date", text)

    assert error.value.status == 400
    assert "start_date" in error.value.descriptions[0]


@given(st.text(max_size=40))
def test_any_text_either_parses_to_an_aware_datetime_or_is_a_400(text):
    try:
        parsed = parse_datetime("end_date", text)
    except Open311Error as error:
        assert error.status == 400
    else:
        assert parsed.utcoffset() == timedelta(0)  # PostgreSQL takes offsets up to ±15:59 only


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9000, 1, 1)))
def test_every_windowed_query_spans_at_most_90_days(moment):
    start = moment.replace(tzinfo=UTC).isoformat()
    query = parse_request_query({"start_date": start})

    assert query.end - query.start == timedelta(days=90)


def test_a_start_date_at_the_end_of_time_is_a_400_not_a_crash():
    with pytest.raises(Open311Error):
        parse_request_query({"start_date": "9999-12-31T00:00:00Z"})


def test_comma_lists_ignore_blanks_and_spaces():
    assert comma_list(" a, b,,c ,") == ["a", "b", "c"]
    assert comma_list(None) == []


def test_attributes_come_single_or_as_lists():
    data = QueryDict(
        "attribute[kind]=blue&attribute[problems][]=full&attribute[problems][]=broken"
        "&attribute[empty]=&attribute[bad=x&attributes=y"
    )

    assert attributes_from(data) == {"kind": ["blue"], "problems": ["full", "broken"]}


FIELDS = (
    "service_code",
    "lat",
    "long",
    "address_string",
    "email",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    "jurisdiction_id",
    "page",
    "page_size",
    "status",
    "start_date",
    "end_date",
    "service_request_id",
)


@given(st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=30)))
def test_any_parameters_either_parse_or_give_a_400(values):
    from complaints.open311.params import parse_new_request

    data = QueryDict(mutable=True)
    for key, value in values.items():
        data[key] = value
    for parse in (parse_new_request, parse_request_query):
        try:
            parse(data)
        except Open311Error as error:
            assert error.status == 400
            assert error.descriptions
