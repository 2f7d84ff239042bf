"""What a step pane may ask of the case workspace that holds it, handed to each pane in its
constructor. The panes know this small protocol, never the workspace's class: the workspace
imports the panes, not the other way.

Edits are calls (`apply`, `structure_changed`): a field shows a refusal at once, and a new item
has its identity before the next key of a burst is typed into it (issue 28). Where to go and what
to write are messages the pane posts (`StepPane.GoToStep`, `LettersPane.DocumentWanted`). Earlier
records are read through `records`, a read-only port of the store."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from dutydesk.domain.case.model import Case
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.screening import Screening
from dutydesk.tui.records import CaseRecords


class OpenCase(Protocol):
    """The case being edited (services/session.py's CaseSession)."""

    @property
    def case(self) -> Case: ...


class Workspace(Protocol):
    @property
    def session(self) -> OpenCase: ...

    @property
    def records(self) -> CaseRecords: ...

    policy: Policy
    officer: str
    result: Screening

    def now(self) -> datetime: ...

    def apply(self, path: str, value: Any) -> str | None:
        """Record one field; returns why it was refused, else None."""

    def structure_changed(self) -> None:
        """An item was added or removed: save, and work the rules out again."""
