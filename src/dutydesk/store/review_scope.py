"""Which cases a compliance review covers, chosen in the database (a 100,000-case office store
is never read whole): the most recent N, a window of received dates, an officer's, the urgent
ones, or one case. Documents come back as stored, for the review to decode."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, select

from dutydesk.domain.time.dates import day
from dutydesk.store.tables import AUDIT, CASES


@dataclass(frozen=True)
class Scope:
    last: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    officer: str | None = None
    urgent: bool = False
    reference: str | None = None

    def describe(self) -> str:
        parts = []
        if self.reference:
            parts.append(f"case {self.reference}")
        if self.received_from or self.received_to:
            start = day(self.received_from) if self.received_from else "the first"
            end = day(self.received_to) if self.received_to else "today"
            parts.append(f"received {start} to {end}")
        if self.officer:
            parts.append(f"worked on by {self.officer}")
        if self.urgent:
            parts.append("urgent and without notice, or worked before screening")
        if self.last:
            parts.append(f"the {self.last} most recent")
        return "; ".join(parts) or "every case"


def in_scope(conn: Connection, scope: Scope) -> list[tuple[str, str | None]]:
    """(reference, received in UTC), most recent first: no document is read here — the received
    column has an index (schema 0006)."""
    received = CASES.c.received_utc
    query = select(CASES.c.reference, received)
    if scope.reference:
        query = query.where(CASES.c.reference == scope.reference)
    # UTC ISO text: a day of slack either side here, the exact London date after.
    if scope.received_from:
        query = query.where(received >= (scope.received_from - timedelta(days=1)).isoformat())
    if scope.received_to:
        query = query.where(received < (scope.received_to + timedelta(days=2)).isoformat())
    if scope.officer:
        worked = select(AUDIT.c.case_ref).where(AUDIT.c.officer == scope.officer).distinct()
        query = query.where(CASES.c.reference.in_(worked))
    if scope.urgent:
        without_notice = CASES.c.document["case"]["without_notice"].as_boolean()
        emergency = CASES.c.document["case"]["emergency_without_screening"].as_boolean()
        query = query.where((without_notice == True) | (emergency == True))  # noqa: E712 — SQL, not Python
    query = query.order_by(received.desc(), CASES.c.reference.desc())
    return [(ref, at) for ref, at in conn.execute(query)]


def documents(conn: Connection, references: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """The stored documents of these cases, in the order given."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(references), 500):  # within every database's parameter limit
        part = references[start : start + 500]
        rows = conn.execute(select(CASES.c.reference, CASES.c.document).where(CASES.c.reference.in_(part)))
        found.update((ref, doc) for ref, doc in rows)
    return [(ref, found[ref]) for ref in references if ref in found]
