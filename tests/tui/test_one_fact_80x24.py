"""Pilot at 80×24 (issue 29): the fax time and the Service Manager's copy time are typed once.

¶2.95: "the time and date of actions taken by the practitioner" go on the concern record;
¶2.103: the referral is "confirmed in writing, preferably first by fax"; ¶2.108: "the Service
Manager receives a copy of the written confirmation". A time typed on the referral fills the
concern record's action and the reverse; a different time already recorded is kept beside it, and
the difference said. Keys are posted in bursts, none awaited between them.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.widgets import DataTable, Static

from dutydesk.domain.case.casefile import to_document
from dutydesk.domain.rules.linked_times import same_minute
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.fields import FieldRow
from tests.rules.builders import case
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import OFFICER, make_app
from tests.tui.test_workflow import settle

WROTE = "Written confirmation of the referral faxed to children's social care"


def the_case(actions: list[dict[str, Any]] | None = None, **referral: Any) -> dict[str, Any]:
    doc = to_document(
        case(
            concerns=[
                {
                    "id": "x1",
                    "identified_at": "2025-06-16T09:30:00+01:00",
                    "source": "child",
                    "children": ["c1"],
                    "what_was_said": "Dad hit me with a belt",
                    "actions": actions or [],
                }
            ],
            referrals=[
                {
                    "id": "r1",
                    "kind": "s47_protection",
                    "children": ["c1"],
                    "phoned_at": "2025-06-16T10:05:00+01:00",
                    "la": "Leeds City Council",
                    **referral,
                }
            ],
        )
    )
    return json.loads(json.dumps(doc))


@asynccontextmanager
async def opened(store: Store, doc: dict[str, Any], step: str) -> AsyncIterator[tuple[DutydeskApp, Any, str]]:
    reference = store.import_document(doc).case.case.reference
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        await pilot.press(step)
        await settle(pilot, 0.3)
        yield app, pilot, reference
        while not isinstance(app.screen, CaseScreen):
            await pilot.press("escape")
            await settle(pilot, 0.3)
        app.screen.flush()


def editor(app: DutydeskApp, name: str) -> Any:
    row = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(f".{name}"))
    return row.query_one("Input, TextArea")


async def test_the_fax_stamped_on_the_referral_is_the_concern_records_action(store: Store) -> None:
    async with opened(store, the_case(), "8") as (app, pilot, ref):
        app.screen.query_one("#referrals", DataTable).focus()
        burst(app, "x")  # Fax sent: now
        await keys_done(app, pilot)
    stored = store.load(ref).case
    faxed = stored.referrals[0].fax_sent_at
    (action,) = stored.concerns[0].actions
    assert faxed is not None and same_minute(action.at, faxed)
    assert (action.what, action.by) == (WROTE, OFFICER.name)
    # Recorded in the audit trail as the officer's edit, like anything typed.
    trail = [r for r in store.history(ref) if r["action"] == "update" and "actions" in f"{r['entity']}.{r['field']}"]
    assert trail and {r["officer"] for r in trail} == {OFFICER.name}


async def test_the_managers_copy_typed_as_an_action_fills_the_referral(store: Store) -> None:
    async with opened(store, the_case(), "7") as (app, pilot, ref):
        app.screen.query_one("#concerns", DataTable).focus()
        burst(app, "t")  # an action taken, timed now
        await keys_done(app, pilot)
        assert isinstance(app.screen, ItemDialog)
        editor(app, "what").focus()
        burst(app, "Emailed a copy of the written confirmation to the Service Manager")
        await keys_done(app, pilot)
    stored = store.load(ref).case
    (action,) = stored.concerns[0].actions
    assert action.at is not None and same_minute(stored.referrals[0].sm_copy_sent_at, action.at)
    assert stored.referrals[0].fax_sent_at is None  # a copy to the manager is not the fax


async def test_a_different_time_is_kept_beside_the_other_and_said(store: Store) -> None:
    """The referral's dialog: a fax time typed in a burst that differs from the action already
    timed on the concern record. Neither is overwritten; the Chronology says they differ."""
    doc = the_case([{"id": "t1", "at": "2025-06-16T13:50:00+01:00", "what": "Faxed CAF to Leeds MASH"}])
    async with opened(store, doc, "8") as (app, pilot, ref):
        app.screen.query_one("#referrals", DataTable).focus()
        burst(app, "enter")
        await keys_done(app, pilot)
        assert isinstance(app.screen, ItemDialog)
        editor(app, "fax_sent_at").focus()
        burst(app, "ctrl+u", "16/06/2025 14:05")
        await keys_done(app, pilot)
        burst(app, "escape", "0")  # the Chronology
        await keys_done(app, pilot)
        said = str(app.screen.query_one("#chronology", Static).render())
        assert "!! Referral 1's time the written confirmation was faxed is 16/06/2025 14:05" in said
        assert "“Faxed CAF to Leeds MASH” at 16/06/2025 13:50: both are kept" in said
        burst(app, "7")  # the Escalation step, where the concern records are
        await keys_done(app, pilot)
        said = " ".join(str(app.screen.query_one("#esc-status", Static).render()).split())
        assert "!! Referral 1's time the written confirmation was faxed is 16/06/2025 14:05" in said
    stored = store.load(ref).case
    assert [a.at.strftime("%H:%M") for a in stored.concerns[0].actions if a.at] == ["13:50"]
    fax = stored.referrals[0].fax_sent_at
    assert fax is not None and fax.strftime("%H:%M") == "14:05"
