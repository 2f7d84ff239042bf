"""Backups of a SQLite store, taken while it is in use, and a restore that checks first.

`backup` uses SQLite's online backup (a consistent copy even while another dutydesk writes),
owner-only, and checks the copy. `restore` checks the backup (integrity, schema, audit chain)
before touching anything, keeps the store it replaces aside, then copies the backup in with
the same online backup, so a dutydesk that has the store open sees one store or the other.
An encrypted store (SQLCipher) is copied the same way with its key: its backups are encrypted
with the same key, and a plain backup cannot be restored over it, nor the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from dutydesk.errors import BadInput, StoreError
from dutydesk.infra.progress import progress
from dutydesk.store import audit
from dutydesk.store.integrity import check_all
from dutydesk.store.migrate import known_revisions
from dutydesk.store.sqlite_file import connect, driver_errors, online_copy, stamp
from dutydesk.store.summary import HEAD


@dataclass(frozen=True)
class Checked:
    path: Path
    schema: str
    cases: int
    audit_rows: int
    head_hash: str


def check(path: Path, key: str | None = None) -> Checked:
    """Refuse (BadInput) a file that is not a sound dutydesk store, naming why."""
    if not path.is_file():
        raise BadInput(f"{path} is not a file")
    try:
        conn = connect(path, key, read_only=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except driver_errors("DatabaseError") as exc:
        raise BadInput(f"{path} is not a dutydesk store{_key_hint(key)} ({exc})") from None
    if result != ("ok",):
        raise BadInput(f"{path} fails SQLite's integrity check: {result[0] if result else 'no answer'}")

    if schema is None or schema[0] not in known_revisions():
        raise BadInput(f"{path} has schema {schema[0] if schema else 'none'}; this dutydesk knows up to {HEAD}")
    engine = create_engine("sqlite://", creator=lambda: connect(path, key, read_only=True), poolclass=NullPool)
    try:
        with engine.connect() as c:
            verdict = audit.verify(c)
            cases = c.execute(text("SELECT count(*) FROM cases")).scalar_one()
            # Since schema 0005 each document is sealed by its trail: a copy edited from outside is refused.
            findings = check_all(c) if verdict.ok and schema[0] >= "0005" else []
    finally:
        engine.dispose()
    if not verdict.ok:
        raise BadInput(f"{path}: the audit trail does not verify ({verdict.problem}); it was not used")
    if findings:
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        raise BadInput(f"{path}: {findings[0]}{more}; it was not used")
    return Checked(path, schema[0], cases, verdict.rows, verdict.head)


def _key_hint(key: str | None) -> str:
    return " encrypted with this key (DUTYDESK_DB_KEY)" if key else " (an encrypted one needs DUTYDESK_DB_KEY)"


def backup(store: Path, out: Path | None = None, key: str | None = None) -> Checked:
    if not store.is_file():
        raise BadInput(f"there is no store at {store} to back up")
    if out is not None and out.is_symlink():
        raise BadInput(f"{out} is a symbolic link; name a new file or a folder (a backup never writes through a link)")
    if out is None or out.is_dir():
        folder = out or store.parent / "backups"
        folder.mkdir(mode=0o700, exist_ok=True)
        out = folder / f"{store.stem}-{stamp()}.sqlite3"
        n = 2
        while out.exists():  # two backups in one second
            out = folder / f"{store.stem}-{stamp()}-{n}.sqlite3"
            n += 1
    elif out.exists():
        raise BadInput(f"{out} already exists; a backup never overwrites a file")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.touch(mode=0o600, exist_ok=False)
    try:
        online_copy(store, out, key)
        return check(out, key)
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def restore(store: Path, source: Path, key: str | None = None) -> tuple[Checked, Path | None]:
    """Replace the store with a checked backup; the store it replaces is kept aside."""
    checked = check(source, key)  # before anything is touched
    kept: Path | None = None
    if store.exists():
        kept = store.with_name(f"{store.name}.before-restore-{stamp()}.bak")
        kept.touch(mode=0o600, exist_ok=False)
        online_copy(store, kept, key)
    else:
        store.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        store.touch(mode=0o600)
    src = connect(source, key, read_only=True)
    dst = connect(store, key, timeout=30)

    try:
        pages = src.execute("PRAGMA page_count").fetchone()[0]
        with progress(f"Restoring from {source.name}", pages) as advance:
            src.backup(dst, pages=1024, progress=lambda _status, _left, _total: advance(1024))
    except driver_errors("OperationalError") as exc:
        raise StoreError(f"the store {store} is busy ({exc}); nothing was restored, try again") from None
    finally:
        dst.close()
        src.close()
    return checked, kept
