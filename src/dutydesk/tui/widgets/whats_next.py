"""The What's next panel: every open obligation on the case, most urgent first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from dutydesk.domain.rules.results import Outstanding
from dutydesk.domain.time.calendar import uk_date
from dutydesk.tui.widgets.text import clean, show_once

STATUS_WORD = {"overdue": "OVERDUE", "due_today": "DUE TODAY", "upcoming": "due"}
STATUS_STYLE = {"overdue": "bold red", "due_today": "bold yellow", "upcoming": ""}


def render_outstanding(items: tuple[Outstanding, ...], limit: int | None = None) -> Text:
    text = Text()
    if not items:
        return Text("Nothing outstanding.")
    for item in items[:limit]:
        if item.due:
            word = STATUS_WORD.get(item.status or "", "by")
            text.append(f"{word} {uk_date(item.due)} ", style=STATUS_STYLE.get(item.status or "", "bold"))
        text.append(clean(item.what))  # plain text (never markup); names inside it are cleaned
        text.append(f" ({item.ref})\n", style="italic")
    if limit is not None and len(items) > limit:
        text.append(f"… and {len(items) - limit} more\n", style="dim")
    return text


class WhatsNext(VerticalScroll):
    """Focusable (w, or Tab) so a long list scrolls from the keyboard: ↑ ↓ PageUp PageDown."""

    DEFAULT_CSS = """
    WhatsNext { border: round $accent; padding: 0 1; height: 1fr; }
    WhatsNext > Static { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__(id="whats-next")
        self.border_title = "What's next (^w)"
        self.items: tuple[Outstanding, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)

    def show(self, items: tuple[Outstanding, ...]) -> None:
        if items == self.items and self.items:
            return
        self.items = items
        show_once(self.query_one(Static), render_outstanding(items))

    @property
    def plain(self) -> str:
        return render_outstanding(self.items).plain
