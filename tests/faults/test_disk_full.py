"""A full disk (SQLite's max_page_count): a clear message, what was typed kept, nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from dutydesk.domain.case.model import Case, CaseInfo, Event
from dutydesk.errors import StoreError
from dutydesk.services.session import CaseSession
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store

_FULL: list[Any] = []  # the listener in force, so a test can give the room back


def fill_disk(store: Store) -> None:
    """Every new connection may not grow the file: the disk is full from now on."""

    @event.listens_for(store.engine, "connect")
    def _full(dbapi: Any, _record: Any) -> None:
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count = {pages}")

    _FULL[:] = [_full]
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


async def test_typing_when_the_disk_fills_says_so_keeps_the_text_and_saves_once_there_is_room(
    tmp_path: Path,
) -> None:
    from textual.widgets import Input

    from dutydesk.config.policy_files import load_policy
    from dutydesk.tui.app import DutydeskApp
    from tests.tui.test_workflow import field, settle

    db = tmp_path / "s.sqlite3"
    store = Store.open(Officer("J. Officer", "j"), db=db)
    store.create(Case(case=CaseInfo(reference="DD-2025-000001")))
    app = DutydeskApp(store, load_policy())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000001")
        await settle(pilot)
        fill_disk(store)
        row = field(app.screen, "case.court")
        # Pasted, long enough that the page it needs cannot be found in the file's free space.
        row.query_one(Input).value = "Leeds Combined Court Centre " + "x" * 200_000
        await settle(pilot, 1.0)
        status = str(app.screen.query_one("#case-status").render())
        assert "NOT SAVED" in status and "is full" in status
        assert row.query_one(Input).value.startswith("Leeds Combined Court Centre")  # still on screen
        assert store.load("DD-2025-000001").case.case.court is None  # nothing half-written
        event.remove(store.engine, "connect", _FULL[0])  # room again: new connections may grow it
        store.engine.dispose()
        row.query_one(Input).value = "Leeds Combined Court Centre"
        await settle(pilot, 1.0)
        assert "NOT SAVED" not in str(app.screen.query_one("#case-status").render())
    assert store.load("DD-2025-000001").case.case.court == "Leeds Combined Court Centre"
    assert store.verify_audit().ok
    store.close()
