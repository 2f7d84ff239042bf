"""Issue 29, items 4 and 5, at 80×24 with keys in bursts: each prompt clears by what it asks for, the
¶2.87 actions only where the danger is imminent, no police judgement asked where a ground decides,
the board's police word from the outcomes, a step ticked when complete (not on its first entry),
and harm words asked about once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from textual.widgets import DataTable, OptionList, Static

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.casefile import to_document
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.fields import FieldRow
from tests.rules.builders import allegation, case
from tests.tui.bursts import burst, keys_done
from tests.tui.test_desk_80x24 import screen_text
from tests.tui.test_workflow import choose, field, settle, whats_next

SIZE = (80, 24)
NOW = datetime(2025, 6, 16, 8, 0, tzinfo=UTC)
ASKED = {"da_asked": "asked", "da_asked_note": "No violence described."}


def _store(store: Store, **overrides: Any) -> str:
    doc = to_document(case(**overrides))
    for person in doc["people"]:
        if person["role"] in ("applicant", "respondent"):
            person.update(ASKED)
    return store.import_document(json.loads(json.dumps(doc))).case.case.reference


def _app(store: Store) -> DutydeskApp:
    return DutydeskApp(store, load_policy(), clock=lambda: NOW)


async def _open(app: DutydeskApp, pilot: Any, reference: str) -> CaseScreen:
    await settle(pilot)
    app.open_case(reference)
    await settle(pilot)
    assert isinstance(app.screen, CaseScreen)
    return app.screen


def _focus_editor(row: FieldRow) -> None:
    """The row's own editor, whatever it is (a one-line input or a multi-line area)."""
    editor = next(w for w in row.query("*") if w.focusable)
    editor.focus()


def _steps(screen: CaseScreen) -> list[str]:
    steps = screen.query_one("#steps", OptionList)
    return [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]


async def test_a_reason_for_not_yet_clears_tell_the_child(store: Store) -> None:
    """¶2.91: the child is told of the referral "unless it is considered unsafe to do so" — the item
    asks "or record why not": the reason typed (in a burst) under "Not yet" clears it."""
    referral = {
        "id": "r1",
        "kind": "s47_protection",
        "la": "Leeds Children's Social Care",
        "children": ["c1"],
        "phoned_at": "2025-06-13T16:10:00+01:00",
        "child_informed": "not_yet",
        "parents_informed": "yes",
        "parents_agreed": True,
    }
    reference = _store(store, referrals=[referral])
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, reference)
        assert "Tell the child about the referral, or record why not" in whats_next(app)
        await pilot.press("8")
        await settle(pilot, 0.3)
        screen.query_one("#referrals", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot, 0.3)
        dialog = app.screen
        assert isinstance(dialog, ItemDialog)
        _focus_editor(field(dialog, "referrals[r1].child_not_informed_reason"))
        burst(app, "The SW tells Cat after the strategy discussion (agreed on the call)", "escape")
        await keys_done(app, pilot)
        await settle(pilot)
        assert app.screen is screen
        assert "Tell the child" not in whats_next(app)
    saved = store.load(reference).case.referrals[0]
    assert saved.child_informed == "not_yet" and (saved.child_not_informed_reason or "").startswith("The SW tells")


async def test_high_risk_shows_no_police_first_and_imminent_does(store: Store) -> None:
    """¶2.87: "If a child is at immediate risk, the practitioner should seek the assistance of the
    Police" — for a child "in *imminent* danger"; on High, ¶2.30's discussion, not the urgent actions."""
    reference = _store(store, risk={"overall": "high"})
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, reference)
        assert "police first" not in whats_next(app).lower()
        await pilot.press("7")
        await settle(pilot, 0.3)
        urgent = str(screen.query_one("#esc-urgent", Static).render())
        assert "Contact the police first" not in urgent and "[to do]" not in urgent and "not imminent" in urgent
        screen.query_one("#pane-escalation").focus()
        burst(app, "u", "u", "x")  # refused, each: nothing to do on High
        await keys_done(app, pilot)
        assert screen.session.case.risk.urgent_actions == {}
        await pilot.press("6")
        await settle(pilot, 0.3)
        await choose(pilot, field(screen, "risk.overall"), "imminent")
        screen.query_one("#pane-risk").focus()
        burst(app, "7")
        await keys_done(app, pilot)
        await settle(pilot)
        assert "Contact the police first" in whats_next(app)
        screen.query_one("#pane-escalation").focus()
        burst(app, "u")  # the police contacted first, now
        await keys_done(app, pilot)
        await settle(pilot)
        assert "Contact the police first" not in whats_next(app)
    assert "police_first" in store.load(reference).case.risk.urgent_actions


async def test_no_police_judgement_is_asked_once_the_harm_box_decides(store: Store) -> None:
    """¶2.19: a police check is made where harm is raised "via the harm 'tick box' or any other
    information"; the officer's judgement is the third ground, asked only where the others are absent."""
    reference = _store(store)
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, reference)
        assert "Decide whether a police check is needed" in whats_next(app)
        await pilot.press("5")
        await settle(pilot, 0.3)
        assert field(screen, "screening.professional_judgement_police_check").display
        await pilot.press("3")
        await settle(pilot, 0.3)
        screen.query_one("#pane-forms").focus()
        field(screen, "forms.c1.harm_indicated").query_one("Select").focus()
        burst(app, "y", "f6")  # harm ticked on the C1, straight on to the Pathway
        await keys_done(app, pilot)
        await settle(pilot)
        assert screen.session.case.forms.c1.harm_indicated is True
        assert "Decide whether a police check" not in whats_next(app)
        assert not field(screen, "screening.professional_judgement_police_check").display
        assert not field(screen, "screening.professional_judgement_reason").display
        assert "not asked" in str(screen.query_one("#pathway-police", Static).render())
        screen.query_one("#pane-pathway").scroll_end(animate=False)
        await settle(pilot, 0.3)
        shown = screen_text(app)
        assert "not asked" in " ".join(shown.split()) and "Police check needed?" not in shown


async def test_the_board_says_what_the_police_checks_came_back_with(store: Store) -> None:
    """¶2.19: "a police check … will be made" — once both are back the board says what they said,
    never "police check: required"."""
    checks = [
        {"id": "k1", "kind": "police", "subject": "p1", "outcome": "no_concern", "summary": "No trace on PNC"},
        {
            "id": "k2",
            "kind": "police",
            "subject": "p2",
            "outcome": "concern",
            "summary": "PNC: caution 03/2019, assault by beating (s.39 CJA 1988)",
        },
    ]
    reference = _store(store, checks=checks, forms={"c1": {"harm_indicated": True}})
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 1.5)
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.rows[reference].police == "concern"
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "police check: concern" in detail and "required" not in detail


async def test_a_step_is_ticked_when_complete_not_on_its_first_entry(store: Store) -> None:
    """¶2.19-2.20 and ¶2.28: the intake's kinds of application, its receipt and the first hearing are
    its required content; ¶2.15: all children and relevant adults. A court typed in (in a burst) does
    not tick Intake; the received date, the last of its content, does."""
    reference = _store(store, case={"received_at": None})
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, reference)
        assert not _steps(screen)[0].startswith("✓")
        _focus_editor(field(screen, "case.received_at"))
        burst(app, "12/06/2025 09:30")
        await keys_done(app, pilot)
        await settle(pilot)
        assert _steps(screen)[0].startswith("✓"), _steps(screen)
        assert screen.session.case.case.received_at is not None

    only_a_child = [{"id": "c1", "role": "child", "given_names": "Oscar"}]
    fresh = store.import_document(
        json.loads(json.dumps(to_document(case(people=only_a_child, case={"reference": "T-2"}))))
    ).case.case.reference
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, fresh)
        assert not _steps(screen)[1].startswith("✓"), _steps(screen)  # one child named: People is begun


async def test_a_new_case_is_not_ticked_by_the_court_alone(store: Store) -> None:
    """A new case: the court typed in a burst is a first entry, not the intake."""
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # a new case: asked first, Enter makes it
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        _focus_editor(field(screen, "case.court"))
        burst(app, "Leeds Family Court")
        await keys_done(app, pilot)
        await settle(pilot)
        assert screen.session.case.case.court == "Leeds Family Court"
        assert not _steps(screen)[0].startswith("✓"), _steps(screen)


async def test_harm_words_in_a_classified_allegation_are_asked_once(store: Store) -> None:
    """¶2.79: the allegation's "hit" is in the harm picture already; the officer's note repeating it
    about the same child is not a new prompt, but a bruise the allegation never mentioned, typed on in
    the same note, is (¶2.19 "any other information") — and only the bruise is asked about."""
    a = allegation("child_abuse", description="Bob hit Cat across the face when she would not go to bed")
    reference = _store(store, forms={"c1": {"harm_indicated": True}, "c1a": {"completed": True, "allegations": [a]}})
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, reference)
        assert "Harm named" not in whats_next(app)
        await pilot.press("0")
        await settle(pilot, 0.3)
        screen.query_one("#pane-chronology").focus()
        burst(app, "n", "Ann repeated on the phone that Bob hit Cat.")
        await keys_done(app, pilot)
        await settle(pilot)
        assert "Harm named" not in whats_next(app)
        burst(app, " Cat came back from contact with a bruise on her arm.")  # the same note, typed on
        await keys_done(app, pilot)
        await settle(pilot)
        shown = " ".join(whats_next(app).split())
        assert "Harm named (physical harm): \u201cbruise\u201d" in shown  # the new word alone, not "hit"
    notes = [e.text for e in store.load(reference).case.events if e.kind == "note"]
    assert notes == ["Ann repeated on the phone that Bob hit Cat. Cat came back from contact with a bruise on her arm."]
