"""Chronology: every event and decision in time order, notes typed straight in, and the audit."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Static

from dutydesk.domain.case.model import Event
from dutydesk.domain.rules.labels import label
from dutydesk.domain.rules.linked_times import differences
from dutydesk.domain.time.dates import uk_instant, uk_instant_seconds
from dutydesk.tui.steps.base import StepPane, new_id
from dutydesk.tui.widgets.safe_input import SafeInput
from dutydesk.tui.widgets.text import literal


def _when(value: datetime | None) -> str:
    return uk_instant(value) if value else "(no time)"


class ChronologyPane(StepPane):
    KEYS = ("0", "f11")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "chronology"
    BINDINGS = [
        Binding(
            "n", "note", "Note", id="chronology.note", tooltip="write a note (saved as you type; Enter starts the next)"
        ),
        Binding("h", "history", "Audit", id="chronology.history", tooltip="show or hide the audit history"),
    ]

    def __init__(self, workspace: object) -> None:
        super().__init__(workspace)  # type: ignore[arg-type]
        self.note_id: str | None = None  # the note being typed, by its id
        self.show_history = False

    def content(self) -> ComposeResult:
        yield Label("Add a note (n) — saved as you type", classes="section")
        yield SafeInput(placeholder="Type a note; Enter to finish", id="note")
        yield Label("Chronology", classes="section")
        yield Static("", id="chronology", classes="derived", markup=False)
        yield Static("", id="audit", classes="derived", markup=False)

    def refresh_derived(self) -> None:
        c = self.case
        items: list[tuple[datetime | None, str]] = []
        for e in c.events:
            who = f" {e.by}" if e.by else ""
            flag = "!! " if e.kind == "conflict" else ""  # both texts kept: the officer acts on it
            items.append((e.at, f"{flag}{label(e.kind)}{who}: {e.text or ''}"))
        for r in c.referrals:
            for attr in (
                "phoned_at",
                "fax_sent_at",
                "post_sent_at",
                "sm_copy_sent_at",
                "la_responded_at",
                "chased_at",
                "court_informed_at",
            ):
                value = getattr(r, attr)
                if value:
                    items.append((value, f"Referral ({label(r.kind)}): {label(attr.removesuffix('_at')).lower()}"))
        for d in c.discussions:
            if d.at:
                items.append((d.at, f"Service Manager discussion with {d.with_ or '?'}"))
        if c.screening.decided_at:
            items.append((c.screening.decided_at, f"screening decided by {c.screening.decided_by}"))
        text = Text()
        # One fact typed in two places with two times (issue 29): both are kept, and said here —
        # where the times are read together — until the officer corrects whichever is wrong.
        rules = self.workspace.policy.linked_times
        for differ in differences(c, rules) if rules else ():
            text.append("!! ", style="bold yellow")
            text.append_text(literal(differ.sentence(c)))
            text.append("\n")
        for at, what in sorted(items, key=lambda x: x[0].timestamp() if x[0] else 0):
            text.append(f"{_when(at)}  ", style="bold")
            text.append_text(literal(what))
            text.append("\n")
        self.derived("chronology", text or Text("Nothing recorded yet."))
        self._show_audit()

    def _show_audit(self) -> None:
        if not self.show_history:
            self.derived("audit", Text("h: show the audit history", style="dim"))
            return
        text = Text("Audit history\n", style="bold")
        for row in self.workspace.records.history(self.case.case.reference):
            at = uk_instant_seconds(datetime.fromisoformat(row["at"]))
            what = (
                "created the case"
                if row["action"] == "create"
                else f"{row['entity']}.{row['field']}: {row['old']} → {row['new']}"
            )
            text.append(f"#{row['seq']} {at} ", style="dim")
            text.append_text(literal(f"{row['officer']}: {what}"))
            text.append("\n")
        self.derived("audit", text)

    def action_note(self) -> None:
        self.query_one("#note", Input).focus()

    def action_history(self) -> None:
        self.show_history = not self.show_history
        self._show_audit()

    @on(Input.Changed, "#note")
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        note = next((e for e in self.case.events if self.note_id and e.id == self.note_id), None)
        if not event.value.strip():
            if note is not None:
                # Backspaced to nothing: a note that is empty is not a note.
                self.case.events.remove(note)
                self.note_id = None
                self.changed_structure()
            return  # spaces alone do not start a note
        if note is None:
            note = Event(id=new_id("n"), at=self.now(), by=self.workspace.officer, kind="note", text=event.value)
            self.case.events.append(note)
            self.note_id = note.id
            self.changed_structure()
        else:
            self.edit(f"events[{note.id}].text", event.value)

    @on(Input.Submitted, "#note")
    def finished(self, event: Input.Submitted) -> None:
        event.stop()
        self.note_id = None  # the next keystroke starts a new note
        event.input.value = ""
        self.refresh_derived()
