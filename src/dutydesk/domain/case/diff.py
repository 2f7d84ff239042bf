"""Field-level differences between two case documents, for the audit trail and conflicts.

List items with an `id` are keyed by it (`people[p1].given_names`), so inserting a person
does not make every later person look changed; other lists are keyed by position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MISSING = object()


@dataclass(frozen=True)
class Change:
    path: str
    old: Any
    new: Any

    @property
    def entity(self) -> str:
        return self.path.rsplit(".", 1)[0] if "." in self.path else "$"

    @property
    def field(self) -> str:
        return self.path.rsplit(".", 1)[-1]


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaves of a JSON document by path. Empty containers are leaves too."""
    out: dict[str, Any] = {}
    if isinstance(value, dict) and value:
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list) and value:
        keyed = all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)
        for i, item in enumerate(value):
            label = item["id"] if keyed else str(i)
            out.update(flatten(item, f"{prefix}[{label}]"))
    else:
        out[prefix] = value
    return out


def diff(old: Any, new: Any) -> list[Change]:
    before, after = flatten(old), flatten(new)
    changes = []
    for path in list(before) + [p for p in after if p not in before]:
        a, b = before.get(path, MISSING), after.get(path, MISSING)
        # An empty list or object that gained (or lost all) members: the members are the change.
        if (a is MISSING and b in ([], {})) or (b is MISSING and a in ([], {})):
            continue
        if a != b:
            changes.append(Change(path, None if a is MISSING else a, None if b is MISSING else b))
    return changes
