"""Deliberate acts on the whole trail (issue 30), each checked first and recorded as a row of the
trail about the store (case_ref ""), so nothing about the trail changes by itself:

- `start_keying`: from this row on the trail is sealed with the audit key (HMAC-SHA256); the row
  after which every row must be keyed is also written to the witness log outside the store.
- `repair_derived`: the tables and columns kept beside the documents (status, hearing, received,
  children, updated by/at, people index, person-search keys) rebuilt from documents that match
  their trail; a case whose document does not is left for an officer to look at and accept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, text, update

from dutydesk.domain.case.reasons import required_reason
from dutydesk.errors import BadInput, StoreError
from dutydesk.store import anchors, audit
from dutydesk.store.audit import Entry
from dutydesk.store.derived import derived_columns
from dutydesk.store.integrity import IntegrityProblem, check_all
from dutydesk.store.repository import Store
from dutydesk.store.tables import CASES, PEOPLE_INDEX, PERSON_KEYS

MIN_KEY = 16  # bytes: a key guessed is no key


def start_keying(store: Store, reason: str) -> anchors.Anchor:
    """Begin sealing the trail with DUTYDESK_AUDIT_KEY; returns the head after the keyed row."""
    key = audit.audit_key()
    if key is None:
        raise BadInput("set DUTYDESK_AUDIT_KEY to the office's audit key first; nothing was changed")
    if len(key) < MIN_KEY:
        raise BadInput(
            f"DUTYDESK_AUDIT_KEY is {len(key)} characters: an audit key needs at least {MIN_KEY} (a passphrase of "
            "several words, kept in the office's keyring); nothing was changed"
        )
    why = required_reason(reason, "the trail is keyed from now on")
    with store.writing() as conn:  # writing() turns database errors into one clear line
        before = anchors.head(conn)
        if before.hash.startswith(audit.KEYED):
            raise BadInput(f"the trail is already sealed with an audit key (row {before.rows}); nothing was changed")
        verdict = audit.verify(conn, keyed_after=store.keyed_after(), require_keyed=False)
        if not verdict.ok:  # never key over a broken trail: that would bless it
            raise StoreError(
                f"the trail does not verify (row {verdict.first_bad_seq}: {verdict.problem}); nothing was keyed"
            )
        entry = Entry(audit.START_KEYING, "$store", "audit key", None, why)
        audit.append_many(conn, store.officer, [(audit.STORE_ROWS, 0, entry, None)], start_keying=True)
        after = anchors.head(conn)
    anchors.record(store.location.describe(), before, f"{anchors.KEYED_AFTER} {before.rows}")
    store._witness(after, "keying begun")  # the keyed row itself witnessed: removing it shows
    return after


@dataclass(frozen=True)
class Repaired:
    rebuilt: list[IntegrityProblem]  # what differed, case by case, now rebuilt
    left: list[IntegrityProblem]  # cases whose document does not match its trail: for an officer to accept
    stray_keys: bool


def repair_derived(store: Store, reason: str) -> Repaired:
    """Rebuild what verify found derived wrongly, from the verified documents; recorded."""
    why = required_reason(reason, "the derived tables are rebuilt")
    with store.writing() as conn:  # writing() turns database errors into one clear line
        verdict = audit.verify(conn, keyed_after=store.keyed_after())
        if not verdict.ok:
            raise StoreError(
                f"the trail does not verify (row {verdict.first_bad_seq}: {verdict.problem}); nothing was rebuilt"
            )
        found = check_all(conn)
        rebuilt = [f for f in found if f.reference and f.derived]
        left = [f for f in found if f.reference and not f.derived]
        stray = any(not f.reference for f in found)
        if not rebuilt and not stray:
            return Repaired([], left, False)
        for finding in rebuilt:
            _rebuild_case(conn, finding.reference)
        if stray:
            _drop_stray_keys(conn)
        note: dict[str, Any] = {"reason": why, "cases": {f.reference: f.problem for f in rebuilt}}
        if stray:
            note["stray_keys"] = "removed"
        entry = Entry(audit.REPAIR_DERIVED, "$store", "derived tables", None, note)
        audit.append_many(conn, store.officer, [(audit.STORE_ROWS, 0, entry, None)])
        head = anchors.head(conn)
    store._witness(head, "derived tables rebuilt")
    return Repaired(rebuilt, left, stray)


def _rebuild_case(conn: Any, reference: str) -> None:
    doc_value = conn.execute(select(CASES.c.document).where(CASES.c.reference == reference)).scalar_one()
    doc = json.loads(doc_value) if isinstance(doc_value, str) else doc_value
    officer, at = conn.execute(
        text("SELECT officer, at FROM audit WHERE case_ref = :r ORDER BY seq DESC LIMIT 1"), {"r": reference}
    ).one()
    conn.execute(
        update(CASES)
        .where(CASES.c.reference == reference)
        .values(updated_by=officer, updated_at=at, **derived_columns(doc))
    )
    Store._reindex(conn, reference, doc, thorough=True)


def _drop_stray_keys(conn: Any) -> None:
    conn.execute(delete(PERSON_KEYS).where(PERSON_KEYS.c.pid.not_in(select(PEOPLE_INDEX.c.id))))


def record_restore(store: Store, source: str) -> anchors.Anchor:
    """A restore of an older copy, as a row of the restored trail (so verify honours the restore
    line of the witness log only where the trail holds it) and that line itself."""
    with store.writing() as conn:  # writing() turns database errors into one clear line
        before = anchors.head(conn)
        entry = Entry(audit.RESTORED, "$store", "restored from", None, {"copy": source, "rows": before.rows})
        audit.append_many(conn, store.officer, [(audit.STORE_ROWS, 0, entry, None)])
        after = anchors.head(conn)
    return anchors.record(store.location.describe(), after, f"{anchors.RESTORED} {source}")
