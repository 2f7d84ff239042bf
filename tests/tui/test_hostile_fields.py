"""Typed into the TUI: markup and escapes are stored as typed, shown literally, never acted on."""

from __future__ import annotations

from textual.widgets import DataTable

from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.screens.case import CaseScreen
from tests.tui.conftest import make_app
from tests.tui.test_workflow import field, settle, type_into

TYPED = "[@click=app.quit]Zed[/] [bold]x"


def everything_drawn(screen: object) -> str:
    """The text of every built Static, Label and table cell on the screen, visible or not."""
    from textual.widgets import Static

    parts = [str(w.render()) for w in screen.query(Static)]  # type: ignore[attr-defined]
    for table in screen.query(DataTable):  # type: ignore[attr-defined]
        for index in range(table.row_count):
            parts += [str(cell) for cell in table.get_row_at(index)]
    return "\n".join(parts)


async def test_markup_typed_into_a_name_is_stored_and_shown_as_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # a new case: asked first, Enter makes it
        await settle(pilot)
        reference = app.screen.session.case.case.reference  # type: ignore[attr-defined]
        await pilot.press("2")
        app.screen.query_one("#pane-people").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        pid = app.screen.fields[0][0].path.split("[")[1].split("]")[0]
        await type_into(pilot, field(app.screen, f"people[{pid}].given_names"), TYPED)
        # Pasted escapes arrive as the value: neutralised at entry, so the field itself never
        # draws them (Textual's Input would send ESC to the terminal as it is).
        field(app.screen, f"people[{pid}].family_name").query_one("Input").value = "Esc\x1b[2JAped\u202e"  # type: ignore[attr-defined]
        await settle(pilot, 1.0)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, CaseScreen)  # the [@click=app.quit] did nothing
        row = app.screen.query_one("#people-table", DataTable).get_row(pid)
        shown = str(row[0])  # Name, Role, Born, Confidential: no ids on screen
        assert TYPED in shown and "\x1b" not in shown and "\u202e" not in shown
    person = store.load(reference).case.person(pid)
    assert person is not None and person.given_names == TYPED and person.family_name == "Esc\ufffd[2JAped\ufffd"


async def test_a_case_full_of_hostile_text_shows_on_every_step_without_acting_on_it(store: Store) -> None:
    """Every class of hostile text at once — markup, [@click] actions, ANSI and OSC escapes,
    control, bidi and zero-width characters, line marks, 10,000 characters — in names, a court,
    a note: the board and every step draw it at 80×24, nothing runs, nothing reaches the terminal."""
    import json

    from dutydesk.tui.screens.board import BoardScreen
    from tests.hostile.test_hostile_input import HOSTILE, RAW_TERMINAL, sample

    doc = sample()
    people = [p for p in doc["people"]]
    for i, person in enumerate(people):
        # Markup and the escapes in every name (a sample case has fewer people than classes).
        person["given_names"] = HOSTILE[i % len(HOSTILE)] + HOSTILE[3] + HOSTILE[5]
        person["family_name"] = HOSTILE[(i + 1) % len(HOSTILE)] + HOSTILE[4]
        person["addresses_last_5_years_complete"] = False  # so the rules' wording quotes the names
    doc["case"]["court"] = HOSTILE[3]
    doc["events"] = [{"at": "2025-06-13T12:00:00+01:00", "kind": "note", "text": v} for v in HOSTILE]
    reference = store.import_document(json.loads(json.dumps(doc))).case.case.reference
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 1.0)
        assert isinstance(app.screen, BoardScreen)
        app.open_case(reference)
        await settle(pilot)
        for key in "1234567890":
            await pilot.press("ctrl+down" if key != "1" else "1")
            await settle(pilot, 0.2)
            shown = app.export_screenshot() + everything_drawn(app.screen)  # scrolled-off parts too
            assert app.is_running and isinstance(app.screen, CaseScreen), key
            assert not any(c in shown for c in RAW_TERMINAL), (key, [c for c in RAW_TERMINAL if c in shown])
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
    saved = store.load(reference).case
    assert [e.text for e in saved.events][-len(HOSTILE) :] == HOSTILE  # stored exactly as given
    # Showing a value with its controls made visible is not an edit: nothing was re-saved.
    assert saved.case.court == HOSTILE[3] and [p.given_names for p in saved.people] == [
        p["given_names"] for p in people
    ]
    assert store.load(reference).version == 1


async def test_a_notification_quoting_user_text_shows_its_controls_made_visible(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.notify("Another dutydesk (Eve\x1b]2;PWNED\x07) changed this case", markup=False)
        await pilot.pause()
        (note,) = app._notifications
        assert "\x1b" not in note.message and "\x07" not in note.message and "PWNED" in note.message


async def test_a_name_with_markup_shows_literally_in_the_person_pickers(store: Store) -> None:
    """Issue 17's pickers list people by name: a name is user text, so '[bold]' and an
    '[@click]' action in it must show as typed and do nothing when chosen."""
    import json

    from dutydesk.domain.case.casefile import to_document
    from tests.rules.builders import case
    from tests.tui.test_desk_80x24 import screen_text

    doc = to_document(case())
    doc["people"][1]["given_names"] = "[bold]Zed[/] [@click=app.quit]x[/]"
    reference = store.import_document(json.loads(json.dumps(doc))).case.case.reference
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        await pilot.press("3", "a")  # Forms; an allegation, against the respondent by default
        await settle(pilot)
        against = field(app.screen, "forms.c1a.allegations[0].against")
        against.query_one("Select").focus()
        await pilot.press("enter")  # the list of people opens
        await settle(pilot, 0.3)
        assert "[bold]Zed[/] [@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("enter")  # chosen: nothing runs
        await settle(pilot, 0.3)
        assert app.is_running
