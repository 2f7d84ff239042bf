"""Recovery files: the case as it was on screen when the store refused the last save (disk full,
read-only). On the next start the officer is shown what each holds and can put it back into the
case — merged, never overwriting — or set it aside.

Putting back: items the file has that the store lacks are added (by id); a field empty in the
store takes the file's text; a field the store holds a different value for keeps the store's,
and the file's text is kept beside it as a conflict note in the chronology. Nothing is lost.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dutydesk.config.paths import user_data_dir
from dutydesk.domain.case.casefile import parse_case, to_document
from dutydesk.domain.case.codec import Problems, encode
from dutydesk.domain.case.diff import diff
from dutydesk.domain.case.model import Event
from dutydesk.domain.case.path_words import path_words
from dutydesk.domain.time.dates import uk_instant
from dutydesk.errors import DutydeskError, NotFound
from dutydesk.infra import json_gate
from dutydesk.services.session import _carry_additions
from dutydesk.store.repository import Store

SET_ASIDE = "set-aside"


def folder() -> Path:
    return user_data_dir() / "recovery"


@dataclass(frozen=True)
class Recovery:
    path: Path
    reference: str
    written: datetime
    changes: tuple[str, ...]  # the fields where it differs from the store, in words

    def describe(self) -> str:
        when = uk_instant(self.written)
        listed = ", ".join(self.changes[:4]) + (f" and {len(self.changes) - 4} more" if len(self.changes) > 4 else "")
        if not self.changes:
            return f"{self.reference} (written {when}): the store already holds everything in it"
        return f"{self.reference} (written {when}): {len(self.changes)} unsaved change(s): {listed}"


def _read(path: Path) -> dict[str, Any]:

    data = json_gate.read(path, "a recovery file")
    if not isinstance(data, dict):
        raise DutydeskError(f"{path.name} is not a case file")
    return data


def pending(store: Store) -> list[Recovery]:
    """Recovery files for cases in this store, oldest first."""
    found = []
    for path in sorted(folder().glob("*.json")) if folder().is_dir() else []:
        try:
            recovered = parse_case(_read(path))
            stored = store.load(recovered.case.reference).case
        except (OSError, ValueError, Problems, DutydeskError, NotFound):
            continue
        changes = tuple(
            dict.fromkeys(path_words(recovered, c.path) for c in diff(to_document(stored), to_document(recovered)))
        )
        written = datetime.fromtimestamp(path.stat().st_mtime)
        found.append(Recovery(path, recovered.case.reference, written, changes))
    return found


def set_aside(recovery: Recovery) -> Path:
    """Kept, out of the way: nothing the officer typed is ever deleted by dutydesk."""
    target = folder() / SET_ASIDE
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    return Path(shutil.move(str(recovery.path), target / recovery.path.name))


def put_back(store: Store, recovery: Recovery, now: datetime) -> str:
    """Merge the file into the stored case (see the module's docstring); the file is then set
    aside. Returns what was done, in words."""

    recovered = parse_case(_read(recovery.path))
    loaded = store.load(recovery.reference)
    case = loaded.case
    added = _carry_additions(recovered, case)
    doc, theirs = to_document(case), to_document(recovered)
    filled, kept = 0, 0
    for change in diff(doc, theirs):
        if change.new is None:
            continue  # the file lacks what the store has: the store's stands
        if change.old in (None, "", []):
            _put(doc, change.path, change.new)
            filled += 1
        else:
            kept += 1
            text = change.new if isinstance(change.new, str) else json.dumps(change.new, ensure_ascii=False)
            note = f"{path_words(recovered, change.path)}: recovered text not put back over the value saved since; it was: {text}"
            doc.setdefault("events", []).append(
                encode(Event(at=now, by=store.officer.name, kind="conflict", text=note))
            )
    merged = parse_case(doc)
    store.save(merged, loaded.version)
    set_aside(recovery)
    return f"Put back into {recovery.reference}: {added} item(s) added, {filled} field(s) filled" + (
        f", {kept} kept as conflict notes in the Chronology (the store had a newer value)" if kept else ""
    )


def _put(doc: dict[str, Any], path: str, value: Any) -> None:
    """Set a leaf of a case document by its diff path (`events[e1].text`, `risk.analysis`)."""
    node: Any = doc
    parts = path.split(".")
    for i, part in enumerate(parts):
        match = re.fullmatch(r"(\w+)(?:\[([^\]]+)\])?", part)
        if not match:
            return
        name, key = match.groups()
        last = i == len(parts) - 1
        if key is None:
            if last:
                node[name] = value
                return
            node = node.setdefault(name, {})
            continue
        items = node.setdefault(name, [])
        if last and key.isdigit():
            while len(items) <= int(key):
                items.append(None)
            items[int(key)] = value
            return
        item = next((x for x in items if isinstance(x, dict) and x.get("id") == key), None)
        if item is None and key.isdigit() and int(key) < len(items):
            item = items[int(key)]
        if item is None:
            return
        node = item
