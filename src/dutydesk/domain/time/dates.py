"""Dates and instants as officers type them: the UK way (13/06/2025) or ISO 8601."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

from dutydesk.domain.time.calendar import FIRST_YEAR, LAST_YEAR, LONDON
from dutydesk.errors import BadInput

ACCEPTED = "13/06/2025, 13/06/2025 16:10, 2025-06-13, now, today 16:10 or yesterday 16:10"
DATE_ACCEPTED = "13/06/2025, 2025-06-13, today or yesterday"

_UK = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")
_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
# Words an officer says at the desk (issue 29): a call "yesterday 16:40", a fax sent "now".
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_RELATIVE = re.compile(r"^\s*(today|yesterday|tomorrow)?\s*(?:(?:at\s+)?(\d{1,2}):(\d{2}))?\s*$", re.IGNORECASE)


def _relative(text: str, now: datetime | None) -> datetime | None:
    """'now', 'today', 'yesterday 16:40', '16:40' (today), in London time; None if not such words,
    or when no clock was given: the domain never reads the clock itself (the caller's `now` is the
    desk's, which tests and `--now` set)."""
    if now is None:
        return None
    if text.strip().lower() == "now":
        return now.astimezone(LONDON).replace(second=0, microsecond=0)
    match = _RELATIVE.match(text)
    if not match or not (match.group(1) or match.group(2)):
        return None
    day_word, hh, mm = match.groups()
    day = now.astimezone(LONDON).date() + timedelta(days=_DAY_WORDS[(day_word or "today").lower()])
    if hh is not None and (int(hh) > 23 or int(mm) > 59):
        raise BadInput(f"{text.strip()[:40]!r} is not a real time of day. Type it as {ACCEPTED}")
    clock = time(int(hh), int(mm)) if hh is not None else time()
    return datetime.combine(day, clock).replace(tzinfo=LONDON)


def age_on(dob: date | None, day: date) -> int | None:
    """Whole years on `day`; None when the date of birth is not known."""
    if dob is None:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def parse_instant(text: str, now: datetime | None = None) -> datetime:
    """An instant with its offset; a wall-clock time without one is London time (BST aware).

    A bare date means the start of that day; "now", "today 16:40", "yesterday 16:40" and a bare
    "16:40" (today) count from `now` (the desk's clock). Raises BadInput naming the accepted forms.
    """
    relative = _relative(text, now)
    if relative is not None:
        return in_range(relative, text)
    match = _UK.match(text)
    try:
        if match:
            d, m, y, hh, mm, ss = match.groups()
            naive = datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        elif _ISO_DATE.match(text):
            naive = datetime.combine(date.fromisoformat(text.strip()), time())
        else:
            parsed = datetime.fromisoformat(text.strip())
            if parsed.tzinfo is not None:
                return in_range(parsed, text)
            naive = parsed
    except ValueError:
        raise BadInput(why_not_a_date(text)) from None
    return in_range(naive.replace(tzinfo=LONDON), text)


def why_not_a_date(text: str) -> str:
    """In plain English, never Python's own words: what is wrong with it, and what is accepted."""

    shown = text.strip()[:40]
    match = _UK.match(text)
    if match:
        d, m, y = (int(g) for g in match.groups()[:3])
        if not 1 <= m <= 12:
            return f"{shown!r} is not a real date: there is no month {m}. Type it as {ACCEPTED}"
        if not 1 <= d <= calendar.monthrange(y, m)[1]:
            return f"{shown!r} is not a real date: {calendar.month_name[m]} {y} has no day {d}. Type {ACCEPTED}"
        return f"{shown!r} is not a real time of day. Type it as {ACCEPTED}"
    if re.fullmatch(r"\s*(\d{1,2}/)?\d{4}\s*", text):
        return f"{shown!r} is only part of a date: a whole date is needed here, e.g. {ACCEPTED}"
    return f"{shown!r} is not a real date or time. Type it as {ACCEPTED}"


def in_range(instant: datetime, text: str) -> datetime:
    """Dates a case can hold: the working-day calendar answers for these years only."""
    if not FIRST_YEAR <= instant.year <= LAST_YEAR:
        raise BadInput(f"{text!r} is outside the years {FIRST_YEAR}-{LAST_YEAR}; check the year")
    return instant


def parse_date(text: str, now: datetime | None = None) -> date:
    """A calendar date typed as 13/06/2025, 2025-06-13, today or yesterday."""
    if ":" in text or text.strip().lower() == "now":
        raise BadInput(f"{text!r} has a time; only a date is wanted here: {DATE_ACCEPTED}")
    return parse_instant(text, now).date()


def parse_hhmm(text: str) -> time:
    match = _HHMM.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise BadInput(f"{text!r} is not a time of day; use HH:MM, e.g. 16:30")
    return time(int(match.group(1)), int(match.group(2)))


def uk_instant(instant: datetime) -> str:
    """`13/06/2025 16:10` in London time."""
    return instant.astimezone(LONDON).strftime("%d/%m/%Y %H:%M")


def uk_instant_seconds(instant: datetime) -> str:
    """`13/06/2025 16:10:05` in London time: an audit row's moment."""
    return instant.astimezone(LONDON).strftime("%d/%m/%Y %H:%M:%S")


def day_and_time(instant: datetime) -> str:
    """`13/06 16:10` in London time: a narrow column, where the year is the case's."""
    return instant.astimezone(LONDON).strftime("%d/%m %H:%M")


def clock_time(instant: datetime) -> str:
    """`16:10:05` in London time."""
    return instant.astimezone(LONDON).strftime("%H:%M:%S")


def day(d: date) -> str:
    """`13/06/2025`: a date the UK way (with the day's name: calendar.uk_date)."""
    return d.strftime("%d/%m/%Y")


def short_day(d: date) -> str:
    """`13/06/25`: a narrow column."""
    return d.strftime("%d/%m/%y")
