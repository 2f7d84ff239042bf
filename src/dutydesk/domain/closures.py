"""Local office closure days: `[[closure]]` tables with `date` and `title`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator

from dutydesk.domain.calendar import Closure
from dutydesk.domain.policy_schema import List, NonEmpty, Table, toml_doc, validated
from dutydesk.errors import PolicyError


def _toml_date(value: object) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"{value.isoformat()} has a time: write the day alone, e.g. date = 2025-12-24")
    if not isinstance(value, date):
        raise ValueError(f"{value!r} is not a TOML date: write it unquoted, e.g. date = 2025-12-24")
    return value


class _Closure(Table):
    date: Annotated[date, BeforeValidator(_toml_date)]
    title: NonEmpty


class _ClosuresFile(Table):
    closure: List[_Closure] = ()


def parse_closures(text: str, source: str) -> list[Closure]:
    """Validate a closures file; a problem names the file, the table and what is wrong."""
    doc = validated(_ClosuresFile, toml_doc(text, source), source)
    return [Closure(c.date, c.title.strip()) for c in doc.closure]


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


MAX_CLOSURES_BYTES = 1_048_576
