"""A text input that never holds a terminal control character.

Textual's Input draws its value as it is, and Rich strips only a few controls (BEL, BS, VT, FF,
CR): an ESC pasted into a field, or a stored value put in one for editing, would reach the
terminal — clearing it, retitling the window, recolouring what follows. Here every value, typed,
pasted or set, has control and bidi characters replaced by '�' before it is held or drawn.
"""

from __future__ import annotations

from textual.widgets import Input

from dutydesk.safe_text import neutralise


class SafeInput(Input):
    def validate_value(self, value: str) -> str:  # Textual calls validate_<reactive> on every set
        return neutralise(value)
