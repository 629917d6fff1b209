"""Is the clinic open now, and if not, when does it open? From settings.yml `clinic.opening_hours`.

Format (documented in settings.yml and the README):

    opening_hours:
      timezone: "America/New_York"     # an IANA time zone name
      monday: "09:00-17:00"            # 24-hour HH:MM-HH:MM
      tuesday: "09:00-12:00, 13:00-17:00"   # several ranges, comma-separated
      saturday: closed                 # or leave the day out
      closed_dates: ["2026-12-25"]     # optional: whole days closed (holidays)

A range must close after it opens on the same day (no overnight ranges).
Bad values raise HoursError with the setting named, when the hours are read.
"""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RANGE = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$")
LOOK_AHEAD_DAYS = 14


class HoursError(ValueError):
    """opening_hours in settings.yml is malformed."""


Range = tuple[dt.time, dt.time]


@dataclass(frozen=True)
class OpeningHours:
    zone: ZoneInfo
    week: tuple[tuple[Range, ...], ...]  # index 0 = Monday
    closed_dates: frozenset

    def ranges_on(self, day: dt.date) -> tuple[Range, ...]:
        return () if day in self.closed_dates else self.week[day.weekday()]


@dataclass(frozen=True)
class Status:
    open_now: bool
    closes_at: dt.datetime | None = None  # when open
    opens_at: dt.datetime | None = None  # when closed (None: no opening in the next two weeks)


def _parse_ranges(day: str, value: Any) -> tuple[Range, ...]:
    if value is None or str(value).strip().lower() in ("", "closed"):
        return ()
    ranges: list[Range] = []
    for part in str(value).split(","):
        match = _RANGE.match(part)
        if not match:
            raise HoursError(f"opening_hours.{day}: {part.strip()!r} is not HH:MM-HH:MM (24-hour) or 'closed'")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        opens = dt.time(h1, m1)
        closes = dt.time.max if (h2, m2) == (24, 0) else dt.time(min(h2, 23), m2)
        if h2 == 24 and m2:
            raise HoursError(f"opening_hours.{day}: {part.strip()!r} closes after midnight")
        if closes <= opens:
            raise HoursError(f"opening_hours.{day}: {part.strip()!r} closes before it opens")
        ranges.append((opens, closes))
    return tuple(sorted(ranges))


def parse(config: Mapping[str, Any]) -> OpeningHours:
    try:
        zone = ZoneInfo(str(config.get("timezone") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise HoursError(f"opening_hours.timezone: unknown time zone {config.get('timezone')!r}") from error
    unknown = set(config) - set(WEEKDAYS) - {"timezone", "closed_dates"}
    if unknown:
        raise HoursError(f"opening_hours: unknown keys {sorted(unknown)} (expected weekday names)")
    try:
        closed = frozenset(dt.date.fromisoformat(str(d)) for d in config.get("closed_dates") or [])
    except ValueError as error:
        raise HoursError(f"opening_hours.closed_dates: {error}") from error
    return OpeningHours(zone, tuple(_parse_ranges(day, config.get(day)) for day in WEEKDAYS), closed)


def status(hours: OpeningHours, now: dt.datetime) -> Status:
    """Open now (and until when), or closed (and when it next opens). `now` must be time-zone aware."""
    local = now.astimezone(hours.zone)
    for offset in range(LOOK_AHEAD_DAYS + 1):
        day = local.date() + dt.timedelta(days=offset)
        for opens, closes in hours.ranges_on(day):
            start = dt.datetime.combine(day, opens, hours.zone)
            end = dt.datetime.combine(day, closes, hours.zone)
            if offset == 0 and start <= local < end:
                return Status(True, closes_at=end)
            if start > local:
                return Status(False, opens_at=start)
    return Status(False)


def clock(moment: dt.datetime) -> str:
    """5pm, 9:30am, midnight."""
    if moment.time() >= dt.time(23, 59, 59):
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def when(moment: dt.datetime, now: dt.datetime) -> str:
    """'today at 9am', 'tomorrow at 9am', 'Monday at 9am', or 'Monday 4 January at 9am' beyond a week."""
    days = (moment.date() - now.astimezone(moment.tzinfo).date()).days
    if days == 0:
        day = "today"
    elif days == 1:
        day = "tomorrow"
    elif days < 7:
        day = moment.strftime("%A")
    else:
        day = f"{moment.strftime('%A')} {moment.day} {moment.strftime('%B')}"
    return f"{day} at {clock(moment)}"


def describe(hours: OpeningHours, now: dt.datetime) -> dict[str, str]:
    """The values the contact answers use: {open_now, closes_at, opens_at}."""
    current = status(hours, now)
    return {
        "open_now": "yes" if current.open_now else "no",
        "closes_at": clock(current.closes_at) if current.closes_at else "",
        "opens_at": when(current.opens_at, now) if current.opens_at else "",
    }


def from_settings() -> OpeningHours | None:
    """The clinic's opening hours from settings.yml, or None when the clinic gives only free text."""
    from ldn import settings  # late: settings are read at call time, never at import

    config = settings.load_settings().get("clinic", {}).get("opening_hours")
    return parse(config) if config else None
