"""What an officer asks of the desk from the board, a case or the palette: open a case, a new
case, import a file, find a person, accept a case as stored, the review, the deadline calculator,
help. Each is a call into services/ or the store, the same as the command line's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dutydesk.domain.case.codec import Problems
from dutydesk.domain.case.reasons import reason_problem
from dutydesk.errors import DutydeskError
from dutydesk.tui.dialogs.help import HelpScreen
from dutydesk.tui.dialogs.prompt import PromptDialog, file_exists
from dutydesk.tui.keys.help import help_rows
from dutydesk.tui.keys.key_order import KeysInOrder
from dutydesk.tui.screens.board import BoardScreen

if TYPE_CHECKING:
    from dutydesk.domain.policy.bundle import Policy
    from dutydesk.domain.time.calendar import WorkingCalendar
    from dutydesk.store.repository import Store
    from dutydesk.tui.screens.case import CaseScreen


class CaseActions(KeysInOrder):
    """Mixed into the app. The case screen, the store and the services are imported on first use:
    the board paints before SQLAlchemy and the rules are loaded (tests/unit/test_lazy_start.py)."""

    clock: Callable[[], datetime]

    @property
    def policy(self) -> Policy:
        raise NotImplementedError  # the app's

    @property
    def calendar(self) -> WorkingCalendar:
        raise NotImplementedError  # the app's

    def ready_store(self, then: Callable[[], None] | None = None) -> Store | None:
        raise NotImplementedError  # tui/startup.py's

    def edit_office(self, why: str = "") -> None:
        raise NotImplementedError  # tui/startup.py's

    def open_case(self, reference: str) -> None:
        from dutydesk.tui.screens.case import CaseScreen  # noqa: PLC0415  (every step and the store: on first open)

        store = self.ready_store(lambda: self.open_case(reference))
        if store is None:
            return
        try:
            workspace = CaseScreen.open(store, reference, self.policy, self.edit_office, self.clock)
        except (DutydeskError, Problems) as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=15)
            return
        except (ArithmeticError, ValueError, RecursionError) as exc:  # one broken case never stops the desk
            self.notify(f"{reference} cannot be screened: {exc}", severity="error", markup=False, timeout=15)
            return
        self.push_screen(workspace)
        unverified = workspace.session.unverified
        if unverified:
            self.notify(
                f"{reference} does not match its audit trail: {unverified.problem}. Nothing for the court, "
                "children's social care or a party is drafted from it, and nothing is saved over it, until you have "
                "looked and accepted it (Ctrl+P).",
                severity="error",
                markup=False,
                timeout=30,
            )

    def accept_case(self, screen: CaseScreen) -> None:
        """After looking at an unverified case: accept the stored document, with a reason."""
        session = screen.session
        problem = session.unverified
        if problem is None:
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
                f"Accept the case as stored? {problem.problem}. Why is it right?",
                "what you checked, e.g. 'flag cleared by the Service Manager, confirmed by phone'",
                lambda text: reason_problem(text, "the stored case is right"),
            ),
            given,
        )

    def find_person(self) -> None:
        """Earlier records of a person across every case (¶2.17-2.18)."""
        from dutydesk.tui.screens.person_search import PersonSearchScreen  # noqa: PLC0415  (the matcher: on first use)

        store = self.ready_store(self.find_person)
        if store is not None:
            self.push_screen(PersonSearchScreen(store, self.open_case))

    def new_case(self) -> None:
        """A case is a permanent record with its own audit trail (issue 34: `n` made one at a
        touch): asked first, with the one thing the application may already give — the court's
        number — so keys typed straight after `n` land in the dialog, and Esc makes nothing."""
        if self.ready_store(self.new_case) is None:
            return
        self.push_screen(
            PromptDialog(
                "New case (kept for good, in the audit trail): the court's case number, if it has one yet",
                "e.g. ZW26P00123, or leave it empty",
                hint="Enter: make the case · Esc: no case is made",
            ),
            self._make_case,
        )

    def _make_case(self, court_number: str | None) -> None:
        from dutydesk.domain.case.model import Case, CaseInfo  # noqa: PLC0415  (13 ms: not before the first paint)

        store = self.ready_store()
        if court_number is None or store is None:
            return
        try:
            received = self.clock().replace(second=0, microsecond=0)  # to the minute, as shown
            info = CaseInfo(reference="", received_at=received, court_case_number=court_number.strip() or None)
            loaded = store.create(Case(case=info))
        except DutydeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Created {loaded.case.case.reference}", markup=False)
        self.open_case(loaded.case.case.reference)

    def import_file(self) -> None:
        """A case file, or HMCTS's Cafcass feed (told apart by what it holds): services/importing.py,
        as `dutydesk import`."""

        def chosen(path: str | None) -> None:
            from dutydesk.services.importing import import_file  # noqa: PLC0415  (SQLAlchemy: not before the first paint)

            store = self.ready_store()
            if not path or store is None:
                return
            file = Path(path.strip()).expanduser()
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

    def action_deadline(self) -> None:
        from dutydesk.tui.dialogs.deadline import DeadlineScreen  # noqa: PLC0415  (its widgets: on first use)

        self.push_screen(DeadlineScreen(self.calendar, self.clock()))

    def action_help(self) -> None:
        screen = self.screen
        if not isinstance(screen, HelpScreen):
            self.push_screen(HelpScreen(f"Keys — {screen.title or 'dutydesk'}", help_rows(self, screen)))
