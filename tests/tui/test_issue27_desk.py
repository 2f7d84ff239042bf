"""Issue 27 in the desk (Pilot): each obligation the screen missed shows in What's next and is
recorded where the officer works — ¶2.60 on the People step's person dialog, ¶2.100 and ¶3.90 by
one key on the Referrals step, a finding's own words reconciled on the Pathway step (App. II) —
and ¶2.28's risk identification is OVERDUE on the board once the first hearing has passed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from textual.widgets import DataTable, Static

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.casefile import to_document
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.screens.case import CaseScreen
from tests.rules.builders import case
from tests.tui.test_workflow import choose, field, settle, whats_next

NOW = datetime(2025, 6, 16, 8, 0, tzinfo=UTC)
AFTER_HEARING = datetime(2025, 7, 9, 8, 0, tzinfo=UTC)
ASKED = {"da_asked": "asked", "da_asked_note": "No violence described."}


def _store_case(store: Store, asked: bool = True, **overrides: Any) -> str:
    doc = to_document(case(**overrides))
    if asked:
        for person in doc["people"]:
            if person["role"] in ("applicant", "respondent"):
                person.update(ASKED)
    return store.import_document(json.loads(json.dumps(doc))).case.case.reference


def _app(store: Store, now: datetime = NOW) -> DutydeskApp:
    return DutydeskApp(store, load_policy(), clock=lambda: now)


async def test_a_parent_asked_about_domestic_violence_on_the_people_step(store: Store) -> None:
    """¶2.60: "parents should be routinely asked about domestic violence separately. In private law, this
    will be in privacy at the first meeting or interview" — outstanding for each party until recorded."""
    reference = _store_case(store, asked=False)
    app = _app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert "Ask Ann Able (applicant) about domestic violence" in whats_next(app)
        await pilot.press("2")  # People
        await settle(pilot, 0.3)
        table = screen.query_one("#people-table", DataTable)
        assert "Ann Able (applicant): NOT YET" in str(screen.query_one("#people-dv", Static).render())
        table.focus()
        await pilot.press("enter")  # the applicant's dialog
        await settle(pilot, 0.3)
        dialog = app.screen
        assert isinstance(dialog, ItemDialog)
        await choose(pilot, field(dialog, "people[p1].da_asked"), "asked")
        await settle(pilot, 0.3)
        assert field(dialog, "people[p1].da_asked_at").query_one("Input").value  # timed as it was answered
        await pilot.press("escape")
        await settle(pilot)
        assert "Ask Ann Able" not in whats_next(app)
        assert "Ask Bob Able (respondent) about domestic violence" in whats_next(app)
        assert "Ann Able (applicant): asked " in str(screen.query_one("#people-dv", Static).render())
    saved = store.load(reference).case.people[0]
    assert saved.da_asked == "asked" and saved.da_asked_at is not None


async def test_the_social_worker_copy_and_the_end_of_involvement_are_one_key_each(store: Store) -> None:
    """¶2.100: "A copy of the written information must also be sent to any allocated social worker";
    ¶3.90: "When Cafcass involvement ends, this should be notified to the agencies with whom Cafcass has
    previously shared information"."""
    referral = {
        "id": "r1",
        "kind": "s47_protection",
        "la": "Leeds Children's Social Care",
        "children": ["c1"],
        "phoned_at": "2025-06-13T16:10:00+01:00",
        "fax_sent_at": "2025-06-13T17:00:00+01:00",
        "social_worker": "Jo Hart, Leeds CIN team 3",
    }
    reference = _store_case(store, referrals=[referral], case={"status": "closed"})
    app = _app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        assert "allocated social worker, Jo Hart" in whats_next(app)
        assert "Cafcass's involvement has ended" in whats_next(app)
        await pilot.press("8")  # Referrals
        await settle(pilot, 0.3)
        app.screen.query_one("#referrals", DataTable).focus()
        await pilot.press("w", "e")
        await settle(pilot)
        assert "allocated social worker" not in whats_next(app)
        assert "involvement has ended" not in whats_next(app)
    saved = store.load(reference).case.referrals[0]
    assert saved.social_worker_copy_sent_at is not None and saved.involvement_end_sent_at is not None


async def test_a_finding_is_corrected_to_its_own_words_on_the_pathway(store: Store) -> None:
    """App. II: "Unless stated otherwise, the victim of the offences listed above will be under 18". A
    finding whose notes say "victim aged 13" but whose field says adult is put to the officer; c takes the
    words into the record, and Risk to Children follows."""
    finding = {
        "id": "f1",
        "subject": "p2",
        "kind": "conviction",
        "offence": "Assault occasioning actual bodily harm",
        "section": "Section 47",
        "act": "Offences Against the Person Act 1861",
        "victim_age": "adult",
        "notes": "Victim aged 13.",
    }
    reference = _store_case(store, findings=[finding])
    app = _app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert "Reconcile Bob Able's finding" in whats_next(app)
        assert screen.result.findings[0].status == "reconcile"
        await pilot.press("5")  # Pathway
        await settle(pilot, 0.3)
        table = screen.query_one("#harm-items", DataTable)
        keys = [str(k.value) for k in table.rows]
        table.focus()
        table.move_cursor(row=keys.index("findings[f1]|words|victim_age:under_18"))
        await pilot.press("c")
        await settle(pilot)
        assert "Reconcile" not in whats_next(app)
        assert screen.result.findings[0].status == "risk_to_children"
    assert store.load(reference).case.findings[0].victim_age == "under_18"


async def test_risk_identification_is_overdue_on_the_board_after_the_first_hearing(store: Store) -> None:
    """¶2.28: "risk identification will take place before the completion of the 1st court hearing"."""
    letter = {"at": "2025-07-03T10:00:00+01:00", "kind": "safeguarding_letter_sent", "text": "Sent"}
    reference = _store_case(store, events=[letter])  # the letter went: risk identification is what is left
    app = _app(store, AFTER_HEARING)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(40):
            await settle(pilot, 0.2)
            board = app.screen
            if isinstance(board, BoardScreen) and board.rows and board.rows[reference].next_item != "…":
                break
        assert isinstance(board, BoardScreen)
        row = board.rows[reference]
        assert row.next_status == "overdue" and "risk identification" in row.next_item
        assert "OVERDUE" in str(board.query_one(DataTable).get_row(reference)[4])
