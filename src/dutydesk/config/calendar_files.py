"""The working-day calendar from files: England and Wales' bank holidays (remembered on disk),
the office closures shipped in data/, the officer's own closures file and one given on the
command line. Read once at start, for the board; the domain gets the calendar as an argument."""

from __future__ import annotations

from pathlib import Path

from dutydesk.config.holiday_cache import SHARED as HOLIDAYS
from dutydesk.config.paths import data_dir
from dutydesk.config.settings import Settings, user_closures_file
from dutydesk.domain.policy.closures import parse_closures
from dutydesk.domain.time.calendar import Closure, WorkingCalendar
from dutydesk.errors import PolicyError

MAX_CLOSURES_BYTES = 1_048_576


def load_closures(path: Path) -> list[Closure]:
    try:
        size = path.stat().st_size
        if size > MAX_CLOSURES_BYTES:
            raise PolicyError(
                str(path), "(file)", f"is {size:,} bytes; a closures file is at most {MAX_CLOSURES_BYTES:,}"
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), "(file)", f"cannot be read: {exc}") from None
    return parse_closures(text, str(path))


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
    return WorkingCalendar(closures(closures_file), settings.cutoff, bank_holidays=HOLIDAYS.bank_holidays)
