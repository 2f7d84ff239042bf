"""Dialogs: blank screen, help, the deadline calculator, new case, import, and item editors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static, Switch

from dutydesk.domain.time.calendar import LONDON, london_date, uk_date
from dutydesk.domain.time.dates import ACCEPTED, parse_instant
from dutydesk.errors import BadInput
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.fields import FieldRow, FieldSpec
from dutydesk.tui.widgets.focus_scroll import FocusKeepingScroll
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.safe_input import SafeInput
from dutydesk.tui.widgets.text import literal

# Every dialog shows how to get help and how to leave, as every screen does (issue 17).
DIALOG_KEYS = [
    Binding("f1", "app.help", "Help", id="dialog.help"),
    Binding("ctrl+q", "app.quit", "Quit", id="dialog.quit"),
]


class BlankScreen(Screen[None]):
    """Hides everything at once (a court corridor) until the same key is pressed again."""

    DEFAULT_CSS = "BlankScreen { background: black; } BlankScreen Static { color: #303030; }"

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)  # nothing at all: Ctrl+B (the app's key) brings the screen back


class HelpScreen(HelpAndQuitFirst, ModalScreen[None]):
    """The keys of the screen underneath."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-height: 90%; border: round $accent; background: $panel; padding: 0 1; }
    """

    def __init__(self, title: str, bindings: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.rows = title, list(bindings)

    def compose(self) -> ComposeResult:
        text = Text(f"{self.title_text}\n\n", style="bold")
        width = max((len(key) for key, _ in self.rows), default=0)
        for key, description in self.rows:
            text.append(f"{key:>{width}}  ", style="bold")
            text.append(f"{description}\n")
        text.append("\nEsc goes back. Ctrl+P finds every command and case. Ctrl+B blanks the screen.", style="italic")
        with VerticalScroll():
            yield Static(text, markup=False)
        yield DeskFooter()

    def action_close(self) -> None:
        self.dismiss(None)


class DeadlineScreen(HelpAndQuitFirst, ModalScreen[None]):
    """From anywhere: a date/time and N working days, forward or back, with the days skipped."""

    BINDINGS = [Binding("escape", "close", "Close", id="deadline.close"), *DIALOG_KEYS]
    DEFAULT_CSS = """
    DeadlineScreen { align: center middle; }
    DeadlineScreen > Vertical { width: 76; height: auto; max-height: 95%; border: round $accent; background: $panel; padding: 0 1; }
    DeadlineScreen Input { width: 1fr; }
    DeadlineScreen Horizontal { height: auto; }
    DeadlineScreen .label { width: 22; padding-top: 1; }
    DeadlineScreen #answer { height: auto; padding-top: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Deadline calculator (clear working days, England & Wales)", style="bold"))
            with Horizontal():
                yield Label("From (date or time)", classes="label")
                yield SafeInput(placeholder="13/06/2025 16:10", id="from")
            with Horizontal():
                yield Label("Working days", classes="label")
                yield SafeInput("1", id="days", restrict=r"\d*")
            with Horizontal():
                yield Label("Count back (before)", classes="label")
                yield Switch(False, id="before")
            yield Static("", id="answer", markup=False)
            yield DeskFooter()

    def on_mount(self) -> None:
        now = self.app.clock().astimezone(LONDON)  # type: ignore[attr-defined]
        self.query_one("#from", Input).value = now.strftime("%d/%m/%Y %H:%M")
        self.query_one("#from", Input).focus()

    @on(Input.Changed)
    @on(Switch.Changed)
    def recompute(self) -> None:
        answer = self.query_one("#answer", Static)
        try:
            instant = parse_instant(self.query_one("#from", Input).value)
        except BadInput:
            answer.update(Text(f"Type the date as {ACCEPTED}.", style="red"))
            return
        days_text = self.query_one("#days", Input).value
        if not days_text:
            answer.update(Text("Type how many working days (0 or more).", style="red"))
            return
        calendar = self.app.calendar  # type: ignore[attr-defined]
        if self.query_one("#before", Switch).value:
            count = calendar.count(london_date(instant), int(days_text), "before")
        else:
            count = calendar.count_from_event(instant, int(days_text))
        text = Text(f"Due: {uk_date(count.due)}\n", style="bold")
        text.append(count.explain())
        answer.update(text)

    def action_close(self) -> None:
        self.dismiss(None)


class PromptDialog(HelpAndQuitFirst, ModalScreen[str | None]):
    """One line of text (a file path, a reason); Enter accepts, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel"), *DIALOG_KEYS]
    DEFAULT_CSS = """
    PromptDialog { align: center middle; }
    PromptDialog > Vertical { width: 72; height: auto; border: round $accent; background: $panel; padding: 0 1; }
    PromptDialog .error { color: $error; }
    """

    def __init__(self, title: str, placeholder: str = "", check: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.title_text, self.placeholder, self.check = title, placeholder, check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text, style="bold"))
            yield SafeInput(placeholder=self.placeholder)
            yield Label("", classes="error")
            yield Label("Enter to accept · Esc to cancel", classes="hint")
        yield DeskFooter()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check else None
        if problem:
            self.query_one(".error", Label).update(literal(problem))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def file_exists(text: str) -> str | None:
    path = Path(text.strip()).expanduser()
    return None if path.is_file() else f"No file at {path}"


class ItemDialog(HelpAndQuitFirst, ModalScreen[bool]):
    """Edits one item of the case in place: every field saved as it is typed; Esc closes.

    Only the fields the item needs are shown (a field's `when`, from the case as it is now; a
    field holding a value always shows), under headings Ctrl+↓ / Ctrl+↑ jump between. Enter in a
    typed field moves on to the next field still empty; Enter with none left after it finishes
    (issue 29: a case in a third of the keys)."""

    BINDINGS = [
        Binding("escape", "close", "Done", id="item.close"),
        Binding("ctrl+down", "group(1)", "Next group", id="item.next_group"),
        Binding("ctrl+up", "group(-1)", "Previous group", id="item.previous_group"),
        *DIALOG_KEYS,
    ]
    KEY_HELP = (
        ("Tab / Shift+Tab", "next / previous field"),
        ("Enter", "next empty field; with none left, done"),
        ("a letter", "on a choice: open it and find the option (sec → Section 47)"),
        ("Enter", "on a choice: open it; ↑ ↓ then Enter to choose"),
        ("Space", "tick or untick in a list"),
        ("now, yesterday 16:40", "in a date or time field"),
        ("Ctrl+Z", "undo the last edit of the field"),
    )
    DEFAULT_CSS = """
    ItemDialog { align: center middle; }
    ItemDialog > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 95%; border: round $accent; background: $panel; padding: 0 1; }
    ItemDialog .group { text-style: bold underline; color: $accent; margin-bottom: 1; }
    ItemDialog Select > SelectOverlay { max-height: 8; constrain: none inflect; }
    """

    def __init__(
        self,
        title: str,
        fields: list[tuple[FieldSpec, Any]],
        on_change: Callable[[str, Any], str | None],
        extra: Iterable[Any] = (),
        first: Iterable[Any] = (),
        case: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.fields, self.on_change, self.extra = title, fields, on_change, list(extra)
        self.first = list(first)  # widgets above the fields (a picker that fills them in)
        self.case_now = case  # the case as it is now, for each field's `when`
        # Whether the officer changed anything: a new item opened and closed at once (a key
        # pressed by mistake, Esc) is taken off again by whoever added it (issue 29).
        self.touched = False

    def compose(self) -> ComposeResult:
        with FocusKeepingScroll():
            yield Label(literal(self.title_text, style="bold"))  # a person's name: user text
            yield from self.first
            group = ""
            for spec, value in self.fields:
                if spec.group and spec.group != group:
                    group = spec.group
                    yield Label(f"{group}  (Ctrl+↓ / Ctrl+↑)", classes="group")
                yield FieldRow(spec, value)
            yield from self.extra
            yield Button("Done (Esc)", id="done")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.fit()
        # The first field still empty (a new child's role is already Child: her name is next);
        # a picker above the fields, when there is one, comes first.
        rows = self._rows()
        start = next((r for r in rows if r.empty), rows[0] if rows else None)
        if self.first:
            first = next((w for w in self.query("Input, Select, TextArea") if w.can_focus), None)
            if first is not None:
                first.focus()
        elif start is not None:
            self._enter(start)

    def fit(self) -> None:
        """Show the fields the item needs now; a heading shows while any field under it does."""
        case = self.case_now() if self.case_now is not None else None
        for row in self.query(FieldRow):
            when = row.spec.when
            row.display = when is None or case is None or not row.empty or bool(when(case))
        headings = list(self.query(".group"))
        for heading in headings:
            rows = []
            for sibling in heading.parent.children[heading.parent.children.index(heading) + 1 :]:  # type: ignore[union-attr]
                if not isinstance(sibling, FieldRow):
                    break
                rows.append(sibling)
            heading.display = any(r.display for r in rows)

    def _rows(self) -> list[FieldRow]:
        return [r for r in self.query(FieldRow) if r.display and not r.spec.readonly]

    @staticmethod
    def _enter(row: FieldRow) -> None:
        target = next((w for w in row.query("Input, Select, TextArea, SelectionList") if w.can_focus), None)
        if target is not None:
            target.focus()

    @on(FieldRow.Changed)
    def changed(self, event: FieldRow.Changed) -> None:
        self.touched = True
        problem = self.on_change(event.path, event.value)
        if problem:
            event.row.refuse(problem)
        self.fit()

    @on(FieldRow.Answered)
    def answered(self, event: FieldRow.Answered) -> None:
        rows = self._rows()
        after = rows[rows.index(event.row) + 1 :] if event.row in rows else []
        empty = next((r for r in after if r.empty), None)
        if empty is not None:
            self._enter(empty)
        else:  # Enter with nothing left to fill after it: done
            self.dismiss(self.touched)

    def action_group(self, step: int) -> None:
        """The first field of the next (or previous) group."""
        rows = self._rows()
        here = next((r for r in rows if self.focused is not None and self.focused in r.query("*")), None)
        groups: list[FieldRow] = []
        for row in rows:
            if not groups or row.spec.group != groups[-1].spec.group:
                groups.append(row)
        if not groups:
            return
        current = max(
            (i for i, g in enumerate(groups) if here is not None and rows.index(g) <= rows.index(here)), default=-1
        )
        target = groups[max(0, min(len(groups) - 1, current + step))]
        self._enter(target)

    @on(Button.Pressed, "#done")
    def action_close(self) -> None:
        self.dismiss(self.touched)


class DocumentPreview(HelpAndQuitFirst, ModalScreen[bool]):
    """A drafted document as it will read; w writes it to the outbox, Esc goes back."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="preview.close"),
        Binding("w", "write", "Write to outbox", id="preview.write"),
        *DIALOG_KEYS,
    ]
    DEFAULT_CSS = """
    DocumentPreview { align: center middle; }
    DocumentPreview > Vertical { width: 86; max-width: 100%; height: 90%; border: round $accent; background: $panel; }
    DocumentPreview VerticalScroll { height: 1fr; padding: 0 1; }
    DocumentPreview .hint { padding: 0 1; background: $boost; }
    """

    def __init__(self, made: Any) -> None:
        super().__init__()
        self.made = made

    def compose(self) -> ComposeResult:
        from dutydesk.drafting.kinds import RECIPIENT_WORDS

        kind = self.made.kind
        with Vertical():
            yield Label(
                Text(f"{kind.title} — for {RECIPIENT_WORDS[kind.recipient]} ({kind.ref})", style="bold"), classes="hint"
            )
            with VerticalScroll():
                yield Static(self.as_text(), markup=False)
            yield Label("w write to the outbox (.docx and .txt) and record it · Esc back", classes="hint")
        yield DeskFooter()

    def as_text(self) -> Text:
        """The document's own blocks, wrapped by the terminal (the .txt is wrapped for 78 columns)."""
        from dutydesk.drafting.templates import LINE_BREAK

        text = Text()
        for block in self.made.blocks:
            body = block.text.replace(LINE_BREAK, "\n")
            if block.kind == "blank":
                text.append("\n")
            elif block.kind == "heading":
                text.append(body + "\n", style="bold underline")
            elif block.kind == "bold":
                text.append(body + "\n", style="bold")
            elif block.kind == "bullet":
                text.append("• " + body + "\n")
            else:
                text.append(body + "\n")
        return text

    def action_close(self) -> None:
        self.dismiss(False)

    def action_write(self) -> None:
        self.dismiss(True)
