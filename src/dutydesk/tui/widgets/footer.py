"""The footer: the keys that work here, drawn as one line.

Textual's Footer is a widget per key, recomposed (each key mounted anew and the whole screen laid
out again) every time the screen's bindings change — several times for one focus move. A step
switch cost three layouts of the screen, two of them the footer's. This footer is one widget of a
fixed size: when the keys change it repaints its one line, and nothing else moves.

It keeps what the desk's footer promised: a key shows whole or not at all (Textual's clips at the
terminal's edge, mid-word: "d Dead"; every key is in the help, F1, and the palette), Help and
Quit first (keys/footer_order.py), the palette key on the right, a click on a key presses it,
and the pointer over a key shows what it does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

PALETTE = "command_palette"


@dataclass(frozen=True)
class ShownKey:
    key: str  # what a click presses
    display: str  # "^q", "f1"
    description: str
    enabled: bool
    tooltip: str
    edge: bool = False  # the palette key, on the right past a thin rule
    start: int = 0  # columns of the footer it takes
    end: int = 0


class DeskFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"desk-footer--key", "desk-footer--description", "desk-footer--edge"}
    DEFAULT_CSS = """
    DeskFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    DeskFooter > .desk-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    DeskFooter > .desk-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    DeskFooter > .desk-footer--edge { color: $foreground 20%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[ShownKey] = []  # as drawn, left to right, the palette key last
        self._wanted: tuple[Any, ...] | None = None
        self._check_pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_later(self._update_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        # In the same frame as the focus move that changed them: checked once, however many
        # times the screen says so.
        if screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_later(self._update_keys)

    def on_resize(self, _event: events.Resize) -> None:
        self._wanted = None
        self._update_keys()

    def _update_keys(self) -> None:
        self._check_pending = False
        if not self.is_attached:
            return
        wanted, palette = self._wanted_keys()
        signature = (self.size.width, tuple(wanted), palette)
        if signature == self._wanted:
            return
        self._wanted = signature
        self.keys = self._fit(wanted, palette)
        self.refresh()

    def _wanted_keys(self) -> tuple[list[ShownKey], ShownKey | None]:
        """The screen's shown keys in its order, one per action (as Textual's footer lists
        them), and the palette key."""
        wanted: list[ShownKey] = []
        actions: set[str] = set()
        palette = None
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            display = self.app.get_key_display(binding)
            if binding.action == PALETTE or key == self.app.COMMAND_PALETTE_BINDING:
                if self.app.ENABLE_COMMAND_PALETTE and binding.action == PALETTE:
                    palette = ShownKey(key, display, binding.description, enabled, binding.tooltip, edge=True)
                continue
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            wanted.append(ShownKey(key, display, binding.description, enabled, tooltip or binding.description))
        return wanted, palette

    def _fit(self, wanted: list[ShownKey], palette: ShownKey | None) -> list[ShownKey]:
        width = max(self.size.width, 20)
        # "▏^p palette " on the right; the keys end a column before its rule
        palette_start = width - (len(palette.display) + len(palette.description) + 2) if palette else width
        room = palette_start - 2
        shown: list[ShownKey] = []
        column = 0
        for key in wanted:
            need = len(key.display) + (len(key.description) + 1 if key.description else 0)
            if column + need > room:
                break  # keep the order: once one does not fit, the rest wait for F1
            shown.append(ShownKey(**{**key.__dict__, "start": column, "end": column + need}))
            column += need + 1
        if palette:
            shown.append(ShownKey(**{**palette.__dict__, "start": palette_start, "end": width}))
        return shown

    def render(self) -> Text:
        key_style = self.get_component_rich_style("desk-footer--key")
        words_style = self.get_component_rich_style("desk-footer--description")
        edge_style = self.get_component_rich_style("desk-footer--edge", partial=True)
        dim = Style(dim=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        for key in self.keys:
            if key.edge:
                line.append(" " * max(0, key.start - line.cell_len - 1))
                line.append("▏", edge_style)
            elif line.cell_len:
                line.append(" ")
            line.append(key.display, key_style if key.enabled else key_style + dim)
            if key.description:
                line.append(" " + key.description, words_style if key.enabled else words_style + dim)
        return line

    def _key_at(self, x: int) -> ShownKey | None:
        return next((k for k in self.keys if k.start <= x < k.end), None)

    def on_click(self, event: events.Click) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        self.tooltip = key.tooltip if key else None
