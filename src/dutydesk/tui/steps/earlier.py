"""On the Checks step: Cafcass's own records (¶2.18). Earlier records of each person in the
case, found by the matcher; the officer records "same person" (y) or "not the same person" (x),
and a confirmed match brings that case's risk history into view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.people.previous_knowledge import decide, decisions, facts_of_person, risk_history, searchable
from dutydesk.errors import DutydeskError
from dutydesk.tui.steps.base import fill_table, selected_key
from dutydesk.tui.widgets.text import literal

if TYPE_CHECKING:
    from dutydesk.store.person_search import Found
    from dutydesk.tui.steps.base import StepPane

DECISION_WORDS = {"same_person": "SAME PERSON", "not_same_person": "not the same"}


class EarlierRecordsSection(Vertical):
    BINDINGS = [
        Binding("y", "decide('same_person')", "Same person", id="earlier.same"),
        Binding("x", "decide('not_same_person')", "Not the same", id="earlier.not_same"),
    ]
    DEFAULT_CSS = "EarlierRecordsSection { height: auto; }"

    def __init__(self, pane: StepPane) -> None:
        super().__init__(id="earlier-section")
        self.pane = pane
        self.found: dict[str, tuple[str, Found]] = {}  # row key -> (this person, the record)
        self.searched_for: object = None
        self.histories_for: tuple[tuple[str, str], ...] | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            "Cafcass's own records (¶2.18): earlier records of these people (y same · x not)", classes="section"
        )
        table: DataTable[object] = DataTable(cursor_type="row", id="earlier")
        for label, width in (("Person here", 11), ("Earlier record", 12), ("Case", 8), ("Match", 5), ("Decision", 8)):
            table.add_column(label, width=width)
        yield table
        yield Static("", id="earlier-why", classes="derived", markup=False)
        yield Static("", id="earlier-history", classes="derived", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        if not self.query("#earlier"):
            return  # not composed yet: on_mount comes back here
        case = self.pane.case
        wanted = tuple((p.id, facts_of_person(p)) for p in case.people if searchable(p))
        if wanted != self.searched_for:
            self.searched_for = wanted
            self.search(wanted, case.case.reference)
        self.render_rows()

    @work(thread=True, exclusive=True, group="earlier")
    def search(self, wanted: tuple[tuple[str, Any], ...], reference: str) -> None:
        store = self.pane.workspace.records
        found: dict[str, tuple[str, Found]] = {}
        for pid, facts in wanted:
            for f in store.search_people(facts, limit=5, exclude_case=reference):
                found[f"{pid}|{f.case_ref}|{f.person_id}"] = (pid, f)
        self.app.call_from_thread(self._found, found)

    def _found(self, found: dict[str, tuple[str, Found]]) -> None:
        self.found = found
        self.render_rows()

    def render_rows(self) -> None:
        case = self.pane.case
        decided = decisions(case)
        rows = []
        for key, (pid, f) in self.found.items():
            decision = decided.get((pid, f.case_ref, f.person_id))
            word = DECISION_WORDS.get(str(decision.get("decision")), "") if decision else "to decide"
            label = Text(f.match.label or "", style="bold red" if f.match.label == "likely" else "yellow")
            rows.append((key, [literal(case.name_of(pid)), literal(f.name), f.case_ref, label, word]))
        table = self.query_one(DataTable)
        fill_table(table, rows)
        if not rows:
            self.query_one("#earlier-why", Static).update(
                "No earlier records found for the people named so far." if self.searched_for else ""
            )
        self.show_reasons()
        confirmed = [
            (f.case_ref, f.person_id)
            for pid, f in self.found.values()
            if (decided.get((pid, f.case_ref, f.person_id)) or {}).get("decision") == "same_person"
        ]
        # Every edit on the step comes here: the earlier cases are read again only when the
        # confirmed records change.
        if tuple(confirmed) != self.histories_for:
            self.histories_for = tuple(confirmed)
            self.load_histories(self.histories_for)

    @on(DataTable.RowHighlighted, "#earlier")
    def show_reasons(self) -> None:
        key = selected_key(self.query_one(DataTable))
        if key and key in self.found:
            _, f = self.found[key]
            # The reasons quote names and addresses: user text.
            self.query_one("#earlier-why", Static).update(literal("Why: " + "; ".join(f.match.reasons), "italic"))

    @work(thread=True, exclusive=True, group="earlier-history")
    def load_histories(self, confirmed: tuple[tuple[str, str], ...]) -> None:
        store = self.pane.workspace.records
        lines: list[str] = []
        for reference, person_id in confirmed:
            try:
                lines += risk_history(store.load(reference).case, person_id)
            except DutydeskError as exc:
                lines.append(f"{reference}: {exc}")
        text = (
            Text("Risk history of confirmed earlier records\n", style="bold") + Text("\n".join(lines))
            if lines
            else Text("")
        )
        self.app.call_from_thread(self.query_one("#earlier-history", Static).update, text)

    def action_decide(self, decision: str) -> None:
        key = selected_key(self.query_one(DataTable))
        if key is None or key not in self.found:
            return
        pid, f = self.found[key]
        decide(self.pane.case, pid, f.case_ref, f.person_id, decision, self.pane.workspace.officer, self.pane.now())  # type: ignore[arg-type]
        self.pane.changed_structure()
        self.render_rows()
