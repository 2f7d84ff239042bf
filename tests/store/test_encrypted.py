"""Encryption at rest with SQLCipher (the optional sqlcipher3 driver): nothing readable in the
file, a wrong key opens nothing and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dutydesk.domain.case.model import Case, CaseInfo, Person
from dutydesk.errors import StoreError
from dutydesk.store.audit import Officer
from dutydesk.store.location import resolve
from dutydesk.store.repository import Store

pytest.importorskip("sqlcipher3")
OFFICER = Officer("J. Officer", "j")


def test_an_encrypted_store_holds_nothing_readable_and_needs_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "secret.sqlite3"
    monkeypatch.setenv("DUTYDESK_DB_KEY", "correct horse battery staple")
    store = Store.open(OFFICER, location=resolve(db))
    store.create(
        Case(
            case=CaseInfo(reference="DD-2025-000001"),
            people=[Person(id="c1", role="child", given_names="Zebedee Quill")],
        )
    )
    assert store.verify_audit().ok
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("secret.sqlite3*"))
    assert b"Zebedee" not in raw and b"SQLite format 3" not in raw[:16]
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT * FROM cases").fetchall()
    monkeypatch.setenv("DUTYDESK_DB_KEY", "wrong key")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="cannot be opened with this key"):
        Store.open(OFFICER, location=resolve(db))
    assert db.read_bytes() == before
    monkeypatch.setenv("DUTYDESK_DB_KEY", "correct horse battery staple")
    again = Store.open(OFFICER, location=resolve(db))
    assert again.load("DD-2025-000001").case.children[0].given_names == "Zebedee Quill"
    again.close()


KEY = "correct horse battery staple"


def _encrypted_store(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUTYDESK_DB_KEY", KEY)
    store = Store.open(OFFICER, location=resolve(db))
    person = Person(id="c1", role="child", given_names="Zebedee Quill")
    store.create(Case(case=CaseInfo(reference="DD-2025-000001"), people=[person]))
    store.close()


def _unreadable(path: Path) -> bool:
    raw = path.read_bytes()
    return b"Zebedee" not in raw and not raw.startswith(b"SQLite format 3")


def test_an_encrypted_store_is_backed_up_and_restored_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli_helpers import run_cli

    db = tmp_path / "secret.sqlite3"
    _encrypted_store(db, monkeypatch)
    taken = run_cli(capsys, "--db", str(db), "backup", "--out", str(tmp_path / "b.sqlite3"))
    assert taken.code == 0, taken.err
    assert "1 cases · audit chain verifies" in taken.out
    assert _unreadable(tmp_path / "b.sqlite3")  # the backup is as unreadable as the store

    plain = tmp_path / "plain.sqlite3"  # a plain store's backup must not replace it
    monkeypatch.delenv("DUTYDESK_DB_KEY")
    Store.open(OFFICER, db=plain).close()
    monkeypatch.setenv("DUTYDESK_DB_KEY", KEY)
    before = db.read_bytes()
    refused = run_cli(capsys, "--db", str(db), "restore", str(plain))
    assert refused.code == 2 and "encrypted with this key" in refused.err
    assert db.read_bytes() == before

    store = Store.open(OFFICER, location=resolve(db))  # a change after the backup ...
    loaded = store.load("DD-2025-000001")
    loaded.case.people[0].given_names = "Changed"
    store.save(loaded.case, loaded.version)
    store.close()
    back = run_cli(capsys, "--db", str(db), "restore", str(tmp_path / "b.sqlite3"))
    assert back.code == 0, back.err  # ... is undone by the restore, and the old store kept aside
    (kept,) = tmp_path.glob("secret.sqlite3.before-restore-*.bak")
    assert _unreadable(kept) and _unreadable(db)
    store = Store.open(OFFICER, location=resolve(db))
    assert store.load("DD-2025-000001").case.children[0].given_names == "Zebedee Quill"
    assert store.verify_audit().ok
    store.close()


def test_migrating_an_encrypted_store_takes_an_encrypted_backup_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dutydesk.store.backup import check
    from dutydesk.store.engine import make_engine, prepare_sqlite_file
    from dutydesk.store.migrate import upgrade

    db = tmp_path / "old.sqlite3"
    monkeypatch.setenv("DUTYDESK_DB_KEY", KEY)
    loc = resolve(db)
    prepare_sqlite_file(db, encrypted=True)
    engine = make_engine(loc)
    upgrade(engine, loc, target="0001")  # an encrypted store as the first dutydesk made it
    engine.dispose()
    store = Store.open(OFFICER, location=loc)
    assert store.backup_taken is not None and _unreadable(store.backup_taken)
    assert check(store.backup_taken, KEY).schema == "0001"
    store.close()


def test_a_wrong_or_missing_key_is_one_line_exit_2_and_changes_nothing(tmp_path: Path) -> None:
    """Issue 30: "A wrong SQLCipher key prints three library lines." The officer gets one sentence
    naming DUTYDESK_DB_KEY — for a wrong key, and for an encrypted store opened without one — exit
    2 (the key is what she gave), and the store's bytes as they were."""
    import os
    import subprocess
    import sys

    db = tmp_path / "secret.sqlite3"
    env = {
        **os.environ,
        "DUTYDESK_CONFIG_DIR": str(tmp_path / "config"),
        "DUTYDESK_DATA_DIR": str(tmp_path / "data"),
        "DUTYDESK_OFFICER": "J. Officer",
    }
    dutydesk = [sys.executable, "-m", "dutydesk", "--db", str(db), "cases"]
    make = [sys.executable, "-m", "dutydesk", "--db", str(db), "import", "examples/case.json"]
    made = subprocess.run(make, env={**env, "DUTYDESK_DB_KEY": KEY}, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    before = db.read_bytes()
    for key, words in (("wrong key", "cannot be opened with this key (DUTYDESK_DB_KEY)"), (None, "DUTYDESK_DB_KEY")):
        given = {k: v for k, v in env.items() if k != "DUTYDESK_DB_KEY"}
        run = subprocess.run(
            dutydesk, env={**given, **({"DUTYDESK_DB_KEY": key} if key else {})}, capture_output=True, text=True
        )
        assert run.returncode == 2, run.stderr
        assert run.stdout == "" and len(run.stderr.splitlines()) == 1 and words in run.stderr, run.stderr
        assert "hmac" not in run.stderr and "ERROR CORE" not in run.stderr
        assert db.read_bytes() == before
