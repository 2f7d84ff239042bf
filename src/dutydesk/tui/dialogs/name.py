"""First start: the officer's name as it should appear on records, asked inside the desk (never
on the terminal, where it went into pipes). Saved to config.toml; asked once."""

from __future__ import annotations

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

MAX_NAME = 80


class NameDialog(HelpAndQuitFirst, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "later", "Not now", id="name.later"), *DIALOG_KEYS]
    DEFAULT_CSS = """
    NameDialog { align: center middle; }
    NameDialog > Vertical { width: 72; max-width: 100%; height: auto; border: round $accent; background: $panel; padding: 0 1; }
    NameDialog Label { width: 1fr; height: auto; }
    NameDialog .error { color: $error; }
    """

    def __init__(self, os_user: str) -> None:
        super().__init__()
        self.os_user = os_user

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Welcome to dutydesk", style="bold"))
            yield Label(
                "Your name as it should appear on every record you make (the audit trail, letters, "
                "the chronology). You can change it later in your settings file, config.toml."
            )
            yield SafeInput(placeholder="e.g. Priya Shah", id="officer-name")
            yield Label("", classes="error")
            yield Label(f"Enter to save · Esc: not now, nothing kept (records say {self.os_user!r} until you do)")
        yield DeskFooter()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        problem = None
        if len(name) < 2:
            problem = "Type your name: at least two letters."
        elif len(name) > MAX_NAME:
            problem = f"That is {len(name)} characters; a name of up to {MAX_NAME} is accepted."
        if problem:
            self.query_one(".error", Label).update(problem)
            return
        self.dismiss(name)

    def action_later(self) -> None:
        self.dismiss(None)
