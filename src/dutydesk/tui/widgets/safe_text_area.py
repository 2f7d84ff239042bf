"""A multi-line field for narrative (an allegation, a call record, an analysis) that grows to show
what was written, and never holds a terminal control character.

Why a TextArea and not an Input: a one-line field about 35 characters wide showed an officer
"roborates the mother's account." of her own analysis (issue 29). Tab still moves to the next
field (the TextArea's default would indent); Enter starts a new line.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.document._edit import Edit
from textual.document._history import EditHistory
from textual.widgets import TextArea

from dutydesk.infra.safe_text import neutralise

MAX_LINES = 8  # beyond this the area scrolls: a dialog at 80×24 still shows the fields around it


def safe_lines(text: object) -> str:
    """Line breaks as one kind (a paste from an email brings CRLF), every other control made
    visible as '�' (safe_text.neutralise keeps newlines and tabs)."""
    return neutralise(str(text or "").replace("\r\n", "\n").replace("\r", "\n"))


class _FieldHistory(EditHistory):
    """TextArea's history, with one rule of every one-line field: what is typed straight after a
    Ctrl+U (or another deletion to a line's edge) is one undo step with it, so Ctrl+Z gives back
    what was recorded before — not an empty field, then the old words on a second press."""

    joining: bool = False

    def record(self, edit: Edit) -> None:
        stack, joining = self._undo_stack, self.joining
        before = len(stack)
        super().record(edit)  # may checkpoint, which ends the joining
        result = edit._edit_result
        typed = result is not None and not result.replaced_text
        if joining and typed and before and len(stack) > before:
            stack[-2].extend(stack.pop())
        self.joining = joining and typed

    def checkpoint(self) -> None:
        """The cursor moved or the field was left: the next typing is an undo step of its own."""
        self.joining = False
        super().checkpoint()


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
        self.history = _FieldHistory(
            max_checkpoints=self.history.max_checkpoints, checkpoint_timer=2.0, checkpoint_max_characters=100
        )

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(safe_lines(text))

    # A deletion of more than a character starts a new undo step, as in every one-line field:
    # Ctrl+U and what is typed after it are undone together, giving back what was there before
    # (a burst arrives within TextArea's own two-second batching and was undone whole).
    def action_delete_to_start_of_line(self) -> None:
        self._deleting(super().action_delete_to_start_of_line)

    def action_delete_to_end_of_line(self) -> None:
        self._deleting(super().action_delete_to_end_of_line)

    def action_delete_word_left(self) -> None:
        self._deleting(super().action_delete_word_left)

    def action_delete_line(self) -> None:
        self._deleting(super().action_delete_line)

    def _deleting(self, delete: Any) -> None:
        self.history.checkpoint()
        delete()
        if isinstance(self.history, _FieldHistory):
            self.history.joining = True

    def on_focus(self, event: events.Focus) -> None:
        # Like every one-line field: the cursor at the end of what is recorded, so a key typed
        # on arriving adds to it rather than going in before the first word.
        if self.cursor_location == (0, 0) and self.text:
            self.move_cursor(self.document.end)

    def edit(self, edit: Edit) -> Any:
        result = super().edit(edit)
        if self.has_focus:
            # The cursor in sight again once this edit is laid out: the edit that brings up the
            # field's scrollbar wraps its lines again a column narrower after TextArea scrolled
            # to the cursor, and the line being typed was left below the field's window
            # (found by benchmarks/typing_speed.py: the end of a burst never shown).
            self.call_after_refresh(self.scroll_cursor_visible)
        return result

    def on_resize(self, event: events.Resize) -> None:
        if self.has_focus:
            self.call_after_refresh(self.scroll_cursor_visible)

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
