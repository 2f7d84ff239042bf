"""Issue 21 in the desk: the Review screen from the board (v) and the palette — the same
obligations as `dutydesk review`, filtered, sorted, searched, a case opened with Enter, and the
charts drawn in the terminal."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import DataTable, Input, Static
from textual_plotext import PlotextPlot

from dutydesk.config.policy_files import load_policy
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.screens.review import ReviewScreen
from tests.tui.test_workflow import settle

NOW = datetime(2025, 6, 20, 9, 0, tzinfo=UTC)


async def reviewed(pilot: object, app: DutydeskApp) -> ReviewScreen:
    for _ in range(100):
        await settle(pilot, 0.1)
        screen = app.screen
        if isinstance(screen, ReviewScreen) and "Reviewing" not in str(
            screen.query_one("#review-scope", Static).render()
        ):
            return screen
    raise AssertionError("the review never finished")


async def test_the_review_screen_lists_filters_sorts_and_opens_cases(demo_store: Store) -> None:
    app = DutydeskApp(demo_store, load_policy(), clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("v")
        screen = await reviewed(pilot, app)
        table = screen.query_one(DataTable)
        # First what needs attention, the missed first: DD-2025-000104's referral went unconfirmed.
        first = screen.selected()
        assert first is not None and first[1].status == "missed" and first[0].reference == "DD-2025-000104"
        assert "¶2.81" in str(screen.query_one("#review-explain", Static).render())
        shown = table.row_count
        await pilot.press("f")  # needs attention → all
        await settle(pilot, 0.3)
        assert table.row_count > shown
        await pilot.press("f")  # → missed only
        await settle(pilot, 0.3)
        assert {o.status for _, o in screen.rows.values()} == {"missed"}
        await pilot.press("s")  # sort by due
        await settle(pilot, 0.3)
        dues = [o.due for _, o in screen.rows.values()]
        assert dues == sorted(dues)  # type: ignore[type-var]
        await pilot.press("slash", *"chased", "enter")
        await settle(pilot, 0.3)
        assert screen.rows and all("chased" in o.what for _, o in screen.rows.values())
        assert isinstance(app.focused, DataTable)
        await pilot.press("c")
        await settle(pilot, 0.5)
        assert screen.query_one("#review-charts").has_class("shown")
        assert all(p.size.width > 10 for p in screen.query(PlotextPlot))
        await pilot.press("c")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.session.case.case.reference == "DD-2025-000104"


async def test_the_review_is_in_the_palette(demo_store: Store) -> None:
    app = DutydeskApp(demo_store, load_policy(), clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, 0.3)
        await pilot.press(*"Compliance review")
        await settle(pilot, 0.5)
        await pilot.press("enter")
        screen = await reviewed(pilot, app)
        assert screen.query_one(DataTable).row_count > 0
        box = screen.query_one("#review-find", Input)
        assert not box.has_class("shown")
