"""The policy tables the rules read (data/*.toml, data/offences.csv), validated on load.

Parsing is pure (text in, objects out) so tests can feed a broken table and see the message.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from dutydesk.errors import PolicyError

PATHWAY_ROWS = ("none", "c1a_not_completed", "s120_notification", "referral_witnessing_ongoing", "referral_other_harm")
REFERRAL_KINDS = ("s47_protection", "s17_needs", "promoting_welfare", "s120_notification")
CONSENT_PARTIES = ("child", "parents", "court")
CHECKLIST_IDS = (
    "exact_concern",
    "background",
    "child_details",
    "carers",
    "school_gp_health_visitor",
    "identity",
    "risk_identification",
    "child_knowledge",
    "parents_knowledge",
    "parental_permission",
    "proceedings",
)


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"not valid TOML: {exc}") from None


def _str(table: dict[str, Any], key: str, source: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(source, f"{where}.{key}", "a non-empty string is required")
    return value


@dataclass(frozen=True)
class PathwayAction:
    text: str
    done_by: str  # "event:<kind>" or "referral:<field>"
    letter: str | None = None
    at_end: bool = False  # only once Cafcass involvement has ended


@dataclass(frozen=True)
class PathwayRow:
    id: str
    forms: str
    c1a: str
    actions: tuple[PathwayAction, ...]


def parse_pathway(text: str, source: str) -> dict[str, PathwayRow]:
    rows: dict[str, PathwayRow] = {}
    for i, table in enumerate(_toml(text, source).get("row", [])):
        where = f"row[{i}]"
        rid = _str(table, "id", source, where)
        if rid not in PATHWAY_ROWS:
            raise PolicyError(source, f"{where}.id", f"{rid!r}: the App. III rows are {list(PATHWAY_ROWS)}")
        actions = []
        for j, action in enumerate(table.get("actions", [])):
            done_by = _str(action, "done_by", source, f"{where}.actions[{j}]")
            if not done_by.startswith(("event:", "referral:")):
                raise PolicyError(source, f"{where}.actions[{j}].done_by", "use event:<kind> or referral:<field>")
            actions.append(
                PathwayAction(
                    _str(action, "text", source, f"{where}.actions[{j}]"),
                    done_by,
                    action.get("letter"),
                    bool(action.get("at_end", False)),
                )
            )
        rows[rid] = PathwayRow(
            rid, _str(table, "forms", source, where), _str(table, "c1a", source, where), tuple(actions)
        )
    missing = set(PATHWAY_ROWS) - set(rows)
    if missing:
        raise PolicyError(source, "row", f"missing App. III rows: {sorted(missing)}")
    return rows


@dataclass(frozen=True)
class Point:
    key: str
    title: str


@dataclass(frozen=True)
class Escalation:
    discussion_ref: str
    discussion_title: str
    discussion_levels: tuple[str, ...]
    points: tuple[Point, ...]
    urgent_ref: str
    urgent_title: str
    urgent_levels: tuple[str, ...]
    urgent_actions: tuple[Point, ...]


def parse_escalation(text: str, source: str) -> Escalation:
    doc = _toml(text, source)
    disc, urgent = doc.get("discussion"), doc.get("urgent")
    if not isinstance(disc, dict) or not isinstance(urgent, dict):
        raise PolicyError(source, "discussion/urgent", "both tables are required")

    def points(items: Any, where: str) -> tuple[Point, ...]:
        if not isinstance(items, list) or not items:
            raise PolicyError(source, where, "at least one entry is required")
        return tuple(
            Point(_str(p, "key", source, f"{where}[{i}]"), _str(p, "title", source, f"{where}[{i}]"))
            for i, p in enumerate(items)
        )

    the_points = points(disc.get("point"), "discussion.point")
    if len(the_points) != 10:
        raise PolicyError(source, "discussion.point", f"¶2.81 has ten points; found {len(the_points)}")
    return Escalation(
        _str(disc, "ref", source, "discussion"),
        _str(disc, "title", source, "discussion"),
        tuple(disc.get("levels", [])),
        the_points,
        _str(urgent, "ref", source, "urgent"),
        _str(urgent, "title", source, "urgent"),
        tuple(urgent.get("levels", [])),
        points(urgent.get("action"), "urgent.action"),
    )


@dataclass(frozen=True)
class ConsentRule:
    kind: str
    title: str
    ref: str
    required: tuple[str, ...]
    inform: tuple[str, ...]
    note: str
    if_refused: str | None = None


def parse_consent(text: str, source: str) -> dict[str, ConsentRule]:
    doc = _toml(text, source)
    rules = {}
    for kind in REFERRAL_KINDS:
        table = doc.get(kind)
        if not isinstance(table, dict):
            raise PolicyError(source, kind, "a table for every referral kind is required")
        for key in ("required", "inform"):
            bad = [p for p in table.get(key, []) if p not in CONSENT_PARTIES]
            if bad:
                raise PolicyError(source, f"{kind}.{key}", f"{bad}: parties are {list(CONSENT_PARTIES)}")
        rules[kind] = ConsentRule(
            kind,
            _str(table, "title", source, kind),
            _str(table, "ref", source, kind),
            tuple(table.get("required", [])),
            tuple(table.get("inform", [])),
            _str(table, "note", source, kind),
            table.get("if_refused"),
        )
    return rules


def parse_checklist(text: str, source: str) -> tuple[str, dict[str, str]]:
    doc = _toml(text, source)
    items = {
        _str(t, "id", source, f"item[{i}]"): _str(t, "title", source, f"item[{i}]")
        for i, t in enumerate(doc.get("item", []))
    }
    unknown = set(items) - set(CHECKLIST_IDS)
    if unknown:
        raise PolicyError(source, "item", f"unknown ids {sorted(unknown)}; known: {list(CHECKLIST_IDS)}")
    return _str(doc, "ref", source, "(top)"), items


SUGGESTS = ("", "child_harm", "witnessing", "unclassified")


@dataclass(frozen=True)
class Phrase:
    label: str
    pattern: re.Pattern[str]
    about_child: bool = False
    suggests: str = ""  # harm words only: what the words suggest on the App. III pathway


@dataclass(frozen=True)
class LanguageRules:
    ref: str
    prompt: str
    phrases: tuple[Phrase, ...]
    recent_concern_months: int = 12


def parse_language(text: str, source: str) -> LanguageRules:
    doc = _toml(text, source)
    phrases = []
    for i, table in enumerate(doc.get("phrase", [])):
        where = f"phrase[{i}]"
        try:
            pattern = re.compile(rf"\b(?:{_str(table, 'pattern', source, where)})\b", re.IGNORECASE)
        except re.error as exc:
            raise PolicyError(source, f"{where}.pattern", f"not a valid regular expression: {exc}") from None
        suggests = table.get("suggests", "")
        if suggests not in SUGGESTS:
            raise PolicyError(source, f"{where}.suggests", f"{suggests!r}: use one of {[s for s in SUGGESTS if s]}")
        phrases.append(
            Phrase(_str(table, "label", source, where), pattern, bool(table.get("about_child", False)), suggests)
        )
    months = doc.get("recent_concern_months", 12)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 120:
        raise PolicyError(source, "recent_concern_months", f"{months!r}: a whole number of months from 1 to 120")
    return LanguageRules(
        _str(doc, "ref", source, "(top)"), _str(doc, "prompt", source, "(top)"), tuple(phrases), months
    )


@dataclass(frozen=True)
class Offence:
    offence: str
    section: str
    act: str
    notes: str = ""
    # "child": the section itself is an offence against a child; "under_18": it covers adults too,
    # so it is on the list only where the victim was under 18 (App. II notes)
    victim: str = "under_18"

    def label(self) -> str:
        where = f"{self.section}, {self.act}" if self.act else self.section
        return f"{self.offence} ({where})"


def parse_offences(text: str, source: str) -> tuple[Offence, ...]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames != ["offence", "section", "act", "victim", "notes"]:
        raise PolicyError(source, "header", f"{reader.fieldnames}: expected offence,section,act,victim,notes")
    offences = []
    for n, row in enumerate(reader, start=2):
        if not row["offence"] or not row["section"]:
            raise PolicyError(source, f"row {n}", "offence and section are required")
        if not (row["section"] == "Common Law" or re.fullmatch(r"Section \d+[A-Z]?", row["section"])):
            raise PolicyError(source, f"row {n}.section", f"{row['section']!r}: 'Section N' or 'Common Law'")
        if row["victim"] not in ("child", "under_18"):
            raise PolicyError(source, f"row {n}.victim", f"{row['victim']!r}: 'child' or 'under_18'")
        offences.append(
            Offence(
                row["offence"].strip(),
                row["section"].strip(),
                (row["act"] or "").strip(),
                row["notes"] or "",
                row["victim"],
            )
        )
    return tuple(offences)
