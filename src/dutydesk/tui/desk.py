"""What the desk's screens and dialogs may ask of the app that holds them, handed to each in its
constructor (the board, the review, the person search): a screen never looks the app up.

Opening a case, a new case, an import or a search are calls, not messages: a key that asks for a
screen pushes it before the next key of a burst is routed (tui/keys/key_order.py), so that key
lands on the screen it was typed for (issue 28)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported after the board's first paint
    from dutydesk.domain.policy.bundle import Policy
    from dutydesk.domain.time.calendar import WorkingCalendar
    from dutydesk.store.repository import Store


class Desk(Protocol):
    store: Store | None  # None while it opens in the background
    quick_path: Path | None  # the store's file, read quickly for the board's first paint
    show_clock: bool
    clock: Callable[[], datetime]  # injected: tests and captures fix the time

    @property
    def policy(self) -> Policy: ...

    @property
    def calendar(self) -> WorkingCalendar: ...

    def ready_store(self, then: Callable[[], None] | None = None) -> Store | None:
        """The store, or None while it opens — and `then` runs as soon as it has."""

    def open_store_in_background(self) -> None: ...

    def open_case(self, reference: str) -> None: ...

    def new_case(self) -> None: ...

    def find_person(self) -> None: ...

    def import_file(self) -> None: ...

    def edit_office(self, why: str = "") -> None: ...
