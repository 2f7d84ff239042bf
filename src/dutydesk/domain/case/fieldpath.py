"""Addressing one field of a case by path: `people[p1].given_names`, `forms.c1.harm_indicated`,
`events[3].text`. List items are found by `id` where they have one, else by position."""

from __future__ import annotations

import re
from typing import Any

from dutydesk.domain.case.model import Case

_SEGMENT = re.compile(r"^(\w+)(?:\[([^\]]+)\])?$")


def _step(obj: Any, segment: str) -> Any:
    match = _SEGMENT.match(segment)
    if not match:
        raise KeyError(f"bad path segment {segment!r}")
    name, key = match.groups()
    attr = name if hasattr(obj, name) else f"{name}_"
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, attr)
    if key is None:
        return value
    if not isinstance(value, list):
        raise KeyError(f"{name} is not a list")
    for item in value:
        if getattr(item, "id", None) == key:
            return item
    if key.isdigit() and int(key) < len(value):
        return value[int(key)]
    raise KeyError(f"no item {key!r} in {name}")


def get(case: Case, path: str) -> Any:
    obj: Any = case
    for segment in path.split("."):
        obj = _step(obj, segment)
    return obj


def put(case: Case, path: str, value: Any) -> None:
    head, _, last = path.rpartition(".")
    obj: Any = get(case, head) if head else case
    if isinstance(obj, dict):
        obj[last] = value
        return
    attr = last if hasattr(obj, last) else f"{last}_"
    if not hasattr(obj, attr):
        raise KeyError(f"no field {last!r} at {head or 'the case'}")
    setattr(obj, attr, value)


def canonical(case: Case, path: str) -> str:
    """The same path with every list item named by its id (`events[3].text` → `events[e4].text`),
    the form the audit trail and the merge use: two officers' edits meet by identity."""
    obj: Any = case
    out = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        item = _step(obj, segment)
        if match and match.group(2) is not None:
            ident = getattr(item, "id", None)
            out.append(f"{match.group(1)}[{ident}]" if ident else segment)
        else:
            out.append(segment)
        obj = item
    return ".".join(out)
