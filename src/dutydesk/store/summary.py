"""A row of the open-case list, and the quick way to read the list without SQLAlchemy.

The duty board paints from `quick_open_cases` (the standard library's sqlite3, read-only) while
the full store opens in the background: start-up is then the cost of Textual, not of the ORM.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from dutydesk.domain.time.dates import age_on

HEAD = "0009"  # the newest migration; a test checks it against Alembic's head
OPEN_FILTER = "status IN ('open', 'allocated')"  # exactly as in the partial index (0003)


class CaseSummary(NamedTuple):
    """A row of the open-case list; a tuple, parsed lazily, because the board may hold thousands."""

    reference: str
    status: str
    first_hearing_utc: str | None
    children_column: str
    version: int

    @property
    def first_hearing_at(self) -> datetime | None:
        return datetime.fromisoformat(self.first_hearing_utc) if self.first_hearing_utc else None

    @property
    def children(self) -> list[tuple[str, date | None]]:
        return parse_children(self.children_column)

    def children_text(self, today: date, unknown_age: str = "?") -> str:
        """'Ella (8), Tom (5)': first names with ages on `today`."""
        parts = []
        for name, dob in self.children:
            age = age_on(dob, today)
            parts.append(f"{name} ({unknown_age if age is None else age})")
        return ", ".join(parts)


def parse_children(text: str) -> list[tuple[str, date | None]]:
    out = []
    for part in filter(None, text.split(",")):
        name, _, dob = part.rpartition(":")
        out.append((name, date.fromisoformat(dob) if dob else None))
    return out


def hearing_order(summaries: list[CaseSummary]) -> list[CaseSummary]:
    """First hearing soonest first; cases with no hearing listed last."""
    return [s for s in summaries if s.first_hearing_utc] + [s for s in summaries if not s.first_hearing_utc]


def quick_open_cases(path: Path) -> list[CaseSummary] | None:
    """The open cases of an up-to-date SQLite store, read-only; None when that cannot be done
    (no file, another schema, locked, damaged): the caller then waits for the full store."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (HEAD,):
                return None
            rows = conn.execute(
                "SELECT reference, status, first_hearing_utc, children, version FROM cases "
                f"WHERE {OPEN_FILTER} ORDER BY first_hearing_utc"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return hearing_order([CaseSummary(*row) for row in rows])
