"""Backup while in use, and a restore that checks before it replaces anything."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dutydesk.domain.case.model import Case, CaseInfo, Event
from dutydesk.errors import BadInput
from dutydesk.store.audit import Officer
from dutydesk.store.backup import backup, check, restore
from dutydesk.store.repository import Store

OFFICER = Officer("J. Officer", "jofficer")


def fill(store: Store, n: int, start: int = 1) -> None:
    for i in range(start, start + n):
        store.create(Case(case=CaseInfo(reference=f"DD-2025-{i:06d}")))


def test_a_backup_taken_while_another_dutydesk_writes_is_consistent(tmp_path: Path) -> None:
    db = tmp_path / "s" / "store.sqlite3"
    store = Store.open(OFFICER, db=db)
    fill(store, 20)
    writer = Store.open(OFFICER, db=db)
    stop = threading.Event()

    def keep_writing() -> None:
        i = 0
        while not stop.is_set():
            loaded = writer.load("DD-2025-000001")
            loaded.case.events.append(Event(at=datetime.now(UTC), kind="note", text=f"note {i}"))
            writer.save(loaded.case, loaded.version)
            fill(writer, 1, start=1000 + i)
            i += 1

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        taken = [backup(db) for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    for copy in taken:
        assert copy.cases >= 20 and copy.path.stat().st_mode & 0o777 == 0o600
        assert not Path(f"{copy.path}-wal").exists()  # one self-contained file
        assert check(copy.path).audit_rows == copy.audit_rows
    store.close()
    writer.close()


def test_restore_checks_first_and_keeps_the_replaced_store(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    store = Store.open(OFFICER, db=db)
    fill(store, 3)
    copy = backup(db, tmp_path / "copy.sqlite3")
    fill(store, 2, start=10)
    store.close()
    checked, kept = restore(db, copy.path)
    assert checked.cases == 3 and kept is not None and check(kept).cases == 5
    again = Store.open(OFFICER, db=db)
    assert len(again.list_cases()) == 3
    assert again.verify_audit().ok
    again.close()


@pytest.mark.parametrize("damage", ["garbage", "audit_edited", "newer_schema"])
def test_a_bad_backup_is_refused_and_the_store_is_untouched(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "store.sqlite3"
    store = Store.open(OFFICER, db=db)
    fill(store, 2)
    store.close()
    bad = backup(db, tmp_path / "bad.sqlite3").path
    if damage == "garbage":
        bad.write_bytes(b"not a database at all" * 100)
    else:
        conn = sqlite3.connect(bad)
        if damage == "audit_edited":
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
                conn.execute(f"DROP TRIGGER {name}")
            conn.execute("UPDATE audit SET officer = 'Someone Else' WHERE seq = 1")
        else:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()
    before = db.read_bytes()
    with pytest.raises(BadInput):
        restore(db, bad)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))
