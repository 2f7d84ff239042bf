"""Form fields bound to a path in the case: each edit is applied at once and saved shortly after.

Bad input is refused at the point of entry with the accepted forms named; the case keeps its
last good value until the field holds a good one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from dutydesk.domain.dates import ACCEPTED, parse_date, parse_instant, uk_instant
from dutydesk.errors import BadInput
from dutydesk.safe_text import neutralise
from dutydesk.widgets.safe_input import SafeInput
from dutydesk.widgets.text import literal

Kind = Literal["text", "date", "instant", "tri", "enum", "list", "int"]
TRI = [("Yes", "yes"), ("No", "no"), ("Not known", "unknown")]


@dataclass(frozen=True)
class FieldSpec:
    path: str
    label: str
    kind: Kind = "text"
    options: tuple[str, ...] = ()
    hint: str = ""
    readonly: bool = False


def show(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if kind == "date" and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if kind == "instant" and isinstance(value, datetime):
        return uk_instant(value)
    if kind == "list":
        return ", ".join(value)
    return str(value)


def parse(text: str, spec: FieldSpec) -> Any:
    """The value a typed text stands for, or BadInput naming what is accepted."""
    text = text.strip()
    if not text:
        return [] if spec.kind == "list" else None
    if spec.kind == "date":
        return parse_date(text)
    if spec.kind == "instant":
        return parse_instant(text)
    if spec.kind == "int":
        if not text.isdigit():
            raise BadInput(f"{text!r} is not a whole number")
        return int(text)
    if spec.kind == "list":
        items = [t.strip() for t in text.split(",") if t.strip()]
        if spec.options:
            bad = [i for i in items if i not in spec.options]
            if bad:
                raise BadInput(f"{', '.join(bad)}: use {', '.join(spec.options)}")
        return items
    return text


class FieldRow(Widget):
    """A label, an editor and a one-line error, for one path."""

    DEFAULT_CSS = """
    FieldRow { height: auto; margin-bottom: 1; }
    FieldRow Horizontal { height: auto; }
    FieldRow .label { width: 1fr; text-style: bold; }
    FieldRow .hint { color: $text-muted; width: auto; }
    FieldRow Input, FieldRow Select { width: 1fr; }
    FieldRow .error { color: $error; height: auto; display: none; }
    FieldRow .error.-shown { display: block; }
    """

    @dataclass
    class Changed(Message):
        row: FieldRow
        path: str
        value: Any

    def __init__(self, spec: FieldSpec, value: Any) -> None:
        super().__init__(id=None)
        self.spec = spec
        self.initial = value

    def compose(self) -> ComposeResult:
        spec = self.spec
        yield Label(Text(spec.label + (f"  — {spec.hint}" if spec.hint else "")), classes="label")
        with Horizontal():
            if spec.kind == "tri":
                current = {True: "yes", False: "no"}.get(self.initial, "unknown")
                yield Select(
                    TRI, value=current, allow_blank=False, disabled=spec.readonly, compact=True, type_to_search=False
                )
            elif spec.kind == "enum":
                options = [(o.replace("_", " "), o) for o in spec.options]
                value = self.initial if self.initial in spec.options else Select.NULL
                yield Select(
                    options,
                    value=value,
                    allow_blank=True,
                    prompt="(not recorded)",
                    disabled=spec.readonly,
                    compact=True,
                    type_to_search=False,  # digits stay free to move between steps
                )
            else:
                placeholder = {"date": "DD/MM/YYYY", "instant": "DD/MM/YYYY HH:MM"}.get(spec.kind, "")
                yield SafeInput(
                    show(self.initial, spec.kind), placeholder=placeholder, disabled=spec.readonly, compact=True
                )
        yield Label("", classes="error")

    def show_value(self, value: Any) -> None:
        """Show a value that came from elsewhere (another session) without recording it again."""
        self.initial = value
        if self.spec.kind == "tri":
            self.query_one(Select).value = {True: "yes", False: "no"}.get(value, "unknown")
        elif self.spec.kind == "enum":
            self.query_one(Select).value = value if value in self.spec.options else Select.NULL
        else:
            editor = self.query_one(Input)
            cursor = editor.cursor_position
            editor.value = show(value, self.spec.kind)
            editor.cursor_position = min(cursor, len(editor.value))  # the cursor stays where it was

    def refuse(self, problem: str) -> None:
        """The case refused the value (e.g. an id that is not on the case): say so here."""
        self.initial = None  # so retyping the same text is tried again
        self._error(problem)

    def _error(self, message: str) -> None:
        label = self.query_one(".error", Label)
        label.update(literal(message))  # a message may quote what was typed
        label.set_class(bool(message), "-shown")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == neutralise(show(self.initial, self.spec.kind)):
            # The value as held, shown with its control characters made visible: not an edit.
            self._error("")
            return
        try:
            value = parse(event.value, self.spec)
        except BadInput as exc:
            extra = f" ({ACCEPTED})" if self.spec.kind in ("date", "instant") and "DD/MM" not in str(exc) else ""
            self._error(f"{exc}{extra}")
            return
        self._error("")
        self._post(value)

    def _post(self, value: Any) -> None:
        # Only real changes: mounting, or retyping the same instant in another form, is not one.
        if value == self.initial or (value in (None, []) and self.initial in (None, [])):
            return
        if self.spec.kind in ("instant", "date") and show(value, self.spec.kind) == show(self.initial, self.spec.kind):
            return  # same minute as shown: seconds the officer cannot see are not a change
        self.initial = value
        self.post_message(self.Changed(self, self.spec.path, value))

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        raw = event.value
        if self.spec.kind == "tri":
            value: Any = {"yes": True, "no": False}.get(str(raw))
        else:
            value = None if raw is Select.NULL else raw
        self._post(value)
