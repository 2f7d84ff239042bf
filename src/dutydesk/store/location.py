"""Which store: --db, DUTYDESK_DB, DUTYDESK_DB_URL or the default file (no SQLAlchemy here)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from dutydesk.config.paths import user_data_dir
from dutydesk.errors import BadInput


@dataclass(frozen=True)
class Location:
    url: str
    path: Path | None  # the SQLite file, when it is one
    read_only: bool = False
    key: str | None = field(default=None, repr=False, compare=False)  # DUTYDESK_DB_KEY: never printed
    named: bool = False  # given by --db or DUTYDESK_DB: its folder must exist (no store where none was asked for)
    # A sync's sessions on the office carry this name (PostgreSQL's application_name), so that a
    # sync whose network went quiet can have its sessions found and ended by the next (issue 33).
    session_name: str | None = field(default=None, compare=False)

    @property
    def encrypted(self) -> bool:
        """A SQLCipher file, opened with its key."""
        return self.key is not None

    def describe(self) -> str:
        # Never the URL's query: whatever it holds is not for a message or a log line.
        return str(self.path) if self.path else self.url.split("@")[-1].split("?")[0]


def default_db_path() -> Path:
    return user_data_dir() / "dutydesk.sqlite3"


def resolve(db: Path | None = None) -> Location:
    """--db PATH, then DUTYDESK_DB, then DUTYDESK_DB_URL (any SQLAlchemy URL), then the default."""
    for name in ("DUTYDESK_DB", "DUTYDESK_DB_URL"):
        if db is None and name in os.environ and not os.environ[name].strip():
            # Set but empty (a mistyped export): never quietly the default store (issue 30).
            raise BadInput(f"{name} is set but empty: unset it to use the default store, or give the store's path")
    if db is None and os.environ.get("DUTYDESK_DB"):
        db = Path(os.environ["DUTYDESK_DB"])
    if db is None and os.environ.get("DUTYDESK_DB_URL"):
        return Location(os.environ["DUTYDESK_DB_URL"], None)
    named = db is not None
    path = (db or default_db_path()).expanduser().resolve()
    key = os.environ.get("DUTYDESK_DB_KEY")
    if key:  # encrypted at rest with SQLCipher (the optional sqlcipher3 driver)
        return Location(f"sqlite+pysqlcipher://:{quote(key, safe='')}@/{path}", path, key=key, named=named)
    return Location(f"sqlite:///{path}", path, named=named)


def asked_for(loc: Location) -> Location:
    """A store named by --db or DUTYDESK_DB whose folder does not exist is a mistyped path, not a
    new store: refused, naming what to do (a command would otherwise make folders and an empty
    store, and "No open cases." would look like the answer — issue 34). The default store is made
    on first use."""
    if loc.path is not None and loc.named and not loc.path.exists() and not loc.path.parent.is_dir():
        raise BadInput(
            f"there is no folder {loc.path.parent} for the store {loc.path.name}: check the path "
            "(--db or DUTYDESK_DB), or create the folder first to start a new store there"
        )
    return loc
