"""The Service Manager discussion (¶2.81-2.82) and, when risk is imminent, the ¶2.87 actions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, Static

from dutydesk.domain.model import Discussion
from dutydesk.screens.steps.base import StepPane, new_id
from dutydesk.widgets.fields import FieldSpec


class EscalationPane(StepPane):
    step_id = "escalation"
    KEYS = (("u", "record the next urgent action as done now"), ("x", "mark the next urgent action not applicable"))
    BINDINGS = [
        Binding("u", "urgent('done')", "Urgent done", id="escalation.urgent"),
        Binding("x", "urgent('not_applicable')", "Not applicable", id="escalation.na"),
    ]

    def discussion_id(self) -> str:
        """The Service Manager discussion being recorded; a new one gets its id now and is
        added to the case only when the first thing is typed into it."""
        found = [d for d in self.case.discussions if d.kind == "service_manager"]
        if found:
            return found[-1].id
        if not hasattr(self, "_new_id"):
            self._new_id = new_id("d")
        return self._new_id

    def edit(self, path: str, value: object) -> str | None:
        did = self.discussion_id()
        if path.startswith(f"discussions[{did}]") and not any(d.id == did for d in self.case.discussions):
            self.case.discussions.append(Discussion(id=did, kind="service_manager"))
            self.changed_structure()
        return super().edit(path, value)

    def content(self) -> ComposeResult:
        yield Static("", id="esc-status", classes="derived", markup=False)
        did = self.discussion_id()
        table = self.workspace.policy.escalation
        yield Label(f"Agreed record of the discussion ({table.discussion_ref})", classes="section")
        specs = [
            FieldSpec(f"discussions[{did}].with", "With (manager)"),
            FieldSpec(f"discussions[{did}].at", "When", "instant"),
        ]
        specs += [FieldSpec(f"discussions[{did}].record.{p.key}", p.title) for p in table.points]
        specs.append(FieldSpec(f"discussions[{did}].agreed", "Record agreed", "tri"))
        yield from self.fields(specs)
        yield Label(f"Urgent action ({table.urgent_ref}) — u: done now · x: not applicable", classes="section")
        yield Static("", id="esc-urgent", classes="derived", markup=False)

    def refresh_derived(self) -> None:
        esc = self.result.escalation
        text = Text(esc.reason + "\n", style="bold red" if esc.service_manager_discussion_required else "")
        for point in esc.missing_points:
            text.append(f"  · still to record: {point}\n")
        self.derived("esc-status", text)
        urgent = Text()
        done = self.case.risk.urgent_actions
        for action in self.workspace.policy.escalation.urgent_actions:
            state = done.get(action.key)
            urgent.append(
                f"[{'done ' + str(state)[:16] if state and state != 'not_applicable' else state or 'to do'}] ",
                style="green" if state else "bold yellow",
            )
            urgent.append(action.title + "\n")
        if not esc.urgent_action:
            urgent.append("Only when overall risk is imminent.", style="dim")
        self.derived("esc-urgent", urgent)

    def action_urgent(self, how: str) -> None:
        for action in self.workspace.policy.escalation.urgent_actions:
            if not self.case.risk.urgent_actions.get(action.key):
                value = self.now().isoformat() if how == "done" else "not_applicable"
                self.edit(f"risk.urgent_actions.{action.key}", value)
                self.refresh_derived()
                return
        self.notify("All urgent actions are recorded.", markup=False)
