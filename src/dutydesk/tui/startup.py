"""The desk's start: the board paints from a quick read of the store's file while the store
(SQLAlchemy, the policy tables) opens in the background; a key pressed meanwhile waits for it and
is done, never dropped. On a first start the officer is asked their name and the office's
details; a theme chosen is the theme next time."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutydesk.config.identity import save_officer_name
from dutydesk.config.office import Office
from dutydesk.config.officer import Officer
from dutydesk.config.settings import load_settings, os_user
from dutydesk.errors import DutydeskError
from dutydesk.tui.dialogs.name import NameDialog
from dutydesk.tui.dialogs.office import OfficeDialog
from dutydesk.tui.keys.key_order import KeysInOrder
from dutydesk.tui.screens.board import BoardScreen

if TYPE_CHECKING:
    from dutydesk.domain.policy.bundle import Policy
    from dutydesk.store.repository import Store


class StartUp(KeysInOrder):
    """Mixed into the app."""

    ask_name = False  # set by run_app when no name is configured: asked in a dialog
    remember_theme = False  # set by run_app: a theme chosen is saved to config.toml
    officer_name: str | None = None  # a name given in the dialog, for a store still opening
    start_warnings: list[str] = []  # e.g. an unknown key in config.toml, told once at start

    def __init__(
        self, store: Store | None, opener: Callable[[], Store] | None, quick_path: Path | None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        # With an opener, the store opens in the background while the board paints from
        # `quick_path`; everything that needs the store waits for it.
        self.store: Store | None = store
        self.opener, self.quick_path = opener, quick_path
        self._waiting: list[Callable[[], None]] = []  # what keys asked for before the store opened

    @property
    def policy(self) -> Policy:
        raise NotImplementedError  # the app's

    def first_run_questions(self) -> None:
        for warning in self.start_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=20)
        if self.ask_name:
            self.call_after_refresh(self._ask_name)

    def _ask_name(self) -> None:
        self.push_screen(NameDialog(os_user()), self._name_given)

    def _name_given(self, name: str | None) -> None:
        self.call_after_refresh(self._ask_office_if_missing)
        if not name:
            return
        try:
            save_officer_name(name)
        except OSError as exc:
            self.notify(f"Your name is used now but could not be saved: {exc}", severity="warning", markup=False)
        self.officer_name = name
        self._use_officer_name()
        self.notify(f"Records will say {name}.", markup=False)

    def _ask_office_if_missing(self) -> None:
        if load_settings().office.missing():
            self.edit_office()

    def edit_office(self, why: str = "") -> None:
        """The letterhead's details, in a dialog (first start, the palette, a letter needing them)."""
        try:
            current = load_settings().office
        except DutydeskError:
            current = Office()
        self.push_screen(OfficeDialog(current, why), self._office_given)

    def _office_given(self, office: object) -> None:
        if office is not None:
            self.notify("Office details saved: letters are headed with them.", markup=False)

    def _use_officer_name(self) -> None:
        if self.store is not None and self.officer_name:
            self.store.officer = Officer(self.officer_name, self.store.officer.os_user)

    def watch_theme(self, theme: str) -> None:
        """The theme chosen (Ctrl+P, "Change theme") is the theme next time."""
        if self.remember_theme:
            from dutydesk.config.write import set_config_value  # noqa: PLC0415  (tomlkit: only when a theme is chosen)

            with contextlib.suppress(OSError):  # a read-only config: the theme still applies now
                set_config_value("theme", theme)

    def open_store_in_background(self) -> None:
        """Called by the board once it has painted: the store opens behind it (its imports would
        otherwise compete with the first paint, and its lock with the board's quick read)."""
        if self.store is None and self.opener is None:
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
