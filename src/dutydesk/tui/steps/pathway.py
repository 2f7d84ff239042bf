"""Pathway: the harm picture (every piece of information about harm, from every source), the
suggested harm classification with its reasons, the officer's decision, the App. III actions,
and the police-check decision where it is the officer's judgement. Harm named in free text is
confirmed (c) or dismissed with a reason (x) here."""

from __future__ import annotations

from typing import get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.case.enums import HarmClassification
from dutydesk.domain.case.model import Event, PromptDecision
from dutydesk.domain.rules.harm import HarmItem
from dutydesk.domain.rules.labels import PATHWAY_ROWS, label
from dutydesk.domain.rules.screening import action_done
from dutydesk.tui.dialogs.prompt import PromptDialog
from dutydesk.tui.steps.base import StepPane, fill_table, new_id, selected_key
from dutydesk.tui.widgets.fields import FieldRow, FieldSpec
from dutydesk.tui.widgets.text import literal

SPECS = [
    FieldSpec(
        "screening.harm_classification",
        "Harm classification",
        "enum",
        get_args(HarmClassification),
        hint="Confirm the suggestion, or override it and give the reason below (¶4.31)",
    ),
    FieldSpec("screening.harm_classification_reason", "Reason", "long"),
]
POLICE_SPECS = [
    FieldSpec(
        "screening.professional_judgement_police_check",
        "Police check needed?",
        "tri",
        hint="Your professional judgement (¶2.19); record why",
    ),
    FieldSpec("screening.professional_judgement_reason", "Why", "long"),
]
POLICE_PATHS = {spec.path for spec in POLICE_SPECS}


SUGGESTS_WORD = {
    "other_harm": "other harm",
    "witnessing": "witnessing",
    "witnessing_ongoing": "witnessing, still at risk",
    "unclassified": "to classify",
}


def _need(text: str) -> str | None:
    return None if text.strip() else "Give the reason: it is kept on the record (¶4.31)"


class PathwayPane(StepPane):
    KEYS = ("5", "f6")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "pathway"
    KEY_HELP = (("Enter", "go to the step that holds the highlighted information"),)
    BINDINGS = [
        Binding(
            "m", "mark_done", "Mark action done", id="pathway.done", tooltip="mark the next open App. III action done"
        ),
        Binding(
            "c",
            "decide('confirmed')",
            "Confirm harm",
            id="pathway.confirm",
            tooltip="confirm the highlighted words as information about harm",
        ),
        Binding(
            "x",
            "decide('dismissed')",
            "Dismiss",
            id="pathway.dismiss",
            tooltip="dismiss the highlighted words, with the reason",
        ),
    ]

    def content(self) -> ComposeResult:
        yield Label("Harm information (¶2.19, ¶2.79)", classes="section")
        yield Static("", id="harm-summary", classes="derived", markup=False)
        table: DataTable[object] = DataTable(cursor_type="row", id="harm-items")
        for heading, width in (("Source", 13), ("Suggests", 9), ("State", 8), ("What", 16)):
            table.add_column(heading, width=width)
        yield table
        yield Static("", id="harm-highlighted", classes="derived", markup=False)
        yield Label("Section 120 pathway (App. III)", classes="section")
        yield Static("", id="pathway-summary", classes="derived", markup=False)
        yield from self.fields(SPECS)
        yield Label("Actions (m: mark the next one done)", classes="section")
        yield Static("", id="pathway-actions", classes="derived", markup=False)
        yield Label("Police check (¶2.19-2.20)", classes="section")
        yield Static("", id="pathway-police", classes="derived", markup=False)
        yield from self.fields(POLICE_SPECS)

    def _open_actions(self) -> list[tuple[str, str, str]]:

        out = []
        for row, action in self.result.pathway.actions:
            done = action_done(action.done_by, self.case)
            out.append((row, action.text, "done" if done else ("at the end" if action.at_end else "to do")))
        return out

    def _refresh_picture(self) -> None:
        picture = self.result.harm
        if picture is None:
            return
        summary = Text()
        for status in picture.c1a:
            if status.ticked:
                summary.append(
                    f"· {status.reason.text} ({status.reason.ref})\n", style="bold" if status.missing else ""
                )
        for reason in picture.remains_at_risk:
            summary.append(f"! The child is shown to remain at risk: {reason.text} ({reason.ref})\n", style="bold red")
        if not picture.items:
            summary.append("Nothing on the case describes harm (the forms, checks, findings, concerns and notes)")
        for prompt in (*self.result.language, *self.result.harm_text):
            if prompt.decision and prompt.decision.decision == "dismissed":
                why = prompt.decision.reason or "no reason given"
                summary.append(f"· Dismissed: \u201c{prompt.found}\u201d in {prompt.label} — {why}\n", style="dim")
        self.derived("harm-summary", summary)
        fill_table(
            self.query_one("#harm-items", DataTable),
            [
                (
                    item.key,
                    [
                        literal(item.source),
                        SUGGESTS_WORD[item.suggests],
                        "confirm?" if item.to_confirm else "recorded",
                        literal(item.text),
                    ],
                )
                for item in picture.items
            ],
        )
        self._show_highlighted()

    def _show_highlighted(self) -> None:
        """The highlighted piece in full: the table's columns cut it at 80 columns."""
        item = self._highlighted()
        text = Text()
        if item is not None:
            text.append(f"{item.source}: ", style="bold")
            text.append(f"{item.text} ({item.ref})")
            if "|app_ii|" in item.key:
                text.append(
                    "\n  c: confirm it is this Appendix II offence · x: dismiss with the reason", style="italic"
                )
            elif "|words|" in item.key:
                text.append(
                    "\n  c: correct the record to what its words say · x: keep the record, with the reason",
                    style="italic",
                )
            elif "|" in item.key:
                text.append("\n  c: confirm as information about harm · x: dismiss with the reason", style="italic")
        self.derived("harm-highlighted", text)

    def _highlighted(self) -> HarmItem | None:
        picture = self.result.harm
        key = selected_key(self.query_one("#harm-items", DataTable)) if picture else None
        return next((i for i in picture.items if i.key == key), None) if picture and key else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "harm-items":
            self._show_highlighted()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        item = self._highlighted() if event.data_table.id == "harm-items" else None
        if item is not None:
            self.post_message(self.GoToStep(item.step))

    def action_decide(self, decision: str) -> None:
        item = self._highlighted()
        if item is None or "|" not in item.key:
            self.notify(
                "Highlight words found in a note or summary (Source: Free text …) to confirm or dismiss them; "
                "other information is changed where it is recorded (Enter goes there).",
                markup=False,
            )
            return
        key = item.key
        if "|words|" in key and decision == "confirmed":
            self._take_the_words(key)
            return

        def record(reason: str | None) -> None:
            if reason is None and decision == "dismissed":
                return
            self.case.screening.prompt_decisions.append(
                PromptDecision(
                    id=new_id("pd"),
                    key=key,
                    decision=decision,  # type: ignore[arg-type]
                    reason=(reason or "").strip() or None,
                    by=self.workspace.officer,
                    at=self.now(),
                )
            )
            self.changed_structure()
            self.notify(f"Recorded: {decision} — {item.text}", markup=False)

        if decision == "dismissed":
            question = (
                "Why is this not the Appendix II offence it looked like?"
                if "|app_ii|" in key
                else "Why does the record stand, whatever its words say?"
                if "|words|" in key
                else "Why is this not information about harm?"
            )
            self.app.push_screen(PromptDialog(question, "the reason", _need), record)
        else:
            record(None)

    def _take_the_words(self, key: str) -> None:
        """A finding's record corrected to what its own words say (App. II: the disposal, the
        victim's age): `findings[f1]|words|victim_age:under_18` sets that finding's victim_age."""
        finding_part, _, said = key.partition("|words|")
        field, _, value = said.partition(":")
        problem = self.edit(f"{finding_part}.{field}", value)
        if problem:
            self.notify(problem, severity="error", markup=False)
            return
        what = {"kind": "disposal", "victim_age": "victim's age"}.get(field, field)
        self.notify(f"Recorded: the finding's {what} is now {label(value).lower()}", markup=False)

    def refresh_derived(self) -> None:
        self._refresh_picture()
        p = self.result.pathway
        text = Text()
        text.append("Suggested: ", style="bold")
        text.append(label(p.suggested.classification) + "\n")
        for r in p.suggested.reasons:
            text.append(f"  · {r.text} ({r.ref})\n")
        text.append("Rows: ", style="bold")
        text.append("; ".join(PATHWAY_ROWS.get(r, label(r)) for r in p.rows) or "not settled")
        text.append("\n")
        for r in p.reasons:
            text.append(f"  · {r.text} ({r.ref})\n")
        for w in p.warnings:
            text.append(f"  ! {w.text} ({w.ref})\n", style="bold red")
        self.derived("pathway-summary", text)
        actions = Text()
        for i, (row, what, state) in enumerate(self._open_actions(), start=1):
            style = {"done": "green", "to do": "bold yellow"}.get(state, "dim")
            actions.append(f"{i}. [{state}] ", style=style)
            actions.append(f"{what} ({row})\n")
        self.derived("pathway-actions", actions or Text("None: no further action with other agencies (App. III)"))
        police = self.result.police_check
        ptext = Text(f"{label(police.status).upper()}\n", style="bold")
        for r in police.reasons:
            ptext.append(f"  · {r.text} ({r.ref})\n")
        if not police.judgement_asked:
            ptext.append("  Your professional judgement is not asked: the ground above already decides\n", style="dim")
        self.derived("pathway-police", ptext)
        self._show_judgement(police.judgement_asked)

    def _show_judgement(self, asked: bool) -> None:
        """¶2.19's third ground, the officer's judgement, is asked only where no other ground (the harm
        box, other information, the court's welfare work) or office practice already requires the check."""
        for row in self.query(FieldRow):
            if row.spec.path in POLICE_PATHS and row.display != asked:
                if not asked and row.has_focus_within:
                    self.focus()  # never typing into a field that is no longer shown
                row.display = asked

    def action_mark_done(self) -> None:
        for _row, action in self.result.pathway.actions:
            if action.at_end or action_done(action.done_by, self.case) or not action.done_by.startswith("event:"):
                continue
            kind = action.done_by.split(":", 1)[1]
            self.case.events.append(Event(at=self.now(), by=self.workspace.officer, kind=kind, text=action.text))
            self.changed_structure()
            self.notify(f"Recorded: {action.text}", markup=False)
            return
        self.notify("No open action to mark here; referrals are recorded on the Referrals step (8).", markup=False)
