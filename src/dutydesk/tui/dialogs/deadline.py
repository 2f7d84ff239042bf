"""The deadline calculator: N working days after or before a date, with the days skipped."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, Switch

from dutydesk.domain.time.calendar import LONDON, WorkingCalendar, london_date, uk_date
from dutydesk.domain.time.dates import ACCEPTED, parse_instant, uk_instant
from dutydesk.errors import BadInput
from dutydesk.tui.dialogs.keys import DIALOG_KEYS
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.safe_input import SafeInput


class DeadlineScreen(HelpAndQuitFirst, ModalScreen[None]):
    """From anywhere: a date/time and N working days, forward or back, with the days skipped."""

    BINDINGS = [Binding("escape", "close", "Close", id="deadline.close"), *DIALOG_KEYS]
    DEFAULT_CSS = """
    DeadlineScreen { align: center middle; }
    DeadlineScreen > Vertical { width: 76; height: auto; max-height: 95%; border: round $accent; background: $panel; padding: 0 1; }
    DeadlineScreen Input { width: 1fr; }
    DeadlineScreen Horizontal { height: auto; }
    DeadlineScreen .label { width: 22; padding-top: 1; }
    DeadlineScreen #answer { height: auto; padding-top: 1; }
    """

    def __init__(self, calendar: WorkingCalendar, now: datetime) -> None:
        super().__init__()
        self.calendar, self.now = calendar, now

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Deadline calculator (clear working days, England & Wales)", style="bold"))
            with Horizontal():
                yield Label("From (date or time)", classes="label")
                yield SafeInput(placeholder="13/06/2025 16:10", id="from")
            with Horizontal():
                yield Label("Working days", classes="label")
                yield SafeInput("1", id="days", restrict=r"\d*")
            with Horizontal():
                yield Label("Count back (before)", classes="label")
                yield Switch(False, id="before")
            yield Static("", id="answer", markup=False)
            yield DeskFooter()

    def on_mount(self) -> None:
        now = self.now.astimezone(LONDON)
        self.query_one("#from", Input).value = uk_instant(now)
        self.query_one("#from", Input).focus()

    @on(Input.Changed)
    @on(Switch.Changed)
    def recompute(self) -> None:
        answer = self.query_one("#answer", Static)
        try:
            instant = parse_instant(self.query_one("#from", Input).value)
        except BadInput:
            answer.update(Text(f"Type the date as {ACCEPTED}.", style="red"))
            return
        days_text = self.query_one("#days", Input).value
        if not days_text:
            answer.update(Text("Type how many working days (0 or more).", style="red"))
            return
        calendar = self.calendar
        if self.query_one("#before", Switch).value:
            count = calendar.count(london_date(instant), int(days_text), "before")
        else:
            count = calendar.count_from_event(instant, int(days_text))
        text = Text(f"Due: {uk_date(count.due)}\n", style="bold")
        text.append(count.explain())
        answer.update(text)

    def action_close(self) -> None:
        self.dismiss(None)
