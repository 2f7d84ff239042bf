"""A full disk (SQLite's max_page_count): a clear message, what was typed kept, nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from dutydesk.domain.model import Case, CaseInfo, Event
from dutydesk.errors import StoreError
from dutydesk.session import CaseSession
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store


def fill_disk(store: Store) -> None:
    """Every new connection may not grow the file: the disk is full from now on."""

    @event.listens_for(store.engine, "connect")
    def _full(dbapi: Any, _record: Any) -> None:
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()


def test_a_full_disk_refuses_the_save_clearly_and_keeps_what_was_typed(tmp_path: Path) -> None:
    store = Store.open(Officer("J. Officer", "j"), db=tmp_path / "s.sqlite3")
    store.create(Case(case=CaseInfo(reference="DD-2025-000001")))
    session = CaseSession(store, "DD-2025-000001")
    fill_disk(store)
    note = "x" * 200_000
    session.case.events.append(Event(at=datetime.now(UTC), by="J. Officer", kind="note", text=note))
    session.touched()
    with pytest.raises(StoreError, match="is full; nothing was changed"):
        session.save(datetime.now(UTC))
    assert session.case.events[-1].text == note  # still on screen, still pending
    assert session.dirty
    assert store.load("DD-2025-000001").case.events == []  # the store is as it was
    assert store.verify_audit().ok
    store.close()
    again = Store.open(Officer("J. Officer", "j"), db=tmp_path / "s.sqlite3")  # room again
    session.store = again
    assert session.save(datetime.now(UTC)).saved
    assert again.load("DD-2025-000001").case.events[-1].text == note
    again.close()
