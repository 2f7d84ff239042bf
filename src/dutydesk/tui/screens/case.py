"""The case workspace: the steps down one side, the step in the middle, What's next always
visible. Every edit is applied at once and saved within half a second."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from dutydesk.domain.case import fieldpath
from dutydesk.domain.case.casefile import parse_case, to_document
from dutydesk.domain.case.codec import Problems
from dutydesk.domain.case.model import Address
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.results import Reason
from dutydesk.domain.rules.screening import Screening, screen_case
from dutydesk.domain.rules.step_progress import step_needs
from dutydesk.domain.time.dates import clock_time
from dutydesk.errors import DutydeskError
from dutydesk.services.session import CaseSession
from dutydesk.store.repository import Store
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.keys.help import GENERAL, binding_rows
from dutydesk.tui.screens.case_documents import CaseDocuments
from dutydesk.tui.steps import STEPS, StepPane
from dutydesk.tui.steps.base import focus_place, keep_focus_place
from dutydesk.tui.widgets.banner import EscalationBanner
from dutydesk.tui.widgets.fields import FieldRow
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.text import literal, show_once
from dutydesk.tui.widgets.whats_next import WhatsNext

SAVE_WITHIN = 0.5  # seconds: the store has an edit this soon (the journal has it at once)
SAVE_RETRY = 3.0  # seconds: a refused save (disk full, store out of reach) is tried again
JOURNAL_SYNC = 0.1  # seconds: the journal is fsync'd this soon after an edit
FOLLOW_EVERY = 2.0  # seconds: another officer's saved change shows here within this
RULES_WITHIN = 0.25  # seconds of quiet after typing: What's next and the steps follow then
RULES_AT_MOST = 1.0  # seconds: during steady typing they follow at least this often
# Fields that name a person (or child) on the case: checked against the case file's references
# as they are typed. Every other field is text, a parsed date or a chosen value, so a keystroke
# in it need not re-read the whole case.
REFERENCE_FIELDS = {"by", "against", "subject", "partner_of", "told_by", "lives_with", "children", "children_at_risk"}

STATE_MARK = {"not started": " ", "in progress": "…", "done": "✓", "needs attention": "!"}


class StepList(OptionList):
    """The steps down the left. Tab goes straight into the step's first field (not to the pane
    around it, where a letter typed would act as a key); PageUp/PageDown/Home/End scroll the
    step shown, so nothing on it needs the mouse."""

    BINDINGS = [
        Binding("tab", "into_step", "Into the step", id="steps.into", show=False),
        Binding("pageup", "scroll_step('scroll_page_up')", show=False),
        Binding("pagedown", "scroll_step('scroll_page_down')", show=False),
        Binding("end", "scroll_step('scroll_end')", show=False),
        Binding("home", "scroll_step('scroll_home')", show=False),
    ]

    @dataclass
    class IntoStep(Message):
        pass

    @dataclass
    class ScrollStep(Message):
        how: str

    def action_into_step(self) -> None:
        self.post_message(self.IntoStep())

    def action_scroll_step(self, how: str) -> None:
        self.post_message(self.ScrollStep(how))


CRAMPED_BELOW = 100  # columns: below this What's next is shown on Ctrl+W, not beside the step


class CaseScreen(HelpAndQuitFirst, CaseDocuments):
    AUTO_FOCUS = "#steps"  # the step list, where the digit keys move between steps
    BINDINGS = [
        Binding("escape", "back", "Board", id="case.back", tooltip="back to the duty board"),
        Binding("f1,question_mark", "app.help", "Help", id="case.help", tooltip="these keys"),
        Binding(
            "q", "app.quit", "Quit", id="case.quit", show=False, tooltip="quit (everything typed is saved first)"
        ),  # Ctrl+Q shows: it works in a field too
        Binding(
            "ctrl+w",
            "whats_next",
            "What's next",
            id="case.whats_next",
            tooltip="What's next: ↑ ↓ and PageUp / PageDown scroll it",
        ),
        *(
            Binding(pane.KEYS[0], f"step({i})", label, id=f"case.step.{sid}", show=False)
            for i, (sid, label, pane) in enumerate(STEPS)
        ),
        # From anywhere, even while typing in a field, and never typed into it: F2 … F11.
        *(
            Binding(pane.KEYS[1], f"step({i})", label, id=f"case.step_f.{sid}", show=False, priority=True)
            for i, (sid, label, pane) in enumerate(STEPS)
        ),
        Binding("ctrl+down", "move(1)", "Next step", id="case.next", priority=True),
        Binding("ctrl+up", "move(-1)", "Previous step", id="case.previous", priority=True, show=False),
        Binding(
            "ctrl+s", "save_now", "Save now", id="case.save", show=False, tooltip="save now (it saves as you type)"
        ),
        Binding("d", "app.deadline", "Deadline calc", id="case.deadline", show=False, tooltip="deadline calculator"),
    ]
    DEFAULT_CSS = """
    CaseScreen #steps { width: 24; border: round $primary; }
    CaseScreen #middle { width: 1fr; }
    CaseScreen #right { width: 34; }
    CaseScreen.-narrow #steps { width: 18; }
    CaseScreen.-narrow #right { width: 23; }
    CaseScreen.-cramped #right { display: none; }
    CaseScreen.-cramped.-show-next #right { display: block; width: 40; }
    CaseScreen #case-status { height: 1; background: $boost; padding: 0 1; }
    CaseScreen ContentSwitcher { height: 1fr; }
    """

    def __init__(
        self,
        session: CaseSession,
        policy: Policy,
        officer: str,
        edit_office: Callable[[str], None],
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__()
        self.clock = clock  # the app's: tests and captures fix the time
        self.session, self.policy, self.officer = session, policy, officer
        self.records = session.store  # read-only to the panes (steps/workspace.py's CaseRecords)
        self.edit_office = edit_office
        self.result: Screening = screen_case(session.case, policy, self.now())
        self._needs: dict[str, tuple[Reason, ...]] = step_needs(session.case, self.result)
        self.current = "intake"
        self._save_pending = False

    @classmethod
    def open(
        cls,
        store: Store,
        reference: str,
        policy: Policy,
        edit_office: Callable[[str], None],
        clock: Callable[[], datetime],
    ) -> CaseScreen:
        """The case's workspace, its session opened (journal replayed, integrity checked) and the
        case screened: a public law case is refused here (NotScreenable)."""
        return cls(CaseSession(store, reference), policy, store.officer.name, edit_office, clock)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="case-status", markup=False)
        yield EscalationBanner()
        with Horizontal():
            yield StepList(*(Option(label, id=sid) for sid, label, _p in STEPS), id="steps")
            with Vertical(id="middle"), ContentSwitcher(initial="pane-intake"):
                for _sid, _label, pane in STEPS:
                    yield pane(self)
            with Vertical(id="right"):
                yield WhatsNext()
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = f"dutydesk — {self.session.case.case.reference}"
        self.query_one("#pane-intake", StepPane).ensure_built()
        self.refresh_all()
        self.query_one("#steps", OptionList).highlighted = 0
        self.set_interval(FOLLOW_EVERY, self.follow_others)
        if self.session.recovered:
            # A desk that was killed or lost power left edits in its journal: they are back.
            self.notify(
                f"Recovered {self.session.recovered} edit(s) this case's journal held from a desk that closed "
                "without saving them; saving them now.",
                severity="warning",
                timeout=20,
                markup=False,
            )
            self.schedule_save()

    def follow_others(self) -> None:
        """Another officer saved this case: with nothing unsaved here, show their version (the
        cursor stays put); with something unsaved, save now — the merge keeps both."""
        try:
            if self.session.dirty:
                self.flush()
                return
            changed = self.session.follow()
        except (DutydeskError, Problems):
            return  # the store is unavailable for a moment: the next poll tries again
        if changed:
            self.show_their_changes(changed)
            self.refresh_all()
            who = self.session.loaded.updated_by or "another officer"
            self.notify(f"{who} changed this case: now shown.", timeout=5, markup=False)

    def now(self) -> datetime:
        return self.clock()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")
        # At 80 columns three panels cut every table ("Daniel James Whi… 14/0"): What's next
        # gives its room to the step and comes back with Ctrl+W; the status line counts it.
        cramped = self.size.width < CRAMPED_BELOW
        if cramped != self.has_class("-cramped"):
            self.set_class(cramped, "-cramped")
            self.show_status()

    # -- edits and saving ----------------------------------------------------------------
    def apply(self, path: str, value: Any) -> str | None:
        """Record one field; returns why it was refused (the field shows it), else None."""

        try:
            before = fieldpath.get(self.session.case, path)
        except KeyError:
            before = None
        try:
            self.session.set(path, value)
        except KeyError:
            if ".addresses[0]." not in path:
                return "This item is no longer on the case (another officer may have removed it); close and reopen it"
            person = fieldpath.get(self.session.case, path.split(".addresses[0].")[0])
            person.addresses.append(Address())
            self.session.touched()
            self.session.set(path, value)
        problem = self._problem_with(path) if path.rsplit(".", 1)[-1] in REFERENCE_FIELDS else None
        if problem:
            self.session.set(path, before)  # the case keeps its last good value
            self.session.pending.pop(path, None)
            return problem
        self.schedule_save()
        self.schedule_rules()
        self._schedule_sync()
        return None

    _sync_pending = False

    def _schedule_sync(self) -> None:
        """The journal is fsync'd at most JOURNAL_SYNC after an edit (a power cut loses no more)."""
        if not self._sync_pending:
            self._sync_pending = True
            self.set_timer(JOURNAL_SYNC, self._sync_due)

    def _sync_due(self) -> None:
        self._sync_pending = False
        self.session.sync_journal()

    def _problem_with(self, path: str) -> str | None:
        """The case-file rules (references, enumerations) checked at the point of entry."""
        try:
            parse_case(to_document(self.session.case), self.policy.risk_factors.factors)
        except Problems as problems:
            prefix = "$." + path
            mine = [p.message for p in problems.problems if p.path == prefix or p.path.startswith(prefix + "[")]
            return "; ".join(mine) if mine else None
        return None

    def structure_changed(self) -> None:
        self.session.touched()
        self.schedule_save()
        self.refresh_all()

    _rules_pending = False

    _rules_since = 0.0
    _last_edit = 0.0

    def schedule_rules(self) -> None:
        """A keystroke records its value at once; the rules (What's next, the steps' derived
        text) are worked out again once typing pauses for RULES_WITHIN — and at least every
        RULES_AT_MOST during steady typing — never on the key path (issue 28)."""
        now = time.monotonic()
        self._last_edit = now
        if not self._rules_pending:
            self._rules_pending = True
            self._rules_since = now
            self.set_timer(RULES_WITHIN, self._rules_due)

    def _rules_due(self) -> None:
        now = time.monotonic()
        quiet = now - self._last_edit
        if quiet < RULES_WITHIN and now - self._rules_since < RULES_AT_MOST:
            self.set_timer(RULES_WITHIN - quiet, self._rules_due)  # still typing: after the pause
            return
        self._rules_pending = False
        self.refresh_all()

    def schedule_save(self) -> None:
        """Throttle, not debounce: steady typing still saves every half second."""
        if not self._save_pending:
            self._save_pending = True
            self.set_timer(SAVE_WITHIN, self.flush)

    def flush(self) -> None:
        self._save_pending = False
        try:
            outcome = self.session.save(self.now())
        except (DutydeskError, Problems) as exc:
            # Nothing is lost: the edits stay on screen and in the journal; the next edit, and a
            # retry every few seconds, try again. The status says so until a save succeeds.
            if not self._retry_pending:
                self.notify(f"Not saved: {exc}", severity="error", timeout=10, markup=False)
                self._retry_pending = True
                self.set_timer(SAVE_RETRY, self._retry_save)
            self.show_status()
            return
        if outcome.message:
            self.notify(outcome.message, severity="warning", timeout=15, markup=False)
            self.show_their_changes(outcome.theirs)
            self.refresh_all()
        self.show_status()

    _retry_pending = False

    def _retry_save(self) -> None:
        self._retry_pending = False
        if self.session.dirty:
            self.flush()

    def action_save_now(self) -> None:
        self.flush()

    def show_status(self, problem: str | None = None) -> None:
        s = self.session
        saved = clock_time(s.last_saved_at) if s.last_saved_at else "no changes yet"
        secured = " · SECURED: new entries are marked 'recorded after securing'" if s.loaded.secured_at else ""
        text = problem or f"{s.case.case.reference} · v{s.loaded.version} · last saved {saved}{secured}"
        if not problem and s.save_problem and s.dirty:
            # What the officer must know first, where 80 columns still show it; the cause after.
            kept = (
                "every key is kept in the journal, saved when the store takes it"
                if s.journal is not None and not s.journal_problem
                else f"KEEP DUTYDESK OPEN: what is typed is only on screen ({s.journal_problem or 'no journal'})"
            )
            text = f"NOT SAVED — {kept} · {s.save_problem}"
        if self.has_class("-cramped") and not self.has_class("-show-next") and not problem:
            count = len(self.result.outstanding)
            text += f" · {count} to do: ^w" if count else " · nothing to do"
        if s.unverified and not problem:
            text = f"UNVERIFIED — {s.unverified.problem}. Look, then Ctrl+P: Accept the case as stored"
        show_once(self.query_one("#case-status", Static), literal(text))

    # -- what the rules say ----------------------------------------------------------------
    def refresh_all(self) -> None:
        place = focus_place(self.focused)
        self.result = screen_case(self.session.case, self.policy, self.now())
        self._needs = step_needs(self.session.case, self.result)
        self.query_one(WhatsNext).show(self.result.outstanding)
        self.query_one(EscalationBanner).show(self.result.escalation)
        steps = self.query_one("#steps", OptionList)
        prompts = [Text(f"{STATE_MARK[self.step_state(sid)]} {pane.KEYS[0]} {label}") for sid, label, pane in STEPS]
        if prompts != getattr(self, "_step_prompts", None):  # the list is laid out again only when a mark changes
            self._step_prompts = prompts
            for index, prompt in enumerate(prompts):
                steps.replace_option_prompt_at_index(index, prompt)
        for pane in self.query(StepPane):
            if pane.built and pane.is_mounted:
                pane.refresh_derived()
        self.show_status()
        self.call_after_refresh(keep_focus_place, place)

    def show_their_changes(self, paths: list[str]) -> None:
        """Fields the other session changed show its values; what is being typed elsewhere stays."""

        wanted = set(paths)

        def changed(path: str) -> bool:  # the field, or an element of it ("case.applications[1]")
            return any(w == path or w.startswith((path + "[", path + ".")) for w in wanted)

        for row in self.query(FieldRow):
            try:
                path = fieldpath.canonical(self.session.case, row.spec.path)
                if changed(path) or changed(row.spec.path):
                    row.show_value(fieldpath.get(self.session.case, row.spec.path))
            except KeyError:
                continue

    def step_state(self, step: str) -> str:
        """Ticked (done) only when the step's required content is complete and What's next holds
        nothing for it — never on the first entry (issue 29: step_progress says what is missing)."""
        items = [o for o in self.result.outstanding if o.step == step]
        if any(o.status in ("overdue", "due_today") or o.priority <= 2 for o in items):
            return "needs attention"
        has_data = self._has_data(step)
        if items or self._needs.get(step):
            return "in progress" if has_data else "not started"
        return "done" if has_data else "not started"

    def _has_data(self, step: str) -> bool:
        c = self.session.case
        return {
            "intake": bool(c.case.court or c.case.applications),
            "people": bool(c.people),
            "forms": c.forms.c1.harm_indicated is not None
            or c.forms.c1a.completed is not None
            or c.forms.respondent_c1a.completed is not None,
            "checks": bool(c.checks or c.findings),
            "pathway": c.screening.harm_classification is not None or bool(c.screening.prompt_decisions),
            "risk": bool(c.risk.factors or c.risk.overall),
            "escalation": bool(c.discussions or c.concerns),
            "referrals": bool(c.referrals),
            "letters": any(e.kind.endswith("_sent") or e.kind.startswith("court_told") for e in c.events),
            "chronology": bool(c.events),
        }.get(step, False)

    # -- moving between steps ------------------------------------------------------------
    def action_step(self, index: int) -> None:
        sid = STEPS[index][0]
        self.current = sid
        self.query_one(ContentSwitcher).current = f"pane-{sid}"
        self.query_one("#steps", OptionList).highlighted = index
        pane = self.query_one(f"#pane-{sid}", StepPane)
        was_built = pane.built
        pane.ensure_built()

        def focus_first() -> None:
            # Focus the step's first table, or the step itself — never a field: a step key must
            # not leave the cursor where the next key typed would replace a recorded value.
            # Tab goes into the fields.
            first = next((w for w in pane.query("DataTable, Input, Select") if w.can_focus), None)
            (first if isinstance(first, DataTable) else pane).focus()

        if was_built:
            focus_first()  # in the same frame as the step shown: one layout and paint, not two
        else:
            self.call_after_refresh(focus_first)  # a step built just now: its widgets mount first

    @on(StepList.IntoStep)
    def _into_step(self) -> None:
        pane = self.query_one(f"#pane-{self.current}", StepPane)
        first = next((w for w in pane.query("*") if w.focusable and w is not pane), None)
        (first or pane).focus()

    @on(StepList.ScrollStep)
    def _scroll_step(self, event: StepList.ScrollStep) -> None:
        getattr(self.query_one(f"#pane-{self.current}", StepPane), event.how)()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, WhatsNext) and self.has_class("-show-next"):
            self.remove_class("-show-next")  # read, and the officer moved on: the step's room back
            self.show_status()

    def action_whats_next(self) -> None:
        panel = self.query_one(WhatsNext)
        if self.has_class("-cramped") and self.has_class("-show-next") and panel.has_focus:
            self.remove_class("-show-next")  # a second Ctrl+W puts it away again
            self.query_one(f"#pane-{self.current}", StepPane).focus()
            return
        self.add_class("-show-next")
        panel.focus()

    @on(StepPane.GoToStep)
    def _go_to_step(self, message: StepPane.GoToStep) -> None:
        self.show_step(message.step_id)

    def show_step(self, step_id: str) -> None:
        """Go to a step by its id (a pane asking to show where something is recorded)."""
        ids = [s[0] for s in STEPS]
        if step_id in ids:
            self.action_step(ids.index(step_id))

    def action_move(self, delta: int) -> None:
        index = [s[0] for s in STEPS].index(self.current)
        self.action_step((index + delta) % len(STEPS))

    @on(OptionList.OptionHighlighted, "#steps")
    def _step_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.current:
            self.current = event.option.id
            self.query_one(f"#pane-{event.option.id}", StepPane).ensure_built()
            self.query_one(ContentSwitcher).current = f"pane-{event.option.id}"

    def action_back(self) -> None:
        self.flush()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        # Leaving (or quitting) with edits not yet saved: save them now, without the UI.
        if self.session.dirty:
            try:
                self.session.save(self.now())
            except (DutydeskError, Problems):
                if self.session.journal is None or self.session.journal_problem:
                    self.session.write_recovery_file()
                # Otherwise the journal holds every edit: the next start replays it.
        self.session.close()

    # Keys the widgets of every step handle themselves (no binding of the screen's to read).
    KEY_HELP = (
        ("Ctrl+Z", "undo the last edit of the focused field"),
        ("Tab", "next field (from the step list: the step's first field)"),
        ("PageUp / PageDown", "scroll the step; Home / End its top and bottom"),
    )

    def key_help_rows(self) -> list[tuple[str, str]]:
        """The help: the step shown's keys first, then the case screen's and the app's — read from
        the bindings (each key is declared once), grouped where a binding exists per step."""
        pane = self.query_one(ContentSwitcher).visible_content
        rows: list[tuple[str, str]] = []
        if isinstance(pane, StepPane):
            rows += binding_rows(self.app, pane.BINDINGS) + list(pane.KEY_HELP)
        rows += [
            ("1 … 0", "go to a step (the cursor is not put in a field; Tab goes into them)"),
            ("F2 … F11", "go to step 1 … 0 from anywhere, even while typing in a field"),
        ]
        own = [b for b in self.BINDINGS if isinstance(b, Binding) and not (b.id or "").startswith("case.step")]
        rows += binding_rows(self.app, own) + list(self.KEY_HELP)
        return rows + [r for r in GENERAL if r[0] not in {k for k, _ in rows}]

    @staticmethod
    def step_keys(index: int) -> tuple[str, str]:
        """The step's digit and F-key, as it declares them."""
        return STEPS[index][2].KEYS

    def palette_steps(self) -> list[tuple[int, str, list[Binding]]]:
        """(index, label, the step's keys) for the command palette."""
        return [
            (index, label, [b for b in pane.BINDINGS if isinstance(b, Binding)])
            for index, (_sid, label, pane) in enumerate(STEPS)
        ]
