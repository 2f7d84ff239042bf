"""Help and Quit first in the footer. Textual lists the focused widget's keys first and cuts
the footer at the terminal's edge, so at 80 columns a step with four keys of its own pushed
Help and Quit off the screen — the two keys a lost officer needs."""

from __future__ import annotations

from typing import Any

FIRST_ACTIONS = ("app.help", "help", "quit", "app.quit")


class HelpAndQuitFirst:
    @property
    def active_bindings(self) -> dict[str, Any]:
        bindings: dict[str, Any] = super().active_bindings  # type: ignore[misc]
        first = {k: v for k, v in bindings.items() if v.binding.action in FIRST_ACTIONS}
        return {**first, **{k: v for k, v in bindings.items() if k not in first}}
