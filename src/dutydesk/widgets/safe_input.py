"""A text input that never holds a terminal control character.

Textual's Input draws its value as it is, and Rich strips only a few controls (BEL, BS, VT, FF,
CR): an ESC pasted into a field, or a stored value put in one for editing, would reach the
terminal — clearing it, retitling the window, recolouring what follows. Here every value, typed,
pasted or set, has control and bidi characters replaced by '�' before it is held or drawn.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from dutydesk.safe_text import neutralise

LINE_BREAK = " / "  # a one-line field keeps every line of a paste, the breaks shown so


class SafeInput(Input):
    def validate_value(self, value: str) -> str:  # Textual calls validate_<reactive> on every set
        return neutralise(value)

    def _on_paste(self, event: events.Paste) -> None:
        # Textual's Input keeps only a paste's first line: the rest of a phone note pasted from
        # an email would be lost without a word. Here every line is kept, in order.
        if event.text:
            text = LINE_BREAK.join(line for line in event.text.splitlines() if line.strip())
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # not Input's own handler as well
