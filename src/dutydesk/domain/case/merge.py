"""Three-way merge of two case documents over the version they last agreed on (issue 33: a
laptop's case and the office's, over the last sync).

The unit is the item and the field, as between two desks on one store (services/session.py):
- what only one side changed is taken from that side;
- items in lists that carry ids (people, notes, allegations, …) are paired by id, never by
  position or by value — each side's new items are kept, in the office's order then the laptop's;
  an item one side removed goes only if the other side left it as it was;
- lists of plain values (ticks, previous names) keep each side's additions and removals;
- the same field changed differently on both sides is a clash: the office's value stays in the
  field and the laptop's is handed back, to be kept as a conflict note where the officer sees it.
Nothing either side typed is dropped without being handed back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MISSING: Any = object()


@dataclass(frozen=True)
class Clash:
    path: str  # as the trail names it: "people[p1].given_names"
    office: Any
    laptop: Any


def merge3(base: Any, laptop: Any, office: Any) -> tuple[Any, list[Clash]]:
    """The merged document and the clashes (the office's value is in the document)."""
    clashes: list[Clash] = []
    merged = _merge(base, laptop, office, "", clashes)
    return merged, clashes


def _keyed(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)


def _plain(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str | int | float | bool) for v in value)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _merge(base: Any, laptop: Any, office: Any, path: str, clashes: list[Clash]) -> Any:
    if laptop == office:
        return office
    if laptop == base:
        return office
    if office == base:
        return laptop
    if isinstance(laptop, dict) and isinstance(office, dict):
        return _merge_dicts(base if isinstance(base, dict) else {}, laptop, office, path, clashes)
    if _keyed(laptop) and _keyed(office) and (base is MISSING or base is None or _keyed(base)):
        return _merge_items(base if isinstance(base, list) else [], laptop, office, path, clashes)
    if _plain(laptop) and _plain(office) and (base is MISSING or base is None or _plain(base)):
        return _merge_choices(base if isinstance(base, list) else [], laptop, office)
    if office is MISSING:  # removed at the office, changed on the laptop: the laptop's text is kept
        return laptop
    if laptop is MISSING:  # removed on the laptop, changed at the office: the office's stands
        return office
    clashes.append(Clash(path, office, laptop))
    return office


def _merge_dicts(
    base: dict[str, Any], laptop: dict[str, Any], office: dict[str, Any], path: str, clashes: list[Clash]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in [*office, *(k for k in laptop if k not in office)]:
        value = _merge(
            base.get(key, MISSING), laptop.get(key, MISSING), office.get(key, MISSING), _join(path, key), clashes
        )
        if value is not MISSING:
            out[key] = value
    return out


def _merge_items(base: list[Any], laptop: list[Any], office: list[Any], path: str, clashes: list[Clash]) -> list[Any]:
    before = {item["id"]: item for item in base}
    mine = {item["id"]: item for item in laptop}
    theirs = {item["id"]: item for item in office}
    out: list[Any] = []
    for item in office:
        key = item["id"]
        if key in mine:
            out.append(_merge(before.get(key, MISSING), mine[key], item, f"{path}[{key}]", clashes))
        elif key not in before or item != before[key]:
            out.append(item)  # new at the office, or changed there after the laptop removed it
    for item in laptop:
        key = item["id"]
        if key in theirs:
            continue
        if key not in before or item != before[key]:
            out.append(item)  # new on the laptop, or changed there after the office removed it
    return out


def _merge_choices(base: list[Any], laptop: list[Any], office: list[Any]) -> list[Any]:
    removed = [v for v in base if v not in laptop]
    added = [v for v in laptop if v not in base]
    kept = [v for v in office if v not in removed]
    return kept + [v for v in added if v not in kept]
