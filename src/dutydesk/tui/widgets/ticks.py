"""A list ticked with Space, where a ticked line shows a tick and an unticked one a blank —
Textual's SelectionList draws the same X in both, told apart by colour alone."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class Ticks(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if len(segments) < 2:
            return strip
        inner = segments[1]
        segments[1] = Segment("✓" if selection.value in self._selected else " ", inner.style)
        return Strip(segments, strip.cell_length)
