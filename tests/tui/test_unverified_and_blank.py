"""Issue 19 in the desk: a case edited behind dutydesk's back is shown as unverified on the board
and in the case, drafts nothing for the court until an officer accepts it (with a reason, into
the trail); a case that cannot be screened never stops the desk; Ctrl+B hides toasts too and
comes back through the passphrase."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import DataTable, Input

from dutydesk.config.passphrase import hash_passphrase
from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.blank import BlankScreen
from dutydesk.tui.dialogs.prompt import PromptDialog
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.screens.lock import LockScreen
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle


def behind_its_back(store: Store, statement: str) -> None:
    assert store.location.path is not None
    with sqlite3.connect(store.location.path) as conn:
        conn.execute(statement)


async def test_an_edited_case_is_unverified_until_an_officer_accepts_it(demo_store: Store) -> None:
    behind_its_back(
        demo_store,
        "UPDATE cases SET document = json_remove(document, '$.people[0].addresses[0].confidential') "
        "WHERE reference = 'DD-2025-000107'",
    )
    app = make_app(demo_store)
    messages: list[str] = []
    shown = app.notify

    def notify(message: str, **kw: object) -> None:
        messages.append(message)
        shown(message, **kw)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 1.5)
        board = app.screen
        assert isinstance(board, BoardScreen)
        row = board.rows["DD-2025-000107"]
        assert str(row.next_item).startswith("UNVERIFIED") and "confidential" in str(row.next_item)
        app.open_case("DD-2025-000107")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert any("does not match its audit trail" in m for m in messages)
        status = str(app.screen.query_one("#case-status").render())
        assert "UNVERIFIED" in status
        await pilot.press("9")
        table: DataTable[object] = app.screen.query_one("#letters", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("court_no_screening|"))
        await pilot.press("w")
        await settle(pilot)
        assert messages[-1].startswith("Not drafted:")
        app.accept_case(app.screen)
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one(Input).value = "ok"  # too short: a reason is asked for
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one(Input).value = "Checked with the applicant by phone: the address is not secret now"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and "UNVERIFIED" not in str(
            app.screen.query_one("#case-status").render()
        )
    assert demo_store.integrity("DD-2025-000107") is None
    assert any("not secret now" in str(r.get("old")) for r in demo_store.history("DD-2025-000107"))


async def test_a_case_that_cannot_be_read_never_stops_the_desk(demo_store: Store) -> None:
    behind_its_back(
        demo_store,
        "UPDATE cases SET document = json_set(document, '$.case.court_directions', "
        'json(\'[{"kind": "other", "working_days": 1000000000000000000000000000000}]\')) '
        "WHERE reference = 'DD-2025-000101'",
    )
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 1.5)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert any(str(r.next_item).startswith(("UNVERIFIED", "CANNOT")) for r in board.rows.values())
        app.open_case("DD-2025-000104")  # every other case works
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("escape")
        await settle(pilot)
        app.open_case("DD-2025-000101")  # the broken one is refused with its reason, the desk stays
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.is_running


async def test_ctrl_b_hides_toasts_and_returns_through_the_passphrase(demo_store: Store) -> None:
    app = make_app(demo_store)
    app.lock_passphrase = hash_passphrase("correct horse battery")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.notify("7 Quiet Close, Cardiff", timeout=30)
        await settle(pilot, 0.3)
        await pilot.press("ctrl+b")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, BlankScreen) and not app._notifications
        app.notify("Saved 7 Quiet Close", timeout=30)  # arrives while blank: held, not shown
        await settle(pilot, 0.3)
        assert not app._notifications
        await pilot.press("ctrl+b")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, LockScreen)  # a passphrase is set: no way back without it
        app.screen.query_one(Input).value = "correct horse battery"
        await pilot.press("enter")
        await settle(pilot, 0.5)
        assert isinstance(app.screen, BoardScreen)
        assert any("Saved 7 Quiet Close" in str(n.message) for n in app._notifications)


def test_a_store_made_before_documents_were_sealed_is_sealed_on_upgrade(tmp_path: Path) -> None:
    """A 0004 store, its case written as 0004's dutydesk wrote it (no document hash), is sealed
    by the upgrade: verify passes, then an edit from outside is caught."""
    import json

    from dutydesk.domain.case.casefile import parse_case, to_document
    from dutydesk.services.demo import sample_files
    from dutydesk.store.audit import GENESIS, row_hash
    from dutydesk.store.derived import derived_columns
    from dutydesk.store.engine import make_engine
    from dutydesk.store.location import resolve
    from dutydesk.store.migrate import upgrade
    from dutydesk.store.people_index import index_rows, key_rows
    from tests.tui.conftest import OFFICER

    db = tmp_path / "old.sqlite3"
    loc = resolve(db)
    engine = make_engine(loc)
    upgrade(engine, loc, target="0004")
    engine.dispose()
    doc = to_document(parse_case(json.loads(sample_files()[0].read_text(encoding="utf-8"))), compact=True)
    ref = doc["case"]["reference"]
    row = {
        "seq": 1, "at": "2025-06-13T09:00:00+00:00", "officer": "Old", "os_user": "old", "case_ref": ref,
        "version": 1, "action": "create", "entity": "$", "field": "(case file)", "old": None,
        "new": json.dumps(doc, ensure_ascii=False, sort_keys=True),
    }  # fmt: skip
    row["prev_hash"] = GENESIS
    row["hash"] = row_hash(GENESIS, row)
    with sqlite3.connect(db) as conn:
        assert "doc_hash" not in [r[1] for r in conn.execute("PRAGMA table_info(audit)")]
        conn.execute(f"INSERT INTO audit ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        then = {k: v for k, v in derived_columns(doc).items() if k != "received_utc"}  # 0006's column
        columns = {**then, "reference": ref, "version": 1, "document": json.dumps(doc),
                   "updated_at": row["at"], "updated_by": "Old", "last_audit_seq": 1}  # fmt: skip
        conn.execute(
            f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", list(columns.values())
        )
        for person in index_rows(ref, doc):
            pid = conn.execute(
                f"INSERT INTO people_index ({', '.join(person)}) VALUES ({', '.join('?' * len(person))})",
                list(person.values()),
            ).lastrowid
            # Its search keys, as dutydesk at schema 0004 wrote them with every save.
            conn.executemany("INSERT INTO person_keys (h, pid) VALUES (:h, :pid)", key_rows(pid, person))
    store = Store.open(OFFICER, location=loc)
    assert store.backup_taken is not None
    assert store.verify_audit().ok and store.check_integrity() == []  # 0006 filled the received column too
    assert [r["action"] for r in store.history(ref)] == ["create", "baseline"]
    behind_its_back(
        store, f"UPDATE cases SET document = json_set(document, '$.case.court', 'Elsewhere') WHERE reference = '{ref}'"
    )
    found = store.check_integrity()
    assert len(found) == 1 and "case.court" in found[0].problem
    store.close()
