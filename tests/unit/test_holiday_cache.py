"""The bank-holiday cache: the same answers as the `holidays` package, and never trusted blindly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import holidays

from dutydesk.config.holiday_cache import HolidayCache, package_identity


def test_cached_answers_are_the_packages_answers(tmp_path: Path) -> None:
    file = tmp_path / "bank-holidays.json"
    first = HolidayCache(file).bank_holidays(2026)
    assert first == dict(holidays.country_holidays("GB", subdiv="ENG", years=2026).items())
    assert file.exists()
    again = HolidayCache(file).bank_holidays(2026)  # read back from the file
    assert again == first
    assert again[date(2026, 12, 28)] == "Boxing Day (observed)"


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    file = tmp_path / "bank-holidays.json"
    file.write_text("{not json", encoding="utf-8")
    assert date(2027, 3, 26) in HolidayCache(file).bank_holidays(2027)  # Good Friday 2027
    assert json.loads(file.read_text(encoding="utf-8"))["package"] == package_identity()


def test_a_cache_from_another_holidays_release_is_not_used(tmp_path: Path) -> None:
    file = tmp_path / "bank-holidays.json"
    # A forged day in a cache written by some other release must not reach a deadline.
    file.write_text(
        json.dumps({"package": "another-release", "years": {"2026": {"2026-11-23": "Invented Day"}}}), encoding="utf-8"
    )
    assert date(2026, 11, 23) not in HolidayCache(file).bank_holidays(2026)
