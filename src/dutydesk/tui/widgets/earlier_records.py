"""Earlier records of a person across the store, looked up off the UI thread as they type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.widgets import Static

from dutydesk.domain.people.matching import Facts
from dutydesk.domain.rules.labels import label
from dutydesk.domain.time.dates import day
from dutydesk.tui.records import CaseRecords
from dutydesk.tui.widgets.text import clean, show_once

if TYPE_CHECKING:
    from dutydesk.store.person_search import Found


def describe(found: list[Found], empty: str = "No earlier records found.") -> Text:
    if not found:
        return Text(empty, style="green")
    text = Text()
    for f in found:
        text.append(
            f"{f.match.label.upper() if f.match.label else '':<9}",
            style="bold red" if f.match.label == "likely" else "yellow",
        )
        dob = day(f.date_of_birth) if f.date_of_birth else "DOB not known"
        text.append(f"{clean(f.name)} ({label(f.role).lower()}, {dob}) in {f.case_ref}\n")
        text.append(f"         {'; '.join(f.match.reasons)}\n", style="italic")
    return text


class EarlierRecords(Static):
    """Shows likely and possible earlier records for the facts it is given."""

    DEFAULT_CSS = "EarlierRecords { height: auto; padding: 0 0 0 2; }"

    def __init__(self, store: CaseRecords, exclude_case: str | None, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.store, self.exclude_case = store, exclude_case

    @work(thread=True, exclusive=True, group="earlier-records")
    def look_up(self, facts: Facts, limit: int = 5) -> None:
        found = self.store.search_people(facts, limit=limit, exclude_case=self.exclude_case)
        self.app.call_from_thread(show_once, self, describe(found))

    def hint(self, text: str) -> None:
        show_once(self, text)
