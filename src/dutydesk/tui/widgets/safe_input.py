"""A text input that never holds a terminal control character.

Textual's Input draws its value as it is, and Rich strips only a few controls (BEL, BS, VT, FF,
CR): an ESC pasted into a field, or a stored value put in one for editing, would reach the
terminal — clearing it, retitling the window, recolouring what follows. Here every value, typed,
pasted or set, has control and bidi characters replaced by '�' before it is held or drawn.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.widget import Widget
from textual.widgets import Input

from dutydesk.infra.safe_text import neutralise

LINE_BREAK = " / "  # a one-line field keeps every line of a paste, the breaks shown so
UNDO_DEPTH = 100
TYPING_RUN = 1.0  # seconds: characters typed this close together are undone as one


class SafeInput(Input):
    """Textual's Input has no undo (8.x): each field keeps its own short history, and Ctrl+Z
    goes back one edit — a run of typing, a Ctrl+U, a paste — at a time."""

    BINDINGS = [Binding("ctrl+z", "undo", "Undo", show=False, id="field.undo")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Focus puts the cursor at the end of what is recorded, never selects it all: one stray
        # key after Tab would replace "Helen Marsh, Service Manager" with "t" (issue 28). A whole
        # value is replaced deliberately, with Ctrl+U, and Ctrl+Z still brings it back.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    # Class defaults: Input sets its value in __init__, before an instance attribute could be.
    _history: tuple[str, ...] = ()
    _undoing = False
    _last_edit = 0.0

    def _cursor_in_sight(self) -> None:
        before = self.value[: self.cursor_position]
        self.scroll_to_region(Region(cell_len(before), 0, width=1, height=1), force=True, animate=False)

    def watch_value(self, old: str, new: str) -> None:
        if self.has_focus and old != new:
            # Input scrolls to its cursor on every change but the first (it is still "the
            # initial value" while it moves the cursor to the end): a run of characters typed
            # in one burst, as the key that opened the field, is one first change, and the
            # field showed its start with the cursor off to the right (found in tmux).
            self.call_after_refresh(self._cursor_in_sight)
        if self._undoing or not self.is_mounted or old == new:
            return
        now = monotonic()
        typing_on = _inserted(old, new) and now - self._last_edit < TYPING_RUN
        if not (typing_on and self._history):
            self._history = (*self._history, old)[-UNDO_DEPTH:]
        self._last_edit = now

    def action_undo(self) -> None:
        if not self._history:
            self.app.bell()
            return
        previous = self._history[-1]
        self._history = self._history[:-1]
        self._undoing = True
        try:
            self.value = previous
        finally:
            self._undoing = False
        self.cursor_position = len(self.value)
        self._last_edit = 0.0

    def _watch_value(self, value: str) -> None:
        # Textual's Input sets its virtual size on every change with layout=True; the layout pass
        # sizes it otherwise, so each key laid the whole screen out again — in a dialog over the
        # case, most of a keystroke's time (issue 28). The size is set first, quietly: Input's own
        # watcher then finds it unchanged. Scrolling reads the size directly and needs no layout.
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

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


def _inserted(old: str, new: str) -> bool:
    """`new` is `old` with characters typed in at one place (a key, or a burst of keys at once)."""
    if len(new) <= len(old):
        return False
    prefix = 0
    while prefix < len(old) and old[prefix] == new[prefix]:
        prefix += 1
    return new.endswith(old[prefix:])
