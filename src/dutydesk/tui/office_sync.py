"""The desk and the office store (issue 33): `s` on the board (and "Sync with the office" in the
palette) syncs now; with an office store configured (`office_url` in config.toml, or
DUTYDESK_OFFICE_URL) a quiet sync runs in the background every few minutes, in a worker thread —
never on the key path — and the board's status line says "synced 09:12 · 3 changes to send" or
"offline since 08:40"."""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from dutydesk.config.settings import load_settings
from dutydesk.domain.time.calendar import LONDON
from dutydesk.errors import DutydeskError
from dutydesk.tui.screens.board import BoardScreen

if TYPE_CHECKING:
    from dutydesk.services.sync import SyncReport
    from dutydesk.store.repository import Store

SYNC_EVERY = 300.0  # seconds between quiet syncs: a court building's network comes and goes
STALLED_AFTER = 60.0  # seconds a sync may take before the status line says the office is not answering


class OfficeSync(App[None]):
    store: Store | None
    sync_status = ""  # for the board's status line; empty when there is no office store
    _offline_since: datetime | None = None

    def office_url(self) -> str | None:
        return os.environ.get("DUTYDESK_OFFICE_URL") or load_settings().office_url

    def start_office_sync(self) -> None:
        if self.office_url():
            self.sync_status = "not synced yet"
            self.set_interval(SYNC_EVERY, lambda: self.start_sync(loud=False))
            self.set_timer(2.0, self.count_to_send)  # once the store has opened

    @work(thread=True, exclusive=True, group="sync-count")
    def count_to_send(self) -> None:
        """What the status line says between syncs: when this laptop last synced (kept in its
        store, so a restarted desk knows) and how many cases have changed here since — after the
        board is refreshed too, so a change made from the shell is counted."""
        from dutydesk.services import sync  # noqa: PLC0415  (the store's tables: when counted)

        laptop = self.store
        if laptop is None or laptop.location.path is None or not self.office_url():
            return
        try:
            left = sync.pending(laptop)
        except DutydeskError:
            return
        self.call_from_thread(self._counted, left.changed, left.last_sync_at)

    def _counted(self, to_send: int, last: str | None) -> None:
        if self._offline_since is not None:
            return  # "offline since" stays until a sync gets through
        when = f"synced {datetime.fromisoformat(last).astimezone(LONDON):%H:%M}" if last else "not synced yet"
        self.sync_status = f"{when} · {to_send} change{'s' if to_send != 1 else ''} to send"
        self._show_sync_status(refresh=False)

    def action_sync(self) -> None:
        """Sync with the office now (s on the board)."""
        if not self.office_url():
            self.notify(
                'No office store to sync with: put office_url = "postgresql+psycopg://YOU@HOST/DATABASE" in '
                "config.toml (dutydesk config set office_url …) or set DUTYDESK_OFFICE_URL",
                severity="warning",
                markup=False,
                timeout=12,
            )
            return
        self.notify("Syncing with the office…", markup=False, timeout=3)
        self.start_sync(loud=True)

    def start_sync(self, loud: bool) -> None:
        if any(w.group == "office-sync" and not w.is_finished for w in self.workers):
            return  # one at a time: a sync still waiting on a silent office is not piled on
        self.sync_now(loud)
        self.set_timer(STALLED_AFTER, self._stalled)

    def _stalled(self) -> None:
        """A network that stalls without closing: the worker waits on it; the officer is told."""
        if any(w.group == "office-sync" and not w.is_finished for w in self.workers):
            self._offline_since = self._offline_since or datetime.now(LONDON)
            self.sync_status = f"office not answering since {self._offline_since:%H:%M}"
            self._show_sync_status(refresh=False)

    @work(thread=True, exclusive=True, group="office-sync")
    def sync_now(self, loud: bool) -> None:
        from dutydesk.services import sync  # noqa: PLC0415  (SQLAlchemy and the store: when a sync runs)

        laptop = self.store
        if laptop is None or laptop.location.path is None:
            return  # still opening, or the desk already works on a shared store
        try:
            report, to_send = sync.sync_with(laptop, self.office_url())
            self.call_from_thread(self._synced, report, to_send, loud)
        except DutydeskError as exc:
            self.call_from_thread(self._offline, str(exc), loud)

    def _synced(self, report: SyncReport, to_send: int, loud: bool) -> None:
        self._offline_since = None
        at = datetime.now(LONDON).strftime("%H:%M")
        self.sync_status = f"synced {at} · {to_send} change{'s' if to_send != 1 else ''} to send"
        if loud or report.conflicts or report.not_synced:
            words = f"Synced with the office: {report.line()}."
            if report.conflicts:
                words += " Each clash is a conflict note in its case's Chronology."
            self.notify(words, markup=False, severity="warning" if report.not_synced else "information", timeout=10)
        self._show_sync_status(refresh=bool(report.received or report.renamed))

    def _offline(self, why: str, loud: bool) -> None:
        self._offline_since = self._offline_since or datetime.now(LONDON)
        self.sync_status = f"offline since {self._offline_since:%H:%M}"
        if loud:
            self.notify(f"Not synced: {why}", severity="error", markup=False, timeout=15)
        self._show_sync_status(refresh=False)

    def _show_sync_status(self, refresh: bool) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                screen.action_refresh() if refresh else screen.show_status()
