"""England and Wales bank holidays by year, from the `holidays` package, remembered in a cache file.

Importing `holidays` loads every country's module (about a fifth of a second), and the duty
board needs the bank holidays before it can say how many working days are left before each
hearing. So the answers are kept in a small JSON file keyed by the installed package's
identity: a new `holidays` release (which may add a one-off day) makes the cache stale and it
is rebuilt from the package. Anything wrong with the file means it is ignored, never trusted.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import platformdirs

# Years computed together on a miss: the board asks about this year and the next few.
SPAN = 4


def cache_file() -> Path:
    override = os.environ.get("DUTYDESK_CACHE_DIR")
    folder = Path(override) if override else Path(platformdirs.user_cache_dir("dutydesk"))
    return folder / "bank-holidays.json"


@cache
def package_identity() -> str:
    """Which `holidays` is installed, without importing it: its version file's path, size and mtime."""
    spec = find_spec("holidays")
    if spec is None or spec.origin is None:
        return "missing"
    version = Path(spec.origin).with_name("version.py")
    stat = version.stat()
    return f"{version}:{stat.st_size}:{stat.st_mtime_ns}"


class HolidayCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.years: dict[int, dict[date, str]] = {}
        self._loaded = False

    def bank_holidays(self, year: int) -> dict[date, str]:
        if not self._loaded:
            self._load()
        if year not in self.years:
            self._compute(range(year, year + SPAN))
        return self.years[year]

    def _file(self) -> Path:
        return self.path or cache_file()

    def _load(self) -> None:
        self._loaded = True
        try:
            document = json.loads(self._file().read_text(encoding="utf-8"))
            if document.get("package") != package_identity():
                return
            self.years = {
                int(year): {date.fromisoformat(day): str(name) for day, name in days.items()}
                for year, days in document["years"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.years = {}  # no cache, or one we cannot trust: the package answers instead

    def _compute(self, years: range) -> None:
        import holidays  # noqa: PLC0415  (a fifth of a second: only on a cache miss)

        for year in years:
            self.years[year] = dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())
        self._save()

    def _save(self) -> None:
        document = {
            "package": package_identity(),
            "years": {
                str(year): {day.isoformat(): name for day, name in sorted(days.items())}
                for year, days in sorted(self.years.items())
            },
        }
        target = self._file()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=target.parent, delete=False, encoding="utf-8") as out:
                json.dump(document, out)
            os.replace(out.name, target)  # whole or not at all: a reader never sees half a file
        except OSError:
            pass  # a read-only home only costs speed


SHARED = HolidayCache()
