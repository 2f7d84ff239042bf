"""Addressing one field of a case by path: `people[p1].given_names`, `forms.c1.harm_indicated`,
`events[3].text`. List items are found by `id` where they have one, else by position."""

from __future__ import annotations

import re
from typing import Any

from dutydesk.domain.model import Case

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
