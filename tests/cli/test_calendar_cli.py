"""The `deadline` and `calendar` commands: their JSON contract, plain words and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli


def test_deadline_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    """¶2.103: a Friday 16:10 phone call is confirmed in writing by Monday."""
    r = run_cli(capsys, "deadline", "13/06/2025 16:10", "--working-days", "1", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["from"] == "2025-06-13T16:10:00+01:00"
    assert doc["working_days"] == 1 and doc["direction"] == "after"
    assert doc["deemed_start"] is None
    assert doc["due"] == "2025-06-16"
    assert doc["skipped"] == [
        {"date": "2025-06-14", "reason": "Saturday"},
        {"date": "2025-06-15", "reason": "Sunday"},
    ]


def test_deadline_with_cutoff_and_iso(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "deadline", "2025-06-13T16:40:00+01:00", "-n", "1", "--cutoff", "16:30", "--json")
    doc = json.loads(r.out)
    assert (doc["deemed_start"], doc["due"]) == ("2025-06-16", "2025-06-17")


def test_deadline_before_a_hearing_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "deadline", "22/04/2025", "-n", "3", "--before")
    assert r.code == 0
    assert "Due: Tue 15/04/2025" in r.out
    assert "Easter Monday" in r.out and "Good Friday" in r.out


def test_deadline_with_closures_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    closures = tmp_path / "closures.toml"
    closures.write_text('[[closure]]\ndate = 2025-12-24\ntitle = "Privilege day"\n')
    r = run_cli(capsys, "deadline", "23/12/2025", "-n", "1", "--closures", str(closures), "--json")
    doc = json.loads(r.out)
    assert doc["due"] == "2025-12-29"
    assert {"date": "2025-12-24", "reason": "Office closure: Privilege day"} in doc["skipped"]


def test_calendar_lists_non_working_weekdays(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "calendar", "2022", "--json")
    days = json.loads(r.out)
    assert {"date": "2022-09-19", "name": "State Funeral of Queen Elizabeth II"} in days
    assert all(set(d) == {"date", "name"} for d in days)
    assert len(days) == 10


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["deadline", "31/02/2025", "-n", "1"], "not a real date"),
        (["deadline", "next tuesday", "-n", "1"], "13/06/2025 16:10"),
        (["deadline", "13/06/2025", "-n", "-2"], "0 or more"),
        (["deadline", "13/06/2025", "-n", "1", "--cutoff", "25:00"], "HH:MM"),
        (["deadline", "13/06/2025"], "--working-days"),
        (["calendar", "twenty"], "twenty"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    r = run_cli(capsys, *args)
    assert r.code == 2
    assert r.out == ""
    assert len(r.err.strip().splitlines()) == 1
    assert needle in r.err


def test_malformed_closures_file_exits_2_naming_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[closure]]\ndate = "24/12/2025"\ntitle = "x"\n')
    r = run_cli(capsys, "deadline", "23/12/2025", "-n", "1", "--closures", str(bad))
    assert r.code == 2
    assert "bad.toml" in r.err and "closure[0].date" in r.err
