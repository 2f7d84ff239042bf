"""Whether a case's secured state is what its trail sealed (¶3.42-3.45, issue 30).

Securing appends rows to the trail — when, why, and the hash of the records as secured — and
every later change is an `after_securing` row. The columns beside the document (`secured_at`,
`secured_document`, `after_securing`) are read by `export` and by the save that refuses changes
to what was secured, so each must match those rows: a secured document edited, a securing
cleared (which would let a record made before it be deleted) or a securing slipped in all show.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dutydesk.store.audit import doc_hash


@dataclass
class Securing:
    """What the trail says about one case's securing."""

    at: str | None = None
    sealed: str | None = None  # the hash of the records as secured
    after: list[tuple[str, str, Any]] = field(default_factory=list)  # (by, path, value) recorded after


SECURING_ROWS = (
    "SELECT case_ref, action, officer, entity, field, new, doc_hash FROM audit "
    "WHERE action IN ('secure', 'after_securing')"
)


def gather(rows: Iterable[Any]) -> dict[str, Securing]:
    """Rows of SECURING_ROWS (in trail order) by case."""
    found: dict[str, Securing] = {}
    for case_ref, action, officer, entity, name, new, sealed in rows:
        securing = found.setdefault(case_ref, Securing())
        value = json.loads(new) if new is not None else None
        if action == "secure":
            if name == "secured_at":
                securing.at, securing.sealed = value, sealed
        else:
            securing.after.append((officer, name if entity == "$" else f"{entity}.{name}", value))
    return found


def _document(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def problem(secured_at: Any, secured_document: Any, after: Any, trail: Securing | None) -> str | None:
    """Why the case's secured columns differ from its trail, or None."""
    document = _document(secured_document)
    listed = _document(after)
    if trail is None or trail.at is None:
        if secured_at or document is not None or listed not in (None, []):
            return "it is marked secured but its trail never secured it (secured from outside)"
        return None
    if not secured_at:
        return (
            f"its trail secured it on {trail.at[:16].replace('T', ' ')} (¶3.42-3.45) but its record is no longer "
            "marked secured (un-secured from outside: a record made before securing could then be deleted)"
        )
    if secured_at != trail.at:
        return f"its secured time is {secured_at}; the trail secured it at {trail.at}"
    if not isinstance(document, dict) or doc_hash(document) != trail.sealed:
        return "its records as secured are not those its trail sealed when it was secured (edited from outside)"
    entries = listed if isinstance(listed, list) and all(isinstance(e, dict) for e in listed) else None
    recorded = [(e.get("by"), e.get("path"), e.get("value")) for e in entries] if entries is not None else None
    if recorded != [tuple(t) for t in trail.after]:
        return "what it lists as recorded after securing is not what its trail recorded after securing"
    return None
