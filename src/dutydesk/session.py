"""One open case in the app: edits applied as typed, saved at most half a second later, and
conflicts with another dutydesk on the same store resolved without a silent overwrite."""

from __future__ import annotations

import copy
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dutydesk.domain import fieldpath
from dutydesk.domain.casefile import assign_ids, case_wide_lists, to_document
from dutydesk.domain.codec import encode as to_document_value
from dutydesk.domain.diff import diff
from dutydesk.domain.model import Case, Event
from dutydesk.errors import Conflict
from dutydesk.paths import user_data_dir
from dutydesk.store.integrity import Finding
from dutydesk.store.repository import Loaded, Store


@dataclass
class SaveOutcome:
    saved: bool
    message: str | None = None
    clashes: list[tuple[str, Any]] = field(default_factory=list)  # (path, the value we lost)
    theirs: list[str] = field(default_factory=list)  # fields the other session changed


class CaseSession:
    def __init__(self, store: Store, reference: str) -> None:
        self.store = store
        self.loaded: Loaded = store.load(reference)
        # Whether the stored case still matches its audit trail (checked on every open).
        self.unverified: Finding | None = store.integrity(reference)
        self.pending: dict[str, Any] = {}  # path -> value set since the last save
        self.base: dict[str, Any] = {}  # path -> its value before the first unsaved edit
        self.last_saved_at: datetime | None = None

    @property
    def case(self) -> Case:
        return self.loaded.case

    @property
    def dirty(self) -> bool:
        return bool(self.pending) or self._structural

    _structural = False

    def set(self, path: str, value: Any) -> None:
        try:
            before = copy.deepcopy(fieldpath.get(self.case, path))
        except KeyError:
            before = None
        fieldpath.put(self.case, path, value)
        try:
            key = fieldpath.canonical(self.case, path)
        except KeyError:
            key = path
        if key not in self.pending:
            self.base[key] = before
        self.pending[key] = value

    def touched(self) -> None:
        """A change made directly on the case objects (an item added or removed). A new item
        gets its id now, before anything is typed into it, so its edits name it by identity."""
        assign_ids(self.case)
        self._structural = True

    def save(self, now: datetime) -> SaveOutcome:
        if not self.dirty:
            return SaveOutcome(False)
        try:
            self.loaded = self.store.save(self.case, self.loaded.version)
        except Conflict as conflict:
            return self._merge_after_conflict(conflict, now)
        self.pending.clear()
        self.base.clear()
        self._structural = False
        self.last_saved_at = now
        return SaveOutcome(True)

    def follow(self) -> list[str]:
        """When another dutydesk has saved this case and nothing here is unsaved, take its
        version; returns the fields it changed (canonical paths), or nothing."""
        if self.dirty:
            return []
        version = self.store.current_version(self.case.case.reference)
        if version is None or version == self.loaded.version:
            return []
        before = to_document(self.case)
        self.loaded = self.store.load(self.case.case.reference)
        return [c.path for c in diff(before, to_document(self.case))]

    def _merge_after_conflict(self, conflict: Conflict, now: datetime) -> SaveOutcome:
        """Reload the other officer's version and re-apply our field changes on top, except
        where both changed the same field: there theirs stands and ours is reported."""
        mine, base, structural, ours = dict(self.pending), dict(self.base), self._structural, self.case
        theirs = set(conflict.paths)
        self.loaded = self.store.load(self.case.case.reference)
        added = _carry_additions(ours, self.case) if structural else 0
        clashes: list[tuple[str, Any]] = []
        merged: list[str] = []
        self.pending.clear()
        self.base.clear()
        self._structural = False
        for path, value in mine.items():
            try:
                if not _touched(path, theirs):
                    self.set(path, value)
                elif _choices(value) and _choices(base.get(path)):
                    # A list of plain values (ticks, previous names): both sides' additions and
                    # removals kept, element by element — never one officer's list over the other's.
                    now_theirs = fieldpath.get(self.case, path)
                    self.set(path, merge_choices(base[path], value, list(now_theirs or [])))
                    merged.append(path)
                else:
                    clashes.append((path, value))
            except KeyError:
                clashes.append((path, value))
        message = f"Another dutydesk changed this case: {'; '.join(conflict.changes[:3])}. Reloaded it."
        if added:
            message += f" Kept the {added} item(s) you added."
        if clashes:
            message += (
                " Both kept where you both changed the same field (yours is a conflict note in the Chronology): "
                + "; ".join(f"{p} (yours: {v!r})" for p, v in clashes)
            )
            self._keep_ours(clashes, conflict, now)
        self._structural = bool(added or clashes)
        outcome = self.save(now) if self.dirty else SaveOutcome(False)
        # The other session may have saved again meanwhile: what that second conflict cost is
        # reported too, not just the first.
        if outcome.message:
            message += " Then: " + outcome.message
        if merged:
            message += " Both kept in " + ", ".join(merged) + "."
        return SaveOutcome(
            outcome.saved, message, clashes + outcome.clashes, sorted(theirs | set(merged) | set(outcome.theirs))
        )

    def _keep_ours(self, clashes: list[tuple[str, Any]], conflict: Conflict, now: datetime) -> None:
        """Theirs stands in the field; ours is kept beside it as a conflict note in the
        chronology, where the officer sees it and can put it back — never only in a toast."""
        who = (
            ", ".join(sorted({c.split(" by ", 1)[1].split(" at ")[0] for c in conflict.changes if " by " in c}))
            or "another officer"
        )
        for path, value in clashes:
            shown = value if isinstance(value, str) else json.dumps(to_document_value(value), ensure_ascii=False)
            self.case.events.append(
                Event(
                    at=now,
                    by=self.store.officer.name,
                    kind="conflict",
                    text=f"{path}: {who} changed this at the same time and their text is in the field; yours was: {shown}",
                )
            )

    def write_recovery_file(self) -> Path:
        """When the store refuses a last save (disk full, read-only), the case as on screen is
        written beside the store's folder, owner-only, so nothing typed is lost."""
        folder = user_data_dir() / "recovery"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = folder / f"{self.case.case.reference}-{stamp}.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(to_document(self.case), fh, ensure_ascii=False, indent=2)
        print(f"dutydesk: the store did not take the last changes; they are kept in {path}", file=sys.stderr)
        return path


def _touched(path: str, theirs: set[str]) -> bool:
    """Whether the other session changed this field: the field itself, or an element or part of
    it (the trail names "case.applications[1]" where the desk set "case.applications")."""
    return any(t == path or t.startswith((path + "[", path + ".")) for t in theirs)


def _choices(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str | int | float | bool) for v in value)


def merge_choices(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Three-way merge of a list of plain values: theirs, less what we removed, plus what we
    added (in our order). Each side's additions and removals survive."""
    removed = [v for v in base if v not in ours]
    added = [v for v in ours if v not in base]
    kept = [v for v in theirs if v not in removed]
    return kept + [v for v in added if v not in kept]


def _id_lists(case: Case) -> list[tuple[str, list[Any]]]:
    """Every list whose items carry ids, named so ours and theirs pair up."""
    lists: list[tuple[str, list[Any]]] = [
        *case_wide_lists(case),
        ("events", case.events),
        ("court_directions", case.case.court_directions),
        ("c1a.allegations", case.forms.c1a.allegations),
        ("c1a.protective_orders", case.forms.c1a.protective_orders),
        ("respondent_c1a.allegations", case.forms.respondent_c1a.allegations),
        ("respondent_c1a.protective_orders", case.forms.respondent_c1a.protective_orders),
        ("risk.factors", case.risk.factors),
    ]
    return lists


def _carry_additions(ours: Case, theirs: Case) -> int:
    """Items we added that their version lacks, appended to theirs, matched by id (never by
    position or by value: two officers' notes are two notes); returns how many."""
    assign_ids(ours)
    count = 0
    other = dict(_id_lists(theirs))
    for name, mine in _id_lists(ours):
        known = {item.id for item in other[name]}
        for item in mine:
            if item.id not in known:
                other[name].append(item)
                count += 1
    return count
