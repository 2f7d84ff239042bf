"""An item's fields (a check, an allegation, a referral…) in a dialog, saved as typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from dutydesk.tui.dialogs.keys import DIALOG_KEYS
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.fields import FieldRow, FieldSpec
from dutydesk.tui.widgets.focus_scroll import FocusKeepingScroll
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.text import literal


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
