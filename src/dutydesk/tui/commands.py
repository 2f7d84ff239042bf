"""The command palette (Ctrl+P): every open case by reference, court number or anyone's name;
the desk's own commands; on a case, every step and every key of each step — read from the
steps' bindings, so a key is declared once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from dutydesk.store.summary import quick_open_cases
from dutydesk.tui.desk import Desk
from dutydesk.tui.keys.help import key_names
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.widgets.text import clean

if TYPE_CHECKING:
    from dutydesk.tui.screens.case import CaseScreen


class PaletteDesk(Desk, Protocol):
    """The desk as the palette uses it: the Desk, plus what only the palette offers."""

    def action_deadline(self) -> None: ...

    def action_review(self) -> None: ...

    def action_blank(self) -> None: ...

    def action_sync(self) -> None: ...

    def action_help(self) -> None: ...

    def accept_case(self, screen: CaseScreen) -> None: ...


class CaseCommands(Provider):
    """Ctrl+P finds every open case by its reference, the court's case number or the name of
    anyone on it."""

    @property
    def desk(self) -> Desk:
        return cast("Desk", self.app)  # the palette's app is the DutydeskApp: a Desk

    async def search(self, query: str) -> Hits:
        desk = self.desk
        matcher = self.matcher(query)
        if desk.store is not None:
            terms = desk.store.finding_terms()
        else:  # the store still opening: the board's quick read has references and children
            quick = (quick_open_cases(desk.quick_path) if desk.quick_path else None) or []
            terms = [(s.reference, s.children_column, "", []) for s in quick]
        for reference, children, court_number, names in terms:
            label = f"Open case {reference} {children}".strip()
            found = [(matcher.match(clean(label)), "")]
            if court_number:
                found.append((matcher.match(clean(court_number)), f"court case number {court_number}"))
            found += [(matcher.match(clean(name)), name) for name in names]
            score, why = max(found, key=lambda f: f[0])
            if score > 0:
                shown = clean(f"{label} — {why}" if why else label)
                # Content(shown), not matcher.highlight(): that parses its text as markup, and
                # these are people's names.
                yield Hit(score, Content(shown), lambda ref=reference: desk.open_case(ref), help="Open this case")

    async def discover(self) -> Hits:
        desk = self.desk
        for summary in desk.store.list_cases(limit=20) if desk.store else []:
            yield DiscoveryHit(
                Content(f"Open case {summary.reference}"), lambda ref=summary.reference: desk.open_case(ref)
            )


def desk_commands(desk: PaletteDesk, screen: Screen[object]) -> Iterator[SystemCommand]:
    """The desk's commands for the palette, on every screen and then the screen's own."""
    yield SystemCommand("New case", "Create a case and open it", desk.new_case)
    yield SystemCommand("Import a case file", "A dutydesk-case/1 file or HMCTS's Cafcass feed (JSON)", desk.import_file)
    yield SystemCommand("Find a person", "Earlier records in every case, any spelling (¶2.17-2.18)", desk.find_person)
    yield SystemCommand(
        "Deadline calculator", "N working days after or before a date, with the days skipped", desk.action_deadline
    )
    yield SystemCommand(
        "Compliance review",
        "Every obligation on the last twelve months' cases, on time or not, with charts (v on the board)",
        desk.action_review,
    )
    yield SystemCommand(
        "Sync with the office",
        "Send this laptop's changes to the office store and bring the office's here (s on the board)",
        desk.action_sync,
    )
    yield SystemCommand(
        "Office details", "The letterhead: office address, phone, secure email, your role", desk.edit_office
    )
    yield SystemCommand("Blank the screen", "Hide everything until Ctrl+B is pressed again", desk.action_blank)
    yield SystemCommand("Help: keys of this screen", "List every key of the current screen", desk.action_help)
    if isinstance(screen, BoardScreen):
        yield SystemCommand(
            "Filter the board", "Cycle all / overdue / due today / mine (f)", screen.action_cycle_filter
        )
        yield SystemCommand("Refresh the board", "Reload the open cases (r)", screen.action_refresh)
    from dutydesk.tui.screens.case import CaseScreen  # noqa: PLC0415  (every step and the store: on first open)

    if isinstance(screen, CaseScreen):
        yield from case_commands(desk, screen)


def case_commands(desk: PaletteDesk, screen: CaseScreen) -> Iterator[SystemCommand]:
    """Each step, and each key of each step (from its bindings), goes to that step."""
    for index, label, bindings in screen.palette_steps():
        digit, fkey = screen.step_keys(index)
        yield SystemCommand(
            f"Go to step: {label}", f"Key {digit} (or {fkey.upper()})", lambda i=index: screen.action_step(i)
        )
        for binding in bindings:
            yield SystemCommand(
                f"{label}: {binding.tooltip or binding.description}",
                f"Key {key_names(screen.app, binding)} on the {label} step",
                lambda i=index: screen.action_step(i),
            )
    yield SystemCommand("Back to the duty board", "Esc", screen.action_back)
    if screen.session.unverified:
        yield SystemCommand(
            "Accept the case as stored",
            "After looking: the stored case becomes the record, with your reason, in the audit trail",
            lambda: desk.accept_case(screen),
        )
