"""The working-day calendar: agreement with GOV.UK, clear-day counting, cut-off, properties."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutydesk.config.holiday_cache import SHARED as HOLIDAYS
from dutydesk.domain.time.calendar import LONDON, Closure, WorkingCalendar
from tests.conftest import FIXTURES

CAL = WorkingCalendar(bank_holidays=HOLIDAYS.bank_holidays)
CUTOFF = WorkingCalendar(bank_holidays=HOLIDAYS.bank_holidays, cutoff=time(16, 30))
XMAS_EVE = WorkingCalendar(
    bank_holidays=HOLIDAYS.bank_holidays, closures=[Closure(date(2025, 12, 24), "Christmas Eve")]
)


def test_agrees_with_govuk_on_every_weekday_2012_to_2028() -> None:
    """Every weekday from 2012 to 2028 is a working day exactly when GOV.UK has no bank
    holiday for England and Wales on it."""
    feed = json.loads((FIXTURES / "calendar" / "gov-uk-bank-holidays.json").read_text())
    govuk = {e["date"] for e in feed["england-and-wales"]["events"]}
    day, checked, disagreements = date(2012, 1, 1), 0, []
    while day <= date(2028, 12, 31):
        if day.weekday() < 5:
            checked += 1
            if CAL.is_working_day(day) == (day.isoformat() in govuk):
                disagreements.append(day)
        day += timedelta(days=1)
    assert checked > 4400
    assert disagreements == []


def london(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


# (case, calendar, event, working days, expected due, expected deemed start)
AFTER_CASES = [
    ("friday evening, no cut-off", CAL, london(2025, 6, 13, 18, 5), 1, date(2025, 6, 16), None),
    ("friday evening, 16:30 cut-off", CUTOFF, london(2025, 6, 13, 18, 5), 1, date(2025, 6, 17), date(2025, 6, 16)),
    ("friday before cut-off", CUTOFF, london(2025, 6, 13, 16, 29), 1, date(2025, 6, 16), None),
    ("exactly at cut-off", CUTOFF, london(2025, 6, 13, 16, 30), 1, date(2025, 6, 17), date(2025, 6, 16)),
    ("saturday, no cut-off", CAL, london(2025, 6, 14), 1, date(2025, 6, 16), None),
    ("saturday, cut-off deems monday", CUTOFF, london(2025, 6, 14), 1, date(2025, 6, 17), date(2025, 6, 16)),
    ("maundy thursday 2025 over easter", CAL, london(2025, 4, 17), 1, date(2025, 4, 22), None),
    ("maundy thursday, 3 days", CAL, london(2025, 4, 17), 3, date(2025, 4, 24), None),
    ("maundy thursday after cut-off", CUTOFF, london(2025, 4, 17, 17), 1, date(2025, 4, 23), date(2025, 4, 22)),
    ("christmas eve 2025", CAL, london(2025, 12, 24), 1, date(2025, 12, 29), None),
    ("christmas eve closed by the office", XMAS_EVE, london(2025, 12, 23), 1, date(2025, 12, 29), None),
    ("between christmas and new year", CAL, london(2025, 12, 29), 3, date(2026, 1, 2), None),
    ("new year over a weekend", CAL, london(2025, 12, 31), 1, date(2026, 1, 2), None),
    ("state funeral 2022", CAL, london(2022, 9, 16), 1, date(2022, 9, 20), None),
    ("coronation 2023", CAL, london(2023, 5, 5), 1, date(2023, 5, 9), None),
    ("substitute days christmas 2021", CAL, london(2021, 12, 24), 1, date(2021, 12, 29), None),
    ("substitute new year 2022", CAL, london(2021, 12, 31), 1, date(2022, 1, 4), None),
    ("platinum jubilee 2022", CAL, london(2022, 6, 1), 1, date(2022, 6, 6), None),
    ("VE day moved bank holiday 2020", CAL, london(2020, 5, 7), 1, date(2020, 5, 11), None),
    # 30/03/2025 is the BST changeover (a Sunday); 23:30 UTC on Fri 28/03 is still Friday in
    # London (GMT), while 23:30 UTC on Fri 04/04 is already Saturday in London (BST).
    ("BST changeover weekend", CAL, datetime.fromisoformat("2025-03-28T23:30:00+00:00"), 1, date(2025, 3, 31), None),
    (
        "instant in UTC is Saturday in London (BST)",
        CUTOFF,
        datetime.fromisoformat("2025-04-04T23:30:00+00:00"),
        1,
        date(2025, 4, 8),
        date(2025, 4, 7),
    ),
    (
        "autumn changeover, cut-off in GMT",
        CUTOFF,
        datetime.fromisoformat("2025-10-27T16:45:00+00:00"),
        1,
        date(2025, 10, 29),
        date(2025, 10, 28),
    ),
    (
        "autumn changeover, before cut-off in BST",
        CUTOFF,
        datetime.fromisoformat("2025-10-24T15:15:00+00:00"),
        1,
        date(2025, 10, 27),
        None,
    ),
]


@pytest.mark.parametrize(("case", "cal", "event", "n", "due", "deemed"), AFTER_CASES, ids=[c[0] for c in AFTER_CASES])
def test_working_days_after_an_event(
    case: str, cal: WorkingCalendar, event: datetime, n: int, due: date, deemed: date | None
) -> None:
    result = cal.count_from_event(event, n)
    assert result.due == due, result.explain()
    assert (result.deemed_start.date if result.deemed_start else None) == deemed


BEFORE_CASES = [
    ("3 before a Tuesday hearing", date(2025, 6, 17), 3, date(2025, 6, 12)),
    ("3 before the Tuesday after Easter", date(2025, 4, 22), 3, date(2025, 4, 15)),
    ("1 before 2 Jan 2026", date(2026, 1, 2), 1, date(2025, 12, 31)),
    ("2 before the day after the coronation", date(2023, 5, 9), 2, date(2023, 5, 4)),
]


@pytest.mark.parametrize(("case", "hearing", "n", "due"), BEFORE_CASES, ids=[c[0] for c in BEFORE_CASES])
def test_working_days_before_a_hearing(case: str, hearing: date, n: int, due: date) -> None:
    assert CAL.count(hearing, n, "before").due == due


def test_explanation_names_each_skipped_day() -> None:
    result = CAL.count_from_event(london(2025, 4, 17), 1)
    reasons = {s.date: s.reason for s in result.skipped}
    assert reasons == {
        date(2025, 4, 18): "Good Friday",
        date(2025, 4, 19): "Saturday",
        date(2025, 4, 20): "Sunday",
        date(2025, 4, 21): "Easter Monday",
    }
    assert "Good Friday" in result.explain() and "clear days" in result.explain()


def test_state_funeral_is_named() -> None:
    assert CAL.non_working_reason(date(2022, 9, 19)) == "State Funeral of Queen Elizabeth II"


def test_office_closure_is_named_and_skipped() -> None:
    result = XMAS_EVE.count(date(2025, 12, 23), 1)
    assert result.due == date(2025, 12, 29)
    assert any(s.reason == "Office closure: Christmas Eve" for s in result.skipped)


def test_deemed_start_is_explained() -> None:
    result = CUTOFF.count_from_event(london(2025, 6, 13, 17), 1)
    assert result.deemed_start is not None
    assert "16:30 cut-off" in result.deemed_start.reason
    assert "Treated as starting on Mon 16/06/2025" in result.explain()


def test_working_days_between_counts_clear_days() -> None:
    assert CAL.working_days_between(date(2025, 6, 13), date(2025, 6, 17)) == 2
    assert CAL.working_days_between(date(2025, 6, 17), date(2025, 6, 13)) == -2
    assert CAL.working_days_between(date(2025, 6, 13), date(2025, 6, 13)) == 0


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        CAL.count(date(2025, 1, 1), -1)


dates = st.dates(min_value=date(2012, 1, 1), max_value=date(2028, 11, 30))
counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_result_is_always_a_working_day(start: date, n: int) -> None:
    assert CAL.is_working_day(CAL.count(start, n).due)
    assert CAL.is_working_day(CAL.count(start, n, "before").due)


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=1, max_value=40))
def test_counting_back_undoes_counting_forward_on_working_days(start: date, n: int) -> None:
    if not CAL.is_working_day(start):
        start = CAL.next_working_day(start)
    forward = CAL.count(start, n).due
    assert CAL.count(forward, n, "before").due == start
    assert CAL.working_days_between(start, forward) == n


@settings(max_examples=300, deadline=None)
@given(dates, counts, counts)
def test_more_days_never_gives_an_earlier_date(start: date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert CAL.count(start, lo).due <= CAL.count(start, hi).due


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2012, 1, 1), max_value=datetime(2028, 11, 30)), counts)
def test_cutoff_never_makes_a_deadline_earlier(naive: datetime, n: int) -> None:
    event = naive.replace(tzinfo=LONDON)
    assert CUTOFF.count_from_event(event, n).due >= CAL.count_from_event(event, n).due
