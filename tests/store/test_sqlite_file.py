"""The SQLite file itself: permissions, migrations with backup, newer schemas, damage, read-only."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dutydesk.errors import StoreError
from dutydesk.services.demo import sample_files
from dutydesk.store.audit import Officer
from dutydesk.store.engine import make_engine, prepare_sqlite_file, resolve
from dutydesk.store.migrate import head_revision, upgrade
from dutydesk.store.repository import Store

OFFICER = Officer("J. Officer", "jofficer")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_store_file_and_folder_are_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new-folder" / "dutydesk.sqlite3"
    Store.open(OFFICER, db=db).close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) & 0o077 == 0


def test_sqlite_runs_with_wal_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    store = Store.open(OFFICER, db=tmp_path / "s.sqlite3")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_db_and_env_choose_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUTYDESK_DB", str(tmp_path / "env.sqlite3"))
    assert resolve().path == tmp_path / "env.sqlite3"
    assert resolve(tmp_path / "flag.sqlite3").path == tmp_path / "flag.sqlite3"
    monkeypatch.delenv("DUTYDESK_DB")
    monkeypatch.setenv("DUTYDESK_DB_URL", "postgresql+psycopg://u@h/db")
    assert resolve().url == "postgresql+psycopg://u@h/db"


def test_migration_from_the_first_schema_takes_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    loc = resolve(db)
    prepare_sqlite_file(db)
    engine = make_engine(loc)
    upgrade(engine, loc, target="0001")  # a store as the first dutydesk made it
    doc = json.loads(sample_files()[0].read_text())
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO cases (reference, status, children, version, document, updated_at, updated_by, last_audit_seq)"
            " VALUES (?, 'open', '', 1, ?, '2025-01-01T00:00:00+00:00', 'x', 0)",
            (doc["case"]["reference"], json.dumps(doc)),
        )
    engine.dispose()
    before = digest(db)
    store = Store.open(OFFICER, db=db)
    assert store.backup_taken is not None and store.backup_taken.exists()
    assert digest(store.backup_taken) == before or sqlite3.connect(store.backup_taken).execute(
        "SELECT version_num FROM alembic_version"
    ).fetchone() == ("0001",)
    assert stat.S_IMODE(store.backup_taken.stat().st_mode) == 0o600
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
        names = conn.exec_driver_sql("SELECT given_names FROM people_index ORDER BY person_id").scalars().all()
        received = conn.exec_driver_sql("SELECT received_utc FROM cases").scalar()
    assert "Sophie" in names  # the new index was built from the cases already there
    # schema 0006: the received column filled from the document (13/06/2025 09:30 BST, in UTC)
    assert received == datetime.fromisoformat(doc["case"]["received_at"]).astimezone(UTC).isoformat()
    assert store.load(doc["case"]["reference"]).case.people[0].given_names == "Sophie"


def test_a_store_from_a_newer_dutydesk_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "newer.sqlite3"
    Store.open(OFFICER, db=db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = digest(db)
    with pytest.raises(StoreError, match="newer dutydesk"):
        Store.open(OFFICER, db=db)
    assert digest(db) == before
    assert list(tmp_path.glob("*.bak")) == []


def test_a_damaged_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "junk.sqlite3"
    db.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    before = digest(db)
    with pytest.raises(StoreError, match="not a dutydesk store"):
        Store.open(OFFICER, db=db)
    assert digest(db) == before


def test_a_truncated_sqlite_file_gives_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "cut.sqlite3"
    store = Store.open(OFFICER, db=db)
    for path in sample_files():
        store.import_document(json.loads(path.read_text()))
    store.close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    before = digest(db)
    with pytest.raises(StoreError, match=r"damaged|not a dutydesk store|failed"):
        s = Store.open(OFFICER, db=db)
        s.list_cases()
        for c in s.list_cases():
            s.load(c.reference)
    assert digest(db) == before


def test_the_known_head_is_alembics_head() -> None:
    from dutydesk.store.migrate import HEAD

    assert head_revision() == HEAD
