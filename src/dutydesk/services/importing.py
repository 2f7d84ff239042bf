"""Bringing a file into the store, for the desk and the command line alike: a case file
(dutydesk-case/1) or HMCTS's Cafcass feed, told apart by what the file holds.

A feed is one transaction per file; a case already imported is updated only where HMCTS's value
changed and the officer has not changed it since."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from dutydesk.domain.case.casefile import FORMAT, parse_case
from dutydesk.errors import BadInput
from dutydesk.importers.hmcts import Imported, parse_feed
from dutydesk.infra import json_gate
from dutydesk.infra.progress import progress
from dutydesk.store.repository import Loaded, Store, create_many_in
from dutydesk.store.tables import CASES


@dataclass
class ImportResult:
    reference: str
    hmcts_case_id: str
    outcome: str  # created / updated / unchanged
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the officer's value stands over HMCTS's
    warnings: list[str] = field(default_factory=list)  # what the feed left unclear (a confidentiality flag)


@dataclass(frozen=True)
class FileImported:
    """What one file brought in: a case file's one case, or a feed's cases each with its outcome."""

    source: str  # the file's name
    case: Loaded | None = None  # a case file
    feed: list[ImportResult] | None = None  # an HMCTS feed

    def summary(self) -> str:
        """One line an officer reads: "Imported DD-2026-000123" or "HMCTS feed: DD-… created, …"."""
        if self.case is not None:
            return f"Imported {self.case.case.case.reference}"
        return "HMCTS feed: " + (", ".join(f"{r.reference} {r.outcome}" for r in self.feed or []) or "no cases in it")


def is_feed(data: Any) -> bool:
    """HMCTS's searchCases response holds a "cases" list and no dutydesk format marker."""
    return isinstance(data, dict) and "cases" in data and "format" not in data


def import_file(
    store: Store, path: Path, now: datetime, *, expect_feed: bool | None = None, show_progress: bool = False
) -> FileImported:
    """Read `path` through the JSON gate (size, depth, numbers, duplicate keys) and bring it in:
    one transaction, all of it or nothing. `expect_feed` (the command line's --hmcts) refuses a
    file that is not what was asked for; None takes either. `show_progress`: a bar on stderr at a
    terminal — the command line's; never the desk's, whose screen that terminal is."""
    data = json_gate.read(path)
    feed = is_feed(data)
    if expect_feed is True and not feed:
        raise BadInput(f'{path.name} is not an HMCTS feed (no "cases" list): import it without --hmcts')
    if expect_feed is False and feed:
        raise BadInput(f"{path.name} is an HMCTS feed, not a case file: import it with --hmcts")
    if not feed:
        return FileImported(path.name, case=store.import_document(data))
    if not show_progress:
        return FileImported(path.name, feed=import_feed(store, data, path.name, now))
    with progress("Importing the HMCTS feed", len(data.get("cases") or [])) as advance:
        return FileImported(path.name, feed=import_feed(store, data, path.name, now, advance=advance))


def _get(doc: dict[str, Any], path: str) -> Any:
    head, _, key = path.partition(".")
    return (doc.get(head) or {}).get(key)


def _put(doc: dict[str, Any], path: str, value: Any) -> None:
    head, _, key = path.partition(".")
    doc.setdefault(head, {})[key] = value


def _known(conn: Connection) -> dict[str, str]:
    """HMCTS case id → our reference, for every case in the store, in one query (looking each
    feed case up in turn read every document once per case: quadratic)."""
    column = CASES.c.document["case"]["hmcts_case_id"].as_string()
    return {hmcts: ref for ref, hmcts in conn.execute(select(CASES.c.reference, column)) if hmcts}


def _signal_events(item: Imported, at: str) -> list[dict[str, Any]]:
    return [
        {
            "at": at,
            "by": "HMCTS feed",
            "kind": "hmcts_signal",
            "text": s.text,
            "source": f"hmcts:{s.source}",
            "signal": s.kind,
        }
        for s in item.signals
    ]


def _merge(doc: dict[str, Any], item: Imported, previous: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    """Apply HMCTS's values where the officer has not changed what HMCTS sent before. Returns
    what HMCTS has sent so far (a later feed without a field does not take the value away)."""
    imported: dict[str, Any] = dict(previous)
    for path, value in item.values.items():
        imported[path] = value
        current = _get(doc, path)
        if current == value:
            continue
        if path in previous and current != previous[path]:
            result.kept.append(path)  # the officer changed it after the last import
            continue
        _put(doc, path, value)
        result.changed.append(path)
    people = doc.setdefault("people", [])
    for person in item.people:
        key = f"people[{person['id']}]"
        imported[key] = person
        mine = next((p for p in people if p.get("id") == person["id"]), None)
        if mine is None:
            people.append(copy.deepcopy(person))
            result.changed.append(key)
            continue
        before = previous.get(key) or {}
        for name, value in person.items():
            if mine.get(name) == value:
                continue
            if name in before and mine.get(name) != before[name]:
                result.kept.append(f"{key}.{name}")
                continue
            mine[name] = copy.deepcopy(value)
            result.changed.append(f"{key}.{name}")
    return imported


def import_feed(
    store: Store, feed: Any, source: str, now: datetime | None = None, advance: Callable[[int], None] | None = None
) -> list[ImportResult]:
    """Every case of the feed, in one transaction: all of it lands, or none of it. New cases
    are created together at the end (a few statements for all of them); a case already in the
    store is compared as stored, and saved only if HMCTS changed something."""
    items = parse_feed(feed)
    at = (now or datetime.now(UTC)).isoformat()
    results = []
    with store.writing() as conn:
        known = _known(conn)
        new: dict[str, dict[str, Any]] = {}  # HMCTS id → the document of a case this feed creates
        number = _first_free_number(store, conn)
        for item in items:
            if advance:
                advance(1)
            reference = known.get(item.hmcts_case_id)
            if reference is None:
                reference = f"DD-{datetime.now(UTC).year}-{number:06d}"
                number += 1
                doc: dict[str, Any] = {
                    "format": FORMAT,
                    "case": {"reference": reference, "law": "private", "status": "open"},
                    "people": [],
                    "events": _signal_events(item, at),
                }
                result = ImportResult(reference, item.hmcts_case_id, "created", warnings=list(item.warnings))
                imported = _merge(doc, item, {}, result)
                doc["provenance"] = {
                    "hmcts": {"feed": source, "case_id": item.hmcts_case_id, "imported_at": at, "values": imported}
                }
                new[item.hmcts_case_id] = doc
                known[item.hmcts_case_id] = reference
                results.append(result)
                continue
            if item.hmcts_case_id in new:  # the same case twice in one feed: the later entry updates it
                doc, version = new[item.hmcts_case_id], None
            else:
                # The stored document as it is (no decoding): most cases of a repeated feed are
                # unchanged, and finding that must not cost a full read of each case.
                version, stored = conn.execute(
                    select(CASES.c.version, CASES.c.document).where(CASES.c.reference == reference)
                ).one()
                doc = copy.deepcopy(stored)
            provenance = doc.get("provenance") or {}
            previous = (provenance.get("hmcts") or {}).get("values") or {}
            result = ImportResult(reference, item.hmcts_case_id, "updated", warnings=list(item.warnings))
            imported = _merge(doc, item, previous, result)
            seen = {(e.get("source"), e.get("text")) for e in doc.get("events") or []}
            for event in _signal_events(item, at):
                if (event["source"], event["text"]) not in seen:
                    doc.setdefault("events", []).append(event)
                    result.changed.append(f"events: {event['text']}")
            if not result.changed:
                result.outcome = "unchanged"
                results.append(result)
                continue
            doc["provenance"] = {
                **provenance,
                "hmcts": {"feed": source, "case_id": item.hmcts_case_id, "imported_at": at, "values": imported},
            }
            if version is not None:
                store.save_in(conn, parse_case(doc, store.risk_factor_ids), version)
            results.append(result)
        create_many_in(store, conn, [parse_case(doc, store.risk_factor_ids) for doc in new.values()])
    return results


def _first_free_number(store: Store, conn: Connection) -> int:
    reference = store.next_reference_in(conn, datetime.now(UTC).year)
    return int(reference.rsplit("-", 1)[1])
