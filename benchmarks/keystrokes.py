"""Keys an officer presses to record a whole new case at 80×24, beyond the text itself; prints JSON.

Two scenarios drive the installed `dutydesk` in a real terminal: tmux on its own socket, a window
of 80×24, a fresh store and config in a temporary folder. Every key sent is counted, as `text`
(a character of what is being recorded: a name, a date, a note) or `keys` (navigation, choices and
commands: Tab, Enter, Esc, a step key, each letter that finds an option in a menu, y/n on a yes/no
field, a stamp such as x "fax sent now"). "now" typed in a time field is text, as the date it
stands for would be ("04/12/2026 16:40" is 16 characters of text; "now" is 3). After each key the
script waits on what the screen shows (it changes, colours included, then holds still; before
text, the field it is for must carry the focus bar), never on a fixed sleep, so a key that did not
do what the count assumes stops the run. At the end the store is opened with dutydesk's own API
and every recorded field is checked against what the scenario meant to record (names, dates of
birth, roles, lives-with, allegations, checks, findings, risk, the agreed record, the referral and
its times, each letter's files); a mismatch is a failure.

1. Issue 17's urgent s47 case (before: Christmas Eve): two parents (the mother's address
   confidential), two children, the C1 and the applicant's C1A with two allegations, a police
   check with a finding from Appendix II, risk, the Service Manager's record, the referral with
   its follow-ups, two letters. Target ≤ 120 keys.
2. Issue 29's walkthrough: two children living with their mother, the respondent's C1A with two
   allegations, a police check with a caution for assault by beating (App. II picker) and a
   second conviction, the local authority's history, an s47 referral phoned then faxed, the
   Service Manager reached after the call, every letter the case calls for. Target ≤ 300 keys.

Run from the repository root: .venv/bin/python benchmarks/keystrokes.py  (needs tmux; exit 0 when
both targets are met and both cases check out, 1 otherwise, 2 without tmux)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from dutydesk.config.officer import Officer
from dutydesk.domain.case.model import Case, Person
from dutydesk.domain.time.calendar import LONDON
from dutydesk.store.repository import Store

TARGETS = {"issue17": 120, "issue29": 300}
WIDTH, HEIGHT = 80, 24
SOCKET = f"dutydesk-keys-{os.getpid()}"
TMUX = [shutil.which("tmux") or "tmux", "-L", SOCKET]
FOCUS_TIMEOUT = 20.0  # seconds for what the screen must show before the run is called stuck
STEP_KEYS = {name: f"F{i + 2}" for i, name in enumerate(("intake", "people", "forms", "checks", "pathway", "risk"))}
STEP_KEYS.update({"escalation": "F8", "referrals": "F9", "letters": "F10", "chronology": "F11"})

OFFICE = """[office]
name = "Cafcass, Leeds office"
address = "Level 3, 1 City Square, Leeds, LS1 2ES"
phone = "0300 456 4000"
email = "duty.leeds@cafcass.gov.uk.cjsm.net"
role = "Family Court Adviser"
"""


class Stuck(Exception):
    """The screen never showed what the next key or text depends on."""


def dutydesk_command() -> str:
    candidate = Path(sys.executable).with_name("dutydesk")
    found = str(candidate) if candidate.exists() else shutil.which("dutydesk")
    if not found:
        raise SystemExit("the dutydesk command is not installed (pip install -e . in the venv)")
    return found


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TMUX, *args], capture_output=True, text=True, check=check)


@dataclass
class Desk:
    """One dutydesk in one tmux window: keys in, the screen out, every key counted."""

    name: str
    keys: int = 0
    text_chars: int = 0
    step: str = "board"
    by_step: dict[str, dict[str, int]] = field(default_factory=dict)
    by_key: Counter[str] = field(default_factory=Counter)
    # Keys after which the screen did not change within a second, "step: key" (for honesty: a key
    # that does nothing would be counted for nothing).
    no_change: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, db: Path, env: dict[str, str]) -> Desk:
        desk = cls(f"dd-{uuid.uuid4().hex[:8]}")
        full = {**env, "TERM": "xterm-256color"}
        given = [arg for k, v in full.items() for arg in ("-e", f"{k}={v}")]
        command = " ".join(["exec", _quote(dutydesk_command()), "--db", _quote(str(db))])
        subprocess.run(
            [*TMUX, "new-session", "-d", "-s", desk.name, "-x", str(WIDTH), "-y", str(HEIGHT), *given, command],
            check=True,
            env={**os.environ, **full},
        )
        desk.wait_for("duty board")
        return desk

    # -- the screen ----------------------------------------------------------------------
    def screen(self, styled: bool = False) -> str:
        """The text on screen; `styled`, with its colours too (a cursor moved down a list or a
        table changes only the highlight)."""
        return _tmux("capture-pane", "-p", *(["-e"] if styled else []), "-t", self.name, check=False).stdout

    def wait_for(self, pattern: str, timeout: float = FOCUS_TIMEOUT, regex: bool = False) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if re.search(pattern, shown, re.MULTILINE) if regex else pattern in shown:
                return shown
            if time.monotonic() > deadline:
                raise Stuck(f"at step {self.step!r}, {pattern!r} did not appear; the screen shows:\n{shown}")
            time.sleep(0.04)

    def focus(self, label: str) -> str:
        """Wait until the field labelled `label` carries the focus bar (█ beside its label). The
        whole label, not a longer one it begins ("Address" is not "Address confidential"); a long
        one by its first 40 characters (it may wrap)."""
        if len(label) > 40:
            return self.wait_for(r"█ " + re.escape(label[:40]), regex=True)
        return self.wait_for(r"█ " + re.escape(label) + r"(?=\s{2,}|\s*│?\s*$)", regex=True)

    def settle(self, before: str, what: str, change_within: float = 1.0, quiet: float = 0.12) -> str:
        """Until the screen has changed from `before` and then held still for `quiet` seconds (or
        did not change at all within `change_within`: counted, so a dead key shows in the JSON)."""
        start = time.monotonic()
        last, changed_at = before, 0.0
        while True:
            time.sleep(0.03)
            shown = self.screen(styled=True)
            now = time.monotonic()
            if shown != last:
                last, changed_at = shown, now
            elif changed_at and now - changed_at >= quiet:
                return shown
            elif not changed_at and now - start >= change_within:
                self.no_change.append(f"{self.step}: {what}")
                return shown
            if now - start > FOCUS_TIMEOUT:
                return shown

    # -- keys and text, counted -----------------------------------------------------------
    def _count(self, kind: str, n: int) -> None:
        tally = self.by_step.setdefault(self.step, {"keys": 0, "text": 0})
        tally[kind] += n
        if kind == "keys":
            self.keys += n
        else:
            self.text_chars += n

    def key(self, *keys: str, focus: str | None = None, shows: str | None = None) -> None:
        """Press each key in turn (each waited on); then the field `focus` must have the focus,
        or the screen must show `shows`."""
        for k in keys:
            before = self.screen(styled=True)
            _tmux("send-keys", "-t", self.name, k)
            self._count("keys", 1)
            self.by_key[k] += 1
            self.settle(before, k)
        if focus:
            self.focus(focus)
        if shows:
            self.wait_for(shows)

    def go(self, step: str) -> None:
        """F2 … F11 reach a step from anywhere, even from inside a field."""
        self.step = step
        self.key(STEP_KEYS[step])

    def type(self, text: str) -> None:
        """What is recorded, in one burst as a fast typist's keys arrive (the key before it waited
        for the field's focus bar)."""
        parts: list[str] = []
        for i, piece in enumerate(text.split(";")):
            if i:
                parts.append("\\;")  # a bare ; ends a tmux command
            if piece:
                parts.append(piece)
        before = self.screen(styled=True)
        _tmux("send-keys", "-t", self.name, "-l", *parts)
        self._count("text", len(text))
        self.settle(before, repr(text))

    def choose(self, letters: str, field: str, shows: str) -> None:
        """A closed choice: its first letters open it and find the option (one burst, as typed:
        the menu's search forgets after 0.7 s), then Enter takes it."""
        self.focus(field)
        before = self.screen(styled=True)
        _tmux("send-keys", "-t", self.name, *letters)
        self._count("keys", len(letters))
        self.by_key["letter (find an option)"] += len(letters)
        self.settle(before, letters)
        self.key("Enter", shows=shows)

    def quit(self) -> None:
        """Back to the board and quit (not counted: the case is recorded by then); dutydesk saves
        everything first."""
        _tmux("send-keys", "-t", self.name, "Escape")
        self.wait_for("duty board")
        _tmux("send-keys", "-t", self.name, "q")
        deadline = time.monotonic() + FOCUS_TIMEOUT
        while _tmux("has-session", "-t", self.name, check=False).returncode == 0:
            if time.monotonic() > deadline:
                raise Stuck("dutydesk did not quit")
            time.sleep(0.1)

    def close(self) -> None:
        _tmux("kill-session", "-t", self.name, check=False)


# -- the scenarios ---------------------------------------------------------------------------
# Issue 29's agreed record of the Service Manager discussion: its ten points (¶2.81), each as the
# desk titles it and as data/escalation.toml keys it.
AGREED_RECORD = (
    (
        "nature_of_concerns",
        "The nature of the concerns and the level of risk",
        "High: ongoing domestic abuse seen by both children.",
    ),
    ("where_child_is_now", "Where the child is now", "Both with their mother at her address, which is confidential."),
    ("what_family_told", "What the family has been told", "Nothing yet: the LA will see the mother first."),
    (
        "refer_to_la",
        "Whether to refer to local authority children's social care",
        "Yes: s47 referral made by phone, faxed.",
    ),
    ("other_children", "Other children who may be affected", "None known."),
    ("seek_parties_views_first", "Whether to seek the parties' views first", "No: it could put the mother at risk."),
    ("how_when_court_told", "How and when the court is to be told", "Letter to the court today."),
    ("who_acts_by_when", "Who is to take what action, by when", "Duty officer: letters today. LA: visit today."),
    (
        "what_to_share_with_child_and_family",
        "What is to be shared with the child and family",
        "As the LA agrees with the mother.",
    ),
    (
        "implications_for_future_work",
        "Implications for future work with the family",
        "Safety planning before any contact.",
    ),
)


def hearing_day() -> datetime:
    """The first hearing five weeks on, a weekday at 10:00: the case is a new one whenever it runs."""
    day = datetime.now(LONDON).date() + timedelta(days=35)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)


def scenario_issue17(d: Desk, hearing: datetime) -> None:
    d.step = "new case"
    d.key("n", "Enter", shows="Case DD-")  # a new case is asked for first: Enter makes it
    d.step = "intake"
    d.key("Tab", focus="Court")
    d.type("Leeds Family Court")
    d.key("Tab", focus="Court case number")
    d.type("LS26P01234")
    d.key("Tab", "Tab", focus="Applications")
    d.key("Space", shows="▐✓▌ Child arrangements order")
    d.key("Tab", "Tab", focus="First hearing (FHDRA)")  # received: stamped when the case was made
    d.type(f"{hearing:%d/%m/%Y %H:%M}")

    d.go("people")
    d.key("a", focus="Given names")  # an adult fills the first party missing: the applicant
    d.type("Anna")
    d.key("Enter", focus="Family name")  # Enter: the next empty field
    d.type("Kowalska")
    d.key("Enter", focus="Date of birth")
    d.type("12/03/1990")
    d.key("Enter", focus="Relationship to children")
    d.type("mother")
    d.key("Enter", focus="Address")
    d.type("14 Elm Road")
    d.key("Enter", focus="Town")
    d.type("Leeds")
    d.key("Enter", focus="Postcode")
    d.type("LS6 2AB")
    d.key("Enter", focus="Address confidential")
    d.key("y", "Tab", "Tab", focus="Phone")
    d.type("07700 900123")  # confidential with the address unless said otherwise
    d.key("Escape", shows="Add child")
    d.key("a", focus="Given names")  # the respondent
    d.type("Marek")
    d.key("Enter", focus="Family name")
    d.type("Kowalski")
    d.key("Enter", focus="Date of birth")
    d.type("02/02/1987")
    d.key("Enter", focus="Relationship to children")
    d.type("father")
    d.key("Escape", shows="Add child")
    for given, born in (("Zofia", "01/05/2018"), ("Jan", "03/09/2020")):
        d.key("c", focus="Given names")  # a child added is a child: her name first
        d.type(given)
        d.key("Enter", focus="Family name")
        d.type("Kowalska")
        d.key("Enter", focus="Date of birth")
        d.type(born)
        d.key("Escape", shows="Add child")

    d.go("forms")
    d.key("Tab", focus="C1 harm ticked (Q7)")
    d.key("y", "Tab", focus="Applicant's C1A completed")
    d.key("y")
    for index, downs in ((1, 0), (2, 3)):  # physical, then emotional
        d.key("a", focus="Types of harm")  # the applicant's C1A: by her, against him, both children
        d.key(*["Down"] * downs, "Space", shows=f"Allegation {index}")
        d.key("Tab", "Tab", "Tab", "Tab", focus="Children saw or heard")
        d.key("y", "Tab", focus="Ongoing")
        d.key("y", "Tab", focus="When")
        d.type("Since 2024, at handovers")
        d.key("Escape", shows="Applicant allegation")

    d.go("checks")
    d.key("a", focus="About")  # a check: Kind set to the next one screening needs
    d.key("BTab", focus="Kind")
    d.choose("p", "Kind", "Police")
    d.key("Tab")
    d.choose("m", "About", "Marek Kowalski")
    d.key("Tab", "Tab", "Tab", focus="Received")
    d.type("now")
    d.key("Tab")
    d.choose("c", "Outcome", "Concern")
    d.key("Escape", shows="Add finding")
    d.key("g", shows="Search App. II")  # a finding: the App. II search box has the cursor
    d.type("cruelty")
    d.key("Enter", shows="Filled in from Appendix II")  # the best match fills offence, section and Act
    d.choose("m", "About", "Marek Kowalski")
    d.key("Escape", shows="Add finding")

    d.go("risk")
    d.key("Down", "h", shows="level: high")  # domestic violence: high
    d.key("Tab")
    d.choose("h", "Overall risk", "High")
    d.key("Tab", focus="Likelihood of harm")
    d.type("Likely: threats at handovers are escalating")

    d.go("escalation")
    d.key("Tab", focus="With (manager)")
    d.type("Sam Patel")
    d.key("Tab", focus="When")
    d.type("now")
    d.key("Tab", focus="The nature of the concerns and the level of risk")
    d.type("Escalating domestic abuse, both children present at handovers")
    d.key("Tab", focus="Where the child is now")
    d.type("With their mother at a confidential address")
    d.key("Tab", "Tab", focus="Whether to refer to local authority children's social care")
    d.type("Yes: s47 today")
    # "Record agreed" is the step's last field, seven fields on: round the other way is shorter.
    d.key("F8", "BTab", "BTab", "BTab", focus="Record agreed")
    d.key("y", shows="Yes")

    d.go("referrals")
    d.key("a", focus="Local authority")  # an s47 referral, both children chosen
    d.type("Leeds City Council")
    d.key("Enter", focus="Allocated social worker")  # none yet
    d.key("Enter", focus="Phoned")
    d.type("now")
    d.key("Enter", focus="Spoke to")
    d.type("Rashid Khan")
    d.key("Enter", focus="Record of the call")
    d.type("Threats at handovers, mother and children at a refuge")
    d.key("Escape", shows="Add referral")
    d.key("x", "s", "t")  # fax sent, the Service Manager's copy, the court told: now

    d.go("letters")
    d.key("w", shows="Written to")  # the covering letter and CAF, first row
    d.key("Down", "Down", "w")  # the court told of the referral


def scenario_issue29(d: Desk, hearing: datetime) -> None:
    d.step = "new case"
    d.key("n", "Enter", shows="Case DD-")  # a new case is asked for first: Enter makes it
    d.step = "intake"
    d.key("Tab", focus="Court")
    d.type("Family Court at Leeds")
    d.key("Tab", focus="Court case number")
    d.type("LS26P04417")
    d.key("Tab", focus="Court's address")
    d.type("Leeds Combined Court Centre, 1 Oxford Row, Leeds, LS1 3BG")
    d.key("Tab", focus="Applications")
    d.key("Space", shows="▐✓▌ Child arrangements order")
    d.key("Tab", "Tab", focus="First hearing (FHDRA)")
    d.type(f"{hearing:%d/%m/%Y %H:%M}")

    d.go("people")
    for given, family, born, relation, street, postcode, secret, phone in (
        ("Daniel James", "Whitmore", "14/02/1988", "father", "22 Harehills Lane", "LS8 4HT", "n", "07700 900456"),
        ("Sarah Louise", "Whitmore", "03/07/1990", "mother", "Flat 2, 9 Oak Street", "LS6 1AB", "y", "07700 900789"),
    ):
        d.key("a", focus="Given names")  # the applicant, then the respondent
        d.type(given)
        d.key("Enter", focus="Family name")
        d.type(family)
        d.key("Enter", focus="Date of birth")
        d.type(born)
        d.key("Enter", focus="Relationship to children")
        d.type(relation)
        d.key("Enter", focus="Address")
        d.type(street)
        d.key("Enter", focus="Town")
        d.type("Leeds")
        d.key("Enter", focus="Postcode")
        d.type(postcode)
        d.key("Enter", focus="Address confidential")
        d.key(secret, "Tab", "Tab", focus="Phone")
        d.type(phone)
        d.key("Escape", shows="Add child")
    for given, born in (("Oscar", "11/05/2019"), ("Lily", "20/09/2022")):
        d.key("c", focus="Given names")
        d.type(given)
        d.key("Enter", focus="Family name")
        d.type("Whitmore")
        d.key("Enter", focus="Date of birth")
        d.type(born)
        d.key("Enter", focus="Lives with")
        d.key("Down", "Space", shows="▐✓▌ Sarah Louise Whitmore")  # with their mother
        d.key("Escape", shows="Add child")

    d.go("forms")
    d.key("Tab", focus="C1 harm ticked (Q7)")
    d.key("n", "Tab", "Tab", focus="C7 harm ticked (Q7)")  # the father's C1: no harm ticked
    d.key("y", "Tab", focus="Respondent's C1A completed")
    d.key("y")
    allegations = (
        (1, ("Space",), "y", "Since 2023", "y", "He punched me in the face in front of the children. The police came."),
        (
            2,
            ("Down", "Space", "Down", "Down", "Space"),  # psychological and emotional
            "y",
            "Since 2024",
            "n",
            "He checks my phone, took my bank card and says he will take the children.",
        ),
    )
    for index, ticks, seen, period, police, words in allegations:
        d.key("r", focus="Types of harm")  # the respondent's C1A: by her, against him, both children
        d.key(*ticks, shows=f"Allegation {index}, respondent's C1A")
        d.key("Tab", "Tab", "Tab", "Tab", focus="Children saw or heard")
        d.key(seen, "Tab", focus="Ongoing")
        d.key("y", "Tab", focus="When")
        d.type(period)
        d.key("Enter", focus="Police involved")
        d.key(police, "Tab", focus="As written on the form")
        d.type(words)
        d.key("Escape", shows="Applicant allegation")

    d.go("checks")
    d.key("a", focus="About")
    d.key("BTab", focus="Kind")
    d.choose("p", "Kind", "Police")
    d.key("Tab")
    d.choose("d", "About", "Daniel James Whitmore")
    d.key("Tab", "Tab", "Tab", focus="Received")
    d.type("now")
    d.key("Tab")
    d.choose("c", "Outcome", "Concern")
    d.key("Tab", focus="Summary")
    d.type("Caution 2021 for assault by beating, conviction 2024 for ABH on Sarah Whitmore.")
    d.key("Escape", shows="Add finding")
    # The caution: the App. II picker finds "assault by beating" in the alias table.
    d.key("g", shows="Search App. II")
    d.type("assault by beating")
    d.key("Enter", shows="Filled in from Appendix II: Assault or battery")
    d.choose("d", "About", "Daniel James Whitmore")
    d.key("Tab", "Tab")
    d.choose("ca", "Disposal", "Caution")
    d.key("BTab", focus="Source (police, LA …)")
    d.type("Police")
    d.key("Enter", focus="Act")  # a common-law offence has no Act: left empty, Enter again
    d.key("Enter")
    d.choose("a", "Victim's age", "Adult (18 or over)")
    d.key("Tab", focus="Date")
    d.type("2021")
    d.key("Escape", shows="Add finding")
    # The second conviction, by its section and Act.
    d.key("g", shows="Search App. II")
    d.type("s.47 OAPA")
    d.key("Enter", shows="Filled in from Appendix II: Assault occasioning")
    d.choose("d", "About", "Daniel James Whitmore")
    d.key("Tab", focus="Source (police, LA …)")
    d.type("Police")
    d.key("Enter")  # a conviction already: the next empty field is the victim's age
    d.choose("a", "Victim's age", "Adult (18 or over)")
    d.key("Tab", focus="Date")
    d.type("03/2024")
    d.key("Escape", shows="Add finding")
    # The local authority: the family known before.
    d.key("a", focus="About")
    d.key("BTab", focus="Kind")
    d.choose("l", "Kind", "Local authority's knowledge")
    d.key("Tab", "Tab", "Tab", "Tab", focus="Received")
    d.type("now")
    d.key("Tab")
    d.choose("c", "Outcome", "Concern")
    d.key("Tab", focus="Summary")
    d.type("History: Oscar on a child protection plan 2021-2022 for domestic abuse, closed in 2022.")
    d.key("Escape", shows="Add finding")

    d.go("risk")
    d.key("Down", "h", "Down", "h", shows="Score 6")  # domestic violence, jealous or possessive: high
    d.key("Tab")
    d.choose("h", "Overall risk", "High")
    d.key("Tab", focus="Likelihood of harm")
    d.type("Likely: the violence is recent and continuing, and the children see it.")
    d.key("Tab", focus="Analysis")
    d.type("A caution and a conviction for assaulting partners, with the mother's C1A, show a pattern.")
    d.key("Tab", focus="Recommendation to the court")
    d.type("No contact with the father until the local authority's s47 enquiry is complete.")
    d.key("Tab", focus="Availability for the hearing")
    d.type(f"Available {hearing:%d/%m/%Y} and the two working days after")

    # The call first: the Service Manager could not be reached before it (¶2.83).
    d.go("referrals")
    d.key("a", focus="Local authority")
    d.type("Leeds City Council")
    d.key("Enter", focus="Allocated social worker")
    d.key("Enter", focus="Phoned")
    d.type("now")
    d.key("Enter", focus="Spoke to")
    d.type("Amara Okafor")
    d.key("Enter", focus="Record of the call")
    d.type("Referred Oscar and Lily under s47: the father's caution and ABH conviction, the mother's C1A.")
    d.key("Tab")
    d.choose("not", "Child told", "Not yet")
    d.key("Tab", focus="Why the child was not told")
    d.type("Oscar is 7 and Lily 4: the social worker will see them with their mother.")
    d.key("Tab", "Tab")
    d.choose("not", "Parents told", "Not yet")
    d.key("Tab", focus="Why parents were not told")
    d.type("Telling the father now could put the mother and children at risk.")
    d.key("C-Down", "C-Down", focus="Outcome")  # to "For the letter"
    d.key("Tab", focus="LA's address")
    d.type("Merrion House, 110 Merrion Centre, Leeds, LS2 8BB")
    d.key("Enter", focus="LA's reference")
    d.type("CSC-48213")
    d.key("Enter", shows="Add referral")  # nothing left after it: done
    # The fax; the Service Manager told of the referral made before they could be consulted
    # (¶2.83); their copy of the written confirmation; the court told.
    d.key("x", "m", "s", "t")

    d.go("escalation")
    d.key("Tab", focus="With (manager)")
    d.type("Priya Shah")
    d.key("Tab", focus="When")
    d.type("now")
    for _key, title, words in AGREED_RECORD:
        d.key("Tab", focus=title)
        d.type(words)
    d.key("Tab", focus="Record agreed")
    d.key("y", shows="Yes")

    d.go("letters")
    d.key("w", shows="Written to")  # the covering letter and CAF
    d.key("Down", "Down", "w")  # the court told of the referral
    d.key("Down", "Down", "Down", "Down", "w")  # the safeguarding letter for the first hearing
    d.key("Down", "w")  # the Service Manager's copy
    d.key("Down", "w")  # the agreed record of the discussion


# -- what was meant to be recorded -----------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """When the scenario ran: a time stamped "now" falls inside it (from the minute it began)."""

    began: datetime
    ended: datetime


@dataclass
class Checker:
    case: Case
    window: Window
    checked: int = 0
    mismatches: list[str] = field(default_factory=list)

    def eq(self, what: str, got: Any, want: Any) -> None:
        self.checked += 1
        if got != want:
            self.mismatches.append(f"{what}: recorded {got!r}, meant {want!r}")

    def true(self, what: str, ok: bool, detail: Any = None) -> None:
        self.checked += 1
        if not ok:
            self.mismatches.append(f"{what}: not as meant ({detail!r})")

    def during(self, what: str, when: datetime | None) -> None:
        """Stamped or typed as "now" while the scenario ran."""
        self.true(what, when is not None and self.window.began <= when <= self.window.ended, when)

    def person(self, given: str) -> Person:
        found = [p for p in self.case.people if p.given_names == given]
        if len(found) != 1:
            raise AssertionError(f"{given}: {len(found)} people so named")
        return found[0]

    def names(self, ids: list[str]) -> list[str]:
        return sorted(self.case.name_of(i) for i in ids)

    def people(self, rows: list[tuple[str, str, str, str, date]]) -> None:
        self.eq("people", len(self.case.people), len(rows))
        for given, family, role, relation, born in rows:
            try:
                p = self.person(given)
            except AssertionError as exc:
                self.true(f"{given}", False, str(exc))
                continue
            self.eq(f"{given}: family name", p.family_name, family)
            self.eq(f"{given}: role", p.role, role)
            self.eq(f"{given}: date of birth", p.date_of_birth, born)
            self.eq(f"{given}: relationship to children", p.relationship_to_children, relation or None)

    def address(self, given: str, line1: str, town: str, postcode: str, confidential: bool, phone: str) -> None:
        p = self.person(given)
        a = p.current_address()
        self.eq(f"{given}: address", (a.line1, a.town, a.postcode) if a else None, (line1, town, postcode))
        self.eq(f"{given}: address confidential", a.confidential if a else None, confidential)
        self.eq(f"{given}: phone", p.phone, phone)
        self.eq(f"{given}: phone confidential", p.phone_is_confidential, confidential)

    def letters(self, kinds: set[str]) -> None:
        """Each letter drafted once, as Word and as text, and each file in the outbox as recorded."""
        drafted = [e for e in self.case.events if e.kind == "document_drafted"]
        self.eq(
            "letters drafted (document, format)",
            sorted((str(e.extra.get("document")), str(e.extra.get("format"))) for e in drafted),
            sorted((kind, fmt) for kind in kinds for fmt in ("docx", "txt")),
        )
        for e in drafted:
            path = Path(str(e.extra.get("file")))
            held = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
            self.eq(
                f"{e.extra.get('document')} ({e.extra.get('format')}): the file as recorded",
                held,
                e.extra.get("sha256"),
            )


def at_minute(when: datetime | None) -> datetime | None:
    return when.replace(second=0, microsecond=0) if when else None


def check_issue17(case: Case, hearing: datetime, window: Window) -> Checker:
    c = Checker(case, window)
    info = case.case
    c.eq("court", info.court, "Leeds Family Court")
    c.eq("court case number", info.court_case_number, "LS26P01234")
    c.eq("applications", info.applications, ["child_arrangements"])
    c.during("received (stamped when the case was made)", info.received_at)
    c.eq("first hearing", info.first_hearing_at, hearing)
    c.people(
        [
            ("Anna", "Kowalska", "applicant", "mother", date(1990, 3, 12)),
            ("Marek", "Kowalski", "respondent", "father", date(1987, 2, 2)),
            ("Zofia", "Kowalska", "child", "", date(2018, 5, 1)),
            ("Jan", "Kowalska", "child", "", date(2020, 9, 3)),
        ]
    )
    c.address("Anna", "14 Elm Road", "Leeds", "LS6 2AB", True, "07700 900123")
    anna, marek = c.person("Anna"), c.person("Marek")
    children = sorted(["Zofia Kowalska", "Jan Kowalska"])
    c.eq("C1 harm ticked", case.forms.c1.harm_indicated, True)
    c.eq("applicant's C1A completed", case.forms.c1a.completed, True)
    allegations = case.forms.c1a.allegations
    c.eq("applicant's C1A allegations", len(allegations), 2)
    for a, types in zip(allegations, (["physical"], ["emotional"]), strict=False):
        what = f"allegation ({', '.join(types)})"
        c.eq(f"{what}: kind", a.kind, "domestic_abuse")
        c.eq(f"{what}: types", a.types, types)
        c.eq(f"{what}: by", a.by, anna.id)
        c.eq(f"{what}: against", a.against, marek.id)
        c.eq(f"{what}: children", c.names(a.children_at_risk), children)
        c.eq(f"{what}: children saw or heard", a.witnessed_by_children, True)
        c.eq(f"{what}: ongoing", a.ongoing, True)
        c.eq(f"{what}: when", a.period, "Since 2024, at handovers")
    c.eq("respondent's C1A allegations", len(case.forms.respondent_c1a.allegations), 0)
    c.eq("checks", [(k.kind, k.subject, k.outcome) for k in case.checks], [("police", marek.id, "concern")])
    for k in case.checks:
        c.during(f"{k.kind} check received", k.received_at)
    c.eq(
        "findings",
        [(f.subject, f.kind, f.offence, f.section, f.act) for f in case.findings],
        [(marek.id, "conviction", "Cruelty to children", "Section 1", "Children and Young Persons Act 1933")],
    )
    c.eq("risk factors", [(f.factor, f.level) for f in case.risk.factors], [("domestic_violence", "high")])
    c.eq("overall risk", case.risk.overall, "high")
    c.eq("likelihood of harm", case.risk.likelihood_of_harm, "Likely: threats at handovers are escalating")
    c.eq("discussions", len(case.discussions), 1)
    for talk in case.discussions[:1]:
        c.eq("discussion: with", talk.with_, "Sam Patel")
        c.during("discussion: when", talk.at)
        c.eq(
            "discussion: record",
            talk.record,
            {
                "nature_of_concerns": "Escalating domestic abuse, both children present at handovers",
                "where_child_is_now": "With their mother at a confidential address",
                "refer_to_la": "Yes: s47 today",
            },
        )
        c.eq("discussion: agreed", talk.agreed, True)
    c.eq("referrals", len(case.referrals), 1)
    for r in case.referrals[:1]:
        c.eq("referral: kind", r.kind, "s47_protection")
        c.eq("referral: local authority", r.la, "Leeds City Council")
        c.eq("referral: children", c.names(r.children), children)
        c.eq("referral: spoke to", r.spoke_to, "Rashid Khan")
        c.eq("referral: call record", r.call_record, "Threats at handovers, mother and children at a refuge")
        c.during("referral: phoned", r.phoned_at)
        c.during("referral: fax sent", r.fax_sent_at)
        c.true("referral: faxed after the call", bool(r.phoned_at and r.fax_sent_at and r.fax_sent_at >= r.phoned_at))
        c.during("referral: Service Manager's copy sent", r.sm_copy_sent_at)
        c.during("referral: court told", r.court_informed_at)
    c.letters({"referral_letter", "court_referral_made"})
    return c


def check_issue29(case: Case, hearing: datetime, window: Window) -> Checker:
    c = Checker(case, window)
    info = case.case
    c.eq("court", info.court, "Family Court at Leeds")
    c.eq("court case number", info.court_case_number, "LS26P04417")
    c.eq("court's address", info.court_address, "Leeds Combined Court Centre, 1 Oxford Row, Leeds, LS1 3BG")
    c.eq("applications", info.applications, ["child_arrangements"])
    c.during("received (stamped when the case was made)", info.received_at)
    c.eq("first hearing", info.first_hearing_at, hearing)
    c.people(
        [
            ("Daniel James", "Whitmore", "applicant", "father", date(1988, 2, 14)),
            ("Sarah Louise", "Whitmore", "respondent", "mother", date(1990, 7, 3)),
            ("Oscar", "Whitmore", "child", "", date(2019, 5, 11)),
            ("Lily", "Whitmore", "child", "", date(2022, 9, 20)),
        ]
    )
    c.address("Daniel James", "22 Harehills Lane", "Leeds", "LS8 4HT", False, "07700 900456")
    c.address("Sarah Louise", "Flat 2, 9 Oak Street", "Leeds", "LS6 1AB", True, "07700 900789")
    daniel, sarah = c.person("Daniel James"), c.person("Sarah Louise")
    for child in ("Oscar", "Lily"):
        c.eq(f"{child}: lives with", c.person(child).lives_with, [sarah.id])
    children = sorted(["Oscar Whitmore", "Lily Whitmore"])
    c.eq("C1 harm ticked", case.forms.c1.harm_indicated, False)
    c.eq("C7 harm ticked", case.forms.c7.harm_indicated, True)
    c.eq("respondent's C1A completed", case.forms.respondent_c1a.completed, True)
    c.eq("applicant's C1A allegations", len(case.forms.c1a.allegations), 0)
    allegations = case.forms.respondent_c1a.allegations
    c.eq("respondent's C1A allegations", len(allegations), 2)
    meant = (
        (["physical"], "Since 2023", True, "He punched me in the face in front of the children. The police came."),
        (
            ["psychological", "emotional"],
            "Since 2024",
            False,
            "He checks my phone, took my bank card and says he will take the children.",
        ),
    )
    for a, (types, period, police, words) in zip(allegations, meant, strict=False):
        what = f"respondent's allegation ({', '.join(types)})"
        c.eq(f"{what}: kind", a.kind, "domestic_abuse")
        c.eq(f"{what}: types", a.types, types)
        c.eq(f"{what}: by", a.by, sarah.id)
        c.eq(f"{what}: against", a.against, daniel.id)
        c.eq(f"{what}: children", c.names(a.children_at_risk), children)
        c.eq(f"{what}: children saw or heard", a.witnessed_by_children, True)
        c.eq(f"{what}: ongoing", a.ongoing, True)
        c.eq(f"{what}: when", a.period, period)
        c.eq(f"{what}: police involved", a.police_involved, police)
        c.eq(f"{what}: as written", a.description, words)
    c.eq(
        "checks",
        [(k.kind, k.subject, k.outcome, k.summary) for k in case.checks],
        [
            (
                "police",
                daniel.id,
                "concern",
                "Caution 2021 for assault by beating, conviction 2024 for ABH on Sarah Whitmore.",
            ),
            (
                "la_knowledge",
                None,
                "concern",
                "History: Oscar on a child protection plan 2021-2022 for domestic abuse, closed in 2022.",
            ),
        ],
    )
    for k in case.checks:
        c.during(f"{k.kind} check received", k.received_at)
    c.eq(
        "findings",
        [(f.subject, f.source, f.kind, f.offence, f.section, f.act, f.victim_age, f.date) for f in case.findings],
        [
            (daniel.id, "Police", "caution", "Assault or battery", "Common Law", None, "adult", _partial("2021")),
            (
                daniel.id,
                "Police",
                "conviction",
                "Assault occasioning actual bodily harm",
                "Section 47",
                "Offences Against the Person Act 1861",
                "adult",
                _partial("03/2024"),
            ),
        ],
    )
    c.eq(
        "risk factors",
        sorted((f.factor, f.level) for f in case.risk.factors),
        [("domestic_violence", "high"), ("jealous_possessive_behaviour", "high")],
    )
    c.eq("overall risk", case.risk.overall, "high")
    c.eq(
        "likelihood",
        case.risk.likelihood_of_harm,
        "Likely: the violence is recent and continuing, and the children see it.",
    )
    c.eq(
        "analysis",
        case.risk.analysis,
        "A caution and a conviction for assaulting partners, with the mother's C1A, show a pattern.",
    )
    c.eq(
        "recommendation",
        case.risk.recommendation,
        "No contact with the father until the local authority's s47 enquiry is complete.",
    )
    c.eq("availability", case.risk.availability, f"Available {hearing:%d/%m/%Y} and the two working days after")
    c.eq("referrals", len(case.referrals), 1)
    phoned = None
    for r in case.referrals[:1]:
        phoned = r.phoned_at
        c.eq("referral: kind", r.kind, "s47_protection")
        c.eq("referral: local authority", r.la, "Leeds City Council")
        c.eq("referral: children", c.names(r.children), children)
        c.during("referral: phoned", r.phoned_at)
        c.eq("referral: spoke to", r.spoke_to, "Amara Okafor")
        c.eq(
            "referral: call record",
            r.call_record,
            "Referred Oscar and Lily under s47: the father's caution and ABH conviction, the mother's C1A.",
        )
        c.eq("referral: child told", r.child_informed, "not_yet")
        c.eq(
            "referral: why the child was not told",
            r.child_not_informed_reason,
            "Oscar is 7 and Lily 4: the social worker will see them with their mother.",
        )
        c.eq("referral: parents told", r.parents_informed, "not_yet")
        c.eq(
            "referral: why the parents were not told",
            r.parents_not_informed_reason,
            "Telling the father now could put the mother and children at risk.",
        )
        c.eq("referral: LA's address", r.la_address, "Merrion House, 110 Merrion Centre, Leeds, LS2 8BB")
        c.eq("referral: LA's reference", r.la_reference, "CSC-48213")
        c.during("referral: fax sent", r.fax_sent_at)
        c.true("referral: faxed after the call", bool(phoned and r.fax_sent_at and r.fax_sent_at >= phoned))
        c.true(
            "referral: Service Manager told after the call (¶2.83)",
            bool(phoned and r.sm_informed_at and r.sm_informed_at >= phoned),
            r.sm_informed_at,
        )
        c.during("referral: Service Manager's copy sent", r.sm_copy_sent_at)
        c.during("referral: court told", r.court_informed_at)
    c.eq("discussions", len(case.discussions), 1)
    for talk in case.discussions[:1]:
        c.eq("discussion: with", talk.with_, "Priya Shah")
        # "now" is taken to the minute, as shown: the discussion is at or after the call's minute.
        call = at_minute(phoned)
        c.true("discussion: after the call", bool(call and talk.at and talk.at >= call), (talk.at, phoned))
        c.eq("discussion: agreed record", talk.record, {key: words for key, _title, words in AGREED_RECORD})
        c.eq("discussion: agreed", talk.agreed, True)
    c.letters(
        {
            "referral_letter",
            "court_referral_made",
            "safeguarding_letter",
            "service_manager_copy",
            "sm_discussion_record",
        }
    )
    return c


def _partial(text: str) -> Any:
    from dutydesk.domain.case.partial_date import parse_partial

    return parse_partial(text, date.today())


# -- running them ------------------------------------------------------------------------------
@dataclass
class Scenario:
    name: str
    title: str
    drive: Callable[[Desk, datetime], None]
    check: Callable[[Case, datetime, Window], Checker]


SCENARIOS = [
    Scenario("issue17", "issue 17: an urgent s47 referral, two letters", scenario_issue17, check_issue17),
    Scenario(
        "issue29",
        "issue 29's walkthrough: respondent's C1A, caution and conviction, LA history, s47 phoned then faxed, "
        "Service Manager after the call, every letter",
        scenario_issue29,
        check_issue29,
    ),
]


def run(scenario: Scenario, hearing: datetime) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dutydesk-keys-") as tmp:
        root = Path(tmp)
        env = {
            "DUTYDESK_OFFICER": "Benchmark Officer",
            "DUTYDESK_CONFIG_DIR": str(root / "config"),
            "DUTYDESK_DATA_DIR": str(root / "data"),
        }
        (root / "config").mkdir()
        (root / "data").mkdir()
        # The letterhead is set once, at first start, not per case: not counted.
        (root / "config" / "config.toml").write_text(OFFICE, encoding="utf-8")
        db = root / "keys.sqlite3"
        started = time.monotonic()
        began = datetime.now(LONDON).replace(second=0, microsecond=0)
        desk = Desk.start(db, env)
        error = None
        try:
            scenario.drive(desk, hearing)
            desk.quit()
        except Stuck as exc:
            error = str(exc)
        finally:
            desk.close()
        seconds = round(time.monotonic() - started, 1)
        window = Window(began, datetime.now(LONDON))
        os.environ.update(env)  # the store's anchors and keys stay in this run's folder
        store = Store.open(Officer("Benchmark check", "bench"), db=db)
        try:
            summaries = store.list_cases()
            check: dict[str, Any]
            if len(summaries) != 1:
                check = {"ok": False, "fields_checked": 0, "mismatches": [f"{len(summaries)} cases in the store"]}
            else:
                case = store.load(summaries[0].reference).case
                checker = scenario.check(case, hearing, window)
                check = {
                    "ok": not checker.mismatches,
                    "fields_checked": checker.checked,
                    "mismatches": checker.mismatches,
                }
        finally:
            store.close()
    target = TARGETS[scenario.name]
    return {
        "scenario": scenario.title,
        "keys": desk.keys,
        "text": desk.text_chars,
        "target": target,
        "met": desk.keys <= target and error is None,
        "by_step": desk.by_step,
        "by_key": dict(desk.by_key.most_common()),
        "check": check,
        "keys_with_no_change_on_screen": desk.no_change,
        "seconds": seconds,
        **({"error": error} if error else {}),
    }


def main() -> int:
    if shutil.which("tmux") is None:
        print(
            "keystrokes: tmux is needed (apt-get install tmux): the keys are counted in a real terminal.",
            file=sys.stderr,
        )
        return 2
    hearing = hearing_day()
    results = []
    try:
        for scenario in SCENARIOS:
            results.append({"name": scenario.name, **run(scenario, hearing)})
    finally:
        _tmux("kill-server", check=False)
    ok = all(r["met"] and r["check"]["ok"] for r in results)
    print(
        json.dumps(
            {
                "benchmark": "keystrokes",
                "terminal": f"tmux {WIDTH}x{HEIGHT}, the installed dutydesk",
                "first_hearing": f"{hearing:%d/%m/%Y %H:%M}",
                "scenarios": results,
                "ok": ok,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
