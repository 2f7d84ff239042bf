"""Backups of a SQLite store, taken while it is in use, and a restore that checks first.

`backup` uses SQLite's online backup (a consistent copy even while another dutydesk writes),
owner-only, and checks the copy. `restore` checks the backup (integrity, schema, audit chain)
before touching anything, keeps the store it replaces aside, then copies the backup in with
the same online backup, so a dutydesk that has the store open sees one store or the other.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from dutydesk.errors import BadInput, StoreError
from dutydesk.store import audit
from dutydesk.store.summary import HEAD


@dataclass(frozen=True)
class Checked:
    path: Path
    schema: str
    cases: int
    audit_rows: int
    head_hash: str


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def online_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: consistent even while `source` is being written. The copy is
    one self-contained file (no write-ahead log beside it)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def check(path: Path) -> Checked:
    """Refuse (BadInput) a file that is not a sound dutydesk store, naming why."""
    if not path.is_file():
        raise BadInput(f"{path} is not a file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"{path} is not a dutydesk store ({exc})") from None
    if result != ("ok",):
        raise BadInput(f"{path} fails SQLite's integrity check: {result[0] if result else 'no answer'}")
    from dutydesk.store.migrate import known_revisions  # Alembic: only when restoring

    if schema is None or schema[0] not in known_revisions():
        raise BadInput(f"{path} has schema {schema[0] if schema else 'none'}; this dutydesk knows up to {HEAD}")
    engine = create_engine(f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true")
    try:
        with engine.connect() as c:
            verdict = audit.verify(c)
            cases = c.execute(text("SELECT count(*) FROM cases")).scalar_one()
    finally:
        engine.dispose()
    if not verdict.ok:
        raise BadInput(f"{path}: the audit trail does not verify ({verdict.problem}); it was not used")
    return Checked(path, schema[0], cases, verdict.rows, verdict.head)


def backup(store: Path, out: Path | None = None) -> Checked:
    if not store.is_file():
        raise BadInput(f"there is no store at {store} to back up")
    if out is None or out.is_dir():
        folder = out or store.parent / "backups"
        folder.mkdir(mode=0o700, exist_ok=True)
        out = folder / f"{store.stem}-{_stamp()}.sqlite3"
        n = 2
        while out.exists():  # two backups in one second
            out = folder / f"{store.stem}-{_stamp()}-{n}.sqlite3"
            n += 1
    elif out.exists():
        raise BadInput(f"{out} already exists; a backup never overwrites a file")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.touch(mode=0o600, exist_ok=False)
    try:
        online_copy(store, out)
        return check(out)
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def restore(store: Path, source: Path) -> tuple[Checked, Path | None]:
    """Replace the store with a checked backup; the store it replaces is kept aside."""
    checked = check(source)  # before anything is touched
    kept: Path | None = None
    if store.exists():
        kept = store.with_name(f"{store.name}.before-restore-{_stamp()}.bak")
        kept.touch(mode=0o600, exist_ok=False)
        online_copy(store, kept)
    else:
        store.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        store.touch(mode=0o600)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(store, timeout=30)
    try:
        src.backup(dst)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"the store {store} is busy ({exc}); nothing was restored, try again") from None
    finally:
        dst.close()
        src.close()
    return checked, kept
