"""Local office closure days: `[[closure]]` tables with `date` and `title`."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from dutydesk.domain.calendar import Closure
from dutydesk.errors import PolicyError


def parse_closures(text: str, source: str) -> list[Closure]:
    """Validate a closures file; a problem names the file, the table and what is wrong."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"not valid TOML: {exc}") from None
    unknown = set(doc) - {"closure"}
    if unknown:
        raise PolicyError(source, ", ".join(sorted(unknown)), "unknown key; only [[closure]]")
    tables = doc.get("closure", [])
    if not isinstance(tables, list):
        raise PolicyError(source, "closure", "must be an array of tables: [[closure]]")
    closures: list[Closure] = []
    for i, table in enumerate(tables):
        key = f"closure[{i}]"
        if not isinstance(table, dict):
            raise PolicyError(source, key, "must be a table with date and title")
        when, title = table.get("date"), table.get("title")
        if not isinstance(when, date) or hasattr(when, "hour"):
            raise PolicyError(source, f"{key}.date", f"{when!r} is not a TOML date (2025-12-24)")
        if not isinstance(title, str) or not title.strip():
            raise PolicyError(source, f"{key}.title", "a non-empty title is required")
        closures.append(Closure(when, title.strip()))
    return closures


def load_closures(path: Path) -> list[Closure]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), "(file)", f"cannot be read: {exc}") from None
    return parse_closures(text, str(path))
