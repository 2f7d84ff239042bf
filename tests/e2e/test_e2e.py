"""End to end in a real terminal (tmux): the installed dutydesk, keys in, screen out."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.e2e.tmux import Terminal, dutydesk_executable, needs_tmux

pytestmark = needs_tmux


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "DUTYDESK_OFFICER": "E2E Officer",
        "DUTYDESK_CONFIG_DIR": str(tmp_path / "cfg"),
        "DUTYDESK_DATA_DIR": str(tmp_path / "data"),
    }


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for t in opened:
        t.close()


def with_sample_case(db: Path) -> str:
    """A store holding the first sample case; its reference."""
    store = Store.open(Officer("Setup", "setup"), db=db)
    try:
        return store.import_document(json.loads(sample_files()[0].read_text())).case.case.reference
    finally:
        store.close()


def start(terminals: list[Terminal], db: Path, env: dict[str, str]) -> Terminal:
    t = Terminal([dutydesk_executable(), "--db", str(db)], env)
    terminals.append(t)
    t.wait_for("duty board")
    return t


def test_new_case_harm_without_c1a_friday_referral_and_restart(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    db = tmp_path / "e2e.sqlite3"
    t = start(terminals, db, env)
    t.keys("n")  # a new case: asked first
    t.wait_for("no case is made")
    t.keys("Enter")
    t.wait_for("What's next")
    time.sleep(0.5)
    t.keys("3")  # Forms (a step key never puts the cursor in a field)
    t.keys("Tab")  # the C1 harm answer, the step's first field
    t.keys("Space")  # open the choices
    t.wait_for("Dismiss menu")
    t.keys("Up", "Up", "Enter")  # Not known → Yes
    t.wait_for("Notify the court")  # App. III: C1A not completed as required
    shown = t.wait_for("harm ticked but no C1A")  # the App. III row, in words
    assert "Notify the court" in shown
    t.keys("8")  # Referrals
    t.keys("a")  # a new s47 referral; its form opens
    t.wait_for("Referral 1")
    time.sleep(0.5)
    t.tab_to("Phoned")  # the dialog opens on its first empty field
    t.type("13/06/2025 16:10")
    time.sleep(1.0)
    t.keys("Escape")
    shown = t.wait_for("16/06/2025 Confirm the telephone")
    assert "1 working day after Fri 13/06/2025" in shown
    t.keys("Escape")  # back to the board
    t.wait_for("duty board")
    t.keys("q")
    t.wait_closed()

    t2 = start(terminals, db, env)
    t2.keys("Enter")  # the only case
    t2.wait_for("What's next")
    time.sleep(0.5)
    t2.keys("8")
    t2.wait_for("16/06/2025 Confirm the telephone")
    shown = t2.wait_for("Section 47")  # the step's table fills just after its first paint
    assert "16/06/2025 Confirm the telephone" in shown
    t2.keys("3")
    assert "App. III row" in t2.wait_for("harm ticked but no C1A")  # the Forms step, the row in words


def test_sigkill_while_typing_a_note_loses_at_most_the_last_second(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    db = tmp_path / "kill.sqlite3"
    reference = with_sample_case(db)
    t = start(terminals, db, env)
    t.keys("Enter")
    t.wait_for("What's next")
    time.sleep(0.5)
    t.keys("0")  # Chronology
    t.keys("n")  # n: write a note
    note = "Spoke to father 10:05; handover at school agreed"
    t.type(note, delay=0.05)
    time.sleep(1.2)  # more than the half-second save interval
    os.kill(t.pid(), signal.SIGKILL)
    t.wait_closed()
    store = Store.open(Officer("Check", "check"), db=db)
    events = store.load(reference).case.events
    assert store.verify_audit().ok
    store.close()
    assert events and events[-1].kind == "note"
    assert events[-1].text == note


def test_escape_sequences_in_a_stored_field_never_reach_the_terminal(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    """A court name from a hostile case file or feed, shown in its field on the Intake step: it
    may not clear the screen or retitle the window, and showing it changes nothing stored."""
    db = tmp_path / "hostile.sqlite3"
    doc = json.loads(sample_files()[0].read_text())
    hostile = "Leeds\x1b[2J\x1b[H\x1b]2;PWNED\x07 Court"
    doc["case"]["court"] = hostile
    store = Store.open(Officer("Setup", "setup"), db=db)
    reference = store.import_document(doc).case.case.reference
    store.close()
    t = start(terminals, db, env)
    title = t.title()
    t.keys("Enter")
    t.wait_for("What's next")
    t.keys("1")  # Intake: the court's field
    shown = t.wait_for("PWNED")
    time.sleep(1.0)
    shown = t.screen()
    assert "What's next" in shown and "Intake" in shown  # the screen was not cleared
    assert "Leeds" in shown and " Court" in shown  # the name is there, made harmless
    assert t.title() == title != "PWNED"  # nor the window retitled
    t.keys("Escape")
    t.wait_for("duty board")
    t.keys("q")
    t.wait_closed()
    store = Store.open(Officer("Check", "check"), db=db)
    loaded = store.load(reference)
    store.close()
    assert loaded.case.case.court == hostile and loaded.version == 1


def test_two_officers_typing_notes_into_one_case_at_once(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    """Two real dutydesks on one store, the same case, both writing chronology notes at the same
    moment, each note sent as one burst (tmux send-keys -l): every note is stored exactly once,
    whole, in its author's name, and nothing empty."""
    db = tmp_path / "two.sqlite3"
    store = Store.open(Officer("Setup", "setup"), db=db)
    reference = store.import_document(json.loads(sample_files()[0].read_text())).case.case.reference
    before = len(store.load(reference).case.events)
    store.close()
    officers = ("Officer One", "Officer Two")
    desks = [start(terminals, db, {**env, "DUTYDESK_OFFICER": name}) for name in officers]
    for t in desks:
        t.keys("Enter")
    for t in desks:
        t.wait_for("What's next")
    time.sleep(0.5)
    for t in desks:
        t.keys("0", "n")  # Chronology; n: write a note
    typed: dict[str, list[str]] = {name: [] for name in officers}
    for round_ in range(4):
        for t, name in zip(desks, officers, strict=True):
            note = f"{name} round {round_}: rang the school, spoke to the head, Cat settled"
            typed[name].append(note)
            t.keys(note, literal=True, delay=0)  # the whole note at once: a burst
        for t in desks:
            t.keys("Enter", delay=0)
        time.sleep(0.7)  # each desk saves within half a second: the saves meet and merge
    time.sleep(1.5)
    for t in desks:
        t.keys("Escape", delay=0.3)
        t.keys("q")
    for t in desks:
        t.wait_closed()
    store = Store.open(Officer("Check", "check"), db=db)
    events = store.load(reference).case.events[before:]
    assert store.verify_audit().ok
    store.close()
    notes = [(e.by, e.text) for e in events if e.kind == "note"]
    for name in officers:
        assert [text for by, text in notes if by == name] == typed[name]
    assert all(text and text.strip() for _by, text in notes)
    assert not [e for e in events if e.kind == "conflict"]  # different notes never clash


def test_kill_9_while_typing_loses_at_most_the_last_100_ms_and_keeps_an_exact_prefix(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    """SIGKILL of the real TUI in a real terminal while a note is being typed, again and again
    (DUTYDESK_TUI_KILLS, default 8; 30 or more for a release): once the next start has replayed
    the journal (issue 28), what survives of each note is an exact prefix of what was typed, and
    nothing the officer saw on screen 100 ms before the kill is lost.

    What the desk had on screen is the measure, not when tmux was handed the key: on a loaded
    machine the desk can read the terminal later than the key was sent, and keys still in the
    terminal's buffer are lost by any program killed with -9. A gross bound on that lag is kept
    too (DUTYDESK_KILL_LOSS, default 1 s, measured from the keys sent)."""
    import random
    from datetime import UTC, datetime

    from dutydesk.services.session import replay_journals

    kills = int(os.environ.get("DUTYDESK_TUI_KILLS", "8"))
    loss = float(os.environ.get("DUTYDESK_KILL_LOSS", "1.0"))
    rng = random.Random(20261201)
    db = tmp_path / "kills.sqlite3"
    reference = with_sample_case(db)
    base = "spoke to the father at 10:05, handover at school agreed, Cat settled and happy there"
    results = []
    for run in range(kills):
        t = start(terminals, db, env)
        t.keys("Enter")
        t.wait_for("What's next")
        t.keys("0", "n")
        text = f"Run {run:02d}: {base}"
        # The first character, then the note on screen: the desk is ready (on a loaded machine a
        # cold start can lag; keys are queued, not lost, but that lag is not what is measured).
        t.type(text[0])
        t.wait_for(f"Note E2E Officer: {text[0]}")
        stop_at = time.monotonic() + rng.uniform(0.6, 2.2)
        sent: list[float] = [0.0]
        for ch in text[1:]:
            if time.monotonic() >= stop_at:
                break
            t.type(ch, delay=0.02)
            sent.append(time.monotonic())
        shown = _note_shown(t.screen(), text)  # what the officer sees typed…
        time.sleep(0.1)  # …100 ms before the kill
        killed_at = time.monotonic()
        os.kill(t.pid(), signal.SIGKILL)
        t.wait_closed()
        terminals.remove(t)
        store = Store.open(Officer("Check", "check"), db=db)
        replay_journals(store, datetime.now(UTC))  # what the next start does first
        notes = [
            e.text or "" for e in store.load(reference).case.events if (e.text or "").startswith(f"Run {run:02d}:")
        ]
        store.close()
        kept = notes[0] if notes else ""
        must_have = sum(1 for at in sent if at <= killed_at - loss)
        results.append((run, len(sent), len(kept), shown, must_have))
        assert len(notes) <= 1, notes
        assert text.startswith(kept), (run, kept)  # an exact prefix: nothing reordered or invented
        assert len(kept) >= shown, (run, results[-1])  # nothing seen on screen 100 ms before is lost
        assert len(kept) >= must_have, (run, results[-1])  # the desk never fell `loss` seconds behind


def _note_shown(screen: str, text: str) -> int:
    """How many characters of `text` the note field shows as typed (not the chronology's line,
    which follows the save). The field may scroll, so its visible window is found in the text."""
    for line in screen.splitlines():
        if "▊" not in line or "▎" not in line:
            continue
        window = line[line.index("▊") + 1 : line.rindex("▎")].strip()
        if window and window in text:
            return text.find(window) + len(window)
    return 0


def test_one_desk_bursts_after_ctrl_u_and_tab_are_stored_exactly(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    """In a real terminal, keys written at once (one tmux send-keys): text, Ctrl+U, more text,
    Tab, text — each field holds exactly what was typed into it."""
    db = tmp_path / "burst.sqlite3"
    reference = with_sample_case(db)
    t = start(terminals, db, env)
    t.keys("Enter")
    t.wait_for("What's next")
    time.sleep(0.5)
    t.keys("1", "Tab")  # Intake; Tab: its first field, the court (a focused field's text is selected)
    # A field keeps what it holds when focused (issue 28): Ctrl+U clears the case number first.
    t.burst("Leeds", "C-u", "Bradford Family Court", "Tab", "C-u", "BD26P00042")
    time.sleep(2.0)
    t.keys("Escape", delay=0.3)
    t.keys("q")
    t.wait_closed()
    store = Store.open(Officer("Check", "check"), db=db)
    info = store.load(reference).case.case
    store.close()
    assert (info.court, info.court_case_number) == ("Bradford Family Court", "BD26P00042")


def test_escape_then_the_next_child_in_one_burst_in_a_real_terminal(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    """Issue 28: "In the People dialog, Esc, `c`, Tab sent 50 ms apart: Esc did not close the
    dialog before the next keys, and the next child's details were typed into the previous
    child's record". Here Esc and the keys after it reach the terminal in one write, and again
    50 ms apart: each child keeps its own name."""
    db = tmp_path / "e2e.sqlite3"
    ref = with_sample_case(db)
    t = start(terminals, db, env)
    t.keys("C-p")
    t.wait_for("Search")
    t.type(ref, delay=0.01)
    time.sleep(0.5)
    t.keys("Enter")
    t.wait_for("What's next")
    t.keys("2")
    t.wait_for("Add child")
    # A child's dialog opens with the cursor in her given names (issue 29).
    t.burst("c", "Lily", "Tab", "Whitmore", "Escape", "c", "Oscar", "Tab", "Whitmore", "Escape")
    time.sleep(0.5)
    t.keys("c", delay=0.05)
    t.keys(*"Mia", delay=0.05)
    t.keys("Tab", delay=0.05)
    t.keys(*"Whitmore", delay=0.05)
    t.keys("Escape", "c", delay=0.05)
    t.keys(*"Ava", delay=0.05)
    t.keys("Escape", delay=0.05)
    shown = t.wait_for("Ava")
    time.sleep(1.5)  # saved within the throttle
    t.keys("q")
    t.wait_closed()
    store = Store.open(Officer("Check", "check"), db=db)
    try:
        children = [(p.given_names, p.family_name) for p in store.load(ref).case.people if p.role == "child"]
    finally:
        store.close()
    new = children[-4:]
    assert new == [("Lily", "Whitmore"), ("Oscar", "Whitmore"), ("Mia", "Whitmore"), ("Ava", None)], (new, shown)


def test_two_officers_ticking_different_applications_at_once_keep_every_tick(
    tmp_path: Path, env: dict[str, str], terminals: list[Terminal]
) -> None:
    """Issue 28: "Alice ticks 'Specific issue', Bob ticks 'Prohibited steps' at the same moment:
    one tick is lost, no conflict note, and Bob's screen still shows his tick 6 s later". Two real
    desks, three rounds of ticks at the same moment: every tick kept, and each desk shows them all."""
    db = tmp_path / "ticks.sqlite3"
    reference = with_sample_case(db)
    officers = ("Alice Ward", "Bob Price")
    desks = [start(terminals, db, {**env, "DUTYDESK_OFFICER": name}) for name in officers]
    for t in desks:
        t.keys("Enter")
    for t in desks:
        t.wait_for("What's next")
    time.sleep(0.5)
    for t in desks:
        t.keys("1", "Tab", "Tab", "Tab", "Tab", delay=0.2)  # Intake → the Applications list
    # The list as shown: child arrangements (ticked), contact, residence, specific issue,
    # prohibited steps, parental responsibility, inherent jurisdiction, …
    for round_ in range(3):
        for t, first in zip(desks, (1, 2), strict=True):
            t.keys(*(["Down"] * (first if round_ == 0 else 2)), delay=0.02)
        for t in desks:
            t.keys("Space", delay=0)  # the same moment
        time.sleep(2.5)  # both save within half a second, meet, merge; each follows the other
    shown = [t.screen() for t in desks]
    for t in desks:
        t.keys("Escape", delay=0.3)
        t.keys("q")
    for t in desks:
        t.wait_closed()
    store = Store.open(Officer("Check", "check"), db=db)
    applications = store.load(reference).case.case.applications
    assert store.verify_audit().ok
    store.close()
    expected = [
        "child_arrangements",
        "contact",
        "residence",
        "specific_issue",
        "prohibited_steps",
        "parental_responsibility",
        "inherent_jurisdiction",
    ]
    assert sorted(applications) == sorted(expected), (applications, shown)
