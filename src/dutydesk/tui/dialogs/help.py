"""The keys of the screen underneath, listed."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.footer import DeskFooter


class HelpScreen(HelpAndQuitFirst, ModalScreen[None]):
    """The keys of the screen underneath."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-height: 90%; border: round $accent; background: $panel; padding: 0 1; }
    """

    def __init__(self, title: str, bindings: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.rows = title, list(bindings)

    def compose(self) -> ComposeResult:
        text = Text(f"{self.title_text}\n\n", style="bold")
        width = max((len(key) for key, _ in self.rows), default=0)
        for key, description in self.rows:
            text.append(f"{key:>{width}}  ", style="bold")
            text.append(f"{description}\n")
        text.append("\nEsc goes back. Ctrl+P finds every command and case. Ctrl+B blanks the screen.", style="italic")
        with VerticalScroll():
            yield Static(text, markup=False)
        yield DeskFooter()

    def action_close(self) -> None:
        self.dismiss(None)
