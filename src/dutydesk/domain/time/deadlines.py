"""Framework time limits as data (data/deadlines.toml) and the evaluator that dates them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from dutydesk.domain.policy.schema import List, NonEmpty, Table, toml_doc, validated
from dutydesk.domain.time.calendar import Count, Direction, WorkingCalendar, london_date, uk_date
from dutydesk.errors import PolicyError

Status = Literal["upcoming", "due_today", "overdue", "done", "done_late"]


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


def _working_days(value: object) -> int | str:
    if value == "per_case" or (type(value) is int and 0 <= value <= 500):
        return value
    raise ValueError(
        f"{value!r}: a whole number of working days, 0 or more and less than or equal to 500, or 'per_case'"
    )


class _Deadline(Table):
    id: NonEmpty
    title: NonEmpty
    runs_from: Annotated[NonEmpty, Field(alias="from")]
    direction: Direction
    met_by: List[str]
    ref: NonEmpty
    source: Literal["framework", "local_practice", "court"]
    working_days: Annotated[object, AfterValidator(_working_days)] = None  # one check, no union
    hours: Annotated[int, Field(gt=0, le=24 * 14)] | None = None
    setting: str | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> _Deadline:
        if (self.working_days is None) == (self.hours is None):
            raise ValueError("needs exactly one of working_days or hours")
        return self


class _DeadlinesFile(Table):
    deadline: List[_Deadline]  # at least one: checked first, with its own message


def parse_deadlines(text: str, source: str) -> dict[str, DeadlineRule]:
    doc = toml_doc(text, source)
    if not isinstance(doc.get("deadline"), list) or not doc["deadline"]:
        raise PolicyError(source, "deadline", "at least one [[deadline]] table is required")
    rules: dict[str, DeadlineRule] = {}
    for table in validated(_DeadlinesFile, doc, source).deadline:
        if table.id in rules:
            raise PolicyError(source, f"deadline[{table.id}]", "duplicate id")
        per_case = table.working_days == "per_case"
        values = table.model_dump(exclude={"working_days"})
        working_days = None if per_case else table.working_days
        rules[table.id] = DeadlineRule(**values, working_days=working_days, per_case=per_case)  # type: ignore[arg-type]
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
