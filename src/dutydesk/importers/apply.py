"""Bringing an HMCTS feed into the store: one transaction per file; a case already imported is
updated only where HMCTS's value changed and the officer has not changed it since."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from dutydesk.domain.casefile import FORMAT, parse_case
from dutydesk.importers.hmcts import Imported, parse_feed
from dutydesk.store.repository import Store, create_many_in
from dutydesk.store.tables import CASES


@dataclass
class ImportResult:
    reference: str
    hmcts_case_id: str
    outcome: str  # created / updated / unchanged
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the officer's value stands over HMCTS's
    warnings: list[str] = field(default_factory=list)  # what the feed left unclear (a confidentiality flag)


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
