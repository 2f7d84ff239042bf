"""The duty board: open cases, most urgent first (overdue, due today, then first hearing)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from dutydesk.domain.rules.labels import label
from dutydesk.domain.time.calendar import LONDON, london_date
from dutydesk.domain.time.dates import day, short_day
from dutydesk.errors import DutydeskError
from dutydesk.store.summary import CaseSummary, quick_open_cases
from dutydesk.tui.desk import Desk
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.text import literal

if TYPE_CHECKING:
    pass

FILTERS = ("all", "overdue", "due_today", "mine")
# Rows added per refresh: more than a 120x40 terminal shows, so the first paint is full.
CHUNK = 60
DUE_WORD = {"overdue": "OVERDUE ", "due_today": "TODAY "}  # in words, not colour alone


@dataclass
class BoardRow:
    summary: CaseSummary
    next_item: str = "…"
    next_due: date | None = None
    next_status: str | None = None
    risk: str = "…"
    police: str = "…"
    mine: bool = False

    def sort_key(self) -> tuple[int, str, str]:
        rank = {"overdue": 0, "due_today": 1}.get(self.next_status or "", 2)
        due = self.next_due.isoformat() if rank < 2 and self.next_due else ""
        return (rank, due, self.summary.first_hearing_utc or "9999")


CHILDREN_WIDTH = 18
# What a newcomer sees on an empty store (issue 34): where the cases come from.
EMPTY_HINT = (
    "No open cases yet. i imports a case file or HMCTS's Cafcass feed · n starts a new case\n"
    "d works out a deadline · s syncs with the office (when set up) · F1 lists every key"
)


class BoardTable(DataTable[Text | str]):
    """The board's table: Enter (open the highlighted case) is shown in the footer, first — the
    table's own Enter is the one in force, and a newcomer never learnt it (issue 34)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", id="board.open_row", tooltip="Open the highlighted case")]


class BoardScreen(HelpAndQuitFirst, Screen[None]):
    BINDINGS = [
        Binding("enter", "open_case", "Open the highlighted case", id="board.open", show=False),
        Binding("n", "new_case", "New case", id="board.new"),
        Binding("i", "import_file", "Import", id="board.import"),
        Binding("f", "cycle_filter", "Filter", id="board.filter"),
        Binding("r", "refresh", "Refresh", id="board.refresh"),
        Binding("d", "app.deadline", "Deadlines", id="board.deadline"),
        Binding("v", "app.review", "Review", id="board.review"),
        Binding("s", "app.sync", "Sync", id="board.sync"),
        Binding("slash", "find_person", "Find person", id="board.find_person"),
        Binding("f1,question_mark", "app.help", "Help", id="board.help"),
        Binding("q", "app.quit", "Quit", id="board.quit", show=False),
    ]
    DEFAULT_CSS = """
    BoardScreen DataTable { height: 1fr; }
    BoardScreen #status { height: 1; padding: 0 1; background: $boost; }
    BoardScreen #detail { height: 2; padding: 0 1; background: $boost; }
    """

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.rows: dict[str, BoardRow] = {}
        self.filter = "all"
        self._recovery_offered = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=self.desk.show_clock)
        yield Static("", id="status", markup=False)
        table = BoardTable(cursor_type="row", zebra_stripes=True, id="board")
        yield table
        yield Static("", id="detail", markup=False)  # the highlighted case in full, at any width
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = "dutydesk — duty board"
        table = self.query_one(DataTable)
        # Fixed widths: the columns never jump about as answers come in from the background.
        for heading, key, width in (
            ("Case", "ref", 14),
            ("Children", "children", CHILDREN_WIDTH),
            ("First hearing", "hearing", 13),
            ("Most urgent", "next", 34),
            ("Due", "due", 16),
            ("Risk", "risk", 12),
            ("Police check", "police", 12),
        ):
            table.add_column(heading, key=key, width=width)
        self.load_rows()
        table.focus()
        self.call_after_refresh(self.offer_recovery)
        self.call_after_refresh(self.set_timer, 0.15, self.desk.open_store_in_background)

    def offer_recovery(self) -> None:
        """Once the store is open: a closed desk's journal replayed, a recovery file offered back."""
        store = self.desk.store
        if store is None or self._recovery_offered:
            return
        from dutydesk.tui import recovery_offer  # noqa: PLC0415  (the store layer: after the first paint)

        self._recovery_offered = True
        if recovery_offer.replay_left_journals(self, store, self.desk.clock):
            self.load_rows()
        recovery_offer.offer_recovery_files(self, store, self.desk.clock)

    def load_rows(self) -> None:
        store = self.desk.store
        if store is None:  # still opening: paint from a read-only look at the file meanwhile
            path = self.desk.quick_path
            summaries = (quick_open_cases(path) if path else None) or []
            self.opening = True
        else:
            self.opening = False
            try:
                summaries = store.list_cases()
            except DutydeskError as exc:
                self.notify(str(exc), severity="error", markup=False)
                summaries = []
        self.rows = {s.reference: BoardRow(s) for s in summaries}
        self.redraw()
        if store is not None:
            self.call_after_refresh(self.assess)  # the rows show first; urgency follows

    def redraw(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self._generation = getattr(self, "_generation", 0) + 1
        today = self.desk.clock().astimezone(LONDON).date()
        shown = [r for r in sorted(self.rows.values(), key=BoardRow.sort_key) if self._passes(r)]
        # A screenful now, the rest a screenful per refresh: building and measuring hundreds
        # of rows at once would hold the first paint (and every key pressed meanwhile) back.
        self._add_rows(shown, today, keep, self._generation)
        self._shown = len(shown)
        self.show_status()
        if not shown:
            self.show_detail(None)  # an empty board says what to do first

    def show_status(self) -> None:
        counts = sum(1 for r in self.rows.values() if r.next_status == "overdue")
        opening = " · opening the store…" if getattr(self, "opening", False) else ""
        synced = getattr(self.desk, "sync_status", "")  # with an office store (issue 33)
        # The sync's word first after the count: at 80 columns the end of the line is cut off.
        self.query_one("#status", Static).update(
            f"{getattr(self, '_shown', 0)} of {len(self.rows)} open cases{' · ' + synced if synced else ''} · "
            f"filter: {label(self.filter).lower()} (f) · {counts} overdue · wd = working days to hearing{opening}"
        )

    def _cells(self, row: BoardRow, today: date) -> tuple[str, tuple[Text | str, ...]]:
        s = row.summary
        hearing = "not listed"
        if s.first_hearing_at:
            day = s.first_hearing_at.astimezone(LONDON).date()
            left = self.desk.calendar.working_days_between(today, day)
            hearing = f"{short_day(day)} {left}wd"
        due = Text("")
        if row.next_due:
            style = {"overdue": "bold red", "due_today": "bold yellow"}.get(row.next_status or "", "")
            word = DUE_WORD.get(row.next_status or "", "")
            due = Text(f"{word}{short_day(row.next_due)}", style=style)
        urgent = row.next_item if len(row.next_item) <= 34 else row.next_item[:33] + "…"
        return s.reference, (
            literal(s.reference),
            literal(s.children_text(today) or "—"),
            hearing,
            literal(urgent),
            due,
            row.risk,
            row.police,
        )

    def _add_rows(self, rows: list[BoardRow], today: date, keep: int, generation: int) -> None:
        if generation != self._generation:
            return  # a newer redraw replaced these rows
        table = self.query_one(DataTable)
        first = table.row_count == 0
        # The first batch is what the terminal can show; the rest follow a screenful at a time.
        size = max(self.app.size.height, 10) if first else CHUNK
        batch = rows[:size]
        for row in batch:
            key, values = self._cells(row, today)
            # Children who do not fit their column wrap onto a second line rather than drop off
            # the end (issue 29: the third child of three was not on the board); other rows stay
            # one line, so a board of thousands is laid out as fast as before.
            tall = len(values[1]) > CHILDREN_WIDTH
            table.add_row(*values, key=key, height=None if tall else 1)
        # The first rows place the cursor where it was; later ones only if it was beyond them.
        if table.row_count and (first or keep >= table.row_count - len(batch)):
            table.move_cursor(row=min(keep, table.row_count - 1))
            self.show_detail(self.selected_reference())
        if len(rows) > size:
            self.call_after_refresh(self._add_rows, rows[size:], today, keep, generation)

    def _passes(self, row: BoardRow) -> bool:
        if self.filter == "overdue":
            return row.next_status == "overdue"
        if self.filter == "due_today":
            return row.next_status == "due_today"
        if self.filter == "mine":
            return row.mine
        return True

    @work(thread=True, exclusive=True, group="assess")
    def assess(self) -> None:
        """Screen every open case off the UI thread; the board re-sorts as answers come in."""
        from dutydesk.services.board import board_answer  # noqa: PLC0415  (the rules load off the UI thread)

        store = self.desk.store
        if store is None:
            return
        now, policy = self.desk.clock(), self.desk.policy
        answers: dict[str, dict[str, object]] = {}
        for reference in list(self.rows):
            time.sleep(0)  # let the UI thread in between cases: keys stay quick while this runs
            answer = board_answer(store, reference, policy, now)
            if answer is not None:
                answers[reference] = answer
        self.app.call_from_thread(self._apply_answers, answers)

    def _apply_answers(self, answers: dict[str, dict[str, object]]) -> None:
        """On the UI thread: the rows take the worker's answers, then the board re-sorts."""
        for reference, values in answers.items():
            row = self.rows.get(reference)
            if row is not None:
                for name, value in values.items():
                    setattr(row, name, value)
        self.redraw()

    def selected_reference(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(str(event.row_key.value))

    def show_detail(self, reference: str | None) -> None:
        """Everything the row says, unabridged: at 80 columns the table cannot show it all."""
        row = self.rows.get(reference or "")
        text = EMPTY_HINT if not self.rows and not getattr(self, "opening", False) else ""
        if row is None and self.rows and not getattr(self, "_shown", 1):
            text = "No case passes this filter: f shows the next filter, all cases among them."
        if row is not None:
            due = ""
            if row.next_due:
                word = DUE_WORD.get(row.next_status or "", "").strip()
                due = f" · due {day(row.next_due)} {word}".rstrip()
            item = " ".join(row.next_item.split())  # one line, whatever a name held
            today = london_date(self.desk.clock())
            children = " ".join((row.summary.children_text(today) or "no child recorded").split())
            text = f"{row.summary.reference} · {children} · risk: {row.risk} · police check: {row.police}{due}\n{item}"
        detail = literal(text)
        detail.no_wrap, detail.overflow = True, "ellipsis"  # two lines at any width
        self.query_one("#detail", Static).update(detail)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.desk.open_case(str(event.row_key.value))

    def action_open_case(self) -> None:
        ref = self.selected_reference()
        if ref:
            self.desk.open_case(ref)

    def action_new_case(self) -> None:
        self.desk.new_case()

    def action_find_person(self) -> None:
        self.desk.find_person()

    def action_import_file(self) -> None:
        self.desk.import_file()

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.redraw()

    def action_refresh(self) -> None:
        self.load_rows()
        count = getattr(self.desk, "count_to_send", None)  # with an office store (issue 33)
        if count is not None:
            count()

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        # Back from a case (not the first showing): what was done there may change the order.
        if getattr(self, "_away", False):
            self._away = False
            self.load_rows()
