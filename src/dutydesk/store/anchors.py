"""Anchors: the audit chain's head (row count and hash) written down outside the store.

A chain protects its own rows, but someone who can edit the file can also empty the trail or
alter an old row and recompute every hash after it. An anchor taken earlier — kept in the data
folder (anchors.jsonl, owner-only, one line per backup, export and drafted document) and in the
export file itself — still names the hash row N had then: if row N is gone or differs now, the
trail was rewritten. `audit verify` checks every anchor; opening a store checks the latest.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import Connection, text

from dutydesk.config.paths import user_data_dir
from dutydesk.errors import BadInput
from dutydesk.infra import json_gate
from dutydesk.store.audit import utc_now

KEYED_AFTER = "audit key in use after row"  # every later row must be sealed with the key
RESTORED = "restored from"  # starts the list afresh (a restore rewinds) — where the trail holds the restore
WITNESS = "witness:"  # the head after a save or a new case: the store must never be found behind it
ANCHOR_TEXT = re.compile(r"^(\d{1,12}):([0-9a-f]{64})$")


@dataclass(frozen=True)
class Anchor:
    rows: int
    hash: str
    at: str = ""
    why: str = ""
    store: str = ""

    def short(self) -> str:
        return f"{self.rows}:{self.hash}"

    def as_json(self) -> dict[str, object]:
        return {"rows": self.rows, "hash": self.hash, "at": self.at}


def head(conn: Connection) -> Anchor:
    row = conn.execute(text("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")).first()
    return Anchor(row[0], row[1], utc_now()) if row else Anchor(0, "0" * 64, utc_now())


def anchors_file() -> Path:
    return user_data_dir() / "anchors.jsonl"


def record(store: str, anchor: Anchor, why: str) -> Anchor:
    """Append the anchor to the data folder's list (owner-only); returns it as recorded."""
    kept = Anchor(anchor.rows, anchor.hash, anchor.at or utc_now(), why, store)
    path = anchors_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(kept), ensure_ascii=False) + "\n")
    return kept


Genuine = Callable[[Anchor], bool]


def _any(anchor: Anchor) -> bool:
    return True


def known(store: str, genuine: Genuine = _any) -> list[Anchor]:
    """The anchors recorded for this store since its last restore, oldest first (a damaged line
    is skipped, not fatal). A restore line starts the list afresh only where `genuine` finds the
    restore in the trail itself: a line forged into the log is one more anchor, not a rewind."""
    found: list[Anchor] = []
    for anchor in _all(store):
        found = [anchor] if anchor.why.startswith(RESTORED) and genuine(anchor) else [*found, anchor]
    return found


def latest(store: str) -> Anchor | None:
    """The last anchor recorded for this store, read from the end of the log: with a witness on
    every save the log grows all day, and opening a store must not read it whole."""
    path = anchors_file()
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            end = fh.tell()
            block = 65536
            while True:
                start = max(0, end - block)
                fh.seek(start)
                chunk = fh.read(end - start)
                lines = chunk.decode("utf-8", errors="replace").splitlines()
                if start > 0:
                    lines = lines[1:]  # the first may be cut
                for line in reversed(lines):
                    anchor = _parse_line(line)
                    if anchor is not None and anchor.store == store:
                        return anchor
                if start == 0:
                    return None
                block *= 4
    except OSError:
        return None


def _parse_line(line: str) -> Anchor | None:
    try:
        item = json.loads(line)
        return Anchor(
            int(item["rows"]),
            str(item["hash"]),
            str(item.get("at", "")),
            str(item.get("why", "")),
            str(item.get("store", "")),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _all(store: str) -> list[Anchor]:
    """Every anchor recorded for this store, oldest first, restores included."""
    path = anchors_file()
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [a for a in map(_parse_line, lines) if a is not None and a.store == store]


def discarded_by_restores(store: str, genuine: Genuine = _any) -> list[str]:
    """Each restore of an older copy, and what it discarded: the log keeps its history, so a
    restore is a recorded act, never a silent rewind (issue 30)."""
    out: list[str] = []
    highest: Anchor | None = None
    for anchor in _all(store):
        if anchor.why.startswith(RESTORED) and genuine(anchor):
            to = anchor.rows - 1  # the restore's own row follows the copy's last
            if highest is not None and highest.rows > to:
                out.append(
                    f"{anchor.why} at {anchor.at[:19].replace('T', ' ')} UTC: restored to row {to}; rows "
                    f"{to + 1}-{highest.rows} (witnessed at {highest.at[:19].replace('T', ' ')} UTC) were "
                    f"discarded by that restore (row {anchor.rows} of the trail records it)"
                )
            highest = anchor
        elif highest is None or anchor.rows >= highest.rows:
            highest = anchor
    return out


def parse(given: str) -> Anchor:
    """ROWS:HASH, or a file holding one (an export's "audit_anchor")."""
    match = ANCHOR_TEXT.match(given.strip())
    if match:
        return Anchor(int(match.group(1)), match.group(2), why="given on the command line")
    path = Path(given)
    if path.is_file():
        data = json_gate.read(path, "an export with an audit anchor")
        item = data.get("audit_anchor") if isinstance(data, dict) else None
        if isinstance(item, dict) and isinstance(item.get("rows"), int) and isinstance(item.get("hash"), str):
            return Anchor(item["rows"], item["hash"], str(item.get("at", "")), f"from {path.name}")
        raise BadInput(f"{path} holds no audit anchor (an export made by dutydesk has one)")
    raise BadInput(f"{given!r} is not an anchor: give ROWS:HASH (as `audit verify` prints) or an export file")


def broken(conn: Connection, anchor: Anchor) -> str | None:
    """Why the trail no longer matches the anchor, or None when it does."""
    if anchor.rows == 0:
        return None
    row = conn.execute(text("SELECT hash FROM audit WHERE seq = :n"), {"n": anchor.rows}).first()
    when = f" ({anchor.why}, {anchor.at[:19].replace('T', ' ')} UTC)" if anchor.why or anchor.at else ""
    if row is None:
        now = conn.execute(text("SELECT COALESCE(MAX(seq), 0) FROM audit")).scalar_one()
        gone = anchor.rows - int(now)
        seen = f"witnessed {anchor.at[:19].replace('T', ' ')} UTC" if anchor.at else "witnessed"
        what = anchor.why.removeprefix(WITNESS).strip()
        return (
            f"the store is behind its witness: {gone} row{'s' if gone != 1 else ''} removed or rolled back after "
            f"row {now} (the trail had {anchor.rows} rows, {seen}{': ' + what if what else ''})"
        )
    if row[0] != anchor.hash:
        return f"row {anchor.rows} is not the row anchored{when}: the trail up to it was rewritten"
    return None
