"""Pathway: the suggested harm classification with its reasons, the officer's decision, the
App. III actions, and the police-check decision where it is the officer's judgement."""

from __future__ import annotations

from typing import get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, Static

from dutydesk.domain.enums import HarmClassification
from dutydesk.domain.model import Event
from dutydesk.screens.steps.base import StepPane
from dutydesk.widgets.fields import FieldSpec

SPECS = [
    FieldSpec(
        "screening.harm_classification",
        "Harm classification",
        "enum",
        get_args(HarmClassification),
        hint="Confirm the suggestion, or override it and give the reason below (¶4.31)",
    ),
    FieldSpec("screening.harm_classification_reason", "Reason"),
]
POLICE_SPECS = [
    FieldSpec(
        "screening.professional_judgement_police_check",
        "Police check needed?",
        "tri",
        hint="Your professional judgement (¶2.19); record why",
    ),
    FieldSpec("screening.professional_judgement_reason", "Why"),
]


class PathwayPane(StepPane):
    step_id = "pathway"
    KEYS = (("m", "mark the next open App. III action done"),)
    BINDINGS = [Binding("m", "mark_done", "Mark action done", id="pathway.done")]

    def content(self) -> ComposeResult:
        yield Label("Section 120 pathway (App. III)", classes="section")
        yield Static("", id="pathway-summary", classes="derived", markup=False)
        yield from self.fields(SPECS)
        yield Label("Actions (m: mark the next one done)", classes="section")
        yield Static("", id="pathway-actions", classes="derived", markup=False)
        yield Label("Police check (¶2.19-2.20)", classes="section")
        yield Static("", id="pathway-police", classes="derived", markup=False)
        yield from self.fields(POLICE_SPECS)

    def _open_actions(self) -> list[tuple[str, str, str]]:
        from dutydesk.domain.screen import action_done

        out = []
        for row, action in self.result.pathway.actions:
            done = action_done(action.done_by, self.case)
            out.append((row, action.text, "done" if done else ("at the end" if action.at_end else "to do")))
        return out

    def refresh_derived(self) -> None:
        p = self.result.pathway
        text = Text()
        text.append("Suggested: ", style="bold")
        text.append(p.suggested.classification.replace("_", " ") + "\n")
        for r in p.suggested.reasons:
            text.append(f"  · {r.text} ({r.ref})\n")
        text.append("Rows: ", style="bold")
        text.append(", ".join(p.rows) or "not settled")
        text.append("\n")
        for r in p.reasons:
            text.append(f"  · {r.text} ({r.ref})\n")
        self.derived("pathway-summary", text)
        actions = Text()
        for i, (row, what, state) in enumerate(self._open_actions(), start=1):
            style = {"done": "green", "to do": "bold yellow"}.get(state, "dim")
            actions.append(f"{i}. [{state}] ", style=style)
            actions.append(f"{what} ({row})\n")
        self.derived("pathway-actions", actions or Text("None: no further action with other agencies (App. III)"))
        police = self.result.police_check
        ptext = Text(f"{police.status.replace('_', ' ').upper()}\n", style="bold")
        for r in police.reasons:
            ptext.append(f"  · {r.text} ({r.ref})\n")
        self.derived("pathway-police", ptext)

    def action_mark_done(self) -> None:
        for _row, action in self.result.pathway.actions:
            from dutydesk.domain.screen import action_done

            if action.at_end or action_done(action.done_by, self.case) or not action.done_by.startswith("event:"):
                continue
            kind = action.done_by.split(":", 1)[1]
            self.case.events.append(Event(at=self.now(), by=self.workspace.officer, kind=kind, text=action.text))
            self.changed_structure()
            self.notify(f"Recorded: {action.text}", markup=False)
            return
        self.notify("No open action to mark here; referrals are recorded on the Referrals step (8).", markup=False)
