"""Risk identification: every factor's level from the keyboard, the overall level, the score
as an aid only, and the escalation banner the moment overall is high or imminent."""

from __future__ import annotations

from typing import get_args

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.case.enums import Level
from dutydesk.domain.case.model import RiskFactor
from dutydesk.tui.steps.base import StepPane, fill_table, selected_key
from dutydesk.tui.widgets.fields import FieldSpec
from dutydesk.tui.widgets.text import literal

LEVEL_KEYS = {"n": "none", "l": "low", "m": "medium", "h": "high"}
SPECS = [
    FieldSpec("risk.overall", "Overall risk", "enum", get_args(Level), hint="high or imminent: escalate now (¶2.30)"),
    FieldSpec("risk.likelihood_of_harm", "Likelihood of harm", "long"),
    FieldSpec("risk.analysis", "Analysis", "long"),
    FieldSpec("risk.recommendation", "Recommendation to the court", "long", hint="the safeguarding letter needs it"),
    FieldSpec(
        "risk.availability",
        "Availability for the hearing",
        hint="dates the Children and Family Reporter can attend (¶2.112: attached where harm is significant)",
    ),
]


class RiskPane(StepPane):
    KEYS = ("6", "f7")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "risk"
    BINDINGS = [
        *(
            Binding(
                k,
                f"level('{v}')",
                f"{v}",
                id=f"risk.level.{v}",
                show=k == "h",
                tooltip=f"set the highlighted factor: {v}",
            )
            for k, v in LEVEL_KEYS.items()
        ),
        Binding("c", "complete", "Complete", id="risk.complete", tooltip="mark risk identification complete"),
    ]

    def content(self) -> ComposeResult:
        yield Label("Factors (¶2.14; SCR learning, App. A) — highlight one, press n l m h", classes="section")
        table: DataTable[object] = DataTable(cursor_type="row", id="factors")
        # Level first, at a fixed width: it is what the officer sets here, and a factor's title
        # can be wider than the pane; the line under the table gives the highlighted one whole.
        table.add_column("Level", width=8)
        table.add_column("Factor", width=28)
        table.add_column("Ref", width=12)  # fixed widths: nothing shifts as the rows arrive
        yield table
        yield Static("", id="factor-detail", classes="derived", markup=False)
        yield Static("", id="risk-score", classes="derived", markup=False)
        yield from self.fields(SPECS)

    def refresh_derived(self) -> None:
        levels = {f.factor: f.level for f in self.case.risk.factors}
        defs = self.workspace.policy.risk_factors.factors
        fill_table(
            self.query_one(DataTable),
            [(fid, [levels.get(fid, "—"), literal(d.title), d.ref]) for fid, d in defs.items()],
        )
        self.show_factor()
        score = self.result.risk_score
        text = Text(f"Score {score.total} from {score.rated} factors — ", style="bold")
        text.append(score.caveat)
        if self.case.risk.completed_at:
            text.append(f"\nCompleted by {self.case.risk.completed_by}", style="green")
        self.derived("risk-score", text)

    @on(DataTable.RowHighlighted, "#factors")
    def show_factor(self) -> None:
        """The highlighted factor in full: title, level and paragraph, at any width."""
        factor = selected_key(self.query_one(DataTable))
        definition = self.workspace.policy.risk_factors.factors.get(factor or "")
        if definition is None:
            return
        level = next((f.level for f in self.case.risk.factors if f.factor == factor), None) or "not set"
        self.derived("factor-detail", Text(f"{definition.title} — level: {level} ({definition.ref})"))

    def action_level(self, level: str) -> None:
        factor = selected_key(self.query_one(DataTable))
        if factor is None:
            return
        existing = next((f for f in self.case.risk.factors if f.factor == factor), None)
        if existing is None:
            self.case.risk.factors.append(RiskFactor(factor=factor, level=level))  # type: ignore[arg-type]
            self.changed_structure()
        else:
            index = self.case.risk.factors.index(existing)
            self.edit(f"risk.factors[{index}].level", level)
        self.refresh_derived()

    def action_complete(self) -> None:
        if self.case.risk.overall is None:
            self.notify("Record the overall level of risk first (¶2.26-2.30).", severity="warning", markup=False)
            return
        self.edit("risk.completed_at", self.now())
        self.edit("risk.completed_by", self.workspace.officer)
        self.refresh_derived()
