"""Letters: what the pathway and the deadlines call for, and the record of what was sent."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.dates import uk_instant
from dutydesk.domain.model import Event
from dutydesk.screens.steps.base import StepPane, fill_table, selected_key

# Letter kinds the officer can record as sent, and the event each writes (the rules read it).
LETTERS = {
    "court_told_c1a_not_completed": "Court told: C1A not completed as required (App. III)",
    "s120_notification_sent": "Section 120 notification sent to the LA (¶2.79)",
    "court_told_s120_notification": "Court told of the section 120 notification (App. III)",
    "court_told_no_screening": "Court told: work done without screening information (¶2.22)",
    "safeguarding_letter_sent": "Safeguarding letter sent to the court",
    "la_given_information": "LA given all available information (App. III)",
    "la_told_outcome": "LA told Cafcass involvement has ended and the outcome (App. III)",
}


class LettersPane(StepPane):
    step_id = "letters"
    KEYS = (("s", "record the highlighted letter as sent now"),)
    BINDINGS = [Binding("s", "sent", "Record sent", id="letters.sent")]

    def content(self) -> ComposeResult:
        yield Label("Letters the case calls for", classes="section")
        yield Static("", id="letters-needed", classes="derived", markup=False)
        yield Label("Record a letter as sent (highlight, press s)", classes="section")
        table: DataTable[object] = DataTable(cursor_type="row", id="letters")
        table.add_columns("Letter", "Sent")
        yield table

    def refresh_derived(self) -> None:
        needed = Text()
        for item in self.result.outstanding:
            if item.step in ("letters", "pathway") or "court" in item.what.lower():
                needed.append(f"· {item.what} ({item.ref})\n")
        self.derived("letters-needed", needed or Text("Nothing the rules call for yet."))
        sent = {e.kind: e.at for e in self.case.events if e.at is not None}
        fill_table(
            self.query_one(DataTable),
            [(kind, [label, uk_instant(sent[kind]) if sent.get(kind) else "—"]) for kind, label in LETTERS.items()],
        )

    def action_sent(self) -> None:
        kind = selected_key(self.query_one(DataTable))
        if kind is None:
            return
        self.case.events.append(Event(at=self.now(), by=self.workspace.officer, kind=kind, text=LETTERS[kind]))
        self.changed_structure()
        self.refresh_derived()
