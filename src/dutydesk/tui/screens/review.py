"""The Service Manager's Review screen: every obligation on the cases received in the last twelve
months — sortable (s), filtered by status (f) or by typing (/), a case opened with Enter — and,
on c, the two charts a manager would rather look at than read: on-time rate by month and how
many working days late (textual-plotext, drawn in the terminal)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static
from textual_plotext import PlotextPlot

from dutydesk.domain.review.charts import count_ticks, days_late_counts, on_time_by_month, rate_words
from dutydesk.domain.review.review import CaseReview, Obligation, totals
from dutydesk.domain.time.calendar import LONDON, london_date
from dutydesk.domain.time.dates import short_day
from dutydesk.services.review import run_review
from dutydesk.store.review_scope import Scope
from dutydesk.tui.desk import Desk
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.footer import DeskFooter

FILTERS = ("needs attention", "all", "missed", "late", "open", "on_time")
SORTS = ("status", "due", "case", "days late")
STATUS_ORDER = {"missed": 0, "late": 1, "open": 2, "on_time": 3, "not_applicable": 4}
STATUS_STYLE = {"on_time": "green", "late": "yellow", "missed": "bold red", "open": "cyan", "not_applicable": "dim"}


class Charts(Horizontal, can_focus=True):
    """The two charts side by side; focusable, so the keys stay the screen's while they show."""


class ReviewScreen(HelpAndQuitFirst, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Board", id="review.back"),
        Binding("f", "cycle_filter", "Filter", id="review.filter"),
        Binding("s", "cycle_sort", "Sort", id="review.sort"),
        Binding("slash", "search", "Find", id="review.search"),
        Binding("c", "charts", "Charts", id="review.charts"),
        Binding("enter", "open_case", "Open case", id="review.open", show=False),
        Binding("f1,question_mark", "app.help", "Help", id="review.help"),
    ]
    DEFAULT_CSS = """
    ReviewScreen #review-scope { height: auto; padding: 0 1; background: $boost; }
    ReviewScreen #review-find { display: none; }
    ReviewScreen #review-find.shown { display: block; }
    ReviewScreen DataTable { height: 1fr; }
    ReviewScreen #review-how { height: 3; padding: 0 1; background: $boost; }
    ReviewScreen #review-charts { display: none; height: 1fr; }
    ReviewScreen #review-charts.shown { display: block; }
    ReviewScreen PlotextPlot { width: 1fr; height: 1fr; }
    """

    def __init__(self, desk: Desk, months: int = 12) -> None:
        super().__init__()
        self.desk, self.months = desk, months
        self.reviews: list[CaseReview] = []
        self.filter = FILTERS[0]
        self.sort = SORTS[0]
        self.find = ""
        self.rows: dict[str, tuple[CaseReview, Obligation]] = {}

    def compose(self) -> ComposeResult:
        yield Header(show_clock=self.desk.show_clock)
        yield Static("Reviewing…", id="review-scope", markup=False)
        yield Input(placeholder="type part of a reference or an obligation; Esc to close", id="review-find")
        table: DataTable[Text | str] = DataTable(cursor_type="row", zebra_stripes=True, id="review-table")
        yield table
        with Charts(id="review-charts"):
            yield PlotextPlot(id="chart-rate")
            yield PlotextPlot(id="chart-late")
        with Vertical(id="review-how"):
            yield Static("", id="review-explain", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = "dutydesk — compliance review"
        table = self.query_one(DataTable)
        for heading, width in (("Case", 14), ("Obligation", 34), ("Due", 10), ("Status", 14)):
            table.add_column(heading, width=width)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        """The review runs off the UI thread: keys stay quick on a large store."""

        store = self.desk.ready_store()
        if store is None:
            return
        now = self.desk.clock()
        scope = Scope(received_from=london_date(now) - timedelta(days=round(self.months * 30.44)))
        reviews = run_review(store, self.desk.policy, now, scope)
        self.app.call_from_thread(self.show, reviews, scope.describe(), now)

    def show(self, reviews: list[CaseReview], scope: str, now: datetime) -> None:
        self.reviews = reviews
        summary = totals(reviews)
        rate = summary["on_time_rate"]
        due = sum(int(summary[k]) for k in ("on_time", "late", "missed"))  # type: ignore[call-overload]
        shown_rate = rate_words(100 * rate if isinstance(rate, float) else None, due)
        flagged = sum(1 for r in reviews for o in r.obligations if o.flag)
        flags = f" · {flagged} flagged (!)" if flagged else ""
        self.query_one("#review-scope", Static).update(
            f"{scope}, as at {now.astimezone(LONDON):%d/%m/%Y %H:%M} · {summary['cases']} cases · {shown_rate} · "
            f"{summary['missed']} missed · {summary['late']} late · {summary['open']} open{flags}"
        )
        self.redraw()
        self.draw_charts()

    def shown_rows(self) -> list[tuple[CaseReview, Obligation]]:
        wanted = {
            "needs attention": ("missed", "late", "open"),
            "all": ("on_time", "late", "missed", "open", "not_applicable"),
        }.get(self.filter, (self.filter,))
        found = self.find.lower()
        pairs = [
            (r, o)
            for r in self.reviews
            for o in r.obligations
            if o.status in wanted and (not found or found in r.reference.lower() or found in o.what.lower())
        ]
        keys: dict[str, Callable[[tuple[CaseReview, Obligation]], tuple[Any, ...]]] = {
            "status": lambda p: (STATUS_ORDER[p[1].status], p[1].due or datetime.max.date(), p[0].reference),
            "due": lambda p: (p[1].due or datetime.max.date(), p[0].reference),
            "case": lambda p: (p[0].reference, STATUS_ORDER[p[1].status]),
            "days late": lambda p: (-(p[1].days_late or 0), STATUS_ORDER[p[1].status], p[0].reference),
        }
        # Flagged first whatever the sort (¶2.30, ¶2.81 "immediately"; ¶2.87): an Imminent or High
        # case's open Service Manager discussion or urgent action is never below the fold.
        return sorted(pairs, key=lambda p: (0 if p[1].flag else 1, keys[self.sort](p)))

    def redraw(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.rows = {}
        for review, o in self.shown_rows():
            key = f"{review.reference}|{o.key}"
            self.rows[key] = (review, o)
            late = f" +{o.days_late}wd" if o.days_late else ""
            table.add_row(
                Text(review.reference),
                Text(f"! {o.what}", style="bold red") if o.flag else Text(o.what),
                short_day(o.due) if o.due else "—",
                Text(o.status.replace("_", " ") + late, style=STATUS_STYLE[o.status]),
                key=key,
            )
        self.sub_title = f"showing {self.filter}, sorted by {self.sort} ({len(self.rows)})"
        self.explain(self.selected())

    def draw_charts(self) -> None:
        rate = self.query_one("#chart-rate", PlotextPlot).plt
        rate.clear_figure()
        # Each month's bar says its n: a rate over one obligation is not a rate over a hundred.
        months = [(f"{_month(m)} n={n}", v if v is not None else 0) for m, v, n in on_time_by_month(self.reviews)]
        months = months[-12:]
        if months:
            rate.bar([m for m, _ in months], [v for _, v in months])
        rate.title("On time by month received (% of n due)")
        rate.ylim(0, 100)
        rate.yticks([0, 25, 50, 75, 100])
        late = self.query_one("#chart-late", PlotextPlot).plt
        late.clear_figure()
        counts = days_late_counts(self.reviews)
        late.bar([k for k, _ in counts], [v for _, v in counts])  # short labels: plotext drops any that overlap
        ticks = count_ticks(max(v for _, v in counts))
        late.ylim(0, ticks[-1])
        late.yticks([float(t) for t in ticks], [str(t) for t in ticks])  # a count: whole numbers only
        late.title(f"Working days late (n = {sum(v for _, v in counts)} obligations)")
        for plot in self.query(PlotextPlot):
            plot.refresh()

    def selected(self) -> tuple[CaseReview, Obligation] | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    def explain(self, chosen: tuple[CaseReview, Obligation] | None) -> None:
        text = f"{chosen[1].what} ({chosen[1].ref}): {chosen[1].how}" if chosen else "No obligation is shown."
        if chosen and chosen[1].flag:
            text = f"! {chosen[1].flag}. {text}"
        self.query_one("#review-explain", Static).update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.explain(self.selected())

    @on(DataTable.RowSelected)
    def _selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open_case()

    @on(Input.Changed, "#review-find")
    def _find(self, event: Input.Changed) -> None:
        self.find = event.value.strip()
        self.redraw()

    @on(Input.Submitted, "#review-find")
    def _found(self, _event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        box = self.query_one("#review-find", Input)
        box.add_class("shown")
        box.focus()

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.redraw()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.redraw()

    def action_charts(self) -> None:
        charts = self.query_one("#review-charts")
        table = self.query_one(DataTable)
        shown = charts.has_class("shown")
        charts.set_class(not shown, "shown")
        table.display = shown  # at 80×24 the charts take the table's place, c brings it back
        (table if shown else charts).focus()  # never the find box: c would be typed into it

    def action_open_case(self) -> None:
        chosen = self.selected()
        if chosen:
            self.desk.open_case(chosen[0].reference)

    def action_back(self) -> None:
        box = self.query_one("#review-find", Input)
        if box.has_focus:
            box.remove_class("shown")
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)


def _month(key: str) -> str:
    """'2025-06' as 'Jun 25' under a bar."""
    try:
        return datetime.strptime(key, "%Y-%m").strftime("%b %y")
    except ValueError:
        return key
