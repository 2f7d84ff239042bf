"""The policy tables the rules read (data/*.toml, data/offences.csv), validated on load: each
TOML table's shape is a pydantic model (policy_schema.py); a problem names the file, the key
and what is accepted.

Parsing is pure (text in, objects out) so tests can feed a broken table and see the message.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, field_validator

from dutydesk.domain.case.enums import FindingKind
from dutydesk.domain.policy.schema import List, NonEmpty, Table, toml_doc, validated
from dutydesk.errors import PolicyError

PathwayId = Literal[
    "none", "c1a_not_completed", "s120_notification", "referral_witnessing_ongoing", "referral_other_harm"
]
PATHWAY_ROWS: tuple[str, ...] = get_args(PathwayId)
REFERRAL_KINDS = ("s47_protection", "s17_needs", "promoting_welfare", "s120_notification")
Party = Literal["child", "parents", "court"]
ChecklistId = Literal[
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
]


def _done_by(value: str) -> str:
    if not value.startswith(("event:", "referral:")):
        raise ValueError(f"{value!r}: use event:<kind> or referral:<field>")
    return value


class PathwayAction(Table):
    text: NonEmpty
    done_by: Annotated[str, AfterValidator(_done_by)]  # "event:<kind>" or "referral:<field>"
    letter: str | None = None
    at_end: bool = False  # only once Cafcass involvement has ended


class PathwayRow(Table):
    id: PathwayId
    forms: NonEmpty
    c1a: NonEmpty
    actions: List[PathwayAction] = ()


class _PathwayFile(Table):
    row: List[PathwayRow]

    @field_validator("row")
    @classmethod
    def _every_row(cls, rows: tuple[PathwayRow, ...]) -> tuple[PathwayRow, ...]:
        missing = set(PATHWAY_ROWS) - {r.id for r in rows}
        if missing:
            raise ValueError(f"missing App. III rows: {sorted(missing)}")
        return rows


def parse_pathway(text: str, source: str) -> dict[str, PathwayRow]:
    return {r.id: r for r in validated(_PathwayFile, toml_doc(text, source), source).row}


class Point(Table):
    key: NonEmpty
    title: NonEmpty


def _ten(points: tuple[Point, ...]) -> tuple[Point, ...]:
    if len(points) != 10:
        raise ValueError(f"¶2.81 has ten points; found {len(points)}")
    return points


class _Discussion(Table):
    ref: NonEmpty
    title: NonEmpty
    levels: List[str] = ()
    point: Annotated[List[Point], AfterValidator(_ten)]


class _Urgent(Table):
    ref: NonEmpty
    title: NonEmpty
    levels: List[str] = ()
    action: Annotated[List[Point], Field(min_length=1)]


class _EscalationFile(Table):
    discussion: _Discussion
    urgent: _Urgent


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
    doc = validated(_EscalationFile, toml_doc(text, source), source)
    d, u = doc.discussion, doc.urgent
    return Escalation(d.ref, d.title, d.levels, d.point, u.ref, u.title, u.levels, u.action)


class _Consent(Table):
    title: NonEmpty
    ref: NonEmpty
    required: List[Party] = ()
    inform: List[Party] = ()
    note: NonEmpty
    if_refused: str | None = None


class _ConsentFile(Table):
    s47_protection: _Consent
    s17_needs: _Consent
    promoting_welfare: _Consent
    s120_notification: _Consent


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
    doc = validated(_ConsentFile, toml_doc(text, source), source)
    return {kind: ConsentRule(kind, **getattr(doc, kind).model_dump()) for kind in REFERRAL_KINDS}


class _ChecklistItem(Table):
    id: ChecklistId
    title: NonEmpty


class _ChecklistFile(Table):
    ref: NonEmpty
    item: List[_ChecklistItem] = ()


def parse_checklist(text: str, source: str) -> tuple[str, dict[str, str]]:
    doc = validated(_ChecklistFile, toml_doc(text, source), source)
    return doc.ref, {i.id: i.title for i in doc.item}


Suggests = Literal["", "child_harm", "witnessing", "unclassified"]


def _word_pattern(value: object) -> re.Pattern[str]:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty regular expression is required")
    try:
        return re.compile(rf"\b(?:{value})\b", re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None


@dataclass(frozen=True)
class Phrase:
    label: str
    pattern: re.Pattern[str]
    about_child: bool = False
    suggests: str = ""  # harm words only: what the words suggest on the App. III pathway


class _Phrase(Table):
    label: NonEmpty
    pattern: Annotated[re.Pattern[str], BeforeValidator(_word_pattern)]
    about_child: bool = False
    suggests: Suggests = ""


class _LanguageFile(Table):
    ref: NonEmpty
    prompt: NonEmpty
    phrase: List[_Phrase] = ()
    recent_concern_months: Annotated[int, Field(ge=1, le=120)] = 12


@dataclass(frozen=True)
class LanguageRules:
    ref: str
    prompt: str
    phrases: tuple[Phrase, ...]
    recent_concern_months: int = 12


def parse_language(text: str, source: str) -> LanguageRules:
    doc = validated(_LanguageFile, toml_doc(text, source), source)
    phrases = tuple(Phrase(p.label, p.pattern, p.about_child, p.suggests) for p in doc.phrase)
    return LanguageRules(doc.ref, doc.prompt, phrases, doc.recent_concern_months)


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


def _section(value: str) -> str:
    if not (value == "Common Law" or re.fullmatch(r"Section \d+[A-Z]?", value)):
        raise ValueError(f"{value!r}: 'Section N' or 'Common Law'")
    return value


class _OffenceRow(Table):
    offence: NonEmpty
    section: Annotated[str, AfterValidator(_section)]
    act: str
    victim: Literal["child", "under_18"]
    notes: str


OFFENCE_HEADER = ["offence", "section", "act", "victim", "notes"]


def parse_offences(text: str, source: str) -> tuple[Offence, ...]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames != OFFENCE_HEADER:
        raise PolicyError(source, "header", f"{reader.fieldnames}: expected {','.join(OFFENCE_HEADER)}")
    offences = []
    for n, cells in enumerate(reader, start=2):
        if None in cells:  # csv puts cells beyond the header under None
            raise PolicyError(source, f"row {n}", "more cells than the header has: quote text with commas in it")
        row = validated(_OffenceRow, {k: (v or "").strip() for k, v in cells.items()}, source, (f"row {n}",))
        offences.append(Offence(row.offence, row.section, row.act, row.notes, row.victim))
    return tuple(offences)


# -- a finding's own words (data/finding_words.toml): the disposal and the victim's age as the
# -- finding's notes and offence wording say them, so a record that disagrees with itself is seen

AgeMeans = Literal["age", "under_18", "adult"]


@dataclass(frozen=True)
class DisposalWords:
    kind: str  # the findings[].kind the words mean
    pattern: re.Pattern[str]
    fits: tuple[str, ...] = ()  # kinds the words do not contradict besides their own


@dataclass(frozen=True)
class AgeWords:
    pattern: re.Pattern[str]
    means: str = "age"  # "age": the pattern captures the age in years (group `age`); else under_18 / adult


@dataclass(frozen=True)
class FindingWords:
    ref: str
    disposals: tuple[DisposalWords, ...]
    ages: tuple[AgeWords, ...]


class _Disposal(Table):
    kind: FindingKind
    pattern: Annotated[re.Pattern[str], BeforeValidator(_word_pattern)]
    fits: List[FindingKind] = ()


def _age_group(words: _Age) -> _Age:
    has_group = "age" in words.pattern.groupindex
    if words.means == "age" and not has_group:
        raise ValueError("means = 'age' needs the pattern to capture the age in a group named age: (?P<age>\\d{1,2})")
    if words.means != "age" and has_group:
        raise ValueError(f"means = {words.means!r} reads no number: remove the (?P<age>…) group, or use means = 'age'")
    return words


class _Age(Table):
    pattern: Annotated[re.Pattern[str], BeforeValidator(_word_pattern)]
    means: AgeMeans = "age"


class _FindingWordsFile(Table):
    ref: NonEmpty
    disposal: List[_Disposal] = ()
    victim_age: List[Annotated[_Age, AfterValidator(_age_group)]] = ()


def parse_finding_words(text: str, source: str) -> FindingWords:
    doc = validated(_FindingWordsFile, toml_doc(text, source), source)
    return FindingWords(
        doc.ref,
        tuple(DisposalWords(d.kind, d.pattern, d.fits) for d in doc.disposal),
        tuple(AgeWords(a.pattern, a.means) for a in doc.victim_age),
    )
