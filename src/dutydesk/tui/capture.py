"""SVG captures of every screen from the demo store, at a fixed time, for screens/ and the
snapshot tests. Run: `dutydesk screenshots --out screens/`."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from dutydesk.config.policy_files import load_policy
from dutydesk.config.settings import Settings
from dutydesk.domain.time.calendar import LONDON
from dutydesk.infra.progress import progress
from dutydesk.services.demo import prepare_demo
from dutydesk.store.audit import Officer
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.dialogs.name import NameDialog
from dutydesk.tui.quiet import until_quiet
from dutydesk.tui.steps.base import StepPane

# The demo samples were written around Friday 13/06/2025; captures are taken on Monday morning.
CAPTURE_NOW = datetime(2025, 6, 16, 9, 30, tzinfo=LONDON)
SAMPLES_DAY = date(2025, 6, 14)
SIZES = ((80, 24), (120, 40))


async def _steady(pilot: Pilot[None]) -> None:
    """No blinking cursor, nothing still moving: the same picture every time."""
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await until_quiet(pilot)  # lookups in the background have answered, the rules have run
    # A step scrolls to show a focused table a moment after it paints: start every capture
    # from the top, so the picture does not depend on which came first.

    for pane in pilot.app.screen.query(StepPane):
        pane.scroll_home(animate=False)
    # A table row painted while its columns were still being sized can keep an empty
    # segment in DataTable's line cache (one capture in four under load): paint every table
    # afresh so the picture depends only on what the table holds.

    for table in pilot.app.screen.query(DataTable):
        table._clear_caches()
        table.refresh()
    await until_quiet(pilot)


async def _board_assessed(pilot: Pilot[None]) -> None:
    """The board screens every case in the background: wait until each row has its answer."""

    await until_quiet(pilot)  # quiet includes every row of the board screened


def _open(reference: str, *keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, DutydeskApp)
        await until_quiet(pilot)
        app.open_case(reference)
        await until_quiet(pilot)
        for key in keys:
            await pilot.press(key)
            await until_quiet(pilot)
        await _steady(pilot)

    return run


def _keys(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await _board_assessed(pilot)
        for key in keys:
            await pilot.press(key)
            await until_quiet(pilot)
        await _steady(pilot)

    return run


def _find_person(typed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await _board_assessed(pilot)
        await pilot.press("slash")
        await until_quiet(pilot)
        await pilot.press(*typed)
        await _steady(pilot)

    return run


def _preview(reference: str, row_key: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:

        await _open(reference, "9")(pilot)
        table = pilot.app.screen.query_one("#letters", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(row_key))
        await pilot.press("v")
        await _steady(pilot)

    return run


def _finding(reference: str, typed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A new finding, the Appendix II picker searched (issue 17: ↓ and Enter from the box)."""

    async def run(pilot: Pilot[None]) -> None:
        await _open(reference, "4", "g")(pilot)
        pilot.app.screen.query_one("#offence-search").focus()
        await pilot.press(*typed)
        await _steady(pilot)

    return run


def _review(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """The Review screen once its worker has reviewed the cases (issue 21)."""

    async def run(pilot: Pilot[None]) -> None:

        await _board_assessed(pilot)
        await pilot.press("v")
        await until_quiet(pilot)  # the review's worker has finished
        for key in keys:
            await pilot.press(key)
            await until_quiet(pilot)
        await _steady(pilot)

    return run


def _first_start(pilot: Pilot[None]) -> Awaitable[None]:
    """The name dialog a first start shows (issue 17)."""

    async def run() -> None:

        await _board_assessed(pilot)
        await pilot.app.push_screen(NameDialog("officer"))
        await _steady(pilot)

    return run()


def _office_details(pilot: Pilot[None]) -> Awaitable[None]:
    """The letterhead dialog a first letter asks for (issue 34: readable, with what is typed, at 80×24)."""

    async def run() -> None:
        await _board_assessed(pilot)
        assert isinstance(pilot.app, DutydeskApp)
        pilot.app.edit_office()
        await _steady(pilot)
        await pilot.press(*"Cafcass Leeds")
        await _steady(pilot)

    return run()


# name -> what to do after start-up to reach the screen
SCREENS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "board": _keys(),
    "help": _keys("question_mark"),
    "deadline-calculator": _keys("d"),
    "case-intake": _open("DD-2025-000104", "1"),
    "case-people": _open("DD-2025-000104", "2"),
    "case-forms": _open("DD-2025-000104", "3"),
    "case-checks": _open("DD-2025-000106", "4"),
    "case-pathway": _open("DD-2025-000103", "5"),
    "case-risk": _open("DD-2025-000105", "6"),
    "case-escalation": _open("DD-2025-000105", "7"),
    "case-referrals": _open("DD-2025-000104", "8"),
    "case-letters": _open("DD-2025-000102", "9"),
    "case-chronology": _open("DD-2025-000104", "0"),
    "case-person": _open("DD-2025-000104", "2", "enter"),
    "case-allegation": _open("DD-2025-000104", "3", "tab", "a"),
    "case-finding": _finding("DD-2025-000106", "cruelty"),
    "case-referral": _open("DD-2025-000104", "8", "enter"),
    "help-in-a-dialog": _open("DD-2025-000104", "8", "enter", "f1"),
    "first-start": _first_start,
    "office-details": _office_details,
    "new-case": _keys("n"),
    "find-person": _find_person("Mohamed Rahman"),
    "letter-preview": _preview("DD-2025-000104", "referral_letter|r1"),
    "review": _review(),
    "review-charts": _review("c"),
}


def demo_app(folder: Path) -> DutydeskApp:
    store = prepare_demo(Officer("J. Officer", "officer"), folder / "demo.sqlite3", today=SAMPLES_DAY)
    return DutydeskApp(store, load_policy(Settings()), clock=lambda: CAPTURE_NOW, show_clock=False)


async def _capture(name: str, size: tuple[int, int], out: Path, folder: Path) -> Path:
    app = demo_app(folder)
    async with app.run_test(size=size) as pilot:
        await SCREENS[name](pilot)
        filename = f"{name}-{size[0]}x{size[1]}.svg"
        app.save_screenshot(filename, path=str(out))
    if app.store is not None:
        app.store.close()
    return out / filename


def capture_all(out: Path) -> list[Path]:

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with progress("Capturing screens", len(SCREENS) * len(SIZES)) as advance:
        for name in SCREENS:
            for size in SIZES:
                with tempfile.TemporaryDirectory() as tmp:
                    written.append(asyncio.run(_capture(name, size, out, Path(tmp))))
                advance(1)
    return written
