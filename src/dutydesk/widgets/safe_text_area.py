"""A multi-line field for narrative (an allegation, a call record, an analysis) that grows to show
what was written, and never holds a terminal control character.

Why a TextArea and not an Input: a one-line field about 35 characters wide showed an officer
"roborates the mother's account." of her own analysis (issue 29). Tab still moves to the next
field (the TextArea's default would indent); Enter starts a new line.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import TextArea

from dutydesk.safe_text import neutralise

MAX_LINES = 8  # beyond this the area scrolls: a dialog at 80×24 still shows the fields around it


def safe_lines(text: object) -> str:
    """Line breaks as one kind (a paste from an email brings CRLF), every other control made
    visible as '�' (safe_text.neutralise keeps newlines and tabs)."""
    return neutralise(str(text or "").replace("\r\n", "\n").replace("\r", "\n"))


class SafeTextArea(TextArea):
    DEFAULT_CSS = f"""
    SafeTextArea {{ height: auto; min-height: 2; max-height: {MAX_LINES + 1}; }}
    SafeTextArea.-textual-compact {{ min-height: 2; }}
    """

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        kwargs.setdefault("show_line_numbers", False)
        super().__init__(safe_lines(text), **kwargs)

    @property
    def value(self) -> str:
        return self.text

    def show_text(self, text: str) -> None:
        """A value from elsewhere (another desk): replaced in place, the cursor kept where it was
        (load_text would also drop the officer's undo history)."""
        text = safe_lines(text)
        if text == self.text:
            return
        row, column = self.cursor_location
        self.replace(text, (0, 0), self.document.end, maintain_selection_offset=False)
        last = self.document.line_count - 1
        row = min(row, last)
        self.move_cursor((row, min(column, len(self.document[row]))))

    async def _on_paste(self, event: events.Paste) -> None:
        # Every line of a paste kept, its controls made visible; TextArea's own handler then
        # does nothing more (the event is stopped here).
        event.stop()
        event.prevent_default()
        if self.read_only or not event.text:
            return
        if result := self._replace_via_keyboard(safe_lines(event.text), *self.selection):
            self.move_cursor(result.end_location)
