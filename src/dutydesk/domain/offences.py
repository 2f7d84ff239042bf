"""Adults who pose a risk to children (Appendix II): search the offence list, match findings.

A reference to a listed offence includes an attempt, conspiracy or incitement to commit it,
and aiding, abetting, counselling or procuring it (App. II, notes), so those words are set
aside before comparing. A finding matches by the offence's name, or by its section and Act.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from dutydesk.domain.model import Case, Finding
from dutydesk.domain.policy_tables import Offence

REF = "App. II"
_INCHOATE = re.compile(
    r"\b(attempted|attempting|attempts?|conspiracy|conspiring|incitement|inciting|incite|aiding|abetting|"
    r"counselling|procuring|aid|abet|to commit|to|of|and|or|the|a|an|by|with)\b"
)
_INCHOATE_WORDS = re.compile(r"\b(attempt\w*|conspir\w*|incit\w*|aid\w*|abet\w*|counsel\w*|procur\w*)\b", re.IGNORECASE)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _core(text: str) -> str:
    """The offence with the inchoate and linking words removed: 'attempted cruelty to children'
    and 'Cruelty to children' meet at 'cruelty children'."""
    return " ".join(_INCHOATE.sub(" ", _norm(text)).split())


def _section_number(text: str | None) -> str | None:
    if not text:
        return None
    norm = _norm(text)
    if "common law" in norm:
        return "common law"
    match = re.search(r"(?:^|\b)(?:s|sec|section|ss)?\s*(\d+[a-z]?)\b", norm)
    return match.group(1) if match else None


def _act_key(text: str | None) -> str:
    """'Children and Young Persons Act 1933' / 'CYPA 1933' both keep their words and year."""
    return _norm(text or "").replace(" etc", "")


@dataclass(frozen=True)
class RiskToChildren:
    subject: str | None
    finding_id: str
    offence: Offence
    matched_by: str  # "name" or "section and Act"
    inchoate: str | None  # "attempt", "conspiracy", … when the finding was one

    def text(self, case: Case) -> str:
        who = case.name_of(self.subject)
        kind = f" ({self.inchoate} — included by App. II)" if self.inchoate else ""
        qualifier = re.search(r"\(([^)]*)\)", self.offence.offence)
        if qualifier and self.matched_by == "section and Act":
            kind += f"; the list covers this section only {qualifier.group(1)}: check the particulars"
        return (
            f"Risk to Children: {who} — {self.offence.label()}{kind}. A conviction or caution for an "
            "Appendix II offence means the Child Welfare (Protection) procedure must be followed; "
            "the list assumes a victim under 18 unless it says otherwise: check the victim's age."
        )


def search(offences: Iterable[Offence], query: str, limit: int = 20) -> list[Offence]:
    """Offences whose name, section or Act contain every word typed (for the offence picker)."""
    words = _norm(query).split()
    if not words:
        return list(offences)[:limit]
    found = []
    for offence in offences:
        hay = _norm(f"{offence.offence} {offence.section} {offence.act}")
        if all(w in hay.split() or w in hay for w in words):
            found.append(offence)
    return found[:limit]


def match_finding(finding: Finding, offences: Iterable[Offence]) -> tuple[Offence, str] | None:
    """The listed offence a finding is for, and how it matched; None if it is not listed."""
    name = _core(finding.offence or "")
    section, act = _section_number(finding.section), _act_key(finding.act)
    for offence in offences:
        if name and name == _core(offence.offence):
            return offence, "name"
    if section and act:
        for offence in offences:
            if section == _section_number(offence.section) and act == _act_key(offence.act):
                return offence, "section and Act"
    if name:
        for offence in offences:  # a longer description that contains the listed name
            core = _core(offence.offence)
            if len(core.split()) >= 2 and f" {core} " in f" {name} ":
                return offence, "name"
    return None


def risk_to_children(case: Case, offences: tuple[Offence, ...]) -> list[RiskToChildren]:
    """Every conviction or caution on the case that is an Appendix II offence."""
    results = []
    for finding in case.findings:
        if finding.kind not in ("conviction", "caution"):
            continue
        matched = match_finding(finding, offences)
        if matched is None:
            continue
        inchoate_word = _INCHOATE_WORDS.search(finding.offence or "")
        inchoate = inchoate_word.group(1).lower() if inchoate_word else ("attempt" if finding.attempt else None)
        results.append(RiskToChildren(finding.subject, finding.id, matched[0], matched[1], inchoate))
    return results
