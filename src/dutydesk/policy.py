"""Loads and validates the policy tables shipped in data/ (and the user's closures file)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dutydesk.domain.calendar import Closure, WorkingCalendar
from dutydesk.domain.closures import load_closures
from dutydesk.domain.deadlines import DeadlineRule, parse_deadlines
from dutydesk.domain.risk_factors import RiskFactors, parse_risk_factors
from dutydesk.paths import data_dir
from dutydesk.settings import Settings, user_closures_file


def _read(name: str) -> tuple[str, str]:
    path = data_dir() / name
    return path.read_text(encoding="utf-8"), str(path)


@cache
def deadline_rules() -> dict[str, DeadlineRule]:
    return parse_deadlines(*_read("deadlines.toml"))


@cache
def risk_factors() -> RiskFactors:
    return parse_risk_factors(*_read("risk_factors.toml"))


def closures(extra_file: Path | None = None) -> list[Closure]:
    """Shipped closures, the user's file if present, and any file given on the command line."""
    found = load_closures(data_dir() / "closures.toml")
    user = user_closures_file()
    if user.exists():
        found += load_closures(user)
    if extra_file is not None:
        found += load_closures(extra_file)
    return found


def working_calendar(settings: Settings, closures_file: Path | None = None) -> WorkingCalendar:
    return WorkingCalendar(closures(closures_file), settings.cutoff)
