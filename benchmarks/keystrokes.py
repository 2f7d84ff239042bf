"""Keys an officer presses to record a whole new case, beyond the text itself; prints JSON.

The scenario is issue 17's: an urgent s47 referral on Christmas Eve at 80×24 — two parents (the
mother's address confidential), two children, the C1 and C1A with two allegations, a police
check with a finding picked from Appendix II, risk identification, the Service Manager's record,
the referral with its follow-ups, and two letters written. The app is driven with Pilot as a
person would drive it; every key is counted as `text` (a character of what is being recorded)
or `keys` (navigation, choices and commands). Target: keys ≤ 150 (about 450 by hand before).

Run: python benchmarks/keystrokes.py
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.keys import _character_to_key

from dutydesk.app import DutydeskApp
from dutydesk.domain.calendar import LONDON
from dutydesk.officer import Officer
from dutydesk.policy import load_policy
from dutydesk.store.repository import Store

NOW = datetime(2026, 12, 24, 10, 0, tzinfo=LONDON)
TARGET = 150


class Officer80x24:
    """Presses keys and counts them: text typed, and every other key."""

    def __init__(self, pilot: Any) -> None:
        self.pilot, self.keys, self.text = pilot, 0, 0
        self.by_step: dict[str, int] = {}
        self.step = "board"

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause(0.05)
        self.keys += len(keys)
        self.by_step[self.step] = self.by_step.get(self.step, 0) + len(keys)

    async def type(self, text: str) -> None:
        await self.pilot.press(*(c if c.isalnum() else _character_to_key(c) for c in text))
        await self.pilot.pause(0.05)
        self.text += len(text)

    async def go(self, step: int, name: str) -> None:
        """F2 … F11 reach step 1 … 0 from anywhere, a field included (a digit there is typed)."""
        self.step = name
        await self.press(f"f{step + 1}")
        await self.pilot.pause(0.3)

    async def choose(self, downs: int) -> None:
        """A Select: open it, move, take it."""
        await self.press("enter", *(["down"] * downs), "enter")


async def scenario(desk: Officer80x24, app: DutydeskApp) -> None:
    await desk.press("n")  # a new case, opened at Intake with the step list focused
    await desk.pilot.pause(0.5)
    desk.step = "intake"
    await desk.press("tab")
    await desk.type("Leeds Family Court")
    await desk.press("tab")
    await desk.type("LS26P01234")
    await desk.press("tab", "space", "tab", "tab")  # child arrangements ticked; received is now
    await desk.type("07/01/2027 10:00")

    await desk.go(2, "people")
    await desk.press("a")  # an adult: the applicant, the first party missing
    await desk.press("tab")
    await desk.type("Anna")
    await desk.press("tab")
    await desk.type("Kowalska")
    await desk.press("tab", "tab")
    await desk.type("12/03/1990")
    await desk.press("tab")
    await desk.type("mother")
    await desk.press("tab")
    await desk.type("14 Elm Road")
    await desk.press("tab")
    await desk.type("Leeds")
    await desk.press("tab")
    await desk.type("LS6 2AB")
    await desk.press("tab", "y", "tab", "tab")  # address confidential: yes
    await desk.type("07700 900123")  # the phone follows the address: confidential unless said
    await desk.press("escape", "a", "tab")  # the respondent
    await desk.type("Marek")
    await desk.press("tab")
    await desk.type("Kowalski")
    await desk.press("tab", "tab")
    await desk.type("02/02/1987")
    await desk.press("tab")
    await desk.type("father")
    await desk.press("escape")
    for name, born in (("Zofia", "01/05/2018"), ("Jan", "03/09/2020")):
        await desk.press("c", "tab")  # a child added is a child
        await desk.type(name)
        await desk.press("tab")
        await desk.type("Kowalska")
        await desk.press("tab", "tab")
        await desk.type(born)
        await desk.press("escape")

    await desk.go(3, "forms")
    await desk.press("tab", "y", "tab", "y")  # C1 harm ticked; the C1A beside it completed
    for kind in ("physical", "emotional"):
        # An allegation on the applicant's C1A: domestic abuse, by the applicant against the
        # respondent, about both children, as the form says until changed.
        await desk.press("a", "tab")
        await desk.press(*(["down"] * ("physical", "psychological", "sexual", "emotional").index(kind)), "space")
        await desk.press("tab", "tab", "tab", "tab", "y", "tab", "y", "tab")  # seen or heard; ongoing
        await desk.type("Since 2024, at handovers")
        await desk.press("escape")

    await desk.go(4, "checks")
    await desk.press("a")  # a check: its kind first
    await desk.choose(4)  # police
    await desk.press("tab")
    await desk.choose(2)  # on Marek
    await desk.press("tab", "tab", "tab")
    await desk.choose(2)  # outcome: concern
    await desk.press("escape", "g")  # a finding: the App. II search box has the cursor
    await desk.type("cruelty")
    await desk.press("enter", "tab", "tab")  # the best match fills offence, section and Act
    await desk.choose(2)  # about Marek
    await desk.press("escape")

    await desk.go(6, "risk")
    await desk.press("down", "h")  # domestic violence: high
    await desk.press("tab")
    await desk.choose(4)  # overall: high
    await desk.press("tab")
    await desk.type("Likely: threats at handovers are escalating")

    await desk.go(7, "escalation")
    await desk.press("tab")
    await desk.type("Sam Patel")
    await desk.press("tab", "tab")  # when: now, as stamped
    await desk.type("Escalating domestic abuse; both children present at handovers")
    await desk.press("tab")
    await desk.type("With their mother at a confidential address")
    await desk.press("tab", "tab")
    await desk.type("Yes: s47 today")
    await desk.press("tab", "tab", "tab", "tab", "tab", "tab", "tab", "y")  # record agreed

    await desk.go(8, "referrals")
    await desk.press("a", "tab")  # an s47 referral, both children chosen
    await desk.type("Leeds City Council")
    await desk.press("tab", "tab", "tab")
    await desk.type("Duty social worker R. Khan")
    await desk.press("tab")
    await desk.type("Threats at handovers; mother and children at a refuge")
    await desk.press("escape", "p", "x", "s", "t")  # phoned, fax sent, Manager's copy, court told

    await desk.go(9, "letters")
    await desk.press("w")  # the covering letter and CAF, first row
    await desk.press("down", "down", "w")  # the court told of the referral


OFFICE = """[office]
name = "Cafcass, Leeds office"
address = "Level 3, 1 City Square, Leeds, LS1 2ES"
phone = "0300 456 4000"
email = "duty.leeds@cafcass.gov.uk.cjsm.net"
role = "Family Court Adviser"
"""


async def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        # The letterhead is set once, at first start, not per case: it is not counted here.
        os.environ["DUTYDESK_CONFIG_DIR"] = tmp
        (Path(tmp) / "config.toml").write_text(OFFICE, encoding="utf-8")
        store = Store.open(Officer("Benchmark Officer", "bench"), db=Path(tmp) / "bench.sqlite3")
        app = DutydeskApp(store, load_policy(), clock=lambda: NOW, show_clock=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.5)
            desk = Officer80x24(pilot)
            await scenario(desk, app)
            screen: Any = app.screen
            await pilot.pause(0.5)
            if hasattr(screen, "flush"):
                screen.flush()
            reference = screen.session.case.case.reference
        case = store.load(reference).case
        store.close()
    mother = case.with_role("applicant")[0]
    recorded = {
        "people": [(p.full_name, p.role) for p in case.people],
        "mother_address_and_phone_confidential": (mother.addresses[0].confidential, mother.phone_is_confidential),
        "allegations": [
            (case.name_of(a.by), case.name_of(a.against), len(a.children_at_risk), a.types, a.ongoing)
            for a in case.forms.c1a.allegations
        ],
        "checks": [(c.kind, case.name_of(c.subject), c.outcome) for c in case.checks],
        "findings": [(case.name_of(f.subject), f.offence, f.act) for f in case.findings],
        "risk_overall": case.risk.overall,
        "referrals": [
            (r.kind, bool(r.phoned_at), bool(r.fax_sent_at), bool(r.sm_copy_sent_at)) for r in case.referrals
        ],
        "letters_drafted": sum(1 for e in case.events if e.kind == "document_drafted"),
    }
    return {
        "benchmark": "keystrokes",
        "scenario": "issue 17: urgent s47 on Christmas Eve at 80x24",
        "keys": desk.keys,
        "text_characters": desk.text,
        "keys_by_step": desk.by_step,
        "target_keys": TARGET,
        "within_target": desk.keys <= TARGET,
        "recorded": recorded,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main()), indent=2))
