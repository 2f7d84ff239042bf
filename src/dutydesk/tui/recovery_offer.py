"""Work a closed desk left behind, once the store is open: edits a killed or crashed desk's
journal kept are saved now (and said so); work kept in a recovery file when a save was refused
is offered back in a dialog. Imported by the board after its first paint (the store layer)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.screen import Screen

from dutydesk.config.paths import user_data_dir
from dutydesk.errors import DutydeskError
from dutydesk.services.recovery import pending
from dutydesk.services.session import journal_folder, replay_journals
from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.recovery import RecoveryDialog


def replay_left_journals(screen: Screen[Any], store: Store, clock: Callable[[], datetime]) -> bool:
    """Whether anything was replayed (the board then reloads its rows)."""
    if not any(journal_folder(store).glob("*.journal")):
        return False  # the usual case
    for line in replay_journals(store, clock()):
        screen.notify(f"Recovered — {line}", severity="warning", timeout=30, markup=False)
    return True


def offer_recovery_files(screen: Screen[Any], store: Store, clock: Callable[[], datetime]) -> None:
    if not any((user_data_dir() / "recovery").glob("*.json")):
        return  # the usual case, decided without loading a case
    try:
        found = pending(store)
    except DutydeskError:
        return
    if found:
        screen.app.push_screen(RecoveryDialog(store, found, clock))
