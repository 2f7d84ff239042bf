"""A newcomer's first board (issue 34): an empty store says where cases come from, and the
footer shows Enter opens the highlighted case."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from dutydesk.config.policy_files import load_policy
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.capture import demo_app
from dutydesk.tui.quiet import until_quiet
from dutydesk.tui.widgets.footer import DeskFooter


async def test_an_empty_board_says_what_to_do_first(tmp_path: Path) -> None:
    store = Store.open(Officer("Ann Able", "ann"), db=tmp_path / "new.sqlite3")
    app = DutydeskApp(store, load_policy(), show_clock=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_quiet(pilot)
            said = str(app.screen.query_one("#detail", Static).render())
            for words in ("No open cases yet", "i imports", "HMCTS", "n starts a new case", "d works out a deadline"):
                assert words in said, said
    finally:
        store.close()


async def test_the_boards_footer_shows_enter_opens_the_case_at_80_columns(tmp_path: Path) -> None:
    app = demo_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_quiet(pilot)
            footer = str(app.screen.query_one(DeskFooter).render())
            assert "⏎ Open" in footer, footer
            await pilot.press("enter")
            await until_quiet(pilot)
            assert type(app.screen).__name__ == "CaseScreen"
    finally:
        assert app.store is not None
        app.store.close()
