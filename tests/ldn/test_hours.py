"""Opening hours: open now until when, or when the clinic opens next."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ldn.hours import HoursError, clock, describe, parse

pytestmark = pytest.mark.unit

NY = ZoneInfo("America/New_York")
WEEKDAYS_9_TO_5 = {
    "timezone": "America/New_York",
    **dict.fromkeys(("monday", "tuesday", "wednesday", "thursday", "friday"), "09:00-17:00"),
    "saturday": "closed",
}
HOURS = parse({**WEEKDAYS_9_TO_5, "tuesday": "09:00-12:00, 13:00-17:30", "closed_dates": ["2026-12-25"]})


def at(*args, zone=NY) -> dt.datetime:
    return dt.datetime(*args, tzinfo=zone)


@pytest.mark.parametrize(
    "now, expected",
    [
        (at(2026, 11, 27, 10, 0), {"open_now": "yes", "closes_at": "5pm", "opens_at": ""}),  # Friday
        (at(2026, 11, 27, 17, 0), {"open_now": "no", "closes_at": "", "opens_at": "Monday at 9am"}),  # closing time
        (at(2026, 11, 28, 15, 0), {"open_now": "no", "closes_at": "", "opens_at": "Monday at 9am"}),  # Saturday
        (at(2026, 11, 23, 8, 0), {"open_now": "no", "closes_at": "", "opens_at": "today at 9am"}),
        (at(2026, 11, 24, 12, 30), {"open_now": "no", "closes_at": "", "opens_at": "today at 1pm"}),  # lunch
        (at(2026, 11, 24, 14, 0), {"open_now": "yes", "closes_at": "5:30pm", "opens_at": ""}),
        (at(2026, 11, 23, 18, 0), {"open_now": "no", "closes_at": "", "opens_at": "tomorrow at 9am"}),
        (at(2026, 12, 24, 18, 0), {"open_now": "no", "closes_at": "", "opens_at": "Monday at 9am"}),  # 25th closed
        # 15:00 UTC on a Friday is 10:00 in New York: the clinic's zone decides.
        (at(2026, 11, 27, 15, 0, zone=dt.timezone.utc), {"open_now": "yes", "closes_at": "5pm", "opens_at": ""}),
    ],
)
def test_status(now, expected):
    assert describe(HOURS, now) == expected


def test_closed_all_week_says_nothing_about_opening():
    assert describe(parse({"timezone": "UTC"}), at(2026, 11, 27, 10, 0))["opens_at"] == ""


def test_clock():
    assert [clock(at(2026, 1, 1, h, m)) for h, m in ((0, 0), (9, 0), (12, 0), (17, 30))] == [
        "12am",
        "9am",
        "12pm",
        "5:30pm",
    ]


@pytest.mark.parametrize(
    "config, complaint",
    [
        ({"monday": "9-5"}, "monday"),
        ({"monday": "17:00-09:00"}, "closes before"),
        ({"timezone": "Mars/Olympus"}, "time zone"),
        ({"mondays": "09:00-17:00"}, "unknown keys"),
        ({"closed_dates": ["25/12/2026"]}, "closed_dates"),
    ],
)
def test_bad_settings_are_named(config, complaint):
    with pytest.raises(HoursError, match=complaint):
        parse(config)
