"""One line asked for, checked before the dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from dutydesk.tui.dialogs.keys import DIALOG_KEYS
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.safe_input import SafeInput
from dutydesk.tui.widgets.text import literal


class PromptDialog(HelpAndQuitFirst, ModalScreen[str | None]):
    """One line of text (a file path, a reason); Enter accepts, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel"), *DIALOG_KEYS]
    DEFAULT_CSS = """
    PromptDialog { align: center middle; }
    PromptDialog > Vertical { width: 72; height: auto; border: round $accent; background: $panel; padding: 0 1; }
    PromptDialog .error { color: $error; }
    """

    def __init__(
        self,
        title: str,
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
        hint: str = "Enter to accept · Esc to cancel",
    ) -> None:
        super().__init__()
        self.title_text, self.placeholder, self.check, self.hint = title, placeholder, check, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text, style="bold"))
            yield SafeInput(placeholder=self.placeholder)
            yield Label("", classes="error")
            yield Label(self.hint, classes="hint")
        yield DeskFooter()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check else None
        if problem:
            self.query_one(".error", Label).update(literal(problem))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def file_exists(text: str) -> str | None:
    path = Path(text.strip()).expanduser()
    return None if path.is_file() else f"No file at {path}"
