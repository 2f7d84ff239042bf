"""The Textual app: wiring, the app-wide keys and the first screen. What it does lives beside it —
tui/startup.py (the store opening behind the first paint, first-run dialogs), tui/privacy.py
(blank, idle lock, held notifications), tui/case_actions.py (open, new, import, find, accept,
review, help), tui/commands.py (the palette), tui/crash_output.py (one line, no case data)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from dutydesk.config.calendar_files import working_calendar
from dutydesk.config.identity import officer_named
from dutydesk.config.settings import config_warnings, load_settings
from dutydesk.tui.case_actions import CaseActions
from dutydesk.tui.commands import CaseCommands, desk_commands
from dutydesk.tui.crash_output import CrashOutput
from dutydesk.tui.keys import escape_key
from dutydesk.tui.office_sync import OfficeSync
from dutydesk.tui.privacy import Privacy
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.startup import StartUp

if TYPE_CHECKING:
    from dutydesk.domain.policy.bundle import Policy
    from dutydesk.domain.time.calendar import WorkingCalendar
    from dutydesk.store.repository import Store


class DutydeskApp(Privacy, StartUp, CaseActions, OfficeSync, CrashOutput):
    TITLE = "dutydesk"
    CSS_PATH = str(Path(__file__).with_name("dutydesk.tcss"))  # absolute: subclasses live elsewhere
    COMMANDS = CrashOutput.COMMANDS | {CaseCommands}
    BINDINGS = [
        Binding("ctrl+b", "blank", "Blank screen", id="app.blank", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        # Help from anywhere, dialogs included (a screen's own F1 binding comes first).
        Binding("f1", "help", "Help", id="app.help", show=False),
    ]

    def __init__(
        self,
        store: Store | None,
        policy: Policy | Callable[[], Policy],
        clock: Callable[[], datetime] | None = None,
        show_clock: bool = True,
        opener: Callable[[], Store] | None = None,
        quick_path: Path | None = None,
    ) -> None:
        super().__init__(store=store, opener=opener, quick_path=quick_path)
        escape_key.install()  # Esc then a key at once is Esc, then the key (issue 28)
        # A loader defers the policy tables until after the board's first paint (the board
        # needs only the calendar); anything that asks for them sooner loads them then.
        self._policy: Policy | None = None if callable(policy) else policy
        self._policy_loader = policy if callable(policy) else None
        self._calendar: WorkingCalendar | None = None  # the board's, until the policy is loaded
        # Time is injected: the rules and the screens ask the app, so tests and captures can fix it.
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self.show_clock = show_clock

    @property
    def policy(self) -> Policy:
        if self._policy is None:
            assert self._policy_loader is not None
            self._policy = self._policy_loader()
        return self._policy

    @property
    def calendar(self) -> WorkingCalendar:
        """The working-day calendar: the policy's, or the same calendar built on its own."""
        if self._policy is not None:
            return self._policy.calendar
        if self._calendar is None:
            # The closures files are read here, on the first row that needs a working day.
            self._calendar = working_calendar(load_settings())
        return self._calendar

    def on_mount(self) -> None:
        self.push_screen(BoardScreen(self))
        self.first_run_questions()
        self.start_idle_lock()
        self.start_office_sync()

    def action_review(self) -> None:
        """The Service Manager's review of the duty desk's work (issue 21)."""
        from dutydesk.tui.screens.review import ReviewScreen  # noqa: PLC0415  (plotext: only when asked for)

        if self.ready_store(self.action_review) is not None:
            self.push_screen(ReviewScreen(self))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from desk_commands(self, screen)


def build_app(
    store: Store | None = None,
    policy: Policy | None = None,
    opener: Callable[[], Store] | None = None,
    quick_path: Path | None = None,
) -> DutydeskApp:
    """The desk as `dutydesk` opens it, with the officer's settings (benchmarks/startup.py times
    exactly this)."""
    settings = load_settings()

    def load_tables() -> Policy:
        from dutydesk.config.policy_files import load_policy  # noqa: PLC0415  (every table: after the first paint)

        return load_policy(settings)

    loader = policy if policy is not None else load_tables
    app = DutydeskApp(store, loader, opener=opener, quick_path=quick_path)
    app.idle_lock_minutes, app.lock_passphrase = settings.idle_lock_minutes, settings.lock_passphrase
    app.ask_name = not officer_named()
    app.start_warnings = config_warnings()
    if settings.theme and settings.theme in app.available_themes:
        app.theme = settings.theme
    app.remember_theme = True  # set after: restoring the theme is not choosing it
    return app


def run_app(
    store: Store | None = None,
    policy: Policy | None = None,
    opener: Callable[[], Store] | None = None,
    quick_path: Path | None = None,
) -> int:
    """Run the duty desk; returns the exit code (1 after an unexpected error)."""
    app = build_app(store, policy, opener, quick_path)
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()
    return app.return_code or 0
