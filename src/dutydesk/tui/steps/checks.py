"""Checks & findings: the ¶2.18 checks, police checks, findings with the Appendix II picker."""

from __future__ import annotations

from typing import get_args

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Label, Static

from dutydesk.domain.case.enums import CheckKind, CheckOutcome, Consent, CppStatus, FindingKind, VictimAge
from dutydesk.domain.case.model import Case, Check, Finding
from dutydesk.domain.rules.checks import required_checks, snapshot
from dutydesk.domain.rules.labels import label
from dutydesk.domain.rules.next_check import next_check
from dutydesk.domain.time.calendar import london_date
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.steps.base import StepPane, fill_table, new_id
from dutydesk.tui.steps.earlier import EarlierRecordsSection
from dutydesk.tui.widgets.fields import FieldRow, FieldSpec
from dutydesk.tui.widgets.offence_picker import OffencePicker
from dutydesk.tui.widgets.text import literal


def _check(case: Case, cid: str) -> Check | None:
    return next((c for c in case.checks if c.id == cid), None)


# A plan is what a plan check (or the LA's answer) says; a reason only where consent was not had.
PLAN_FROM = ("child_protection_plan", "la_knowledge")
NO_CONSENT = ("refused", "not_sought")


def check_specs(cid: str) -> list[FieldSpec]:
    p = f"checks[{cid}]"

    def plan_asked(case: Case) -> bool:
        check = _check(case, cid)
        return check is not None and check.kind in PLAN_FROM

    def reason_asked(case: Case) -> bool:
        check = _check(case, cid)
        return check is not None and check.consent in NO_CONSENT

    return [
        FieldSpec(f"{p}.kind", "Kind", "enum", get_args(CheckKind)),
        FieldSpec(f"{p}.subject", "About", "person", hint="not chosen: the whole family"),
        FieldSpec(f"{p}.requested_at", "Requested", "instant"),
        FieldSpec(
            f"{p}.expected_by", "Reply expected by", "date", hint="the court is told when an awaited check is due"
        ),
        FieldSpec(f"{p}.received_at", "Received", "instant"),
        FieldSpec(f"{p}.outcome", "Outcome", "enum", get_args(CheckOutcome)),
        FieldSpec(f"{p}.summary", "Summary", "long"),
        FieldSpec(
            f"{p}.plan",
            "Child protection plan",
            "enum",
            get_args(CppStatus),
            hint="For a plan check: current means the child remains at risk (¶2.79)",
            when=plan_asked,
        ),
        FieldSpec(
            f"{p}.consent", "Consent", "enum", get_args(Consent), hint="¶3.75: extended checks need written consent"
        ),
        FieldSpec(
            f"{p}.consent_note", "Why not sought", "long", hint="¶3.76: the reason must be recorded", when=reason_asked
        ),
    ]


def finding_specs(fid: str) -> list[FieldSpec]:
    p = f"findings[{fid}]"
    return [
        FieldSpec(f"{p}.subject", "About", "person"),
        FieldSpec(f"{p}.source", "Source (police, LA …)"),
        FieldSpec(
            f"{p}.kind",
            "Disposal",
            "enum",
            get_args(FindingKind),
            hint="App. II: convictions, cautions and discharges count",
        ),
        FieldSpec(f"{p}.offence", "Offence (as worded)"),
        FieldSpec(f"{p}.section", "Section"),
        FieldSpec(f"{p}.act", "Act"),
        FieldSpec(
            f"{p}.victim_age",
            "Victim's age",
            "enum",
            get_args(VictimAge),
            hint="App. II: unless stated otherwise the victim is under 18",
        ),
        FieldSpec(f"{p}.date", "Date", "partial", hint="as precise as the record: a year will do"),
        FieldSpec(f"{p}.notes", "Notes", "long"),
    ]


class FindingDialog(ItemDialog):
    @on(OffencePicker.Picked)
    def picked(self, event: OffencePicker.Picked) -> None:
        if event.offence is None:  # not on the list: the words as typed, the section and Act left as they are
            values = {"offence": event.typed}
        else:
            values = {"offence": event.offence.offence, "section": event.offence.section, "act": event.offence.act}
        for row in self.query(FieldRow):
            name = row.spec.path.rsplit(".", 1)[-1]
            if name in values:
                row.query_one(Input).value = values[name]  # posts Changed → saved like typing
        # On, as Enter goes on everywhere: to the first field still empty (who it is about), so
        # the next key is not typed into the search (a tester's "m" made "ABH" "ABHm").
        self.call_after_refresh(self._first_empty)

    def _first_empty(self) -> None:
        target = next((r for r in self._rows() if r.empty), None)
        if target is not None:
            self._enter(target)


class ChecksPane(StepPane):
    KEYS = ("4", "f5")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "checks"
    KEY_HELP = (
        ("Enter", "edit the highlighted check or finding"),
        ("y / x", "an earlier record is the same person / not the same (¶2.18)"),
    )
    BINDINGS = [
        Binding("a", "add_check", "Add check", id="checks.add", tooltip="add a check"),
        Binding(
            "g", "add_finding", "Add finding", id="checks.finding", tooltip="add a finding (with the App. II picker)"
        ),
    ]

    def content(self) -> ComposeResult:
        yield Label("What screening needs (¶2.18-2.19)", classes="section")
        yield Static("", id="checks-required", classes="derived", markup=False)
        yield Label("Checks recorded (a: add · Enter: edit)", classes="section")
        checks: DataTable[object] = DataTable(cursor_type="row", id="checks")
        # Fixed widths: the header never lags behind rows filled after the first paint.
        # What was checked and what came back first (80 columns show these two), then who and consent.
        for heading, width in (("Kind", 14), ("Outcome", 10), ("About", 14), ("Consent", 10)):
            checks.add_column(heading, width=width)
        yield checks
        yield Label("Findings (g: add · Enter: edit)", classes="section")
        findings: DataTable[object] = DataTable(cursor_type="row", id="findings")
        for heading, width in (("Offence", 22), ("Disposal", 12), ("About", 16)):
            findings.add_column(heading, width=width)
        yield findings
        yield Static("", id="checks-risk", classes="derived", markup=False)
        yield EarlierRecordsSection(self)

    def refresh_derived(self) -> None:
        text = Text()
        for c in self.result.required_checks:
            style = {"concern": "bold red", "outstanding": "yellow"}.get(c.status, "green")
            text.append(f"[{label(c.status).lower()}] ", style=style)
            text.append(f"{c.text} ({c.ref})\n")
        for prompt in self.result.check_prompts:
            text.append("! ", style="bold yellow")
            text.append(f"{prompt.text} ({prompt.ref})\n")
        self.derived("checks-required", text)
        risk = Text()
        for a in self.result.findings:
            if a.status == "risk_to_children":
                risk.append("RISK TO CHILDREN ", style="bold red")
            elif a.status in ("victim_age", "to_confirm"):
                risk.append("App. II? ", style="bold yellow")
            else:
                risk.append("App. II: ", style="dim")
            risk.append(a.text(self.case) + "\n")
            if a.listed:
                risk.append(f"  {a.how()}\n", style="dim")
        self.derived("checks-risk", risk)
        fill_table(
            self.query_one("#checks", DataTable),
            [
                (
                    c.id,
                    [
                        label(c.kind),
                        label(c.outcome),
                        literal(self.case.name_of(c.subject) if c.subject else "family"),
                        label(c.consent) if c.consent else "—",
                    ],
                )
                for c in self.case.checks
            ],
        )
        fill_table(
            self.query_one("#findings", DataTable),
            [
                (f.id, [literal(f.offence or "not named yet"), label(f.kind), literal(self.case.name_of(f.subject))])
                for f in self.case.findings
            ],
        )
        for section in self.query(EarlierRecordsSection):
            section.refresh_view()

    def action_add_check(self) -> None:
        cid = new_id("k")

        now = self.now()
        # ¶2.17: what the check asks about, so a name or address learned later shows it needs repeating
        covered = snapshot(self.case, london_date(now))
        # What screening most likely needs next, by what the record holds (¶2.18, then ¶2.19); "other"
        # when it holds every one — the Kind field, met first, asks (issue 29).
        # The checks as recorded this moment (the rules' last run may be a keystroke behind).
        police = self.result.police_check.status == "required"
        upcoming = next_check(self.case, required_checks(self.case, police))
        self.case.checks.append(
            Check(id=cid, kind=upcoming.kind, subject=upcoming.subject, requested_at=now, covered=covered)
        )
        self.changed_structure()
        self.open_item("checks", cid)

    def action_add_finding(self) -> None:
        fid = new_id("f")
        self.case.findings.append(Finding(id=fid, kind="conviction"))
        self.changed_structure()
        self.open_item("findings", fid)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id in ("checks", "findings"):
            self.open_item(str(event.data_table.id), str(event.row_key.value))

    def _number(self, table: str, key: str) -> int:
        """Items are named by their place on the screen, never by their stored id."""
        ids = [c.id for c in self.case.checks] if table == "checks" else [f.id for f in self.case.findings]
        return ids.index(key) + 1 if key in ids else len(ids)

    def open_item(self, table: str, key: str) -> None:
        if table == "checks":
            specs = check_specs(key)
            dialog = ItemDialog(
                f"Check {self._number('checks', key)}", self.item_fields(specs), self.edit, case=lambda: self.case
            )
        else:
            specs = finding_specs(key)
            dialog = FindingDialog(
                f"Finding {self._number('findings', key)}",
                self.item_fields(specs),
                self.edit,
                # The picker first: typing the offence is the first thing done, and it fills in
                # the offence, section and Act below it.
                first=[OffencePicker(self.workspace.policy.offence_matcher)],
            )
        self.app.push_screen(dialog, lambda _: self.refresh_derived())
