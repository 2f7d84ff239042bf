"""Form fields bound to a path in the case: each edit is applied at once and saved shortly after.

Bad input is refused at the point of entry with the accepted forms named; the case keeps its
last good value until the field holds a good one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, TextArea
from textual.widgets._select import SelectOverlay  # Textual's menu (private): typing searches it

from dutydesk.domain.case.partial_date import PartialDate, parse_partial
from dutydesk.domain.rules.labels import label
from dutydesk.domain.time.dates import day, parse_date, parse_instant, uk_instant
from dutydesk.errors import BadInput
from dutydesk.infra.safe_text import neutralise
from dutydesk.tui.widgets.safe_input import SafeInput
from dutydesk.tui.widgets.safe_text_area import SafeTextArea, safe_lines
from dutydesk.tui.widgets.text import literal, show_once
from dutydesk.tui.widgets.ticks import Ticks

if TYPE_CHECKING:
    from dutydesk.domain.case.model import Case

# person / people: chosen from the case's people by name (never an id typed); a list with
# options is ticked in a SelectionList; an enum is a Select of human labels; long is narrative
# (an allegation, a call record, an analysis) in a multi-line area that grows with it.
Kind = Literal["text", "long", "date", "partial", "instant", "tri", "enum", "list", "int", "person", "people"]
Who = Literal["anyone", "children", "adults"]
TRI = [("Yes", "yes"), ("No", "no"), ("Not known", "unknown")]


@dataclass(frozen=True)
class FieldSpec:
    path: str
    label: str
    kind: Kind = "text"
    options: tuple[str, ...] = ()
    hint: str = ""
    readonly: bool = False
    who: Who = "anyone"  # person / people: whom the list offers
    option_labels: tuple[str, ...] = ()  # what the officer reads for each option, when not `label()`
    group: str = ""  # the heading it sits under in a dialog (Ctrl+↓ / Ctrl+↑ jump between them)
    # Whether the item needs this field, from the case as it is now (a child is not asked for an
    # address; a referral shows the consent its kind needs). A field holding a value is always
    # shown: nothing recorded is ever hidden.
    when: Callable[[Case], bool] | None = None

    def shown_options(self) -> list[tuple[str, str]]:
        """(what the officer reads, the value stored) for each option."""
        names = self.option_labels or tuple(label(o) for o in self.options)
        return list(zip(names, self.options, strict=True))


def person_label(case: Case, pid: str) -> str:
    """A person as a picker lists them: name, role and date of birth (two Sams are told apart)."""
    person = case.person(pid)
    if person is None:
        return pid
    born = f", born {day(person.date_of_birth)}" if person.date_of_birth else ""
    return f"{person.full_name} ({label(person.role).lower()}{born})"


def with_people(specs: Iterable[FieldSpec], case: Case) -> list[FieldSpec]:
    """Person fields offer the case's people as they are now (children only where it says so)."""
    out = []
    for spec in specs:
        if spec.kind in ("person", "people"):
            people = [p for p in case.people if spec.who == "anyone" or (p.role == "child") == (spec.who == "children")]
            ids = tuple(p.id for p in people)
            spec = replace(spec, options=ids, option_labels=tuple(person_label(case, i) for i in ids))
        out.append(spec)
    return out


def show(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if kind == "date" and isinstance(value, date):
        return day(value)
    if kind == "partial" and isinstance(value, PartialDate):
        return value.shown()
    if kind == "instant" and isinstance(value, datetime):
        return uk_instant(value)
    if kind == "list":
        return ", ".join(value)
    return str(value)


def parse(text: str, spec: FieldSpec, now: datetime | None = None) -> Any:
    """The value a typed text stands for, or BadInput naming what is accepted. `now` is the
    desk's clock, for "now", "today" and "yesterday 16:40"."""
    if spec.kind == "long":
        return text if text.strip() else None  # its lines and their layout are the officer's
    text = text.strip()
    if not text:
        return [] if spec.kind == "list" else None
    if spec.kind == "date":
        return parse_date(text, now)
    if spec.kind == "partial":
        return parse_partial(text, (now or datetime.now()).date())
    if spec.kind == "instant":
        return parse_instant(text, now)
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

    # A yes / no / not-known answer with one key (the list opened, a move and Enter are three).
    BINDINGS = [
        Binding("y", "answer('yes')", "Yes", id="field.yes", show=False),
        Binding("n", "answer('no')", "No", id="field.no", show=False),
        Binding("k", "answer('unknown')", "Not known", id="field.unknown", show=False),
    ]

    @dataclass
    class Changed(Message):
        row: FieldRow
        path: str
        value: Any

    @dataclass
    class Answered(Message):
        """Enter in a one-line field: the dialog moves on to what is left."""

        row: FieldRow

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
                yield Select(TRI, value=current, allow_blank=False, disabled=spec.readonly, compact=True)
                yield Label(" y / n / k", classes="hint")
            elif spec.kind in ("enum", "person"):
                # Names are user text: shown literally, never read as markup or actions.
                options = [(literal(text), value) for text, value in spec.shown_options()]
                value = self.initial if self.initial in spec.options else Select.NULL
                yield Select(
                    options,
                    value=value,
                    allow_blank=True,
                    prompt="(not recorded)",
                    disabled=spec.readonly,
                    compact=True,  # its open menu finds what is typed: "sec" for Section 47
                )
            elif spec.kind == "people" or (spec.kind == "list" and spec.options):
                chosen = set(self.initial or ())
                yield Ticks(
                    *((literal(text), value, value in chosen) for text, value in spec.shown_options()),
                    disabled=spec.readonly,
                    compact=True,
                )
            elif spec.kind == "long":
                yield SafeTextArea(self.initial or "", disabled=spec.readonly, compact=True)
            else:
                placeholder = {
                    "date": "DD/MM/YYYY or today",
                    "instant": "DD/MM/YYYY HH:MM, now or yesterday 16:40",
                    "partial": "2012, 03/2012 or 13/03/2012",
                }.get(spec.kind, "")
                yield SafeInput(
                    show(self.initial, spec.kind), placeholder=placeholder, disabled=spec.readonly, compact=True
                )
        yield Label("", classes="error")

    def show_value(self, value: Any) -> None:
        """Show a value that came from elsewhere (another session) without recording it again."""
        self.initial = value
        if self.spec.kind == "tri":
            self.query_one(Select).value = {True: "yes", False: "no"}.get(value, "unknown")
        elif self.spec.kind in ("enum", "person"):
            self.query_one(Select).value = value if value in self.spec.options else Select.NULL
        elif self.spec.kind == "long":
            self.query_one(SafeTextArea).show_text(value or "")
        elif self.choices:
            chooser = self.query_one(SelectionList)
            with chooser.prevent(SelectionList.SelectedChanged):
                chooser.deselect_all()
                for item in value or ():
                    if item in self.spec.options:
                        chooser.select(item)
        else:
            editor = self.query_one(Input)
            cursor = editor.cursor_position
            editor.value = show(value, self.spec.kind)
            editor.cursor_position = min(cursor, len(editor.value))  # the cursor stays where it was

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":  # only on a yes/no field; elsewhere the key does what it always did
            return self.spec.kind == "tri" and not self.spec.readonly
        return True

    def action_answer(self, value: str) -> None:
        self.query_one(Select).value = value

    @property
    def empty(self) -> bool:
        """Nothing recorded yet (a yes / no answer of "not known" counts as not yet answered)."""
        return self.initial is None or self.initial == [] or self.initial == ""

    async def _on_key(self, event: events.Key) -> None:
        # A closed menu: a letter opens it and starts finding the option ("sec" → Section 47),
        # one key fewer than Enter first. Digits stay what they always were.
        select = next(iter(self.query(Select)), None)
        if (
            select is None
            or not select.has_focus
            or select.expanded
            or not (event.character and event.character.isalpha())
            or self.spec.kind == "tri"  # y / n / k answer it in one key
        ):
            return
        event.stop()
        event.prevent_default()
        select.expanded = True
        overlay = select.query_one(SelectOverlay)
        # After the App has given the menu the focus (which clears its search): the letter then
        # starts the search, ahead of any key typed after it.
        self.app.call_later(overlay.post_message, events.Key(event.key, event.character))

    def _now(self) -> datetime | None:
        clock = getattr(self.app, "clock", None)
        return clock() if callable(clock) else None

    @property
    def choices(self) -> bool:
        """Ticked from a list rather than typed."""
        return self.spec.kind == "people" or (self.spec.kind == "list" and bool(self.spec.options))

    def refuse(self, problem: str) -> None:
        """The case refused the value (e.g. an id that is not on the case): say so here."""
        self.initial = None  # so retyping the same text is tried again
        self._error(problem)

    def _error(self, message: str) -> None:
        label = self.query_one(".error", Label)
        show_once(label, literal(message))  # a message may quote what was typed
        label.set_class(bool(message), "-shown")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._take(event.value, neutralise(show(self.initial, self.spec.kind)))

    @on(TextArea.Changed)
    def _written(self, event: TextArea.Changed) -> None:
        event.stop()
        self._take(event.text_area.text, safe_lines(self.initial or ""))

    def _take(self, typed: str, held: str) -> None:
        if typed == held:
            # The value as held, shown with its control characters made visible: not an edit.
            self._error("")
            return
        try:
            value = parse(typed, self.spec, self._now())
        except BadInput as exc:
            self._error(str(exc))  # each message names what was wrong and the forms accepted
            return
        self._error("")
        self._post(value)

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Answered(self))

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        # "now" or "yesterday 16:40" shown as the instant it was taken to mean, once the officer
        # moves on (while typing, the words stay as typed).
        if self.spec.kind in ("date", "instant") and self.initial is not None:
            shown = show(self.initial, self.spec.kind)
            try:
                parse(event.value, self.spec, self._now())  # what is held came from this text
            except BadInput:
                return  # its error stays beside it
            if event.value.strip() != shown:
                event.input.value = shown

    def _post(self, value: Any) -> None:
        # Only real changes: mounting, or retyping the same instant in another form, is not one.
        if value == self.initial or (value in (None, []) and self.initial in (None, [])):
            return
        if self.spec.kind in ("instant", "date") and show(value, self.spec.kind) == show(self.initial, self.spec.kind):
            return  # same minute as shown: seconds the officer cannot see are not a change
        self.initial = value
        self.post_message(self.Changed(self, self.spec.path, value))

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        # In the list's order, and keeping any stored value the list does not offer (an id
        # from an imported file): ticking never drops what the officer cannot see.
        unseen = [v for v in self.initial or () if v not in self.spec.options]
        self._error("")
        self._post(unseen + [v for v in self.spec.options if v in chosen])

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        raw = event.value
        if self.spec.kind == "tri":
            value: Any = {"yes": True, "no": False}.get(str(raw))
        else:
            value = None if raw is Select.NULL else raw
        self._error("")  # a choice from the list is always one the case accepts
        # The focus stays on the choice: an officer's habitual Tab after it must land on the next
        # field, not one further (Enter in a typed field is the key that moves on).
        self._post(value)
