"""Pilot tests of the harm picture in the workspace: the Pathway step (harm named in a note,
confirmed or dismissed with the reason), the Escalation step (¶2.81 for any concern about
possible significant harm, ¶2.83 informing) and the concern record (¶2.93-2.97)."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Static

from dutydesk.domain.case.casefile import to_document
from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.dialogs.prompt import PromptDialog
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.fields import FieldRow
from tests.rules.builders import case
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle, whats_next

DISCLOSURE = (
    "Ann rang. Cat came back from her dad's on Sunday with a red mark on her cheek and said daddy slapped her "
    "when she wouldn't eat her tea."
)


def _store_case(store: Store, **overrides: object) -> str:
    doc = to_document(case(**overrides))
    return store.import_document(json.loads(json.dumps(doc))).case.case.reference


def _rendered(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_pathway_shows_a_disclosure_in_a_note_and_a_dismissal_keeps_its_reason(store: Store) -> None:
    """¶2.79 "all information about possible significant harm"; ¶4.31 a departure keeps its reason."""
    reference = _store_case(
        store, events=[{"at": "2025-06-13T12:05:00+01:00", "kind": "phone_call", "with": "p1", "text": DISCLOSURE}]
    )
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert "Harm named" in whats_next(app)
        assert screen.result.pathway.suggested.classification == "other_harm"
        await pilot.press("5")  # Pathway
        await settle(pilot)
        table = screen.query_one("#harm-items", DataTable)
        assert table.row_count == 1
        table.focus()
        await pilot.pause()
        assert "c: confirm" in _rendered(screen, "#harm-highlighted")
        # Dismiss: the reason is asked for, and an empty one is refused.
        await pilot.press("x")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)  # still asking
        reason = "Mark was from a fall at the park, seen by the childminder"
        await pilot.press(*reason, "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "Harm named" not in whats_next(app)
        assert screen.result.pathway.suggested.classification == "none"
        assert "Dismissed" in _rendered(screen, "#harm-summary")
    saved = store.load(reference).case
    (decision,) = saved.screening.prompt_decisions
    assert (decision.decision, decision.reason, decision.by) == ("dismissed", reason, "Test Officer")
    assert decision.key == "events[2025-06-13T12:05:00+01:00].text|harm"


async def test_confirming_words_keeps_them_in_the_picture(store: Store) -> None:
    reference = _store_case(
        store, events=[{"at": "2025-06-13T12:05:00+01:00", "kind": "phone_call", "with": "p1", "text": DISCLOSURE}]
    )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        screen.query_one("#harm-items", DataTable).focus()
        await pilot.press("c")
        await settle(pilot)
        assert screen.result.harm is not None
        (item,) = screen.result.harm.items
        assert not item.to_confirm and item.suggests == "other_harm"
        assert "confirm or dismiss" not in whats_next(app)
    (decision,) = store.load(reference).case.screening.prompt_decisions
    assert decision.decision == "confirmed"


async def test_escalation_for_a_medium_risk_referral_and_the_manager_told_after(store: Store) -> None:
    """¶2.81 "Where there are concerns about possible significant harm … must first discuss this
    with their Service Manager"; ¶2.83 "must inform the Service Manager as soon as possible"."""
    reference = _store_case(
        store,
        risk={"overall": "medium"},
        referrals=[
            {"id": "r1", "kind": "s47_protection", "children": ["c1"], "phoned_at": "2025-06-13T16:10:00+01:00"}
        ],
    )
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        await pilot.press("7")  # Escalation
        await settle(pilot)
        status = _rendered(screen, "#esc-status")
        assert "A referral under the Child Welfare (Protection) procedure (s47) is recorded" in status
        assert "[to do] Tell the Service Manager" in status
        assert "Tell the Service Manager, as soon as possible" in whats_next(app)
        await pilot.press("8")  # Referrals: m stamps "SM told of referral"
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert "Tell the Service Manager, as soon as possible" not in whats_next(app)
    assert store.load(reference).case.referrals[0].sm_informed_at is not None


async def test_a_concern_record_from_the_keyboard(store: Store) -> None:
    """¶2.93-2.97: what was said, when identified, each action with its time, who recorded it."""
    reference = _store_case(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot, 0.3)
        dialog = app.screen
        assert isinstance(dialog, ItemDialog)
        said = next(r for r in dialog.query(FieldRow) if r.spec.path.endswith(".what_was_said"))
        said.query_one("Input, TextArea").focus()
        await pilot.press(*"Cat said Lee pinches her arm when mum is at work")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Complete the concern record: the actions taken" in whats_next(app)
        screen.query_one("#concerns", DataTable).focus()
        await pilot.press("t")
        await settle(pilot, 0.3)
        action = app.screen
        assert isinstance(action, ItemDialog)
        what = next(r for r in action.query(FieldRow) if r.spec.path.endswith(".what"))
        what.query_one("Input, TextArea").focus()
        await pilot.press(*"Phoned the Service Manager")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Complete the concern record" not in whats_next(app)
        assert screen.result.escalation.service_manager_discussion_required
        assert screen.result.pathway.suggested.classification == "other_harm"
    (concern,) = store.load(reference).case.concerns
    assert concern.what_was_said == "Cat said Lee pinches her arm when mum is at work"
    assert concern.children == ["c1"] and concern.recorded_by == "Test Officer" and concern.identified_at
    assert [(a.what, a.by) for a in concern.actions] == [("Phoned the Service Manager", "Test Officer")]
    assert concern.actions[0].at is not None


async def test_a_public_law_case_is_refused_with_the_reason_and_the_desk_goes_on(store: Store) -> None:
    reference = _store_case(store, case={"law": "public", "reference": "PUB-1"})
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        assert not isinstance(app.screen, CaseScreen)
        assert app.is_running
        shown = " ".join(str(n.message) for n in app._notifications)
        assert "public law" in shown and "¶2.21" in shown
