"""Intake: the application as it reached Cafcass."""

from __future__ import annotations

from typing import get_args

from textual.app import ComposeResult
from textual.widgets import Label

from dutydesk.domain.case.enums import Application, CaseStatus, WelfareWork
from dutydesk.tui.steps.base import StepPane
from dutydesk.tui.widgets.fields import FieldSpec
from dutydesk.tui.widgets.text import literal

SPECS = [
    FieldSpec("case.court", "Court"),
    FieldSpec("case.court_case_number", "Court case number"),
    FieldSpec("case.court_address", "Court's address", hint="for letters to the court: lines separated by commas"),
    FieldSpec(
        "case.applications",
        "Applications",
        "list",
        get_args(Application),
        hint="Space ticks",
    ),
    FieldSpec("case.received_at", "Received", "instant"),
    FieldSpec("case.first_hearing_at", "First hearing (FHDRA)", "instant"),
    FieldSpec("case.without_notice", "Urgent, without notice", "tri", hint="the Service Manager's review covers these"),
    FieldSpec(
        "case.court_requested_welfare_work",
        "Welfare work asked",
        "list",
        get_args(WelfareWork),
        hint="¶2.19: a section 7 report needs police checks",
    ),
    FieldSpec(
        "case.emergency_without_screening",
        "Worked without screening",
        "tri",
        hint="¶2.22: the court must be told in writing",
    ),
    FieldSpec(
        "case.emergency_record",
        "What happened and why",
        hint="¶2.22: the record Cafcass keeps of work done without screening",
    ),
    FieldSpec("case.status", "Status", "enum", get_args(CaseStatus)),
]


class IntakePane(StepPane):
    KEYS = ("1", "f2")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "intake"

    def content(self) -> ComposeResult:
        info = self.case.case
        yield Label(
            literal(f"Case {info.reference}" + (f" · HMCTS {info.hmcts_case_id}" if info.hmcts_case_id else "")),
            classes="section",
        )
        yield from self.fields(SPECS)
