"""What a step pane may ask of the case workspace that holds it. The panes know this small
protocol, never the workspace's class: the workspace imports the panes, not the other way."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.screening import Screening
from dutydesk.services.session import CaseSession


class Workspace(Protocol):
    session: CaseSession
    policy: Policy
    officer: str
    result: Screening

    def now(self) -> datetime: ...

    def apply(self, path: str, value: Any) -> str | None:
        """Record one field; returns why it was refused, else None."""

    def structure_changed(self) -> None:
        """An item was added or removed: save, and work the rules out again."""

    def show_step(self, step_id: str) -> None:
        """Go to a step by its id."""
