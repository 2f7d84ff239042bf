"""The columns kept beside a case document (status, first hearing, received, children), worked out from
the document alone — the same function on every save and in `audit verify`, so a column edited
behind dutydesk's back is found by comparing it with what its document says."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def _utc(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return None
    return instant.astimezone(UTC).isoformat() if instant.tzinfo else None


def derived_columns(doc: dict[str, Any]) -> dict[str, Any]:
    found = doc.get("case")
    info: dict[str, Any] = found if isinstance(found, dict) else {}
    children = [p for p in doc.get("people") or [] if isinstance(p, dict) and p.get("role") == "child"]
    return {
        "status": info.get("status") or "open",
        "first_hearing_utc": _utc(info.get("first_hearing_at")),
        "received_utc": _utc(info.get("received_at")),
        "children": ",".join(
            f"{(str(c.get('given_names') or '').split() or ['?'])[0]}:{c.get('date_of_birth') or ''}" for c in children
        ),
    }
