"""Everything the rules need besides the case and the clock, in one object."""

from __future__ import annotations

from dataclasses import dataclass

from dutydesk.domain.policy.risk_factors import RiskFactors
from dutydesk.domain.policy.tables import ConsentRule, Escalation, FindingWords, LanguageRules, Offence, PathwayRow
from dutydesk.domain.rules.linked_times import LinkedTimes
from dutydesk.domain.rules.offence_match import OffenceMatcher
from dutydesk.domain.time.calendar import WorkingCalendar
from dutydesk.domain.time.deadlines import DeadlineRule


@dataclass(frozen=True)
class LocalSettings:
    """Office practice, labelled as such wherever it shows."""

    safeguarding_letter_days_before_hearing: int = 3
    police_check_all_child_arrangements: bool = False
    court_informed_working_days: int = 1  # ¶2.106 says "earliest convenient opportunity"; the day is ours


@dataclass(frozen=True)
class Policy:
    calendar: WorkingCalendar
    deadlines: dict[str, DeadlineRule]
    risk_factors: RiskFactors
    pathway: dict[str, PathwayRow]
    escalation: Escalation
    consent: dict[str, ConsentRule]
    checklist_ref: str
    checklist: dict[str, str]
    language: LanguageRules
    harm_words: LanguageRules
    offences: tuple[Offence, ...]
    offence_matcher: OffenceMatcher
    local: LocalSettings = LocalSettings()
    finding_words: FindingWords | None = None  # a finding's own words (data/finding_words.toml)
    linked_times: LinkedTimes | None = None  # one fact typed once: referral times ↔ concern actions
