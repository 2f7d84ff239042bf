"""Opening the store: where it is, SQLite's safety settings, owner-only files, clear errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from dutydesk.errors import StoreError, WrongKey
from dutydesk.store.location import Location, default_db_path, resolve

__all__ = ["Location", "default_db_path", "resolve"]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def prepare_sqlite_file(path: Path, encrypted: bool = False) -> bool:
    """Create the folder (0700) and file (0600) if new; refuse a file that is not SQLite.
    Returns whether the file is writable."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except OSError as exc:
            raise StoreError(f"cannot create the store {path}: {exc.strerror}") from None
        return True
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror}") from None
    if encrypted and header == SQLITE_HEADER:
        raise WrongKey(f"{path} is not encrypted; unset DUTYDESK_DB_KEY to open it")
    if header and header != SQLITE_HEADER and not encrypted:
        # An encrypted store reads as random bytes from its first: it is that, or not a store.
        raise WrongKey(
            f"{path} is encrypted or is not a dutydesk store: set DUTYDESK_DB_KEY to its key to open it;"
            " it was left untouched"
        )
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _quiet_sqlcipher() -> None:
    """SQLCipher writes its own lines to stderr on a wrong key ("hmac check failed for pgno=1", three
    of them); the officer gets one sentence instead (explain_db_error). The log level is the
    library's, for the whole process: set once, on a throwaway connection."""
    try:
        import sqlcipher3  # noqa: PLC0415  (an optional extra: encrypted stores)
    except ImportError:
        return  # the engine says what to install
    quiet = sqlcipher3.connect(":memory:")
    try:
        quiet.execute("PRAGMA cipher_log_level = NONE")
    finally:
        quiet.close()


def _sqlite_engine(loc: Location) -> Engine:
    assert loc.path is not None
    if loc.encrypted:
        _quiet_sqlcipher()
    url = f"sqlite:///file:{loc.path}?mode=ro&uri=true" if loc.read_only and not loc.encrypted else loc.url
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    except ImportError:
        raise StoreError("an encrypted store needs the SQLCipher driver: pip install 'dutydesk[encryption]'") from None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi: sqlite3.Connection, _record: Any) -> None:
        dbapi.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if not loc.read_only:
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front, so two processes never deadlock half-way.
        immediate = conn.get_execution_options().get("dutydesk_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


SYNC_IDLE_LIMIT_S = 60


def make_engine(loc: Location) -> Engine:
    if loc.path is not None:
        return _sqlite_engine(loc)
    # An office store that does not answer: refused after 10 s rather than after the system's
    # TCP timeout (minutes), so a laptop in a court building learns it is offline quickly.
    args: dict[str, object] = {"connect_timeout": 10} if loc.url.startswith("postgresql") else {}
    if args and loc.session_name:
        # A sync's session: named, and ended by the server if it sits inside a transaction with
        # nothing said for a minute (a laptop whose network went quiet mid-sync would otherwise
        # hold the office's locks, and every desk waiting on them, for hours).
        args["application_name"] = loc.session_name
        args["options"] = f"-c idle_in_transaction_session_timeout={SYNC_IDLE_LIMIT_S * 1000}"
    try:
        return create_engine(loc.url, pool_pre_ping=True, connect_args=args)
    except Exception as exc:  # a bad URL or a missing driver
        raise StoreError(f"cannot use the store URL {loc.describe()}: {exc}") from None


def explain_db_error(exc: BaseException, loc: Location) -> StoreError:
    """Turn a driver error into one sentence an officer can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    where = loc.describe()
    if "locked" in text or "busy" in text:
        return StoreError(f"the store {where} is locked by another program; nothing was changed, try again")
    if "readonly" in text or "read-only" in text or "read only" in text:
        return StoreError(f"the store {where} is read-only; nothing was changed")
    if loc.encrypted and "not a database" in text:
        return WrongKey(f"the store {where} cannot be opened with this key (DUTYDESK_DB_KEY); nothing was changed")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"the store {where} is damaged or not a dutydesk store; it was left untouched")
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(f"the disk holding {where} is full; nothing was changed")
    if "unable to open" in text:
        return StoreError(f"cannot open the store {where}")
    if any(word in text for word in ("connection", "could not connect", "resolve host", "timeout expired")):
        return StoreError(f"cannot reach the store {where}: {str(getattr(exc, 'orig', exc)).splitlines()[0]}")
    return StoreError(f"the store {where} failed: {str(getattr(exc, 'orig', exc)).splitlines()[0]}")


@contextmanager
def db_errors(loc: Location) -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        raise explain_db_error(exc, loc) from None
