"""Rollback (issue 30): "delete every audit row after the last anchor and put each case's
document, version and last_audit_seq back as sealed at that row — no hashing needed", or copy an
older backup over the store, and `audit verify` passed. Every save now writes the trail's head to
the witness log outside the store, so a store found behind it was rolled back, and verify names
how many rows went; a restore of an older backup is a recorded act that verify names too."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from dutydesk.services.session import CaseSession
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.cli_helpers import run_cli

Capsys = pytest.CaptureFixture[str]
REF = "DD-2025-000101"


@pytest.fixture
def db(tmp_path: Path, capsys: Capsys) -> Path:
    path = tmp_path / "store.sqlite3"
    for sample in sample_files()[:2]:
        assert run_cli(capsys, "--db", str(path), "import", str(sample)).code == 0
    return path


def later_work(db: Path) -> None:
    """An officer's ordinary work after the copy: two saves of one case."""
    store = Store.open(Officer("J. Officer", "j"), db=db)
    session = CaseSession(store, REF)
    session.set("case.court", "Leeds Combined Court Centre")
    assert session.save(datetime.now(UTC)).saved
    session.set("case.court_case_number", "LS99P00001")
    assert session.save(datetime.now(UTC)).saved
    session.close()
    store.close()


def test_truncate_and_roll_back_with_sqlite3_is_caught(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    before = tmp_path / "before.sqlite3"
    shutil.copy(db, before)
    with sqlite3.connect(before) as conn:
        rows = conn.execute("SELECT MAX(seq) FROM audit").fetchone()[0]
        sealed = conn.execute(
            "SELECT document, version, last_audit_seq FROM cases WHERE reference = ?", (REF,)
        ).fetchone()
    later_work(db)
    # The attack: no hashing — drop the guards, delete the rows after R, put the case back as sealed at R.
    with sqlite3.connect(db) as conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DELETE FROM audit WHERE seq > ?", (rows,))
        conn.execute(
            "UPDATE cases SET document = ?, version = ?, last_audit_seq = ? WHERE reference = ?", (*sealed, REF)
        )
    done = run_cli(capsys, "--db", str(db), "audit", "verify")
    assert done.code == 1, done.out
    assert f"the store is behind its witness: 2 rows removed or rolled back after row {rows}" in done.out


def test_an_older_backup_copied_over_the_store_is_caught(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    older = tmp_path / "older.sqlite3"
    shutil.copy(db, older)
    later_work(db)
    shutil.copy(older, db)
    done = run_cli(capsys, "--db", str(db), "audit", "verify")
    assert done.code == 1 and "behind its witness" in done.out and "rolled back" in done.out


def test_a_restore_of_an_older_backup_is_recorded_and_named(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    backup = run_cli(capsys, "--db", str(db), "backup", "--out", str(tmp_path / "b.sqlite3"))
    assert backup.code == 0
    later_work(db)
    restored = run_cli(capsys, "--db", str(db), "restore", str(tmp_path / "b.sqlite3"))
    assert restored.code == 0, restored.err
    done = run_cli(capsys, "--db", str(db), "audit", "verify")
    assert done.code == 0, done.out  # a restore is a deliberate act: the store is what was restored
    assert "were discarded by that restore" in done.out and "restored to row" in done.out
