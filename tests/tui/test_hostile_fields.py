"""Typed into the TUI: markup and escapes are stored as typed, shown literally, never acted on."""

from __future__ import annotations

from textual.widgets import DataTable

from dutydesk.screens.case import CaseScreen
from dutydesk.screens.dialogs import ItemDialog
from dutydesk.store.repository import Store
from tests.tui.conftest import make_app
from tests.tui.test_workflow import field, settle, type_into

TYPED = "[@click=app.quit]Zed[/] [bold]x"


async def test_markup_typed_into_a_name_is_stored_and_shown_as_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        reference = app.screen.session.case.case.reference  # type: ignore[attr-defined]
        await pilot.press("2")
        app.screen.query_one("#pane-people").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        pid = app.screen.fields[0][0].path.split("[")[1].split("]")[0]
        await type_into(pilot, field(app.screen, f"people[{pid}].given_names"), TYPED)
        # Pasted escapes arrive as the value: they must not reach the screen either.
        field(app.screen, f"people[{pid}].family_name").query_one("Input").value = "Esc\x1b[2JAped\u202e"  # type: ignore[attr-defined]
        await settle(pilot, 1.0)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, CaseScreen)  # the [@click=app.quit] did nothing
        row = app.screen.query_one("#people-table", DataTable).get_row(pid)
        shown = str(row[1])
        assert TYPED in shown and "\x1b" not in shown and "\u202e" not in shown
    person = store.load(reference).case.person(pid)
    assert person is not None and person.given_names == TYPED and person.family_name == "Esc\x1b[2JAped\u202e"
