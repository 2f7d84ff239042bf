"""A SQLite store file as a file: opened with the standard driver or SQLCipher, copied online,
named by when a copy was taken. Used by backups and by the copy taken before a migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dutydesk.errors import StoreError
from dutydesk.infra.progress import progress


def stamp() -> str:
    """When a copy was taken, for its name (UTC)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def connect(path: Path, key: str | None = None, read_only: bool = False, timeout: float = 5.0) -> Any:
    """A DB-API connection to a store file: the standard sqlite3, or SQLCipher given its key."""
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")  # ? and # in names escaped
    if key is None:
        return sqlite3.connect(uri, uri=True, timeout=timeout)
    try:
        import sqlcipher3  # noqa: PLC0415  (an optional extra: encrypted stores)
    except ImportError:
        raise StoreError("an encrypted store needs the SQLCipher driver: pip install 'dutydesk[encryption]'") from None
    conn = sqlcipher3.connect(uri, uri=True, timeout=timeout)
    conn.execute("PRAGMA key = '{}'".format(key.replace("'", "''")))  # a pragma takes no parameters
    return conn


def online_copy(source: Path, target: Path, key: str | None = None) -> None:
    """SQLite's online backup: consistent even while `source` is being written. The copy is
    one self-contained file (no write-ahead log beside it), encrypted with `key` if given."""
    src = connect(source, key, read_only=True)
    dst = connect(target, key)
    try:
        pages = src.execute("PRAGMA page_count").fetchone()[0]
        with progress(f"Copying {source.name}", pages) as advance:
            # 1,024 pages a step: a big store copies with a moving bar, and writers get turns.
            src.backup(dst, pages=1024, progress=lambda _status, _left, _total: advance(1024))
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def driver_errors(name: str) -> tuple[type[Exception], ...]:
    """sqlite3's exception class `name`, and SQLCipher's when its driver is installed (the
    driver has classes of its own)."""
    classes: list[type[Exception]] = [getattr(sqlite3, name)]
    try:
        from sqlcipher3 import dbapi2  # noqa: PLC0415  (an optional extra: encrypted stores)
    except ImportError:
        return tuple(classes)
    return (*classes, getattr(dbapi2, name))
