"""The England & Wales working-day calendar that every deadline stands on.

Working days are Monday to Friday except bank holidays in England and Wales (from the
`holidays` package, England subdivision: substitute days and one-off days included) and
local office closure days. Time limits are counted in clear days (the day of the event never
counts), as the framework's "within one working day" (¶2.103) is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
Direction = Literal["after", "before"]
# The holidays package knows England's days for these years; outside them we still answer
# (weekends only would be wrong), so we refuse rather than guess.
FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass(frozen=True)
class Closure:
    """A local office closure ("privilege") day."""

    date: date
    title: str


@dataclass(frozen=True)
class SkippedDay:
    date: date
    reason: str


@dataclass(frozen=True)
class DeemedStart:
    """The event was deemed to happen on a later working day, and why."""

    date: date
    reason: str


@dataclass(frozen=True)
class Count:
    """The answer to "N working days after/before X", with its explanation."""

    start: date
    working_days: int
    direction: Direction
    due: date
    skipped: tuple[SkippedDay, ...]
    deemed_start: DeemedStart | None = None

    def explain(self) -> str:
        """Plain words: how the due date was reached."""
        parts: list[str] = []
        if self.deemed_start:
            parts.append(f"Treated as starting on {uk_date(self.deemed_start.date)} ({self.deemed_start.reason}).")
        unit = "working day" if self.working_days == 1 else "working days"
        parts.append(
            f"{self.working_days} {unit} {self.direction} {uk_date(self.start)} "
            f"(clear days: the day itself does not count) is {uk_date(self.due)}."
        )
        if self.skipped:
            listed = "; ".join(f"{uk_date(s.date)} {s.reason}" for s in self.skipped)
            parts.append(f"Not counted: {listed}.")
        return " ".join(parts)


def uk_date(d: date) -> str:
    """`Fri 13/06/2025`: the day name guards against day/month confusion."""
    return d.strftime("%a %d/%m/%Y")


def london_date(instant: datetime) -> date:
    """The calendar date of an instant in England (BST aware); naive means London time."""
    if instant.tzinfo is None:
        return instant.date()
    return instant.astimezone(LONDON).date()


def london_time(instant: datetime) -> time:
    if instant.tzinfo is None:
        return instant.time()
    return instant.astimezone(LONDON).time()


@dataclass
class WorkingCalendar:
    """Answers working-day questions; every answer says which days were skipped and why."""

    closures: Iterable[Closure] = ()
    cutoff: time | None = None
    # England and Wales' bank holidays of a year (config/holiday_cache.py remembers them on disk).
    bank_holidays: Callable[[int], Mapping[date, str]] = field(kw_only=True)
    _closures: dict[date, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._closures = {c.date: c.title for c in self.closures}

    def non_working_reason(self, day: date) -> str | None:
        """None for a working day; otherwise why not ("Saturday", "Good Friday", …)."""
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(f"{day.isoformat()} is outside the calendar's years {FIRST_YEAR}-{LAST_YEAR}")
        if day.weekday() >= 5:
            return day.strftime("%A")
        holiday = self.bank_holidays(day.year).get(day)
        if holiday:
            return holiday
        title = self._closures.get(day)
        if title:
            return f"Office closure: {title}"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def _step(self, day: date, step: int) -> Iterator[tuple[date, str | None]]:
        while True:
            day += timedelta(days=step)
            yield day, self.non_working_reason(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for candidate, reason in self._step(day, 1):
            if reason is None:
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def deemed_start(self, instant: datetime) -> DeemedStart | None:
        """With a cut-off set, an event at/after it or on a non-working day counts from the
        next working day; without one, events count from their own date."""
        if self.cutoff is None:
            return None
        day = london_date(instant)
        reason = self.non_working_reason(day)
        if reason is None and london_time(instant) >= self.cutoff:
            reason = f"at or after the {self.cutoff.strftime('%H:%M')} cut-off"
        if reason is None:
            return None
        return DeemedStart(self.next_working_day(day), f"event on {uk_date(day)}: {reason}")

    def count(self, start: date, working_days: int, direction: Direction = "after") -> Count:
        """The Nth working day after (or before) `start`, in clear days.

        0 working days after a date is that date if it is a working day, else the next one
        (and symmetrically before): "by the day itself" still has to land on a working day.
        """
        if working_days < 0:
            raise ValueError(f"working days must be 0 or more, not {working_days}")
        step = 1 if direction == "after" else -1
        skipped: list[SkippedDay] = []
        if working_days == 0:
            due, reason = start, self.non_working_reason(start)
            while reason is not None:
                skipped.append(SkippedDay(due, reason))
                due += timedelta(days=step)
                reason = self.non_working_reason(due)
            return Count(start, 0, direction, due, tuple(skipped))
        counted = 0
        for day, reason in self._step(start, step):
            if reason is not None:
                skipped.append(SkippedDay(day, reason))
                continue
            counted += 1
            if counted == working_days:
                return Count(start, working_days, direction, day, tuple(skipped))
        raise AssertionError("unreachable")  # pragma: no cover

    def count_from_event(self, instant: datetime, working_days: int) -> Count:
        """N working days after an event at `instant`, applying the cut-off if one is set."""
        deemed = self.deemed_start(instant)
        if deemed is None:
            return self.count(london_date(instant), working_days, "after")
        # The deemed day stands in for the event's day; counting still excludes it. Days
        # passed over to reach it are reported as skipped too.
        passed: list[SkippedDay] = []
        day = london_date(instant)
        while day < deemed.date:
            reason = self.non_working_reason(day)
            if reason is not None:
                passed.append(SkippedDay(day, reason))
            day += timedelta(days=1)
        result = self.count(deemed.date, working_days, "after")
        return Count(
            start=deemed.date,
            working_days=working_days,
            direction="after",
            due=result.due,
            skipped=(*passed, *result.skipped),
            deemed_start=deemed,
        )

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if `end` is earlier):
        how many working days are left until a hearing, in the same clear-day sense."""
        if end == start:
            return 0
        if end < start:
            return -self.working_days_between(end, start)
        # Weekdays by arithmetic (the board asks this for every row), then the holidays.
        days = (end - start).days
        weeks, rest = divmod(days, 7)
        weekdays = weeks * 5 + sum(1 for i in range(1, rest + 1) if (start + timedelta(days=i)).weekday() < 5)
        closed = sum(1 for day in self._closed_weekdays(start.year, end.year) if start < day <= end)
        return weekdays - closed

    def _closed_weekdays(self, first_year: int, last_year: int) -> list[date]:
        return [
            day for year in range(first_year, last_year + 1) for day, _name in self.non_working_weekdays_cached(year)
        ]

    def non_working_weekdays_cached(self, year: int) -> list[tuple[date, str]]:
        cache = self.__dict__.setdefault("_weekday_cache", {})
        if year not in cache:
            cache[year] = self.non_working_weekdays(year)
        cached: list[tuple[date, str]] = cache[year]
        return cached

    def non_working_weekdays(self, year: int) -> list[tuple[date, str]]:
        """Every Monday-Friday in `year` that is not a working day, with its name."""
        day, out = date(year, 1, 1), []
        while day.year == year:
            if day.weekday() < 5:
                reason = self.non_working_reason(day)
                if reason:
                    out.append((day, reason))
            day += timedelta(days=1)
        return out
