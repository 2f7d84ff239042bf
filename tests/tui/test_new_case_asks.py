"""`n` on the board (issue 34): a case is a permanent record with its own audit trail, so it is
asked for first — Esc makes nothing, Enter makes it, and the court's number typed straight after
`n` in one burst lands in the dialog, not in some other field."""

from __future__ import annotations

from pathlib import Path

from dutydesk.config.policy_files import load_policy
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.dialogs.prompt import PromptDialog
from dutydesk.tui.quiet import until_quiet
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.screens.case import CaseScreen
from tests.tui.bursts import burst, keys_done


def _store(tmp_path: Path) -> Store:
    return Store.open(Officer("Ann Able", "ann"), db=tmp_path / "new.sqlite3")


async def test_n_then_esc_in_one_burst_makes_no_case(tmp_path: Path) -> None:
    store = _store(tmp_path)
    app = DutydeskApp(store, load_policy(), show_clock=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_quiet(pilot)
            burst(app, "n", "escape")
            await keys_done(app, pilot)
            await until_quiet(pilot)
            assert isinstance(app.screen, BoardScreen)
        assert store.list_cases() == []
        assert store.verify_audit().rows == 0, "nothing made, nothing in the trail"
    finally:
        store.close()


async def test_n_shows_what_it_will_make_and_how_not_to(tmp_path: Path) -> None:
    store = _store(tmp_path)
    app = DutydeskApp(store, load_policy(), show_clock=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_quiet(pilot)
            await pilot.press("n")
            await until_quiet(pilot)
            assert isinstance(app.screen, PromptDialog)
            shown = " ".join(str(label.render()) for label in app.screen.query("Label"))
            assert "New case" in shown and "kept for good" in shown, shown
            assert "Esc" in shown
    finally:
        store.close()


async def test_the_court_number_typed_straight_after_n_makes_the_case_with_it(tmp_path: Path) -> None:
    store = _store(tmp_path)
    app = DutydeskApp(store, load_policy(), show_clock=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_quiet(pilot)
            burst(app, "n", "ZW26P00123", "enter", "3")  # and a step key at once: Forms
            await keys_done(app, pilot)
            await until_quiet(pilot)
            assert isinstance(app.screen, CaseScreen)
            assert app.screen.session.case.case.court_case_number == "ZW26P00123"
        (only,) = store.list_cases()
        assert store.load(only.reference).case.case.court_case_number == "ZW26P00123"
    finally:
        store.close()


async def test_enter_alone_makes_a_case_without_a_number(tmp_path: Path) -> None:
    store = _store(tmp_path)
    app = DutydeskApp(store, load_policy(), show_clock=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_quiet(pilot)
            burst(app, "n", "enter")
            await keys_done(app, pilot)
            await until_quiet(pilot)
            assert isinstance(app.screen, CaseScreen)
            assert app.screen.session.case.case.court_case_number is None
        assert len(store.list_cases()) == 1
    finally:
        store.close()
