"""A date known only to the year, or the month and year, as police and court records often give
it ("convicted 2012", "cautioned March 2019"). Kept as precise as it was typed — never filled in
to 1 January, which would put words in the record (issue 17)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from dutydesk.errors import BadInput

EARLIEST_YEAR = 1900  # a finding can be decades old; the working-day calendar is not involved
ACCEPTED_PARTIAL = "a year (2012), a month and year (03/2012) or a date (13/03/2012)"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_UK = re.compile(r"^(?:(?:(\d{1,2})/)?(\d{1,2})/)?(\d{4})$")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}
_WORDS = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+(\d{4})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """2012, 2012-03 or 2012-03-13 (ISO 8601's reduced precision): the case file's form."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def shown(self) -> str:
        """As typed the UK way: 2012, 03/2012 or 13/03/2012."""
        if self.month and self.day:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        return f"{self.month:02d}/{self.year}" if self.month else str(self.year)

    def words(self) -> str:
        """For letters: 2012, March 2012 or 13 March 2012."""
        if self.month:
            month = calendar.month_name[self.month]
            return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"
        return str(self.year)

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


def _build(year: int, month: int | None, day: int | None, text: str, today: date | None) -> PartialDate:
    if not EARLIEST_YEAR <= year <= (today.year if today else 2100):
        raise BadInput(f"{text!r}: the year {year} cannot be right for a record; check it")
    if month is not None and not 1 <= month <= 12:
        raise BadInput(f"{text!r}: there is no month {month}; type {ACCEPTED_PARTIAL}")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise BadInput(f"{text!r}: {calendar.month_name[month]} {year} has no day {day}")
    return PartialDate(year, month, day)


def parse_partial(text: str, today: date | None = None) -> PartialDate:
    """What the officer typed, as precise as they typed it; BadInput names the forms accepted."""
    clean = text.strip()
    for pattern, order in ((_ISO, "ymd"), (_UK, "dmy")):
        match = pattern.match(clean)
        if match:
            y, m, d = (match.group(1), match.group(2), match.group(3)) if order == "ymd" else match.group(3, 2, 1)
            return _build(int(y), int(m) if m else None, int(d) if d else None, clean, today)
    words = _WORDS.match(clean)
    if words and words.group(2).lower() in _MONTHS:
        day = int(words.group(1)) if words.group(1) else None
        return _build(int(words.group(3)), _MONTHS[words.group(2).lower()], day, clean, today)
    raise BadInput(f"{clean!r} is not a date; type {ACCEPTED_PARTIAL}")


def decode_partial(value: object) -> PartialDate | None:
    """From the case file: YYYY, YYYY-MM or YYYY-MM-DD; None when it is none of those."""
    if not isinstance(value, str) or not _ISO.match(value):
        return None
    try:
        return parse_partial(value)
    except BadInput:
        return None
