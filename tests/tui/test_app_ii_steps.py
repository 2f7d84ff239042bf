"""Pilot: App. II in the workspace — an uncertain match is confirmed on the Pathway step with `c`
(What's next then says the Child Welfare (Protection) procedure), and a listed offence whose
victim's age is not known is asked about, shown with its match, not hidden."""

from __future__ import annotations

from textual.widgets import DataTable

from dutydesk.store.repository import Store
from dutydesk.tui.screens.case import CaseScreen
from tests.tui.conftest import make_app
from tests.tui.test_harm_steps import _store_case
from tests.tui.test_workflow import settle, whats_next


async def test_an_uncertain_match_is_confirmed_from_the_pathway_and_the_procedure_follows(store: Store) -> None:
    """App. II: a conviction for an offence on the list means the Child Welfare (Protection)
    procedure must be followed; a misspelt wording is only 'like' one until the officer says so."""
    finding = {"id": "f1", "subject": "p2", "kind": "conviction", "offence": "Cruelty to childern", "source": "PNC"}
    reference = _store_case(store, findings=[finding])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert "Confirm whether Bob Able" in whats_next(app)
        assert "Follow the Child Welfare (Protection) procedure" not in whats_next(app)
        await pilot.press("5")
        await settle(pilot)
        screen.query_one("#harm-items", DataTable).focus()
        await pilot.press("c")
        await settle(pilot)
        assert "Follow the Child Welfare (Protection) procedure" in whats_next(app)
        assert "Confirm whether Bob Able" not in whats_next(app)
    (decision,) = store.load(reference).case.screening.prompt_decisions
    assert decision.decision == "confirmed" and decision.key.startswith("findings[f1]|app_ii|Section 1")


async def test_a_victims_age_not_known_is_asked_for(store: Store) -> None:
    """App. II notes: "Unless stated otherwise, the victim of the offences listed above will be under 18"."""
    finding = {"id": "f1", "subject": "p2", "kind": "conviction", "offence": "Assault by beating", "source": "PNC"}
    reference = _store_case(store, findings=[finding])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        assert "Find out whether the victim of Bob Able's assault or battery was under 18" in whats_next(app)
