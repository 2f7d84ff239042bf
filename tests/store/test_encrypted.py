"""Encryption at rest with SQLCipher (the optional sqlcipher3 driver): nothing readable in the
file, a wrong key opens nothing and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dutydesk.domain.model import Case, CaseInfo, Person
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
