"""The store as the desk's panes and widgets read it besides the open case: its trail, other
cases, people in every case. Read-only; the Store is one (handed in by the case screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the store layer is imported after the board's first paint
    from dutydesk.domain.people.matching import Facts
    from dutydesk.store.person_search import Found
    from dutydesk.store.repository import Loaded


class CaseRecords(Protocol):
    """What the panes read of the store besides the open case: its trail, other cases, people."""

    def history(self, reference: str) -> list[dict[str, Any]]: ...

    def search_people(self, query: Facts, limit: int = 20, exclude_case: str | None = None) -> list[Found]: ...

    def load(self, reference: str) -> Loaded: ...
