"""One open case in the app: edits applied as typed, saved at most half a second later, and
conflicts with another dutydesk on the same store resolved without a silent overwrite."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dutydesk.config.paths import user_data_dir
from dutydesk.domain.case import fieldpath
from dutydesk.domain.case.casefile import assign_ids, case_wide_lists, parse_case, to_document
from dutydesk.domain.case.codec import Problems
from dutydesk.domain.case.codec import encode as to_document_value
from dutydesk.domain.case.diff import diff
from dutydesk.domain.case.model import Case, Event
from dutydesk.domain.case.path_words import path_words
from dutydesk.domain.time.calendar import LONDON
from dutydesk.errors import Conflict, DutydeskError
from dutydesk.store.integrity import IntegrityProblem
from dutydesk.store.journal import Journal, new_journal, orphans
from dutydesk.store.repository import Loaded, Store


@dataclass
class SaveOutcome:
    saved: bool
    message: str | None = None
    clashes: list[tuple[str, Any]] = field(default_factory=list)  # (path, the value we lost)
    theirs: list[str] = field(default_factory=list)  # fields the other session changed


class CaseSession:
    def __init__(self, store: Store, reference: str, journal: bool = True) -> None:
        self.store = store
        self.loaded: Loaded = store.load(reference)
        # Whether the stored case still matches its audit trail (checked on every open).
        self.unverified: IntegrityProblem | None = store.integrity(reference)
        self.pending: dict[str, Any] = {}  # path -> value set since the last save
        self.base: dict[str, Any] = {}  # path -> its value before the first unsaved edit
        self.last_saved_at: datetime | None = None
        self.save_problem: str | None = None  # why the last save failed, until one succeeds
        self.journal_problem: str | None = None  # why the journal could not take an edit
        self.recovered = 0  # edits a dead desk's journal held that this desk replayed
        self.journal: Journal | None = None
        self._orphans: list[Journal] = []
        if journal:
            self._open_journal(reference)

    # -- the write-ahead journal (store/journal.py) --------------------------------------
    def _open_journal(self, reference: str) -> None:
        folder, key = journal_folder(self.store), self.store.location.key
        try:
            for orphan in orphans(folder, reference, key):
                records = orphan.records()
                if not records:
                    orphan.close(remove=True)
                    continue
                self._replay(records)
                self._orphans.append(orphan)
            self.journal = new_journal(folder, reference, key)
        except (OSError, DutydeskError, ValueError, Problems) as exc:
            self.journal_problem = f"the journal could not be opened: {exc}"

    def _replay(self, records: list[dict[str, Any]]) -> None:
        """A dead desk's edits, applied to the case as stored now: each field set again, items
        it added carried over; saved like any edit, through the merge if another desk saved."""
        before = self.case
        doc = to_document(before)
        paths: list[str] = []
        structural = False
        for record in records:
            if record.get("op") == "doc":
                snapshot = parse_case(record["document"])
                if record.get("v") == self.loaded.version:
                    doc = to_document(snapshot)
                else:  # the store moved on since: only what the dead desk added is carried
                    current = parse_case(doc)
                    _carry_additions(snapshot, current)
                    doc = to_document(current)
                structural = True
            elif record.get("op") == "set":
                put_in_document(doc, str(record["path"]), record.get("value"))
                paths.append(str(record["path"]))
        case = parse_case(doc)
        self.loaded = replace(self.loaded, case=case)
        for path in dict.fromkeys(paths):
            with contextlib.suppress(KeyError):
                self.pending[path] = fieldpath.get(case, path)
                self.base.setdefault(path, _get_or_none(before, path))
        self._structural = self._structural or structural
        self.recovered += len(records)

    def _journal(self, record: dict[str, Any]) -> None:
        if self.journal is None:
            return
        try:
            self.journal.append({"v": self.loaded.version, **record})
            self.journal_problem = None
        except (OSError, DutydeskError) as exc:
            self.journal_problem = str(exc)

    def sync_journal(self) -> None:
        if self.journal is not None:
            self.journal.sync()

    def close(self) -> None:
        """The case is closed: the journal goes once the store holds everything in it."""
        if self.journal is not None:
            self.journal.close(remove=self.journal.empty)
            self.journal = None

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
        self._journal({"op": "set", "path": key, "value": to_document_value(value)})

    def touched(self) -> None:
        """A change made directly on the case objects (an item added or removed). A new item
        gets its id now, before anything is typed into it, so its edits name it by identity."""
        assign_ids(self.case)
        self._structural = True
        self._journal({"op": "doc", "document": to_document(self.case)})

    def save(self, now: datetime) -> SaveOutcome:
        if not self.dirty:
            return SaveOutcome(False)
        try:
            self.loaded = self.store.save(self.case, self.loaded.version)
        except Conflict as conflict:
            return self._merge_after_conflict(conflict, now)
        except (DutydeskError, Problems) as exc:
            self.save_problem = str(exc)  # kept until a save succeeds: the status never says "saved"
            raise
        self.pending.clear()
        self.base.clear()
        self._structural = False
        self.last_saved_at = now
        self.save_problem = None
        # The store holds everything: this desk's journal, and any dead desk's it replayed, go.
        if self.journal is not None:
            with contextlib.suppress(OSError):
                self.journal.clear()
        for orphan in self._orphans:
            orphan.close(remove=True)
        self._orphans.clear()
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
        said = "; ".join(self._change_words(c) for c in conflict.changes[:3])
        message = f"Another dutydesk changed this case: {said}. Reloaded it."
        if added:
            message += f" Kept the {added} item(s) you added."
        if clashes:
            message += (
                " Both kept where you both changed the same field (yours is a conflict note in the Chronology): "
                + "; ".join(f"{path_words(self.case, p)} (yours: {v!r})" for p, v in clashes)
            )
            self._keep_ours(clashes, conflict, now)
        self._structural = bool(added or clashes)
        outcome = self.save(now) if self.dirty else SaveOutcome(False)
        # The other session may have saved again meanwhile: what that second conflict cost is
        # reported too, not just the first.
        if outcome.message:
            message += " Then: " + outcome.message
        if merged:
            message += " Both kept in " + ", ".join(path_words(self.case, p) for p in merged) + "."
        return SaveOutcome(
            outcome.saved, message, clashes + outcome.clashes, sorted(theirs | set(merged) | set(outcome.theirs))
        )

    def _change_words(self, change: str) -> str:
        """The trail's "people[p1].given_names by Bob Baker at 2026-12-05T08:39:52Z" as an
        officer reads it: "Ann Able — Given names by Bob Baker at 05/12/2026 08:39"."""
        found = re.fullmatch(r"(?P<path>.+?) by (?P<who>.+) at (?P<at>[0-9T:-]+)Z", change)
        if not found:
            return change
        try:
            at = datetime.fromisoformat(found["at"]).replace(tzinfo=UTC).astimezone(LONDON)
        except ValueError:
            return change
        return f"{path_words(self.case, found['path'])} by {found['who']} at {at:%d/%m/%Y %H:%M}"

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
                    text=f"{path_words(self.case, path)}: {who} changed this at the same time and their text is in the field; yours was: {shown}",
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


def journal_folder(store: Store) -> Path:
    """Beside the store: a SQLite file's journal on the same disk, in `<file>.edits/`; a
    shared store's in the data folder."""
    path = store.location.path
    # Not "<file>-journal": that name is SQLite's own rollback journal.
    return path.with_name(f"{path.name}.edits") if path else user_data_dir() / "edits"


def replay_journals(store: Store, now: datetime) -> list[str]:
    """On start: every case a closed desk left edits for in its journal (killed, crashed, the
    disk full at the time) is opened, replayed and saved; returns a line for each."""
    folder = journal_folder(store)
    if not folder.is_dir():
        return []
    done: list[str] = []
    for reference in sorted({p.name.split(".")[0] for p in folder.glob("*.journal")}):
        try:
            session = CaseSession(store, reference)
        except (DutydeskError, Problems, OSError):
            continue  # the case is gone or cannot be read: its journal stays for a person to see
        try:
            if session.recovered:
                session.save(now)
                done.append(f"{reference}: {session.recovered} edit(s) kept by the journal are saved")
        except (DutydeskError, Problems) as exc:
            done.append(f"{reference}: {session.recovered} edit(s) kept by the journal, not yet saved ({exc})")
        finally:
            session.close()
    return done


def put_in_document(doc: dict[str, Any], path: str, value: Any) -> None:
    """Set a field by its path in a case document (the journal's records are document values)."""
    node: Any = doc
    parts = path.split(".")
    for i, part in enumerate(parts):
        match = re.fullmatch(r"(\w+)(?:\[([^\]]+)\])?", part)
        if match is None:
            raise KeyError(path)
        name, key = match.groups()
        name = name.rstrip("_")
        last = i == len(parts) - 1
        if key is None:
            if last:
                node[name] = value
                return
            if not isinstance(node.get(name), dict):
                node[name] = {}
            node = node[name]
            continue
        items = node.setdefault(name, [])
        index = next((n for n, item in enumerate(items) if isinstance(item, dict) and item.get("id") == key), None)
        if index is None and key.isdigit() and int(key) < len(items):
            index = int(key)
        if index is None:
            raise KeyError(path)
        if last:
            items[index] = value
            return
        node = items[index]


def _get_or_none(case: Case, path: str) -> Any:
    try:
        return copy.deepcopy(fieldpath.get(case, path))
    except KeyError:
        return None


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
