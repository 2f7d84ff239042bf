"""The Textual app: the duty board first, the case workspace, dialogs, the command palette."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from dutydesk.domain.case.codec import Problems
from dutydesk.errors import DutydeskError
from dutydesk.store.summary import quick_open_cases
from dutydesk.tui.keys import escape_key
from dutydesk.tui.keys.key_order import KeysInOrder
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.widgets.text import clean

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from dutydesk.domain.policy.bundle import Policy
    from dutydesk.domain.time.calendar import WorkingCalendar
    from dutydesk.store.repository import Store
    from dutydesk.tui.screens.case import CaseScreen


class CaseCommands(Provider):
    """Ctrl+P finds every open case by its reference, the court's case number or the name of
    anyone on it."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, DutydeskApp)
        matcher = self.matcher(query)
        if app.store is not None:
            terms = app.store.finding_terms()
        else:  # the store still opening: the board's quick read has references and children
            quick = (quick_open_cases(app.quick_path) if app.quick_path else None) or []
            terms = [(s.reference, s.children_column, "", []) for s in quick]
        for reference, children, court_number, names in terms:
            label = f"Open case {reference} {children}".strip()
            found = [(matcher.match(clean(label)), "")]
            if court_number:
                found.append((matcher.match(clean(court_number)), f"court case number {court_number}"))
            found += [(matcher.match(clean(name)), name) for name in names]
            score, why = max(found, key=lambda f: f[0])
            if score > 0:
                shown = clean(f"{label} — {why}" if why else label)
                # Content(shown), not matcher.highlight(): that parses its text as markup, and
                # these are people's names.
                yield Hit(score, Content(shown), lambda ref=reference: app.open_case(ref), help="Open this case")

    async def discover(self) -> Hits:
        app = self.app
        assert isinstance(app, DutydeskApp)
        summaries = app.store.list_cases(limit=20) if app.store else []
        for summary in summaries:
            yield DiscoveryHit(
                Content(f"Open case {summary.reference}"), lambda ref=summary.reference: app.open_case(ref)
            )


class DutydeskApp(KeysInOrder):
    TITLE = "dutydesk"
    CSS_PATH = str(Path(__file__).with_name("dutydesk.tcss"))  # absolute: subclasses live elsewhere
    COMMANDS = KeysInOrder.COMMANDS | {CaseCommands}
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
        super().__init__()
        escape_key.install()  # Esc then a key at once is Esc, then the key (issue 28)
        self._held: list[tuple[str, str, SeverityLevel, float | None, bool]] = []  # toasts kept while hidden
        # With an opener, the store (and SQLAlchemy) opens in the background while the board
        # paints from `quick_path`; everything that needs the store waits for it.
        self.store: Store | None = store
        # A loader defers the policy tables until after the board's first paint (the board
        # needs only the calendar); anything that asks for them sooner loads them then.
        self._policy: Policy | None = None if callable(policy) else policy
        self._policy_loader = policy if callable(policy) else None
        self._calendar: WorkingCalendar | None = None  # the board's, until the policy is loaded
        self.opener, self.quick_path = opener, quick_path
        self._waiting: list[Callable[[], None]] = []  # what keys asked for before the store opened
        # Time is injected: the rules and the screens ask the app, so tests and captures can fix it.
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self.show_clock = show_clock
        self.idle_lock_minutes = 0.0  # set by run_app from the officer's settings; off in tests
        self.lock_passphrase: str | None = None
        self._last_input = time.monotonic()
        self.crash_line: str | None = None
        self.ask_name = False  # set by run_app when no name is configured: asked in a dialog
        self.remember_theme = False  # set by run_app: a theme chosen is saved to config.toml
        self.officer_name: str | None = None  # a name given in the dialog, for a store still opening

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp):
            self._last_input = time.monotonic()
        await super().on_event(event)

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
            from dutydesk.config.policy_files import working_calendar
            from dutydesk.config.settings import load_settings

            self._calendar = working_calendar(load_settings())
        return self._calendar

    def came_back(self) -> None:
        self._last_input = time.monotonic()
        self.call_after_refresh(self.show_held)

    def _check_idle(self) -> None:
        from dutydesk.tui.screens.lock import LockScreen

        idle = time.monotonic() - self._last_input
        if self.idle_lock_minutes and idle >= self.idle_lock_minutes * 60 and not self.locked:
            self.push_screen(LockScreen(self.idle_lock_minutes, self.lock_passphrase))

    @property
    def locked(self) -> bool:
        from dutydesk.tui.screens.lock import LockScreen

        return any(isinstance(s, LockScreen) for s in self.screen_stack)

    def _fatal_error(self) -> None:
        """Textual would print the traceback with its locals — case data — to the terminal on
        exit. Instead: a report without case data in an owner-only file, and one line."""
        from dutydesk.infra.crash import record

        error = sys.exc_info()[1] or self._exception
        self.crash_line = record(error) if error else "dutydesk stopped on an unexpected error"
        self.bell()
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        super()._print_error_renderables()
        if self.crash_line:  # printed whole, once the terminal is back: Rich would crop the path
            print(self.crash_line, file=sys.stderr)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification (widgets' too) comes here: a message may quote a name or a note.
        While the screen is blank or locked a notification is held, not shown over the blank
        (it may quote case text), and shown when the officer is back."""
        if self.hidden:
            self._held.append((clean(message), clean(title), severity, timeout, markup))
            return
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=markup)

    @property
    def hidden(self) -> bool:
        """Whether case data is hidden now (Ctrl+B's blank screen or the lock)."""
        from dutydesk.tui.dialogs.common import BlankScreen

        return self.locked or any(isinstance(s, BlankScreen) for s in self.screen_stack)

    def show_held(self) -> None:
        held, self._held = self._held, []
        for message, title, severity, timeout, markup in held:
            self.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_command_palette(self) -> None:
        if not self.locked:  # the palette finds cases: not while they are hidden
            super().action_command_palette()

    start_warnings: list[str] = []  # e.g. an unknown key in config.toml, told once at start

    def on_mount(self) -> None:
        self.push_screen(BoardScreen())
        for warning in self.start_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=20)
        if self.ask_name:
            self.call_after_refresh(self._ask_name)
        if self.idle_lock_minutes:
            self.set_interval(min(15.0, self.idle_lock_minutes * 15), self._check_idle)

    def _ask_name(self) -> None:
        from dutydesk.config.settings import os_user
        from dutydesk.tui.dialogs.name import NameDialog

        self.push_screen(NameDialog(os_user()), self._name_given)

    def _name_given(self, name: str | None) -> None:
        self.call_after_refresh(self._ask_office_if_missing)
        if not name:
            return
        from dutydesk.config.identity import save_officer_name

        try:
            save_officer_name(name)
        except OSError as exc:
            self.notify(f"Your name is used now but could not be saved: {exc}", severity="warning", markup=False)
        self.officer_name = name
        self._use_officer_name()
        self.notify(f"Records will say {name}.", markup=False)

    def _ask_office_if_missing(self) -> None:
        from dutydesk.config.settings import load_settings

        if load_settings().office.missing():
            self.edit_office()

    def edit_office(self, why: str = "") -> None:
        """The letterhead's details, in a dialog (first start, the palette, a letter needing them)."""
        from dutydesk.config.settings import load_settings
        from dutydesk.errors import DutydeskError
        from dutydesk.tui.dialogs.office import OfficeDialog

        try:
            current = load_settings().office
        except DutydeskError:
            from dutydesk.config.office import Office

            current = Office()
        self.push_screen(OfficeDialog(current, why), self._office_given)

    def _office_given(self, office: object) -> None:
        if office is not None:
            self.notify("Office details saved: letters are headed with them.", markup=False)

    def _use_officer_name(self) -> None:
        from dutydesk.config.officer import Officer

        if self.store is not None and self.officer_name:
            self.store.officer = Officer(self.officer_name, self.store.officer.os_user)

    def watch_theme(self, theme: str) -> None:
        """The theme chosen (Ctrl+P, "Change theme") is the theme next time."""
        if not self.remember_theme:
            return
        from contextlib import suppress

        from dutydesk.config.write import set_config_value

        with suppress(OSError):  # a read-only config: the theme still applies now
            set_config_value("theme", theme)

    def open_store_in_background(self) -> None:
        """Called by the board once it has painted: the store opens behind it (its imports would
        otherwise compete with the first paint, and its lock with the board's quick read)."""
        if self.store is None and self.opener is None and self._policy is None:
            self.run_worker(lambda: self.policy, thread=True, group="store")
        if self.store is None and self.opener is not None:
            self.run_worker(self._open_store, thread=True, exclusive=True, group="store")

    def _open_store(self) -> None:
        assert self.opener is not None
        try:
            self.policy  # noqa: B018  (loads the tables here, off the UI thread, if deferred)
            store = self.opener()
        except DutydeskError as exc:
            self.call_from_thread(
                self.notify, f"The store could not be opened: {exc}", severity="error", timeout=30, markup=False
            )
            return
        self.call_from_thread(self._store_opened, store)

    def _store_opened(self, store: Store) -> None:
        self.store = store
        self._use_officer_name()
        for warning in store.anchor_warnings:
            self.notify(
                f"The audit trail is not what it was: {warning}. Run `dutydesk audit verify` and tell your "
                "Service Manager.",
                severity="error",
                markup=False,
                timeout=60,
            )
        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                screen.load_rows()
                screen.offer_recovery()  # work kept from a refused save, now that the store is here
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def ready_store(self, then: Callable[[], None] | None = None) -> Store | None:
        """The store; while it is still opening, None — and `then` runs as soon as it is open
        (a key pressed in the first second is done, not dropped)."""
        if self.store is None:
            if then is not None:
                self._waiting = [*self._waiting, then]
            self.notify("Opening the store — one moment.", markup=False, timeout=2)
        return self.store

    # -- actions reachable from keys and the palette ---------------------------------------
    # The dialogs and the case model are imported on first use: the board paints sooner.
    def action_blank(self) -> None:
        """Ctrl+B hides everything at once — toasts and dialogs too; Ctrl+B again brings it back,
        through the passphrase when one is set (the idle lock's rules)."""
        from dutydesk.tui.dialogs.common import BlankScreen
        from dutydesk.tui.screens.lock import LockScreen

        if isinstance(self.screen, BlankScreen):
            if self.lock_passphrase:
                self.switch_screen(LockScreen(self.idle_lock_minutes, self.lock_passphrase, blanked=True))
            else:
                self.screen.dismiss(None)
                self.came_back()
        elif not self.locked:
            self.clear_notifications()
            self.push_screen(BlankScreen())

    def action_review(self) -> None:
        """The Service Manager's review of the duty desk's work (issue 21)."""
        from dutydesk.tui.screens.review import ReviewScreen  # plotext only when asked for

        if self.ready_store(self.action_review) is not None:
            self.push_screen(ReviewScreen())

    def action_help(self) -> None:
        from dutydesk.tui.dialogs.common import HelpScreen
        from dutydesk.tui.screens.case import CaseScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        if isinstance(screen, CaseScreen):
            rows = screen.key_help_rows()
        else:
            rows = [(self.key_names(b), b.description) for b in screen.BINDINGS if isinstance(b, Binding)]
            rows += list(getattr(screen, "KEY_HELP", ()))
            general = [("Ctrl+P", "command palette"), ("Ctrl+B", "blank the screen"), ("Ctrl+Q", "quit")]
            rows += [r for r in general if r[0] not in {k for k, _ in rows}]
        self.push_screen(HelpScreen(f"Keys — {screen.title or 'dutydesk'}", rows))

    def key_names(self, binding: Binding) -> str:
        """Keys as a person reads them ("/", "?", "Ctrl+P", "Esc"), never their internal names."""
        return " or ".join(self.key_name(k.strip()) for k in binding.key.split(","))

    def key_name(self, key: str) -> str:
        *modifiers, last = key.split("+")
        shown = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space"}.get(last)
        if shown is None:
            shown = self.get_key_display(Binding(last, "")) if len(last) > 1 else last
            shown = shown.upper() if len(shown) == 1 and modifiers else shown
            shown = shown.upper() if last.startswith("f") and last[1:].isdigit() else shown
        return "+".join([*(m.capitalize() for m in modifiers), shown])

    def action_deadline(self) -> None:
        from dutydesk.tui.dialogs.common import DeadlineScreen

        self.push_screen(DeadlineScreen())

    def open_case(self, reference: str) -> None:
        from dutydesk.services.session import CaseSession
        from dutydesk.tui.screens.case import CaseScreen  # imported on first use: start-up stays light

        store = self.ready_store(lambda: self.open_case(reference))
        if store is None:
            return
        try:
            session = CaseSession(store, reference)
            workspace = CaseScreen(
                session, self.policy, store.officer.name, self.edit_office
            )  # screens it: a public law case is refused
        except (DutydeskError, Problems) as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=15)
            return
        except (ArithmeticError, ValueError, RecursionError) as exc:  # one broken case never stops the desk
            self.notify(f"{reference} cannot be screened: {exc}", severity="error", markup=False, timeout=15)
            return
        self.push_screen(workspace)
        if session.unverified:
            self.notify(
                f"{reference} does not match its audit trail: {session.unverified.problem}. Nothing for the court, "
                "children's social care or a party is drafted from it, and nothing is saved over it, until you have "
                "looked and accepted it (Ctrl+P).",
                severity="error",
                markup=False,
                timeout=30,
            )

    def accept_case(self, screen: CaseScreen) -> None:
        """After looking at an unverified case: accept the stored document, with a reason."""
        from dutydesk.tui.dialogs.common import PromptDialog

        session = screen.session
        finding = session.unverified
        if finding is None:
            self.notify("This case matches its audit trail: there is nothing to accept.", markup=False)
            return

        def given(reason: str | None) -> None:
            if not reason:
                return
            try:
                session.loaded = session.store.accept(session.case.case.reference, reason)
            except DutydeskError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            session.unverified = None
            screen.refresh_all()
            screen.show_status()
            self.notify("Accepted: the case as stored, your reason and the time are in the audit trail.", markup=False)

        self.push_screen(
            PromptDialog(
                f"Accept the case as stored? {finding.problem}. Why is it right?",
                "what you checked, e.g. 'flag cleared by the Service Manager, confirmed by phone'",
                lambda text: None if len(text.strip()) >= 5 else "Say why, in a few words: it goes in the audit trail.",
            ),
            given,
        )

    def find_person(self) -> None:
        """Earlier records of a person across every case (¶2.17-2.18)."""
        from dutydesk.tui.screens.person_search import PersonSearchScreen

        store = self.ready_store(self.find_person)
        if store is not None:
            self.push_screen(PersonSearchScreen(store))

    def new_case(self) -> None:
        from dutydesk.domain.case.model import Case, CaseInfo

        store = self.ready_store(self.new_case)
        if store is None:
            return
        try:
            received = self.clock().replace(second=0, microsecond=0)  # to the minute, as shown
            loaded = store.create(Case(case=CaseInfo(reference="", received_at=received)))
        except DutydeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Created {loaded.case.case.reference}", markup=False)
        self.open_case(loaded.case.case.reference)

    def import_file(self) -> None:
        """A case file, or HMCTS's Cafcass feed (recognised by its "cases" list)."""
        from dutydesk.tui.dialogs.common import PromptDialog, file_exists

        def chosen(path: str | None) -> None:
            store = self.ready_store()
            if not path or store is None:
                return
            file = Path(path.strip()).expanduser()
            from dutydesk.services.importing import import_file  # SQLAlchemy: never before the board paints

            try:
                done = import_file(store, file, self.clock())
            except OSError as exc:
                self.notify(f"Cannot read {file}: {exc}", severity="error", markup=False)
                return
            except Problems as problems:
                self.notify(
                    "Not imported: " + "; ".join(str(p) for p in problems.problems[:5]),
                    severity="error",
                    timeout=20,
                    markup=False,
                )
                return
            except DutydeskError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.notify(done.summary(), markup=False, timeout=10)
            if isinstance(self.screen, BoardScreen):
                self.screen.load_rows()

        self.push_screen(
            PromptDialog("Import a case file or an HMCTS Cafcass feed (JSON)", "path/to/file.json", file_exists), chosen
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("New case", "Create a case and open it", self.new_case)
        yield SystemCommand("Import a case file", "Read a dutydesk-case/1 JSON file into the store", self.import_file)
        yield SystemCommand(
            "Find a person", "Earlier records in every case, any spelling (¶2.17-2.18)", self.find_person
        )
        yield SystemCommand(
            "Deadline calculator", "N working days after or before a date, with the days skipped", self.action_deadline
        )
        yield SystemCommand(
            "Compliance review",
            "Every obligation on the last twelve months' cases, on time or not, with charts (v on the board)",
            self.action_review,
        )
        yield SystemCommand(
            "Office details", "The letterhead: office address, phone, secure email, your role", self.edit_office
        )
        yield SystemCommand("Blank the screen", "Hide everything until Ctrl+B is pressed again", self.action_blank)
        yield SystemCommand("Help: keys of this screen", "List every key of the current screen", self.action_help)
        from dutydesk.tui.screens.case import CaseScreen

        if isinstance(screen, CaseScreen):
            from dutydesk.tui.steps import STEPS

            for index, (_sid, label, pane) in enumerate(STEPS):
                yield SystemCommand(
                    f"Go to step: {label}", f"Key {(index + 1) % 10}", lambda i=index: screen.action_step(i)
                )
                for key, what in pane.KEYS:
                    yield SystemCommand(
                        f"{label}: {what}", f"Key {key} on the {label} step", lambda i=index: screen.action_step(i)
                    )
            yield SystemCommand("Back to the duty board", "Esc", screen.action_back)
            if screen.session.unverified:
                yield SystemCommand(
                    "Accept the case as stored",
                    "After looking: the stored case becomes the record, with your reason, in the audit trail",
                    lambda: self.accept_case(screen),
                )
        if isinstance(screen, BoardScreen):
            yield SystemCommand(
                "Filter the board", "Cycle all / overdue / due today / mine (f)", screen.action_cycle_filter
            )
            yield SystemCommand("Refresh the board", "Reload the open cases (r)", screen.action_refresh)


def run_app(
    store: Store | None = None,
    policy: Policy | None = None,
    opener: Callable[[], Store] | None = None,
    quick_path: Path | None = None,
) -> int:
    """Run the duty desk; returns the exit code (1 after an unexpected error)."""
    from dutydesk.config.policy_files import load_policy
    from dutydesk.config.settings import load_settings

    settings = load_settings()
    loader = policy if policy is not None else (lambda: load_policy(settings))
    app = DutydeskApp(store, loader, opener=opener, quick_path=quick_path)
    app.idle_lock_minutes, app.lock_passphrase = settings.idle_lock_minutes, settings.lock_passphrase
    from dutydesk.config.identity import officer_named

    app.ask_name = not officer_named()
    from dutydesk.config.settings import config_warnings

    app.start_warnings = config_warnings()
    if settings.theme and settings.theme in app.available_themes:
        app.theme = settings.theme
    app.remember_theme = True  # set after: restoring the theme is not choosing it
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()
    return app.return_code or 0
