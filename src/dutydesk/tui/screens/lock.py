"""The idle lock: after a quiet spell every case is hidden until the officer returns (with the
passphrase, if one is set). Nothing of the case is on this screen, or under it in view."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Input, Label

from dutydesk.config.passphrase import passphrase_matches


class LockScreen(Screen[None]):
    BINDINGS = [Binding("enter", "unlock", "Unlock", id="lock.unlock", show=False)]
    DEFAULT_CSS = """
    LockScreen { background: black; align: center middle; }
    LockScreen Label { color: #a0a0a0; width: auto; }
    LockScreen Input { width: 40; }
    LockScreen #lock-error { color: $error; }
    """

    def __init__(
        self, minutes: float, passphrase_hash: str | None, came_back: Callable[[], None], blanked: bool = False
    ) -> None:
        super().__init__()
        self.minutes, self.passphrase_hash, self.blanked = minutes, passphrase_hash, blanked
        self.came_back = came_back  # the app's: the idle clock starts again, held toasts show

    def compose(self) -> ComposeResult:
        why = "was blanked" if self.blanked else f"is locked after {self.minutes:g} idle minutes"
        with Middle(), Center():
            yield Label(Text(f"dutydesk {why}. Case data is hidden."))
            if self.passphrase_hash:
                yield Label("Type your passphrase and press Enter.")
                yield Input(password=True, id="passphrase")
                yield Label("", id="lock-error")
            else:
                yield Label("Press Enter to return.")

    def on_unmount(self) -> None:
        self.came_back()

    def on_mount(self) -> None:
        self.title = "dutydesk — locked"
        for widget in self.query(Input):
            widget.focus()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.passphrase_hash and passphrase_matches(event.value, self.passphrase_hash):
            self.app.pop_screen()
        else:
            event.input.value = ""
            self.query_one("#lock-error", Label).update("That is not the passphrase.")

    def action_unlock(self) -> None:
        if not self.passphrase_hash:
            self.app.pop_screen()
