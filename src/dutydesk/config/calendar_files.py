"""The working-day calendar from files: England and Wales' bank holidays (remembered on disk),
the office closures shipped in data/, the officer's own closures file and one given on the
command line. Read once at start, for the board; the domain gets the calendar as an argument."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from dutydesk.config.holiday_cache import SHARED as HOLIDAYS
from dutydesk.config.holiday_cache import cache_file
from dutydesk.config.paths import data_dir
from dutydesk.config.settings import Settings, user_closures_file
from dutydesk.domain.time.calendar import Closure, WorkingCalendar
from dutydesk.errors import PolicyError

MAX_CLOSURES_BYTES = 1_048_576
REMEMBERED = 16  # closures files whose validated days are kept (the shipped one, the officer's, a few given)


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
    return closures_from_text(text, str(path))


def closures_from_text(text: str, source: str) -> list[Closure]:
    """Validate a closures file's text (pydantic), or reuse the days validated for these exact
    bytes before: the board needs the calendar for its first paint, and pydantic's import was a
    tenth of start-up. Any change to the file is validated again; a bad cache is ignored."""
    every = _remembered()
    remembered = [e for e in every if isinstance(e, list) and len(e) == 2 and e[0] != text]
    for entry in every:
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == text and isinstance(entry[1], list):
            try:
                return [Closure(date.fromisoformat(day), str(title)) for day, title in entry[1]]
            except (TypeError, ValueError):
                break  # not what was written: validate again
    from dutydesk.domain.policy.closures import parse_closures  # noqa: PLC0415  (pydantic: only when a closures file changed)

    found = parse_closures(text, source)
    _remember([*remembered[-(REMEMBERED - 1) :], [text, [[c.date.isoformat(), c.title] for c in found]]])
    return found


def _validated_file() -> Path:
    return cache_file().with_name("closures.validated.json")


def _remembered() -> list[object]:
    """[[a file's text, [[day, title], …]], …], the most recently validated last."""
    try:
        found = json.loads(_validated_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return found if isinstance(found, list) else []


def _remember(remembered: list[object]) -> None:
    """Best effort: a cache that cannot be written costs the next start a validation."""
    path = _validated_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(remembered), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


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
