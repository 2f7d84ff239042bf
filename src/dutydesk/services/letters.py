"""Drafting a document and recording it on the case: one implementation for the desk and the
command line (issue 31).

The guarantee both get: a document that leaves is recorded in the case's chronology with its
SHA-256, or it is not kept at all. Files are written first (a PDF takes LibreOffice seconds, and
no write lock is held meanwhile); the record is then added to the case as it is in the store
now, in one transaction; if that fails the files are deleted. A case that no longer matches its
audit trail drafts nothing for an outside reader until an officer has looked and accepted it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dutydesk.domain.case.model import Case
from dutydesk.domain.policy.bundle import Policy
from dutydesk.drafting.draft import Draft, Format, draft
from dutydesk.drafting.kinds import KINDS, RECIPIENT_WORDS
from dutydesk.drafting.outbox import Written, record, write
from dutydesk.errors import BadInput, DutydeskError
from dutydesk.store.repository import Store


@dataclass(frozen=True)
class Recorded:
    """A document written and recorded; `anchor_problem` says why the trail's head could not
    also be written down outside the store (the document is recorded all the same)."""

    made: Draft
    written: list[Written]
    anchor_problem: str | None = None


def refuse_unverified(store: Store, reference: str, kind: str) -> None:
    """Nothing for the court, a party or the local authority is drafted from a case that does not
    match its audit trail: a confidential flag cleared from outside would print an address."""
    known = KINDS.get(kind)
    if known is None or known.recipient == "internal":
        return
    problem = store.integrity(reference)
    if problem is not None:
        raise BadInput(
            f"{problem}. Nothing for {RECIPIENT_WORDS[known.recipient]} is drafted from it until an officer "
            f"has looked and accepted it (`dutydesk audit accept {reference} --reason …`, or Ctrl+P in the desk)"
        )


def draft_document(
    store: Store,
    reference: str,
    kind: str,
    policy: Policy,
    now: datetime,
    referral: str | None = None,
    case: Case | None = None,
) -> Draft:
    """The document as it would be drafted now: from `case` when given (the desk's preview, with
    what has just been typed), else from the store."""
    refuse_unverified(store, reference, kind)
    if case is None:
        case = store.load(reference).case
    audit = store.history(reference) if kind == "case_record" else None
    return draft(case, kind, policy, store.officer.name, now, referral, audit)


def write_documents(
    made: Draft, formats: Iterable[Format], out: Path | None = None, force: bool = False
) -> list[Written]:
    """Each format written (owner-only, to the outbox or `out`); none kept if one fails."""
    written: list[Written] = []
    try:
        for fmt in formats:
            written.append(write(made, fmt, out, force))
    except BaseException:
        discard(written)
        raise
    return written


def record_written(store: Store, made: Draft, written: list[Written], now: datetime) -> Recorded:
    """Each written file recorded on the case as stored now, in one transaction; the files are
    deleted if it cannot be recorded (not recorded, so not kept)."""
    reference = made.case_reference
    try:
        with store.writing() as conn:
            loaded = store.load_in(conn, reference)
            for w in written:
                loaded.case.events.append(record(made, w, store.officer.name, now))
            store.save_in(conn, loaded.case, loaded.version)
    except BaseException:
        discard(written)
        raise
    problem = None
    try:  # the trail's head written down outside the store as the document leaves (issue 19)
        store.anchor(f"drafted {made.kind.name} for {reference}")
    except (DutydeskError, OSError) as exc:
        problem = str(exc)
    return Recorded(made, written, problem)


def draft_and_record(
    store: Store,
    reference: str,
    kind: str,
    policy: Policy,
    now: datetime,
    formats: Iterable[Format] = ("docx", "txt"),
    referral: str | None = None,
    out: Path | None = None,
    force: bool = False,
) -> Recorded:
    """Draft from the store, write each format, record them: the whole of `dutydesk draft` and
    the desk's `w` on the Letters step."""
    made = draft_document(store, reference, kind, policy, now, referral)
    return record_written(store, made, write_documents(made, formats, out, force), now)


def discard(written: list[Written]) -> None:
    """Written but not to be recorded: not kept."""
    for w in written:
        with contextlib.suppress(OSError):
            w.path.unlink(missing_ok=True)
