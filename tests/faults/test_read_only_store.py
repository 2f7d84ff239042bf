"""A read-only store (a share mounted read-only, a file whose permissions changed): it can be
read, a save is refused with a clear message and changes nothing, and what the officer typed
stays on screen and is kept in the journal beside the store, replayed when the store takes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from dutydesk.config.paths import user_data_dir
from dutydesk.config.policy_files import load_policy
from dutydesk.errors import StoreError
from dutydesk.services.demo import sample_files
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.faults.read_only import read_only
from tests.tui.test_workflow import field, settle, type_into

OFFICER = Officer("J. Officer", "jofficer")


def _store_with_a_case(db: Path) -> str:
    store = Store.open(OFFICER, db=db)
    ref = store.import_document(json.loads(sample_files()[0].read_text())).case.case.reference
    store.close()
    return ref


def test_a_read_only_store_can_be_read_but_not_changed(tmp_path: Path) -> None:
    db = tmp_path / "ro.sqlite3"
    ref = _store_with_a_case(db)
    before = db.read_bytes()
    with read_only(db):
        store = Store.open(OFFICER, db=db)
        loaded = store.load(ref)
        loaded.case.people[0].given_names = "X"
        with pytest.raises(StoreError, match="read-only; nothing was changed"):
            store.save(loaded.case, loaded.version)
        store.close()
    assert db.read_bytes() == before
    store = Store.open(OFFICER, db=db)  # writable again: the same change is accepted
    again = store.load(ref)
    again.case.people[0].given_names = "X"
    store.save(again.case, again.version)
    assert store.verify_audit().ok
    store.close()


async def test_typing_into_a_read_only_store_says_so_and_keeps_the_text(tmp_path: Path) -> None:
    from dutydesk.tui.app import DutydeskApp

    db = tmp_path / "ro.sqlite3"
    ref = _store_with_a_case(db)
    with read_only(db):
        store = Store.open(OFFICER, db=db)
        app = DutydeskApp(store, load_policy())
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.open_case(ref)
            await settle(pilot)
            row = field(app.screen, "case.court_case_number")
            await type_into(pilot, row, "LS26P00042")
            for _ in range(50):  # until the save was tried (a loaded machine is slower): not a timed test
                await settle(pilot, 0.1)
                status = str(app.screen.query_one("#case-status").render())
                if "NOT SAVED" in status:
                    break
            assert "NOT SAVED" in status and "read-only" in status
            assert any("read-only" in n.message for n in app._notifications)
            assert row.query_one(Input).value == "LS26P00042"  # still on screen
        store.close()
    # Issue 28: the journal beside the store held every key; no plain recovery file was needed.
    assert not list((user_data_dir() / "recovery").glob(f"{ref}-*.json"))
    (journal,) = (db.parent / f"{db.name}.edits").glob("*.journal")
    assert oct(journal.stat().st_mode & 0o777) == "0o600"
    store = Store.open(OFFICER, db=db)
    assert store.load(ref).case.case.court_case_number != "LS26P00042"  # the store as it was
    # Writable again: the next desk to open the case replays the journal and saves it.
    from datetime import UTC, datetime

    from dutydesk.services.session import CaseSession

    session = CaseSession(store, ref)
    assert session.recovered >= 1 and session.case.case.court_case_number == "LS26P00042"
    assert session.save(datetime.now(UTC)).saved
    session.close()
    assert store.load(ref).case.case.court_case_number == "LS26P00042"
    assert not list((db.parent / f"{db.name}.edits").glob("*.journal"))
    assert store.verify_audit().ok
    store.close()
