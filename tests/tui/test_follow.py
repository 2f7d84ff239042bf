"""Another officer's saved change appears on an open case within a few seconds, without moving
the cursor or touching what is being typed."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from dutydesk.domain.case.casefile import to_document
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from dutydesk.tui.screens.case import FOLLOW_EVERY, CaseScreen
from tests.rules.builders import case
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import make_app
from tests.tui.test_bursts import focus, row
from tests.tui.test_workflow import settle


async def test_their_change_shows_and_what_is_typed_stays(store: Store, tmp_path: Path) -> None:
    reference = store.import_document(json.loads(json.dumps(to_document(case())))).case.case.reference
    other = Store.open(Officer("Other Officer", "other"), db=tmp_path / "tui.sqlite3")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot, 0.3)
        await focus(app, pilot, "case.court_case_number")
        burst(app, "ctrl+u", "LS26P")
        await keys_done(app, pilot)
        assert isinstance(app.screen, CaseScreen)
        app.screen.flush()
        await settle(pilot, 0.3)
        # Meanwhile, on the other dutydesk: the court's name.
        loaded = other.load(reference)
        loaded.case.case.court = "Bradford Family Court"
        other.save(loaded.case, loaded.version)
        court = row(app, "case.court").query_one(Input)
        # The open case looks every FOLLOW_EVERY seconds: time itself must pass here.
        for _ in range(int((FOLLOW_EVERY + 1.5) / 0.1)):
            await pilot.pause(0.1)
            if court.value == "Bradford Family Court":
                break
        await settle(pilot)
        assert court.value == "Bradford Family Court"
        typed = row(app, "case.court_case_number").query_one(Input)
        assert typed.value == "LS26P" and typed.has_focus and typed.cursor_position == 5
        burst(app, "00042")  # typing goes on where it was
        await keys_done(app, pilot)
        assert isinstance(app.screen, CaseScreen)
        app.screen.flush()
    other.close()
    saved = store.load(reference).case.case
    assert (saved.court, saved.court_case_number) == ("Bradford Family Court", "LS26P00042")
