"""The footer, cut only between keys: Textual's clips at the terminal's edge, mid-word ("d Dead"),
so at 80 columns a key could show half its name. Here a key shows whole or not at all (every key
is in the help, F1, and the palette), Help and Quit first (screens/footer_order.py)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_ROOM = 13  # "▏^p palette " on the right


class DeskFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        room = max(self.app.size.width, 20) - PALETTE_ROOM
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "command_palette" not in widget.action:
                need = len(widget.key_display) + len(widget.description) + 2  # compact: "d Deadlines "
                if need > room:
                    room = 0  # keep the order: once one does not fit, the rest wait for F1
                    continue
                room -= need
            yield widget

    def on_resize(self, _event: events.Resize) -> None:
        self.refresh(recompose=True)
