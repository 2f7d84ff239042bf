"""data/deadlines.toml: validated on load; the evaluator dates each framework time limit."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dutydesk.config import policy_files
from dutydesk.config.holiday_cache import SHARED as HOLIDAYS
from dutydesk.domain.time.calendar import LONDON, WorkingCalendar
from dutydesk.domain.time.deadlines import compute_due, parse_deadlines, status_of
from dutydesk.errors import PolicyError

CAL = WorkingCalendar(bank_holidays=HOLIDAYS.bank_holidays)
FRIDAY_CALL = datetime(2025, 6, 13, 16, 10, tzinfo=LONDON)


def test_shipped_table_has_the_framework_limits() -> None:
    rules = policy_files.deadline_rules()
    assert rules["written_confirmation"].ref == "¶2.103"
    assert rules["service_manager_copy"].ref == "¶2.108"
    assert rules["chase_local_authority"].working_days == 3
    assert "written_followup_24h" not in rules  # App. V is a supervision check on ¶2.103, not a deadline
    assert rules["court_informed_of_referral"].runs_from == "referral.phoned_at"
    assert "local practice" in rules["court_informed_of_referral"].label
    assert rules["court_directed_safeguarding_letter"].per_case
    local = rules["safeguarding_letter_before_hearing"]
    assert local.direction == "before" and "not framework" in local.label


def test_written_confirmation_and_chase_from_a_friday_call() -> None:
    """¶2.103 / ¶2.104: 1 and 3 working days after a Friday call, over a weekend."""
    rules = policy_files.deadline_rules()
    assert compute_due(rules["written_confirmation"], FRIDAY_CALL, CAL).due == date(2025, 6, 16)
    assert compute_due(rules["chase_local_authority"], FRIDAY_CALL, CAL).due == date(2025, 6, 18)


def test_24_hours_is_clock_hours() -> None:
    table = """[[deadline]]
id = "h"
title = "t"
from = "referral.phoned_at"
hours = 24
direction = "after"
met_by = []
ref = "x"
source = "framework"
"""
    due = compute_due(parse_deadlines(table, "t.toml")["h"], FRIDAY_CALL, CAL)
    assert due.due_instant == datetime(2025, 6, 14, 16, 10, tzinfo=LONDON)


def test_per_case_rule_needs_its_number() -> None:
    rule = policy_files.deadline_rules()["court_directed_safeguarding_letter"]
    with pytest.raises(ValueError, match="number of working days"):
        compute_due(rule, FRIDAY_CALL, CAL)
    assert compute_due(rule, FRIDAY_CALL, CAL, working_days=10).due == date(2025, 6, 27)


@pytest.mark.parametrize(
    ("now", "done", "expected"),
    [
        (datetime(2025, 6, 13, 17, tzinfo=LONDON), None, "upcoming"),
        (datetime(2025, 6, 16, 9, tzinfo=LONDON), None, "due_today"),
        (datetime(2025, 6, 17, 9, tzinfo=LONDON), None, "overdue"),
        (datetime(2025, 6, 17, 9, tzinfo=LONDON), datetime(2025, 6, 16, 17, tzinfo=LONDON), "done"),
        (datetime(2025, 6, 18, 9, tzinfo=LONDON), datetime(2025, 6, 17, 9, tzinfo=LONDON), "done_late"),
    ],
)
def test_status(now: datetime, done: datetime | None, expected: str) -> None:
    due = compute_due(policy_files.deadline_rules()["written_confirmation"], FRIDAY_CALL, CAL)
    assert status_of(due, done, now) == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("x = 1", "at least one [[deadline]]"),
        ('[[deadline]]\nid = "a"', "deadline[0].title: is required"),
        (
            '[[deadline]]\nid="a"\ntitle="t"\nfrom="f"\ndirection="sideways"\nmet_by=[]\nref="r"\nsource="framework"\nworking_days=1',
            "direction",
        ),
        (
            '[[deadline]]\nid="a"\ntitle="t"\nfrom="f"\ndirection="after"\nmet_by=[]\nref="r"\nsource="framework"',
            "exactly one of working_days or hours",
        ),
        (
            '[[deadline]]\nid="a"\ntitle="t"\nfrom="f"\ndirection="after"\nmet_by=[]\nref="r"\nsource="framework"\nworking_days=-1',
            "working_days",
        ),
        ("[[deadline]\n", "not valid TOML"),
    ],
)
def test_malformed_table_names_file_key_and_problem(text: str, needle: str) -> None:
    with pytest.raises(PolicyError) as exc:
        parse_deadlines(text, "deadlines.toml")
    assert str(exc.value).startswith("deadlines.toml: ")
    assert needle in str(exc.value)
