"""The Appendix II offence picker on a finding (issue 29): the officer types the offence as the
police or the court wrote it ("assault by beating", "ABH", "s.47 OAPA"); the list's offences that
match are listed, each with why it matched; the one Enter takes is marked and named underneath."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from dutydesk.domain.policy.tables import Offence
from dutydesk.domain.rules.offence_match import Found, OffenceMatcher, SearchHit
from dutydesk.tui.widgets.safe_input import SafeInput
from dutydesk.tui.widgets.text import literal, show_once

MARK = "\u25b6"  # ▶ the row Enter takes: seen without colour (a monochrome terminal, a screenshot)
SHOWN = 30
NOT_EXHAUSTIVE = (
    "The list is not exhaustive (App. II): Enter records \u201c{typed}\u201d as the finding's offence, without an "
    "App. II match; professional judgement still applies"
)


class OffencePicker(Vertical):
    """Type words; the Appendix II offences that match are listed, the best marked ▶; ↓ and ↑
    move the mark without leaving the search box, and Enter takes the marked one (named under
    the list, so the officer sees what Enter will do before pressing it). What was filled in is
    said underneath, so the officer sees it without looking for it."""

    DEFAULT_CSS = """
    OffencePicker { height: auto; }
    OffencePicker OptionList { height: auto; max-height: 8; margin: 1 0 0 0; }
    OffencePicker OptionList.-empty { display: none; }
    /* The search box keeps the cursor, so the list is never focused: its highlighted row is drawn
       as the focused cursor is (Textual draws a blurred list's cursor faintly: issue 29). */
    OffencePicker OptionList > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: bold;
    }
    OffencePicker #offence-takes { height: auto; }
    OffencePicker #offence-filled { height: auto; color: $success; }
    """
    BINDINGS = [
        Binding("down", "move(1)", "Next match", id="offences.down", show=False),
        Binding("up", "move(-1)", "Previous match", id="offences.up", show=False),
    ]

    class Picked(Message):
        """An offence of the list chosen; or, `offence` None, the words typed taken as they are."""

        def __init__(self, offence: Offence | None, typed: str = "") -> None:
            super().__init__()
            self.offence = offence
            self.typed = typed

    def __init__(self, matcher: OffenceMatcher) -> None:
        super().__init__()
        self.matcher = matcher
        self.found = Found((), ())
        self.searched = ""

    @property
    def shown(self) -> list[Offence]:
        return [hit.offence for hit in self.found.hits]

    def compose(self) -> ComposeResult:
        yield Label("Search App. II: as worded, an alias (ABH) or a section and Act")
        yield SafeInput(placeholder="e.g. assault by beating, cruelty, s.47 OAPA", id="offence-search", compact=True)
        # Compact: at 80×24 the list, what Enter takes and the finding's first fields all show.
        yield OptionList(id="offence-options", compact=True, classes="-empty")
        yield Static("", id="offence-takes", markup=False)
        yield Static("", id="offence-filled", markup=False)

    # -- what is listed --------------------------------------------------------------------
    def _search(self, typed: str) -> None:
        """List what matches `typed` (run again before ↓ ↑ Enter when keys came faster than the
        box's Changed messages: they always act on what the box holds)."""
        self.searched = typed
        self.found = self.matcher.find(typed, SHOWN) if typed.strip() else Found((), ())
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self._prompt(hit, i == 0)) for i, hit in enumerate(self.found.hits)])
        if self.found.hits:
            options.highlighted = 0  # Enter takes the best match, from the search box itself
        options.set_class(not self.found.hits, "-empty")  # no empty box where nothing matched
        self._mark()

    def _current(self) -> None:
        typed = self.query_one("#offence-search", Input).value
        if typed != self.searched:
            self._search(typed)

    def _prompt(self, hit: SearchHit, marked: bool) -> Text:
        """Two lines: the offence with its section and Act as the police cite them, and why."""
        text = Text(f"{MARK if marked else ' '} ", style="bold" if marked else "")
        text.append(f"{hit.offence.offence} ({self.matcher.cite(hit.offence)})")
        text.append(f"\n    {hit.why}", style="italic")
        return text

    def _mark(self) -> None:
        """The mark on the highlighted row, and the line under the list saying what Enter takes."""
        options = self.query_one(OptionList)
        index = options.highlighted
        for i, hit in enumerate(self.found.hits):
            options.replace_option_prompt_at_index(i, self._prompt(hit, i == index))
        takes = Text()
        for sentence in self.found.not_listed:
            takes.append_text(literal(sentence, style="bold"))
            takes.append("\n")
        typed = self.searched.strip()
        if index is not None and index < len(self.found.hits):
            hit = self.found.hits[index]
            takes.append(f"Enter takes {MARK} ", style="bold")
            takes.append(hit.offence.label(), style="bold")
            takes.append(f"\n  {hit.why}" + (f" \u00b7 {hit.note}" if hit.note else ""))
        elif typed:
            if not self.found.not_listed:
                takes.append_text(literal(f"Nothing on the Appendix II list matches \u201c{typed}\u201d. "))
            takes.append_text(literal(NOT_EXHAUSTIVE.format(typed=typed)))
        show_once(self.query_one("#offence-takes", Static), takes)

    # -- keys ------------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        self._current()
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -delta
            options.highlighted = max(0, min(options.option_count - 1, current + delta))
            self._mark()

    @on(Input.Submitted, "#offence-search")
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self._current()
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.found.hits):
            self._pick(self.found.hits[index].offence)
        elif self.searched.strip():
            self._take_as_typed(self.searched.strip())

    def _pick(self, offence: Offence) -> None:
        self.query_one("#offence-filled", Static).update(Text(f"✓ Filled in from Appendix II: {offence.label()}"))
        self.post_message(self.Picked(offence))

    def _take_as_typed(self, typed: str) -> None:
        filled = literal(f"✓ Recorded as worded, without an Appendix II match: {typed}")
        self.query_one("#offence-filled", Static).update(filled)
        self.post_message(self.Picked(None, typed))

    @on(Input.Changed, "#offence-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.searched:
            self._search(event.value)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._mark()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(self.found.hits[event.option_index].offence)
