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

from dutydesk.domain.case.diff import flatten
from dutydesk.store import derived_check, secured_check
from dutydesk.store.audit import RENAMED, STORE_ROWS, doc_hash
from dutydesk.store.derived_check import INDEX_COLUMNS, KeysCheck

WHOLE_DOCUMENT = ("create", "baseline", "accepted")  # rows whose `new` is the whole document
GONE = "the case is in the audit trail but its record is gone (deleted from outside)"
CASE_COLUMNS = (
    "reference, status, first_hearing_utc, received_utc, children, version, document, last_audit_seq, "
    "updated_at, updated_by, secured_at, secured_document, after_securing"
)
LAST_COLUMNS = "seq, version, doc_hash, officer, at, action"
PEOPLE_COLUMNS = ", ".join(("id", *INDEX_COLUMNS))


@dataclass(frozen=True)
class IntegrityProblem:
    reference: str
    problem: str  # plain English, naming the field where it can
    derived: bool = False  # only what is kept beside the document differs: `audit repair-derived` rebuilds it
    secured: bool = False  # its secured state differs from the trail's: no officer's acceptance undoes that

    def __str__(self) -> str:
        return f"case {self.reference}: {self.problem}" if self.reference else self.problem


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


def check_case(conn: Connection, reference: str) -> IntegrityProblem | None:
    """One case against its own trail rows: fast enough to run whenever a case is opened."""
    row = (
        conn.execute(text(f"SELECT {CASE_COLUMNS} FROM cases WHERE reference = :r"), {"r": reference})
        .mappings()
        .first()
    )
    last = (
        conn.execute(
            text(f"SELECT {LAST_COLUMNS} FROM audit WHERE case_ref = :r ORDER BY seq DESC LIMIT 1"), {"r": reference}
        )
        .mappings()
        .first()
    )
    if row is None:
        # A case made offline that the office gave its own reference moved, in the trail (issue 33).
        return IntegrityProblem(reference, GONE) if last and last["action"] != RENAMED else None
    people = conn.execute(
        text(f"SELECT {PEOPLE_COLUMNS} FROM people_index WHERE case_ref = :r"), {"r": reference}
    ).mappings()
    securing = secured_check.gather(
        conn.execute(text(f"{secured_check.SECURING_ROWS} AND case_ref = :r ORDER BY seq"), {"r": reference})
    )
    return _check(
        conn, row, last, [dict(p) for p in people], securing.get(reference), derived_check.keys_by_lookup(conn)
    )


def _check(
    conn: Connection,
    row: Any,
    last: Any,
    people: list[dict[str, Any]],
    securing: secured_check.Securing | None,
    keys_hold: KeysCheck | None,
) -> IntegrityProblem | None:
    reference, document = row["reference"], row["document"]
    doc = _document(document)
    if last is None:
        return IntegrityProblem(reference, "the case has no audit trail: it was put in the store from outside")
    if last["seq"] != row["last_audit_seq"]:
        return IntegrityProblem(
            reference,
            f"its record says its last change is audit row {row['last_audit_seq']}; the trail's is {last['seq']}",
        )
    if row["version"] != last["version"]:
        return IntegrityProblem(
            reference, f"it is stored as version {row['version']}; the trail is at version {last['version']}"
        )
    sealed = last["doc_hash"]
    if sealed is not None and doc_hash(doc) != sealed:
        expected = replayed(conn, reference)
        where = first_difference(expected, _leaves(doc)) if expected is not None else None
        return IntegrityProblem(reference, f"the document differs from its trail: {where or 'changed from outside'}")
    problem = secured_check.problem(row["secured_at"], row["secured_document"], row["after_securing"], securing)
    if problem:
        return IntegrityProblem(reference, problem, secured=True)
    problem = derived_check.problem(reference, doc, dict(row), dict(last), people, keys_hold)
    return IntegrityProblem(reference, problem, derived=True) if problem else None


def check_all(conn: Connection, advance: Callable[[int], None] | None = None) -> list[IntegrityProblem]:
    """Every case, in a few bulk queries (a store of 100,000 cases is read once)."""
    last = {
        r["case_ref"]: r
        for r in conn.execute(
            text(
                f"SELECT case_ref, {LAST_COLUMNS} FROM audit WHERE seq IN "
                "(SELECT MAX(seq) FROM audit WHERE case_ref <> :store GROUP BY case_ref)"
            ),
            {"store": STORE_ROWS},
        ).mappings()
    }
    people: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(text(f"SELECT case_ref, {PEOPLE_COLUMNS} FROM people_index")).mappings():
        people.setdefault(r["case_ref"], []).append(dict(r))
    securing = secured_check.gather(conn.execute(text(f"{secured_check.SECURING_ROWS} ORDER BY seq")))
    everyone = [p for listed in people.values() for p in listed]
    expected = derived_check.expected_prints_soon(everyone)
    prints = derived_check.all_key_prints(conn)
    found: dict[str, IntegrityProblem] = {}
    seen: set[str] = set()
    rows = conn.execute(text(f"SELECT {CASE_COLUMNS} FROM cases ORDER BY reference")).mappings()
    for row in rows:
        if advance:
            advance(1)
        reference = row["reference"]
        seen.add(reference)
        problem = _check(conn, row, last.get(reference), people.get(reference, []), securing.get(reference), None)
        if problem:
            found[reference] = problem
    # The person-search keys, every person at once (worked out beside the loop above).
    wanted = expected()
    for reference in sorted(seen - set(found)):
        if any(prints.get(p["id"]) != wanted[p["id"]] for p in people.get(reference, [])):
            found[reference] = IntegrityProblem(reference, derived_check.KEYS_WRONG, derived=True)
    listed = [found[r] for r in sorted(found)]
    listed += [
        IntegrityProblem(reference, GONE)
        for reference in sorted(set(last) - seen)
        if last[reference]["action"] != RENAMED
    ]
    stray = sum(n for pid, (n, _) in prints.items() if pid not in wanted)
    if stray:
        listed.append(
            IntegrityProblem(
                "",
                f"the person-search index holds {stray} keys for no one in the people index (added from outside)",
                derived=True,
            )
        )
    return listed
