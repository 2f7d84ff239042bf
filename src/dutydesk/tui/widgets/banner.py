"""The escalation banner: shown the moment overall risk is high or imminent."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dutydesk.domain.rules.risk import EscalationResult


class EscalationBanner(Static):
    DEFAULT_CSS = """
    EscalationBanner { background: $error; color: $text; padding: 0 1; height: auto; display: none; }
    EscalationBanner.-shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)

    def show(self, esc: EscalationResult) -> None:
        needed = esc.service_manager_discussion_required and not esc.discussion_done
        urgent = esc.urgent_action and bool(esc.urgent_outstanding)
        self.set_class(needed or urgent, "-shown")
        if needed or urgent:
            urgent_word = "URGENT ACTION and " if urgent else ""
            self.update(
                Text(f"ESCALATE: {urgent_word}Service Manager discussion now ({esc.ref}) — press 7", style="bold")
            )
