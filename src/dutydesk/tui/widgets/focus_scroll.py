"""A scrolling column that keeps the field being worked in on screen.

Textual scrolls to a widget when it takes the focus (once, later, and only when the screen can
scroll to it), not when the widget or what is above it grows afterwards. At 80×24 a step's
reasons, a narrative field growing as it was typed, or a banner appearing pushed the field being
typed in off the bottom, and the officer typed unseen (issue 29: the tenth line of a reason typed in
the People dialog went on below the dialog's edge). While she is working — she moved the focus or
typed within the last moment — the focused field is brought back into view whenever it changes or
the column's size does; a field she scrolled away from on purpose, to read further down, is left
alone.
"""

from __future__ import annotations

from time import monotonic

from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Input, TextArea

from dutydesk.tui.widgets.fields import FieldRow

ACTIVE_FOR = 1.5  # seconds: longer than the rules' pause after typing, shorter than a glance away


class FocusKeepingScroll(VerticalScroll):
    _active_at = 0.0  # when the officer last moved the focus or typed in this column

    def _working(self) -> None:
        self._active_at = monotonic()
        self.call_after_refresh(self.show_focused)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._working()

    def on_field_row_changed(self, event: FieldRow.Changed) -> None:
        self._working()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._working()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._working()  # typed, even where the field refuses it (its error line grows the field)

    def on_resize(self, event: events.Resize) -> None:
        self._grown()

    def watch_virtual_size(self) -> None:
        # Textual sends Resize only when the column's own box changes; what is in it growing (an
        # error line under a field, a narrative area gaining a line) changes its virtual size.
        self._grown()

    def _grown(self) -> None:
        if monotonic() - self._active_at < ACTIVE_FOR:
            self.call_after_refresh(self.show_focused)

    def show_focused(self, again: bool = True) -> None:
        """Bring the focused field in this column into view, when it is not."""
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors or not self.is_mounted:
            return
        if not focused.region and again:
            # Shown a moment ago (a field that appears when the one before it is answered): not
            # laid out yet, so nowhere to scroll to — once more after the next refresh.
            self.call_after_refresh(self.show_focused, False)
            return
        # Textual's own scroll to a newly focused widget may still be gliding: land it first.
        # Scrolling from mid-glide computed the move from where the glide was and then jumped
        # to its end, leaving the column a fraction of a line off (a picture that differed run
        # to run, and a field's top line half hidden).
        for axis in ("scroll_x", "scroll_y"):
            self.app.animator.force_stop_animation(self, axis)
        # The whole field — its label, what is typed and any error under it — where it fits;
        # the focused widget alone where it does not.
        row = next((a for a in focused.ancestors if isinstance(a, FieldRow)), None)
        target = row if row is not None and row.outer_size.height <= self.scrollable_content_region.height else focused
        if not self.can_view_entire(target):
            self.scroll_to_widget(target, animate=False, immediate=True)
