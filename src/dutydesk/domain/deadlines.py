"""Framework time limits as data (data/deadlines.toml) and the evaluator that dates them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from dutydesk.domain.calendar import Count, Direction, WorkingCalendar, london_date, uk_date
from dutydesk.errors import PolicyError

Status = Literal["upcoming", "due_today", "overdue", "done", "done_late"]
SOURCES = ("framework", "local_practice", "court")
_REQUIRED = ("id", "title", "from", "direction", "met_by", "ref", "source")
_KNOWN = {*_REQUIRED, "working_days", "hours", "setting"}


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    title: str
    runs_from: str
    direction: Direction
    met_by: tuple[str, ...]
    ref: str
    source: str
    working_days: int | None = None  # None with hours set, or "per case" (court directions)
    hours: int | None = None
    per_case: bool = False
    setting: str | None = None

    @property
    def label(self) -> str:
        """The paragraph, marked as local practice where it is not the framework's."""
        if self.source != "local_practice":
            return self.ref
        if self.ref.startswith("¶"):  # the duty is the framework's, the timescale the office's
            return f"{self.ref}; timescale: local practice, not framework"
        return "local practice, not framework"


@dataclass(frozen=True)
class DueDate:
    rule: DeadlineRule
    due: date
    explanation: str
    due_instant: datetime | None = None  # for clock-hour limits
    count: Count | None = None


def _check_rule(table: object, i: int, source: str) -> DeadlineRule:
    key = f"deadline[{i}]"
    if not isinstance(table, dict):
        raise PolicyError(source, key, "must be a table")
    for name in _REQUIRED:
        if name not in table:
            raise PolicyError(source, f"{key}.{name}", "is required")
    unknown = set(table) - _KNOWN
    if unknown:
        raise PolicyError(source, f"{key}.{sorted(unknown)[0]}", f"unknown key; allowed: {sorted(_KNOWN)}")
    rid = table["id"]
    key = f"deadline[{rid}]"
    if table["direction"] not in ("after", "before"):
        raise PolicyError(source, f"{key}.direction", f"{table['direction']!r}: use 'after' or 'before'")
    if table["source"] not in SOURCES:
        raise PolicyError(source, f"{key}.source", f"{table['source']!r}: allowed {list(SOURCES)}")
    met_by = table["met_by"]
    if not isinstance(met_by, list) or not all(isinstance(m, str) for m in met_by):
        raise PolicyError(source, f"{key}.met_by", "must be a list of field names")
    wd, hours = table.get("working_days"), table.get("hours")
    if (wd is None) == (hours is None):
        raise PolicyError(source, key, "needs exactly one of working_days or hours")
    per_case = wd == "per_case"
    if wd is not None and not per_case and (not isinstance(wd, int) or wd < 0):
        raise PolicyError(source, f"{key}.working_days", f"{wd!r}: a whole number ≥ 0 or 'per_case'")
    if hours is not None and (not isinstance(hours, int) or hours <= 0):
        raise PolicyError(source, f"{key}.hours", f"{hours!r}: a whole number of hours > 0")
    return DeadlineRule(
        id=rid,
        title=table["title"],
        runs_from=table["from"],
        direction=table["direction"],
        met_by=tuple(met_by),
        ref=table["ref"],
        source=table["source"],
        working_days=None if per_case else wd,
        hours=hours,
        per_case=per_case,
        setting=table.get("setting"),
    )


def parse_deadlines(text: str, source: str) -> dict[str, DeadlineRule]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"not valid TOML: {exc}") from None
    tables = doc.get("deadline")
    if not isinstance(tables, list) or not tables:
        raise PolicyError(source, "deadline", "at least one [[deadline]] table is required")
    rules: dict[str, DeadlineRule] = {}
    for i, table in enumerate(tables):
        rule = _check_rule(table, i, source)
        if rule.id in rules:
            raise PolicyError(source, f"deadline[{rule.id}]", "duplicate id")
        rules[rule.id] = rule
    return rules


def compute_due(
    rule: DeadlineRule,
    event: datetime,
    calendar: WorkingCalendar,
    working_days: int | None = None,
) -> DueDate:
    """When `rule` falls due for an event at `event`; `working_days` overrides the table
    (a court's direction, or a local setting)."""
    if rule.hours is not None:
        instant = event + timedelta(hours=rule.hours)
        return DueDate(
            rule,
            london_date(instant),
            f"{rule.hours} hours after {uk_date(london_date(event))} {event.strftime('%H:%M')}.",
            due_instant=instant,
        )
    n = working_days if working_days is not None else rule.working_days
    if n is None:
        raise ValueError(f"deadline {rule.id} needs the number of working days for this case")
    if rule.direction == "after":
        count = calendar.count_from_event(event, n)
    else:
        count = calendar.count(london_date(event), n, "before")
    return DueDate(rule, count.due, count.explain(), count=count)


def status_of(due: DueDate, done_at: datetime | None, now: datetime) -> Status:
    """upcoming / due_today / overdue, or done / done_late once a meeting event is recorded."""
    if due.due_instant is not None:
        if done_at is not None:
            return "done" if done_at <= due.due_instant else "done_late"
        if now > due.due_instant:
            return "overdue"
        return "due_today" if london_date(now) == due.due else "upcoming"
    if done_at is not None:
        return "done" if london_date(done_at) <= due.due else "done_late"
    today = london_date(now)
    if today > due.due:
        return "overdue"
    return "due_today" if today == due.due else "upcoming"
