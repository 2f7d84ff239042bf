"""A scrolling column that keeps the field being worked in on screen.

Textual scrolls to a widget when it takes the focus, not when what is above it moves afterwards.
At 80×24 a step's reasons, a narrative field growing as it was typed, or a banner appearing pushed
the field that had just taken the focus off the bottom, and the officer typed into it unseen
(issue 29). While she is working — she moved the focus or typed within the last moment — the
focused field is brought back into view whenever the column's size changes; a field she scrolled
away from on purpose, to read further down, is left alone.
"""

from __future__ import annotations

from time import monotonic

from textual import events
from textual.containers import VerticalScroll

from dutydesk.widgets.fields import FieldRow

ACTIVE_FOR = 1.5  # seconds: longer than the rules' pause after typing, shorter than a glance away


class FocusKeepingScroll(VerticalScroll):
    _active_at = 0.0  # when the officer last moved the focus or typed in this column

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._active_at = monotonic()

    def on_field_row_changed(self, event: FieldRow.Changed) -> None:
        self._active_at = monotonic()

    def on_resize(self, event: events.Resize) -> None:
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors and monotonic() - self._active_at < ACTIVE_FOR:
            self.call_after_refresh(focused.scroll_visible, animate=False, immediate=True)
