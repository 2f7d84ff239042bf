"""The append-only audit trail: every change is a row chained to the one before by SHA-256,
so an edited or deleted row breaks the chain (¶2.95-2.97: who did what, when)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, text

from dutydesk.config.officer import Officer
from dutydesk.errors import StoreError
from dutydesk.store.tables import AUDIT

__all__ = ["Entry", "Officer", "Verdict", "append", "append_many", "verify"]

GENESIS = "0" * 64
STORE_ROWS = ""  # case_ref of rows about the whole store (keying begun, derived tables rebuilt)
START_KEYING = "start_keying"
REPAIR_DERIVED = "repair_derived"
RENAMED = "renamed"  # a case made offline took the office's reference at sync (issue 33): its rows go on there
RESTORED = "restored"  # a store-level row: the store was put back to an older copy, on purpose


@dataclass(frozen=True)
class Entry:
    action: str
    entity: str
    field: str
    old: Any
    new: Any


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


AUDIT_LOCK = 0x64757479  # "duty": the advisory lock every writer of the audit chain takes
KEYED = "h:"  # a row chained with HMAC-SHA256 under the office's audit key, not plain SHA-256


def audit_key() -> bytes | None:
    """DUTYDESK_AUDIT_KEY: with it, rows are chained with HMAC-SHA256, so a trail rewritten by
    someone without the key cannot be made to verify again (without it, only anchors catch that)."""
    key = os.environ.get("DUTYDESK_AUDIT_KEY")
    return key.encode("utf-8") if key else None


def row_hash(prev_hash: str, row: dict[str, Any], key: bytes | None = None) -> str:
    fields = ("seq", "at", "officer", "os_user", "case_ref", "version", "action", "entity", "field", "old", "new")
    values = [prev_hash, *(row[f] for f in fields)]
    if row.get("doc_hash") is not None:  # rows since schema 0005 also seal the document they leave
        values.append(row["doc_hash"])
    canonical = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if key is not None:
        return KEYED + hmac.new(key, canonical, hashlib.sha256).hexdigest()
    return hashlib.sha256(canonical).hexdigest()


def doc_hash(doc: dict[str, Any]) -> str:
    """The SHA-256 of a case document in one canonical spelling: each audit row carries the hash
    of the document its change left, so the stored document can be checked against the trail."""
    canonical = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(
    conn: Connection,
    officer: Officer,
    case_ref: str,
    version: int,
    entries: Iterable[Entry],
    document: str,
    at: str | None = None,
) -> int:
    """Append entries inside the caller's write transaction; returns the last sequence number.
    `document` is the hash of the case document after the change (`doc_hash`)."""
    return append_many(conn, officer, [(case_ref, version, entry, document) for entry in entries], at)


def sealing_key(prev: str, start: bool = False) -> bytes | None:
    """The key the next row is chained with. Keyed mode never starts by itself (issue 30): a new
    trail set up with DUTYDESK_AUDIT_KEY is keyed from its first row, a keyed trail stays keyed,
    and an unkeyed trail goes on unkeyed until `dutydesk audit start-keying` (start=True) —
    a deliberate act, recorded — so a key merely set cannot bless a trail recomputed without it."""
    key = audit_key()
    if prev.startswith(KEYED) and key is None:  # a keyed trail is never continued unkeyed
        raise StoreError("this store's audit trail is sealed with an audit key: set DUTYDESK_AUDIT_KEY to record")
    return key if (start or prev == GENESIS or prev.startswith(KEYED)) else None


def append_many(
    conn: Connection,
    officer: Officer,
    items: Iterable[tuple[str, int, Entry, str | None]],
    at: str | None = None,
    start_keying: bool = False,
) -> int:
    """Append (case reference, version, entry, document hash) rows in order, chained; `at` is
    the change's instant (the case row's updated_at is the same string, so verify can compare)."""
    if conn.dialect.name == "postgresql":
        # One chain, one writer at a time, until this transaction ends. An advisory lock, not
        # LOCK TABLE: an officer's role may only INSERT into the audit table (issue 33), and
        # PostgreSQL allows LOCK TABLE … EXCLUSIVE only to roles that may UPDATE or DELETE it.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK})
    last = conn.execute(select(AUDIT.c.seq, AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)).first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    key = sealing_key(prev, start_keying)
    at = at or utc_now()
    rows = []
    for case_ref, version, entry, document in items:
        seq += 1
        row = {
            "seq": seq,
            "at": at,
            "officer": officer.name,
            "os_user": officer.os_user,
            "case_ref": case_ref,
            "version": version,
            "action": entry.action,
            "entity": entry.entity,
            "field": entry.field,
            "old": _dump(entry.old),
            "new": _dump(entry.new),
            "doc_hash": document,
        }
        row["prev_hash"] = prev
        row["hash"] = prev = row_hash(prev, row, key)
        rows.append(row)
    if rows:
        conn.execute(AUDIT.insert(), rows)
    return seq


UNKEYED_WITH_KEY = (
    "DUTYDESK_AUDIT_KEY is set but no row of this trail is sealed with the audit key: if the office has "
    "just chosen its key, begin sealing with `dutydesk audit start-keying --reason …` (recorded in the "
    "trail); if this trail was sealed with the key before, it has been recomputed without it"
)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    rows: int
    head: str
    problem: str | None = None
    first_bad_seq: int | None = None


def walk(
    rows: Iterable[dict[str, Any]],
    prev: str = GENESIS,
    after: int = 0,
    key: bytes | None = None,
    keyed_after: int | None = None,
    unverifiable_ok: bool = False,
) -> Verdict:
    """The one walk of a chain — this store's trail, the office's rows after the head a laptop saw
    (`after`, sealed as `prev`), a laptop's chain as the office keeps it: each row the next number,
    following the one before, and sealed as it says. Keyed rows need the key; once a row is keyed
    every later one must be too (and every row after `keyed_after`). A keyed row with no key to
    check it fails, unless `unverifiable_ok` (a laptop reading the office's trail without the
    office's key checks what it can). The verdict: the rows that held and the first that did not."""
    expected, count = after + 1, 0
    for row in rows:
        seq = row["seq"]
        keyed = str(row["hash"]).startswith(KEYED)
        problem = None
        if seq != expected:
            problem, seq = f"row {expected} is missing (next is {seq})", expected
        elif row["prev_hash"] != prev:
            problem = f"row {seq} does not follow row {seq - 1}"
        elif keyed_after is not None and seq > keyed_after and not keyed:
            problem = f"row {seq} is not sealed with the audit key in use since row {keyed_after}"
        elif prev.startswith(KEYED) and not keyed:
            problem = f"row {seq} is not sealed with the audit key as those before it are"
        elif keyed and key is None:
            if not unverifiable_ok:
                problem = f"row {seq} is sealed with an audit key: set DUTYDESK_AUDIT_KEY to verify it"
        elif row_hash(prev, row, key if keyed else None) != row["hash"]:
            problem = f"row {seq} was altered after it was written"
        if problem:
            return Verdict(False, count, prev, problem, seq)
        prev, expected, count = row["hash"], expected + 1, count + 1
    return Verdict(True, count, prev)


def verify(
    conn: Connection, key: bytes | None = None, keyed_after: int | None = None, require_keyed: bool = True
) -> Verdict:
    """Walk the chain from the first row; name the first row that does not hold. Keyed rows
    need the key (DUTYDESK_AUDIT_KEY); once a row is keyed, every later one must be too; and
    with the key set the trail must be keyed (`require_keyed`: not when keying is begun)."""
    key = key or audit_key()
    # Whatever columns this store's schema has: a backup from before 0005 has no doc_hash.
    result = conn.execute(text("SELECT * FROM audit ORDER BY seq"))
    walked = walk((dict(r) for r in result.mappings()), key=key, keyed_after=keyed_after)
    if not walked.ok:
        return walked
    count, prev = walked.rows, walked.head
    if require_keyed and key is not None and count and not prev.startswith(KEYED):
        # A key merely set never blesses a trail: it was begun unkeyed, or recomputed without the key.
        return Verdict(False, count, prev, UNKEYED_WITH_KEY, count)
    # The tail: each case remembers its last audit row, so removing the newest rows shows too.
    missing = conn.execute(
        text("SELECT reference, last_audit_seq FROM cases WHERE last_audit_seq > :n"), {"n": count}
    ).first()
    if missing:
        return Verdict(
            False, count, prev, f"case {missing[0]} records audit row {missing[1]}, which is missing", count + 1
        )
    return Verdict(True, count, prev)
