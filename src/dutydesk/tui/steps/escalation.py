"""The Service Manager discussion (¶2.81-2.83), the concern records (¶2.93-2.97) and, when risk
is imminent, the ¶2.87 actions."""

from __future__ import annotations

import copy
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.case.model import Concern, ConcernAction, Discussion, Injury
from dutydesk.domain.rules.labels import label
from dutydesk.domain.rules.linked_times import differences
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.steps.base import StepPane, fill_table, new_id, selected_key
from dutydesk.tui.steps.concern_specs import action_specs, concern_specs, injury_specs
from dutydesk.tui.widgets.fields import FieldSpec
from dutydesk.tui.widgets.text import literal


class EscalationPane(StepPane):
    KEYS = ("7", "f8")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "escalation"
    KEY_HELP = (("Enter", "edit the highlighted concern"),)
    BINDINGS = [
        Binding(
            "k",
            "add_concern",
            "Record concern",
            id="escalation.concern",
            tooltip="record a concern about harm (¶2.93-2.97)",
        ),
        Binding(
            "i",
            "add_injury",
            "Injury",
            id="escalation.injury",
            show=False,
            tooltip="add a visible injury to the highlighted concern (skin map, ¶2.96)",
        ),
        Binding(
            "t",
            "add_action",
            "Action taken",
            id="escalation.action",
            show=False,
            tooltip="add an action taken, timed now, to the highlighted concern (¶2.95)",
        ),
        Binding(
            "u",
            "urgent('done')",
            "Urgent done",
            id="escalation.urgent",
            tooltip="record the next urgent action as done now",
        ),
        Binding(
            "x",
            "urgent('not_applicable')",
            "Not applicable",
            id="escalation.na",
            tooltip="mark the next urgent action not applicable",
        ),
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
        yield Label("Concerns about harm (k: record · Enter: edit · i: injury · t: action)", classes="section")
        concerns: DataTable[object] = DataTable(cursor_type="row", id="concerns")
        for heading, width in (("Identified", 10), ("From", 9), ("About", 11), ("What", 16)):
            concerns.add_column(heading, width=width)
        yield concerns
        did = self.discussion_id()
        table = self.workspace.policy.escalation
        yield Label(f"Agreed record of the discussion ({table.discussion_ref})", classes="section")
        specs = [
            FieldSpec(f"discussions[{did}].with", "With (manager)"),
            FieldSpec(f"discussions[{did}].at", "When", "instant"),
        ]
        specs += [FieldSpec(f"discussions[{did}].record.{p.key}", p.title, "long") for p in table.points]
        specs.append(FieldSpec(f"discussions[{did}].agreed", "Record agreed", "tri"))
        yield from self.fields(specs)
        yield Label(f"Urgent action ({table.urgent_ref}) — u: done now · x: not applicable", classes="section")
        yield Static("", id="esc-urgent", classes="derived", markup=False)

    def refresh_derived(self) -> None:
        esc = self.result.escalation
        text = Text(esc.reason + "\n", style="bold red" if esc.service_manager_discussion_required else "")
        for reason in esc.reasons:
            text.append(f"  · because: {reason.text} ({reason.ref})\n")
        for inform in esc.inform_manager:
            mark = "done" if inform.done else "to do"
            text.append(f"  [{mark}] ", style="green" if inform.done else "bold yellow")
            text.append(
                f"{inform.text} — {self.case.referral_named(inform.referral_id)} ({inform.ref}; Referrals: m)\n"
            )
        for point in esc.missing_points:
            text.append(f"  · still to record: {point}\n")
        # One fact typed in two places with two times (issue 29): both kept, said where the concern
        # records are, until the officer corrects whichever is wrong.
        rules = self.workspace.policy.linked_times
        for differ in differences(self.case, rules) if rules else ():
            text.append("  !! ", style="bold yellow")
            text.append(differ.sentence(self.case) + "\n")
        self.derived("esc-status", text)
        fill_table(
            self.query_one("#concerns", DataTable),
            [
                (
                    c.id,
                    [
                        c.identified_at.strftime("%d/%m/%Y %H:%M") if c.identified_at else "(when?)",
                        label(c.source),
                        literal(", ".join(self.case.name_of(x) for x in c.children) or "(which child?)"),
                        literal(c.what_was_said or c.what_was_seen or "(what was said or seen?)"),
                    ],
                )
                for c in self.case.concerns
            ],
        )
        self.derived("esc-urgent", self._urgent_text(esc.urgent_action))

    def _urgent_text(self, imminent: bool) -> Text:
        """¶2.87's actions are to do only "where the child is in *imminent* danger": on any other
        level none is shown as to do — only what was recorded, if anything, while it was imminent."""
        urgent = Text()
        done = self.case.risk.urgent_actions
        for action in self.workspace.policy.escalation.urgent_actions:
            state = done.get(action.key)
            if not imminent and not state:
                continue
            urgent.append(
                f"[{'done ' + str(state)[:16] if state and state != 'not_applicable' else state or 'to do'}] ",
                style="green" if state else "bold yellow",
            )
            urgent.append(action.title + "\n")
        if not imminent:
            overall = self.case.risk.overall
            level = f"overall risk is {overall}" if overall else "overall risk is not recorded"
            urgent.append(f"None to do: {level}, not imminent (only a child in imminent danger).", style="dim")
        return urgent

    def action_urgent(self, how: str) -> None:
        # From the case as typed, not the last screening: the rules follow a pause in typing, and the
        # level may have been set to imminent a moment ago.
        if self.case.risk.overall not in self.workspace.policy.escalation.urgent_levels:
            self.notify(
                "Overall risk is not imminent: ¶2.87's urgent actions are for a child in imminent danger.",
                markup=False,
            )
            return
        for action in self.workspace.policy.escalation.urgent_actions:
            if not self.case.risk.urgent_actions.get(action.key):
                value = self.now().isoformat() if how == "done" else "not_applicable"
                self.edit(f"risk.urgent_actions.{action.key}", value)
                self.refresh_derived()
                return
        self.notify("All urgent actions are recorded.", markup=False)

    # -- concern records (¶2.93-2.97) ------------------------------------------------------
    def action_add_concern(self) -> None:
        cid = new_id("x")
        children = [c.id for c in self.case.children]
        self.case.concerns.append(
            Concern(
                id=cid,
                identified_at=self.now(),
                children=children[:1] if len(children) == 1 else [],
                recorded_by=self.workspace.officer,
                recorded_at=self.now(),
            )
        )
        self.changed_structure()
        self.open_concern(cid)

    def _concern_by_id(self, cid: str) -> Concern:
        return next((c for c in self.case.concerns if c.id == cid), Concern(id=cid))

    def _concern(self) -> Concern | None:
        key = selected_key(self.query_one("#concerns", DataTable))
        return next((c for c in self.case.concerns if c.id == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "concerns":
            self.open_concern(str(event.row_key.value))

    def open_concern(self, cid: str) -> None:
        self._open(concern_specs(cid), "Concern about harm (¶2.93-2.97)")

    def action_add_injury(self) -> None:
        concern = self._concern()
        if concern is None:
            self.notify("Record a concern first (k), then add its injuries.", markup=False)
            return
        injury = Injury(site="other")
        concern.injuries.append(injury)
        self.changed_structure()
        pristine = copy.deepcopy(injury)  # with the id the case gave it
        self._open(
            injury_specs(concern.id, len(concern.injuries) - 1),
            "Visible injury (skin map, ¶2.96)",
            discard=lambda: self._take_back(lambda: self._concern_by_id(concern.id).injuries, pristine),
        )

    def action_add_action(self) -> None:
        concern = self._concern()
        if concern is None:
            self.notify("Record a concern first (k), then the actions taken.", markup=False)
            return
        action = ConcernAction(at=self.now(), by=self.workspace.officer)
        concern.actions.append(action)
        self.changed_structure()
        pristine = copy.deepcopy(action)  # with the id the case gave it
        self._open(
            action_specs(concern.id, len(concern.actions) - 1),
            "Action taken (¶2.95)",
            discard=lambda: self._take_back(lambda: self._concern_by_id(concern.id).actions, pristine),
        )

    def _open(self, specs: list[FieldSpec], title: str, discard: Callable[[], None] | None = None) -> None:
        fields = self.item_fields(specs)

        def closed(_touched: bool | None) -> None:
            if discard is not None:
                discard()  # takes the new item back only if nothing was recorded in it
            self.refresh_derived()

        self.app.push_screen(ItemDialog(title, fields, self.edit), closed)
