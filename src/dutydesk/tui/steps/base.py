"""What every step pane shares: access to the open case, the latest screening, and edits."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from dutydesk.domain.case import fieldpath
from dutydesk.domain.case.model import Case
from dutydesk.domain.rules.linked_times import AddAction, follow, touches
from dutydesk.domain.rules.screening import Screening
from dutydesk.tui.steps.workspace import Workspace
from dutydesk.tui.widgets.fields import FieldRow, FieldSpec, with_people
from dutydesk.tui.widgets.focus_scroll import FocusKeepingScroll
from dutydesk.tui.widgets.text import show_once, visible


def new_id(prefix: str) -> str:
    """Ids unique across sessions, so two officers adding at once never collide."""
    return f"{prefix}{uuid.uuid4().hex[:6]}"


class StepPane(FocusKeepingScroll):
    """A step of the case workspace. `refresh_derived` runs after every edit."""

    # The step's digit and its F-key, from anywhere in the case: each step says its own (a step
    # added to STEPS without them fails tests/unit/test_step_keys.py instead of taking another's).
    KEYS: tuple[str, str] = ("", "")

    @dataclass
    class GoToStep(Message):
        """Show step `step_id` (where the highlighted information is recorded)."""

        step_id: str

    DEFAULT_CSS = """
    StepPane { padding: 0 1; }
    StepPane .section { text-style: bold; padding-top: 1; }
    StepPane .derived { padding: 0 0 0 2; height: auto; }
    StepPane DataTable { height: auto; max-height: 12; }
    """
    step_id = ""
    # Keys a widget of the step handles itself (Enter on a table), for the help; the step's own
    # keys are its BINDINGS, each with a tooltip.
    KEY_HELP: tuple[tuple[str, str], ...] = ()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(id=f"pane-{self.step_id}")
        self.workspace = workspace
        self.built = False

    def compose(self) -> ComposeResult:
        yield from ()  # built on first view (ensure_built): opening a case stays quick

    def content(self) -> ComposeResult:
        """The step's widgets."""
        yield from ()

    def watch_has_focus(self, _has_focus: bool) -> None:
        # Textual restyles the focused widget and everything inside it; a step holds up to 80
        # widgets, and that was a quarter of a step switch. Only the pane's own border follows
        # its focus (dutydesk.tcss: "StepPane:focus"); tests/unit/test_focus_styles.py fails if
        # a rule ever styles what is inside a pane by the pane's focus.
        self.app.stylesheet.update_nodes([self], animate=True)

    def ensure_built(self) -> None:
        if not self.built:
            self.built = True
            self.mount_all(list(self.content()))
            self.call_after_refresh(self._first_derived)

    def _first_derived(self) -> None:
        # The officer may have Tabbed into a field before what the rules say filled in above it.
        place = focus_place(self.screen.focused)
        self.refresh_derived()
        self.call_after_refresh(keep_focus_place, place)

    @property
    def case(self) -> Case:
        return self.workspace.session.case

    @property
    def result(self) -> Screening:
        return self.workspace.result

    def now(self) -> datetime:
        return self.workspace.now()

    def fields(self, specs: Iterable[FieldSpec]) -> list[FieldRow]:
        return [FieldRow(spec, value) for spec, value in self.item_fields(specs)]

    def item_fields(self, specs: Iterable[FieldSpec]) -> list[tuple[FieldSpec, Any]]:
        """Each field with its value now (None where the item has no such value yet), person
        fields offering the case's people as they are now."""

        out = []
        for spec in with_people(specs, self.case):
            try:
                value = fieldpath.get(self.case, spec.path)
            except KeyError:
                value = None
            out.append((spec, value))
        return out

    def edit(self, path: str, value: Any) -> str | None:

        linked = self.workspace.policy.linked_times is not None and touches(path)
        before = self._held(path) if linked else None
        problem = self.workspace.apply(path, value)
        if linked and problem is None:
            self._follow_linked(path, before, value)
        return problem

    def _held(self, path: str) -> Any:

        try:
            return fieldpath.get(self.case, path)
        except KeyError:
            return None

    def _follow_linked(self, path: str, before: Any, after: Any) -> None:
        """One fact typed once (issue 29): a fax or Service Manager's copy time typed on the
        referral fills the concern record's action, and the reverse (domain/linked_times.py). Each
        follow-on edit is recorded as the officer's own, as typing is (journal, save, audit trail)."""

        rules = self.workspace.policy.linked_times
        assert rules is not None
        added = False
        for change in follow(self.case, rules, path, before, after, self.workspace.officer):
            if isinstance(change, AddAction):
                concern = next(c for c in self.case.concerns if c.id == change.concern_id)
                concern.actions.append(change.action)
                added = True
            else:
                self.workspace.apply(change.path, change.value)
        if added:
            self.changed_structure()

    def changed_structure(self) -> None:
        self.workspace.structure_changed()

    def refresh_derived(self) -> None:
        """Redraw what the rules say; never rebuild the fields (that would move the cursor)."""

    def derived(self, widget_id: str, text: Text) -> None:
        """What the rules say, shown: their wording quotes names and notes, so made visible."""
        visible(text)
        for widget in self.query(f"#{widget_id}"):
            if isinstance(widget, Static):
                show_once(widget, text)

    def _take_back(self, items: Callable[[], list[Any]], pristine: object) -> None:
        """A new item whose dialog was closed with nothing changed (a key pressed by mistake, or
        Esc at once) — still equal to what was added — is taken off the case again, not kept as
        an empty record (issue 29). One with anything recorded in it stays."""
        # Looked up afresh: a save or another desk's change may have replaced the case's objects;
        # the item's id is part of what is compared.
        held = items()
        if any(x == pristine for x in held):
            held[:] = [x for x in held if x != pristine]
            self.changed_structure()

    def on_field_row_changed(self, event: FieldRow.Changed) -> None:
        super().on_field_row_changed(event)  # the officer is working here: keep the field in view
        problem = self.edit(event.path, event.value)
        if problem:
            event.row.refuse(problem)


@dataclass(frozen=True)
class FocusPlace:
    """Where the focused field sat on screen before what the rules say was redrawn above it."""

    widget: Widget
    pane: StepPane
    y: int | None  # None: it was not on screen, so it is brought into view rather than kept there


def focus_place(focused: Widget | None) -> FocusPlace | None:
    if focused is None:
        return None
    pane = next((a for a in focused.ancestors if isinstance(a, StepPane)), None)
    region = focused.region
    if pane is None or not region:
        return None
    # Only a place the officer can see is kept: a field Tabbed to below the fold a moment ago
    # (Textual's scroll to it still under way) is brought into view instead, never held off screen.
    seen = pane.content_region
    if not (seen.y <= region.y and region.y + min(region.height, seen.height) <= seen.bottom):
        return FocusPlace(focused, pane, None)
    return FocusPlace(focused, pane, region.y)


def keep_focus_place(place: FocusPlace | None) -> None:
    """After the redraw: the focused field back where the officer was looking. The reasons, the
    prompts and the banner above a field grow and shrink with every edit; without this the field
    being typed in slid off the bottom of an 80×24 screen (issue 29), and Tab went there unseen."""
    if place is None or place.widget is not place.widget.screen.focused or not place.pane.is_mounted:
        return
    region = place.widget.region
    if not region or place.y is None:
        place.pane.show_focused()
    elif region.y != place.y:
        place.pane.scroll_relative(y=region.y - place.y, animate=False, immediate=True)


def fill_table(table: DataTable[Any], rows: list[tuple[str, list[Any]]]) -> None:
    """Replace a table's rows, keeping the cursor where it was (nothing done when they are the
    same rows: the rules refresh after every pause in typing)."""
    if getattr(table, "_rows", None) == rows:
        return
    table._rows = list(rows)  # type: ignore[attr-defined]
    keep = table.cursor_row
    table.clear()
    for key, cells in rows:
        # As tall as its longest cell: a name or a date wraps within its column, never cut
        # ("Daniel James Whi…" at 80 columns, issue 29).
        table.add_row(*cells, key=key, height=None)
    if rows:
        table.move_cursor(row=min(max(keep, 0), len(rows) - 1))


def selected_key(table: DataTable[Any]) -> str | None:
    if table.row_count == 0:
        return None
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
