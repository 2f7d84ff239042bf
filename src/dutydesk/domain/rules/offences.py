"""Adults who pose a risk to children (Appendix II): what each finding on the case means.

The framework's notes to the list decide what counts: "A reference to an offence in this list
includes ... an attempt, conspiracy or incitement ... aiding, abetting, counselling or procuring";
"Unless stated otherwise, the victim of the offences listed above will be under 18"; "Cautions and
discharges for the offences listed above will apply". So a finding is Risk to Children when its
disposal counts, its offence is on the list (matched surely, or confirmed by the officer), and its
victim was a child. Anything short of that is still shown: the match with what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import product
from typing import Literal

from dutydesk.domain.case.model import Case, Finding
from dutydesk.domain.policy.tables import FindingWords, Offence
from dutydesk.domain.rules.finding_words import WordsDiffer, unresolved_words
from dutydesk.domain.rules.offence_match import OffenceMatch, OffenceMatcher

REF = "App. II"
COUNTING = {"conviction", "caution", "reprimand_warning", "conditional_discharge", "absolute_discharge"}
DISPOSAL_WORDS = {
    "conviction": "conviction",
    "caution": "caution",
    "reprimand_warning": "reprimand or final warning (a youth caution)",
    "conditional_discharge": "conditional discharge",
    "absolute_discharge": "absolute discharge",
    "acquittal": "acquittal",
    "allegation": "allegation",
    "other": "other information",
}
Status = Literal[
    "risk_to_children",  # App. II applies: the Child Welfare (Protection) procedure must be followed
    "victim_age",  # App. II applies if the victim was under 18: find out
    "to_confirm",  # the wording is only like a listed offence: the officer confirms it
    "adult_victim",  # a listed offence against an adult: harm information, not App. II
    "not_counted",  # a listed offence, but an allegation, acquittal or other: harm information
    "dismissed",  # the officer said it is not the offence the wording was like
    "not_listed",  # not an App. II offence
    "reconcile",  # the finding's own words and its fields disagree, and the answer depends on which is right
]


def decision_key(finding_id: str, offence: Offence) -> str:
    """The key an officer's confirmation of an uncertain match is recorded under (stable while
    the same finding is read as the same row)."""
    return f"findings[{finding_id}]|app_ii|{offence.section}, {offence.act or offence.offence}"


@dataclass(frozen=True)
class FindingAssessment:
    finding: Finding
    match: OffenceMatch | None
    status: Status
    decided_by_officer: bool = False
    words: tuple[WordsDiffer, ...] = ()  # the finding's own words that its fields do not say, unreconciled

    @property
    def subject(self) -> str | None:
        return self.finding.subject

    @property
    def finding_id(self) -> str:
        return self.finding.id

    @property
    def offence(self) -> Offence:
        assert self.match is not None and self.match.offence is not None
        return self.match.offence

    @property
    def listed(self) -> bool:
        return self.match is not None and self.match.offence is not None

    @property
    def inchoate(self) -> str | None:
        if self.match and self.match.inchoate:
            return self.match.inchoate
        return "attempt" if self.finding.attempt else None

    @property
    def matched_by(self) -> str:
        return self.match.how if self.match else ""

    @property
    def key(self) -> str:
        return decision_key(self.finding.id, self.offence) if self.listed else f"findings[{self.finding.id}]"

    def how(self) -> str:
        """How it matched and how sure, in words."""
        if self.match is None:
            return "nothing on the list fits"
        sure = "certain" if self.match.certain else f"{self.match.confidence}% sure"
        confirmed = "; confirmed by the officer" if self.decided_by_officer else ""
        return f"matched by {self.match.how} ({sure}): {self.match.detail}{confirmed}"

    def text(self, case: Case) -> str:
        who = case.name_of(self.subject)
        disposal = DISPOSAL_WORDS[self.finding.kind]
        if not self.listed:
            why = f" ({self.match.detail})" if self.match and self.match.detail else ""
            return f"{who}: {self.finding.offence or 'offence not recorded'} is not an Appendix II offence{why}"
        label = self.offence.label()
        kind = f" ({self.inchoate} — included by App. II)" if self.inchoate else ""
        if self.status == "risk_to_children":
            victim = "" if self.offence.victim == "child" else "; the victim was under 18"
            return (
                f"Risk to Children: {who} — {disposal} for {label}{kind}{victim}. A conviction, caution or "
                "discharge for an Appendix II offence means the Child Welfare (Protection) procedure must be followed"
            )
        if self.status == "victim_age":
            return (
                f"{who}: {disposal} for {label}{kind}. This offence is on the Appendix II list only where the victim "
                "was under 18: find out the victim's age (record it on the finding); until then it is not known "
                "whether this is Risk to Children"
            )
        if self.status == "to_confirm":
            return (
                f"{who}: {disposal} for \u201c{self.finding.offence}\u201d may be {label} "
                f"({self.how()}): confirm it is this offence, or dismiss with the reason"
            )
        if self.status == "adult_victim":
            return (
                f"{who}: {disposal} for {label} against an adult: not an Appendix II offence (the list assumes a "
                "victim under 18), but information about harm — violence in the family is domestic abuse"
            )
        if self.status == "dismissed":
            return f"{who}: {self.finding.offence} — the officer recorded it is not {label}"
        if self.status == "reconcile":
            differ = "; ".join(d.sentence() for d in self.words)
            return (
                f"{who}: {disposal} for {label}{kind} — the record disagrees with itself: {differ}. Whether this is "
                "Risk to Children depends on which is right: reconcile the record before relying on it"
            )
        return (
            f"{who}: {label}{kind} recorded as {disposal}: not a conviction, caution or discharge, so not Risk to "
            "Children, but information about harm to a child"
        )


# The name the rules and the screen report have always used for the ones that count.
RiskToChildren = FindingAssessment


def _decision(case: Case, key: str) -> str | None:
    found = [d for d in case.screening.prompt_decisions if d.key == key]
    return found[-1].decision if found else None


def _status(
    case: Case, finding: Finding, match: OffenceMatch, kind: str, victim_age: str | None
) -> tuple[Status, bool]:
    """App. II's answer for a listed match, were the disposal `kind` and the victim `victim_age`."""
    assert match.offence is not None
    decided = _decision(case, decision_key(finding.id, match.offence))
    if decided == "dismissed":
        return "dismissed", True
    if kind not in COUNTING:
        return "not_counted", decided == "confirmed"
    if not match.certain and decided != "confirmed":
        return "to_confirm", False
    confirmed = decided == "confirmed"
    if match.offence.victim == "under_18":
        if victim_age == "adult":
            return "adult_victim", confirmed
        if victim_age != "under_18":
            return "victim_age", confirmed
    return "risk_to_children", confirmed


def assess(
    case: Case, finding: Finding, matcher: OffenceMatcher, words: FindingWords | None = None
) -> FindingAssessment:
    """App. II's reading of one finding. Where its own words (`words`) disagree with its fields
    and App. II's answer would differ with them, the answer is "reconcile": the desk never says
    "not Risk to Children" (or "age not known") over words that may say otherwise. Risk to
    Children read from the fields stands until the officer reconciles the record."""
    differ = unresolved_words(case, finding, words)
    match = matcher.match(finding.offence, finding.section, finding.act)
    if match is None or match.offence is None:
        return FindingAssessment(finding, match, "not_listed", words=differ)
    status, by_officer = _status(case, finding, match, finding.kind, finding.victim_age)
    found = FindingAssessment(finding, match, status, by_officer, differ)
    if not differ or status == "risk_to_children":
        return found
    kinds = {finding.kind, *(d.words_say for d in differ if d.field == "kind")}
    ages = {finding.victim_age, *(d.words_say for d in differ if d.field == "victim_age")}
    if any(_status(case, finding, match, k, a)[0] != status for k, a in product(kinds, ages)):
        return replace(found, status="reconcile", decided_by_officer=False)
    return found


def assess_findings(case: Case, matcher: OffenceMatcher, words: FindingWords | None = None) -> list[FindingAssessment]:
    return [assess(case, f, matcher, words) for f in case.findings]


def risk_to_children(case: Case, matcher: OffenceMatcher, words: FindingWords | None = None) -> list[FindingAssessment]:
    """Every finding that is Risk to Children (App. II)."""
    return [a for a in assess_findings(case, matcher, words) if a.status == "risk_to_children"]
