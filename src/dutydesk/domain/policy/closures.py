"""Local office closure days: `[[closure]]` tables with `date` and `title` (text in, days out;
config/policy_files.py reads the files)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator

from dutydesk.domain.policy.schema import List, NonEmpty, Table, toml_doc, validated
from dutydesk.domain.time.calendar import Closure


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
