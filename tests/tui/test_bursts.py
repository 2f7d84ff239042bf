"""Keys in bursts — a fast typist, a paste, a terminal delivering several keys in one read — end
up, in order, in the field that had the focus when they were typed. Every key here is handed to
the driver at once (tests/tui/bursts.py); nothing is awaited between them, and each test asserts
the value stored, exactly."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from textual import events
from textual.widgets import Input, Select, SelectionList

from dutydesk.domain.case.casefile import to_document
from dutydesk.domain.time.calendar import LONDON
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.fields import FieldRow
from tests.rules.builders import case
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle


@asynccontextmanager
async def opened(
    store: Store, step: str, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[DutydeskApp, Any, str]]:
    reference = store.import_document(json.loads(json.dumps(to_document(case())))).case.case.reference
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        await pilot.press(step)
        await settle(pilot, 0.3)
        yield app, pilot, reference
        assert isinstance(app.screen, CaseScreen)
        app.screen.flush()


def row(app: DutydeskApp, path: str) -> FieldRow:
    return next(r for r in app.screen.query(FieldRow) if r.spec.path == path)


async def focus(app: DutydeskApp, pilot: Any, path: str) -> None:
    target = row(app, path)
    if target.spec.kind in ("enum", "tri", "person"):
        target.query_one(Select).focus()
    elif target.choices:
        target.query_one(SelectionList).focus()
    else:
        target.query_one("Input, TextArea").focus()  # a narrative field is a TextArea (issue 29)
    await pilot.pause()


async def test_text_after_ctrl_u(store: Store) -> None:
    async with opened(store, "6") as (app, pilot, ref):
        await focus(app, pilot, "risk.likelihood_of_harm")
        burst(app, "Unlikely", "ctrl+u", "BS-8 in a week")
        await keys_done(app, pilot)
    assert store.load(ref).case.risk.likelihood_of_harm == "BS-8 in a week"


async def test_text_after_backspaces(store: Store) -> None:
    async with opened(store, "6") as (app, pilot, ref):
        await focus(app, pilot, "risk.likelihood_of_harm")
        burst(app, "XY-9Z", "backspace", "backspace", "8 likely")
        await keys_done(app, pilot)
    assert store.load(ref).case.risk.likelihood_of_harm == "XY-8 likely"


async def test_text_after_tab_lands_in_the_next_field(store: Store) -> None:
    async with opened(store, "6") as (app, pilot, ref):
        await focus(app, pilot, "risk.likelihood_of_harm")
        burst(app, "Likely within weeks", "tab", "Father's threats at handover are escalating")
        await keys_done(app, pilot)
    saved = store.load(ref).case.risk
    assert saved.likelihood_of_harm == "Likely within weeks"
    assert saved.analysis == "Father's threats at handover are escalating"


async def test_date_and_instant_retyped_at_speed(store: Store) -> None:
    async with opened(store, "3") as (app, pilot, ref):
        await focus(app, pilot, "forms.c1.received_on")
        burst(app, "13/06/2025", "ctrl+u", "14/06/2025", "tab", "tab", "02/07/2025")
        await keys_done(app, pilot)
    forms = store.load(ref).case.forms
    assert forms.c1.received_on == date(2025, 6, 14)
    assert forms.c7.received_on == date(2025, 7, 2)


async def test_applications_ticked_then_instants_typed_at_speed(store: Store) -> None:
    """Issue 17: applications are ticked from their names, never typed as identifiers; the
    keys after the Tab land in the next field."""
    async with opened(store, "1") as (app, pilot, ref):
        await focus(app, pilot, "case.applications")
        # The list as shown: Child arrangements order (ticked), Contact, Residence, Specific issue order …
        burst(app, "down", "down", "down", "space", "tab", "ctrl+u", "13/06/2025 16:10", "tab", "ctrl+u")
        burst(app, "08/07/2025 10:00")
        await keys_done(app, pilot)
    info = store.load(ref).case.case
    assert info.received_at == datetime(2025, 6, 13, 16, 10, tzinfo=LONDON)
    assert info.first_hearing_at == datetime(2025, 7, 8, 10, 0, tzinfo=LONDON)
    assert info.applications == ["child_arrangements", "specific_issue"]


async def test_people_picked_by_name_at_speed(store: Store) -> None:
    """Issue 17: who made the allegation, against whom and which children are at risk are chosen
    from the case's people by name; the children list offers the children only."""
    async with opened(store, "3") as (app, pilot, ref):
        await pilot.press("a")  # a C1A allegation: its dialog holds the people fields
        await settle(pilot, 0.3)
        by = row(app, "forms.c1a.allegations[0].by")
        assert [text for text, _v in by.spec.shown_options()] == [
            "Ann Able (applicant)",
            "Bob Able (respondent)",
            "Cat Able (child, born 01/01/2015)",
        ]
        # The applicant's C1A starts as the form says: by the applicant, against the respondent,
        # about the children. The officer turns it round at speed.
        workspace = next(s for s in app.screen_stack if isinstance(s, CaseScreen))
        new = workspace.session.case.forms.c1a.allegations[0]
        assert (new.by, new.against, new.children_at_risk) == ("p1", "p2", ["c1"])
        await focus(app, pilot, "forms.c1a.allegations[0].by")
        burst(app, "enter", "down", "enter", "tab", "enter", "up", "enter", "tab", "space", "tab", "x")
        await keys_done(app, pilot)
        await pilot.press("escape")
        await settle(pilot, 0.3)
    allegation = store.load(ref).case.forms.c1a.allegations[0]
    assert (allegation.by, allegation.against, allegation.children_at_risk) == ("p2", "p1", [])


async def test_a_select_chosen_from_the_keyboard_at_speed(store: Store) -> None:
    async with opened(store, "6") as (app, pilot, ref):
        await focus(app, pilot, "risk.overall")
        # The list as shown: (not recorded), none, low, medium, high, imminent.
        burst(app, "enter", "down", "down", "down", "enter", "tab", "Next field text")
        await keys_done(app, pilot)
    saved = store.load(ref).case.risk
    assert saved.overall == "medium"
    assert saved.likelihood_of_harm == "Next field text"


async def test_enter_in_the_chronology_starts_a_new_note_at_once(store: Store) -> None:
    async with opened(store, "0") as (app, pilot, ref):
        await pilot.press("n")
        burst(app, "Rang Ann at 10:05", "enter", "Rang Bob: no answer", "enter", "x", "backspace")
        await keys_done(app, pilot)
    notes = [e.text for e in store.load(ref).case.events if e.kind == "note"]
    assert notes == ["Rang Ann at 10:05", "Rang Bob: no answer"]  # and nothing empty


async def test_a_paste_with_an_escape_keeps_its_order(store: Store) -> None:
    """A narrative field (the analysis, multi-line since issue 29) keeps the paste's line break."""
    async with opened(store, "6") as (app, pilot, ref):
        await focus(app, pilot, "risk.analysis")
        burst(app, "From the school: ", events.Paste("first line\x1b[2Jsecond\nthird"), " — ends")
        await keys_done(app, pilot)
    # Every piece, in order; the ESC made visible, the line break kept, nothing dropped.
    assert store.load(ref).case.risk.analysis == "From the school: first line\ufffd[2Jsecond\nthird — ends"


async def test_a_paste_into_a_one_line_field_shows_its_line_break(store: Store) -> None:
    async with opened(store, "1") as (app, pilot, ref):
        await focus(app, pilot, "case.court")
        burst(app, "ctrl+u", "Leeds ", events.Paste("Family\x1b[2J\nCourt"), " (sitting)")
        await keys_done(app, pilot)
    assert store.load(ref).case.case.court == "Leeds Family\ufffd[2J / Court (sitting)"


async def test_a_step_key_never_leaves_the_cursor_in_a_field(store: Store) -> None:
    """ "Service Manager (duty)" became "0": a step key put the cursor in a field."""
    async with opened(store, "1") as (app, pilot, ref):
        await focus(app, pilot, "case.court")
        burst(app, "ctrl+u", "Leeds Family Court")
        await keys_done(app, pilot)
        app.screen.query_one("#steps").focus()
        await pilot.pause()
        burst(app, "7", "5", "1", "0")  # step keys, fast: they move, they never type
        await keys_done(app, pilot)
        assert not isinstance(app.focused, Input)
    saved = store.load(ref).case
    assert saved.case.court == "Leeds Family Court"
    assert not saved.events


async def test_ctrl_z_undoes_the_last_edit_of_the_focused_field(store: Store) -> None:
    async with opened(store, "6") as (app, pilot, ref):
        await focus(app, pilot, "risk.likelihood_of_harm")
        burst(app, "Likely within weeks", "ctrl+u", "oops", "ctrl+z")
        await keys_done(app, pilot)
        assert row(app, "risk.likelihood_of_harm").query_one("Input, TextArea").value == "Likely within weeks"
    assert store.load(ref).case.risk.likelihood_of_harm == "Likely within weeks"


async def test_f_keys_move_between_steps_from_inside_a_field_without_typing(store: Store) -> None:
    async with opened(store, "6") as (app, pilot, ref):
        await focus(app, pilot, "risk.likelihood_of_harm")
        burst(app, "Likely", "f8", "f2")  # F8: Escalation, F2: Intake — from inside the field
        await keys_done(app, pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.current == "intake"
        assert not isinstance(app.focused, Input)
    assert store.load(ref).case.risk.likelihood_of_harm == "Likely"
