"""Whether each stored case is what its audit trail says it is.

The hash chain (audit.verify) proves the trail's own rows are unaltered. This module ties the
documents to it: the trail's last row for a case carries the SHA-256 of the document that change
left, so a document, flag, note or item edited from outside shows; the derived columns and the
people index must be what the document gives; a case in the trail with no case row was deleted;
a case row with no trail was slipped in. When a document differs, the trail is replayed (its
first row holds the whole document, later rows each change) to name the first field that differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from dutydesk.domain.diff import flatten
from dutydesk.store.audit import doc_hash
from dutydesk.store.derived import derived_columns
from dutydesk.store.people_index import index_rows

WHOLE_DOCUMENT = ("create", "baseline", "accepted")  # rows whose `new` is the whole document
GONE = "the case is in the audit trail but its record is gone (deleted from outside)"
INDEX_COLUMNS = ("person_id", "role", "given_names", "family_name", "previous_names", "date_of_birth", "postcodes")


@dataclass(frozen=True)
class Finding:
    reference: str
    problem: str  # plain English, naming the field where it can

    def __str__(self) -> str:
        return f"case {self.reference}: {self.problem}"


def _document(value: Any) -> dict[str, Any]:
    loaded = json.loads(value) if isinstance(value, str) else value
    return loaded if isinstance(loaded, dict) else {}


def _leaves(doc: Any) -> dict[str, Any]:
    """Leaves without the empty containers and nulls the diff treats as absent."""
    return {k: v for k, v in flatten(doc).items() if v not in ([], {}, None)}


def replayed(conn: Connection, reference: str) -> dict[str, Any] | None:
    """The case's document as its trail builds it (flattened), or None without a first row."""
    leaves: dict[str, Any] | None = None
    rows = conn.execute(
        text("SELECT action, entity, field, new FROM audit WHERE case_ref = :r ORDER BY seq"), {"r": reference}
    )
    for action, entity, field, new in rows:
        value = json.loads(new) if new is not None else None
        if action in WHOLE_DOCUMENT and entity == "$":
            leaves = _leaves(value)
            continue
        if leaves is None:
            continue
        # Every other row changes one leaf (domain/diff.py): set it, or remove it.
        path = field if entity == "$" else f"{entity}.{field}"
        if value in ([], {}, None):
            leaves.pop(path, None)
        else:
            leaves[path] = value
    return leaves


def first_difference(expected: dict[str, Any], stored: dict[str, Any]) -> str | None:
    for path in sorted(set(expected) | set(stored)):
        if expected.get(path) != stored.get(path):
            was, now = expected.get(path), stored.get(path)
            if now is None:
                return f"{path} was removed (the trail has {_short(was)})"
            if was is None:
                return f"{path} was added ({_short(now)}) with no change in the trail"
            return f"{path} is {_short(now)}; the trail has {_short(was)}"
    return None


def _short(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def check_case(conn: Connection, reference: str) -> Finding | None:
    """One case against its own trail rows: fast enough to run whenever a case is opened."""
    row = conn.execute(
        text(
            "SELECT reference, status, first_hearing_utc, received_utc, children, version, document, last_audit_seq "
            "FROM cases WHERE reference = :r"
        ),
        {"r": reference},
    ).first()
    last = conn.execute(
        text("SELECT seq, version, doc_hash FROM audit WHERE case_ref = :r ORDER BY seq DESC LIMIT 1"),
        {"r": reference},
    ).first()
    if row is None:
        return Finding(reference, GONE) if last else None
    people = conn.execute(
        text(f"SELECT {', '.join(INDEX_COLUMNS)} FROM people_index WHERE case_ref = :r"), {"r": reference}
    ).fetchall()
    return _check(conn, row, last, [tuple(p) for p in people])


def _check(conn: Connection, row: Any, last: Any, people: list[tuple[Any, ...]]) -> Finding | None:
    reference, status, first_hearing, received, children, version, document, last_seq = row
    doc = _document(document)
    if last is None:
        return Finding(reference, "the case has no audit trail: it was put in the store from outside")
    seq, trail_version, sealed = last
    if seq != last_seq:
        return Finding(reference, f"its record says its last change is audit row {last_seq}; the trail's is {seq}")
    if version != trail_version:
        return Finding(reference, f"it is stored as version {version}; the trail is at version {trail_version}")
    if sealed is not None and doc_hash(doc) != sealed:
        expected = replayed(conn, reference)
        where = first_difference(expected, _leaves(doc)) if expected is not None else None
        return Finding(reference, f"the document differs from its trail: {where or 'changed from outside'}")
    derived = derived_columns(doc)
    for name, value in (
        ("status", status),
        ("first_hearing_utc", first_hearing),
        ("received_utc", received),
        ("children", children),
    ):
        if derived[name] != value:
            return Finding(reference, f"its {name} column is {value!r} but its document says {derived[name]!r}")
    wanted = sorted(tuple(r[c] for c in INDEX_COLUMNS) for r in index_rows(reference, doc))
    if sorted(people) != wanted:
        return Finding(reference, "the people index does not match its document (edited from outside)")
    return None


def check_all(conn: Connection, advance: Callable[[int], None] | None = None) -> list[Finding]:
    """Every case, in a few bulk queries (a store of 100,000 cases is read once)."""
    last = {
        r[0]: tuple(r[1:])
        for r in conn.execute(
            text(
                "SELECT case_ref, seq, version, doc_hash FROM audit WHERE seq IN "
                "(SELECT MAX(seq) FROM audit GROUP BY case_ref)"
            )
        )
    }
    people: dict[str, list[tuple[Any, ...]]] = {}
    for r in conn.execute(text(f"SELECT case_ref, {', '.join(INDEX_COLUMNS)} FROM people_index")):
        people.setdefault(r[0], []).append(tuple(r[1:]))
    found: list[Finding] = []
    seen: set[str] = set()
    rows = conn.execute(
        text(
            "SELECT reference, status, first_hearing_utc, received_utc, children, version, document, last_audit_seq "
            "FROM cases ORDER BY reference"
        )
    )
    for row in rows:
        if advance:
            advance(1)
        seen.add(row[0])
        problem = _check(conn, row, last.get(row[0]), people.get(row[0], []))
        if problem:
            found.append(problem)
    for reference in sorted(set(last) - seen):
        found.append(Finding(reference, GONE))
    return found
