"""Pilot at 80×24 (issue 29): the App. II picker found by "assault by beating", "ABH", "s.47 OAPA";
the row Enter takes is marked on screen and named under the list, so ↓ Enter takes what the officer
sees; a wording not on the list is said so; and a new check defaults to what screening needs next.

App. II: "Assault or battery | Common Law"; "Assault occasioning actual bodily harm | Section 47 |
Offences Against the Person Act 1861". Keys are posted in bursts, none awaited between them.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.widgets import DataTable, Input, Select, Static

from dutydesk.domain.case.casefile import to_document
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.fields import FieldRow
from dutydesk.tui.widgets.offence_picker import MARK
from tests.rules.builders import case
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import make_app
from tests.tui.test_desk_80x24 import screen_text
from tests.tui.test_workflow import settle

SIZE = (80, 24)


@asynccontextmanager
async def on_checks(store: Store, **overrides: Any) -> AsyncIterator[tuple[DutydeskApp, Any, str]]:
    reference = store.import_document(json.loads(json.dumps(to_document(case(**overrides))))).case.case.reference
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot, 0.3)
        app.screen.query_one("#checks", DataTable).focus()
        yield app, pilot, reference
        screen = app.screen
        while not isinstance(screen, CaseScreen):
            await pilot.press("escape")
            await settle(pilot, 0.3)
            screen = app.screen
        screen.flush()


def takes(app: DutydeskApp) -> str:
    return str(app.screen.query_one("#offence-takes", Static).render())


def value(app: DutydeskApp, name: str) -> str:
    row = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(f".{name}"))
    return row.query_one(Input).value


async def new_finding(app: DutydeskApp, pilot: Any) -> None:
    await pilot.press("g")  # a finding: the App. II search box has the cursor
    await settle(pilot, 0.3)
    assert app.screen.focused is app.screen.query_one("#offence-search", Input)


async def test_assault_by_beating_is_found_and_enter_takes_the_row_marked(store: Store) -> None:
    async with on_checks(store) as (app, pilot, ref):
        await new_finding(app, pilot)
        burst(app, "assault by beating")
        await keys_done(app, pilot)
        shown = screen_text(app)
        assert f"{MARK} Assault or battery (Common Law)" in shown  # the mark is on screen, at 80 columns
        assert "alias: assault by beating" in shown  # why it matched
        said = takes(app)
        assert said.startswith(f"Enter takes {MARK} Assault or battery (Common Law)")
        assert "s39 Criminal Justice Act 1988" in said and "victim was under 18" in said
        burst(app, "enter")
        await keys_done(app, pilot)
        assert (value(app, "offence"), value(app, "section"), value(app, "act")) == (
            "Assault or battery",
            "Common Law",
            "",
        )
    finding = store.load(ref).case.findings[-1]
    assert (finding.offence, finding.section) == ("Assault or battery", "Common Law")


async def test_down_enter_takes_the_row_the_mark_moved_to(store: Store) -> None:
    """Issue 29: ↓ Enter chose ABH by mistake because the first row's highlight could not be seen.
    Now the mark moves with ↓ and the line under the list says what Enter takes."""
    async with on_checks(store) as (app, pilot, ref):
        await new_finding(app, pilot)
        burst(app, "GBH")
        await keys_done(app, pilot)
        assert takes(app).startswith(f"Enter takes {MARK} Wounding and causing grievous bodily harm: Inflicting")
        burst(app, "down")
        await keys_done(app, pilot)
        assert takes(app).startswith(f"Enter takes {MARK} Wounding and causing grievous bodily harm: Wounding with")
        assert f"{MARK} Wounding and causing grievous bodily harm: Wounding with" in screen_text(app)
        burst(app, "enter")
        await keys_done(app, pilot)
        assert value(app, "section") == "Section 18"
    assert store.load(ref).case.findings[-1].section == "Section 18"


async def test_a_burst_typed_then_down_enter_without_waiting(store: Store) -> None:
    """The words, ↓ and Enter in one burst: ↓ and Enter act on the list for what the box holds."""
    async with on_checks(store) as (app, pilot, ref):
        await new_finding(app, pilot)
        burst(app, "ABH", "down", "up", "enter")
        await keys_done(app, pilot)
        assert value(app, "offence") == "Assault occasioning actual bodily harm"
    finding = store.load(ref).case.findings[-1]
    assert (finding.section, finding.act) == ("Section 47", "Offences Against the Person Act 1861")


async def test_section_and_act_as_the_police_abbreviate_them(store: Store) -> None:
    async with on_checks(store) as (app, pilot, _ref):
        await new_finding(app, pilot)
        burst(app, "s.47 OAPA")
        await keys_done(app, pilot)
        assert "Act: s.47 OAPA 1861" in screen_text(app)
        assert takes(app).startswith(f"Enter takes {MARK} Assault occasioning actual bodily harm")


async def test_a_wording_not_on_the_list_is_said_and_enter_records_it_as_worded(store: Store) -> None:
    async with on_checks(store) as (app, pilot, ref):
        await new_finding(app, pilot)
        burst(app, "Assault a constable in the execution of his duty")
        await keys_done(app, pilot)
        said = takes(app)
        assert "is not an Appendix II offence" in said and "the victim is an adult by definition" in said
        assert "Enter records" in said
        burst(app, "enter")
        await keys_done(app, pilot)
        assert value(app, "offence") == "Assault a constable in the execution of his duty"
    assert store.load(ref).case.findings[-1].offence == "Assault a constable in the execution of his duty"


async def test_a_new_check_defaults_to_the_next_one_screening_needs(store: Store) -> None:
    """¶2.18's sources in order, then ¶2.19's police check on each party (the harm box ticked)."""
    recorded = [
        {"id": f"k{i}", "kind": kind, "outcome": "no_concern"}
        for i, kind in enumerate(("cafcass_records", "court_proceedings", "child_protection_plan"))
    ]
    harm = {"c1": {"harm_indicated": True}, "c7": {"harm_indicated": False}, "c1a": {}}
    async with on_checks(store, checks=recorded, forms=harm) as (app, pilot, ref):
        burst(app, "a")
        await keys_done(app, pilot)
        kind = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".kind"))
        assert kind.query_one(Select).value == "la_knowledge"
        burst(app, "escape", "a")
        await keys_done(app, pilot)
        subject = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".subject"))
        assert subject.query_one(Select).value == "p1"
    added = store.load(ref).case.checks[3:]
    assert [(c.kind, c.subject) for c in added] == [("la_knowledge", None), ("police", "p1")]


async def test_the_key_after_a_pick_goes_to_the_first_empty_field_not_the_search(store: Store) -> None:
    """A tester's "m" straight after Enter made the search "ABHm": after a pick the dialog goes on,
    as Enter does everywhere, to the first field still empty — who the finding is about."""
    async with on_checks(store) as (app, pilot, ref):
        await new_finding(app, pilot)
        burst(app, "ABH", "enter", "x")
        await keys_done(app, pilot)
        assert app.screen.query_one("#offence-search", Input).value == "ABH"
        focused = app.screen.focused
        row = next(r for r in app.screen.query(FieldRow) if focused in r.walk_children())
        assert row.spec.path.endswith(".subject")
        assert value(app, "offence") == "Assault occasioning actual bodily harm"
    assert store.load(ref).case.findings[-1].offence == "Assault occasioning actual bodily harm"
