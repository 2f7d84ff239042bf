"""`/` from the duty board: find a person in every case, whatever the spelling (¶2.17-2.18)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from dutydesk.domain.people.matching import typed_query
from dutydesk.domain.rules.labels import label
from dutydesk.domain.time.dates import ACCEPTED, day, parse_date
from dutydesk.errors import BadInput
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.safe_input import SafeInput
from dutydesk.tui.widgets.text import literal

if TYPE_CHECKING:
    from dutydesk.store.person_search import Found
    from dutydesk.store.repository import Store


class PersonSearchScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Board", id="people_search.back"),
        Binding("ctrl+o", "open_case", "Open case", id="people_search.open"),
    ]
    DEFAULT_CSS = """
    PersonSearchScreen Horizontal { height: auto; }
    PersonSearchScreen Input { width: 1fr; }
    PersonSearchScreen #dob { width: 16; }
    PersonSearchScreen #where { width: 22; }
    PersonSearchScreen DataTable { height: 1fr; }
    PersonSearchScreen #why { height: auto; padding: 0 1; }
    PersonSearchScreen #problem { color: $error; padding: 0 1; height: auto; }
    """

    def __init__(self, store: Store, open_case: Callable[[str], None]) -> None:
        super().__init__()
        self.store, self.open_case = store, open_case
        self.found: list[Found] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Label("Find a person in every case — any spelling, nickname, previous name (¶2.17-2.18)")
        with Horizontal():
            yield SafeInput(placeholder="Name (given and family)", id="name")
            yield SafeInput(placeholder="DOB dd/mm/yyyy", id="dob")
            yield SafeInput(placeholder="Postcode or first line", id="where")
        yield Static("", id="problem", markup=False)
        table: DataTable[object] = DataTable(cursor_type="row", id="people-found")
        for heading, width in (("Match", 8), ("Score", 6), ("Name", 24), ("Born", 11), ("Role", 12), ("Case", 15)):
            table.add_column(heading, width=width)
        yield table
        yield Static("", id="why", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = "dutydesk — find a person"
        self.query_one("#name", Input).focus()

    @on(Input.Changed)
    def _typed(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        dob_text = self.query_one("#dob", Input).value.strip()
        where = self.query_one("#where", Input).value.strip()
        problem = self.query_one("#problem", Static)
        dob = None
        if dob_text:
            try:
                dob = parse_date(dob_text)
            except BadInput:
                problem.update(f"Date of birth: not a date yet ({ACCEPTED})")
                return
        problem.update("")
        query = typed_query(name, dob, where)
        if query is None:
            self._show([])
            return
        self.search(query)

    @work(thread=True, exclusive=True, group="person-search")
    def search(self, facts: object) -> None:
        found = self.store.search_people(facts, limit=30)  # type: ignore[arg-type]
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Found]) -> None:
        self.found = found
        table = self.query_one(DataTable)
        table.clear()
        for i, f in enumerate(found):
            likeness = Text(f.match.label or "", style="bold red" if f.match.label == "likely" else "yellow")
            born = day(f.date_of_birth) if f.date_of_birth else "not known"
            table.add_row(
                likeness, f"{f.match.score:.2f}", literal(f.name), born, label(f.role), f.case_ref, key=str(i)
            )
        self._why()

    @on(DataTable.RowHighlighted)
    def _why(self) -> None:
        table = self.query_one(DataTable)
        why = self.query_one("#why", Static)
        if not self.found or table.row_count == 0:
            why.update("Nobody found yet." if any(i.value for i in self.query(Input)) else "")
            return
        f = self.found[min(table.cursor_row, len(self.found) - 1)]
        why.update(literal("Why: " + "; ".join(f.match.reasons) + "  (Enter opens the case)", "italic"))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open_case()

    def action_open_case(self) -> None:
        table = self.query_one(DataTable)
        if self.found and table.row_count:
            reference = self.found[min(table.cursor_row, len(self.found) - 1)].case_ref
            self.open_case(reference)
