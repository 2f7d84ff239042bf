"""Loads and validates the policy tables shipped in data/: the only reader of them. The domain
gets what is read here as arguments. (The calendar's files: calendar_files.py; the name variants:
name_variants.py.)"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dutydesk.config.calendar_files import working_calendar
from dutydesk.config.data_files import read_data_file
from dutydesk.config.settings import Settings, load_settings
from dutydesk.domain.policy import tables as t
from dutydesk.domain.policy.bundle import LocalSettings, Policy
from dutydesk.domain.policy.offence_tables import parse_acts, parse_aliases
from dutydesk.domain.policy.risk_factors import RiskFactors, parse_risk_factors
from dutydesk.domain.rules.linked_times import parse_linked_times
from dutydesk.domain.rules.offence_match import OffenceMatcher
from dutydesk.domain.time.deadlines import DeadlineRule, parse_deadlines


@cache
def deadline_rules() -> dict[str, DeadlineRule]:
    return parse_deadlines(*read_data_file("deadlines.toml"))


@cache
def risk_factors() -> RiskFactors:
    return parse_risk_factors(*read_data_file("risk_factors.toml"))


@cache
def _tables() -> dict[str, object]:
    checklist_ref, checklist = t.parse_checklist(*read_data_file("referral_checklist.toml"))
    offences = t.parse_offences(*read_data_file("offences.csv"))
    aliases = parse_aliases(*read_data_file("offence_aliases.csv"), offences)
    return {
        "pathway": t.parse_pathway(*read_data_file("pathway.toml")),
        "escalation": t.parse_escalation(*read_data_file("escalation.toml")),
        "consent": t.parse_consent(*read_data_file("consent.toml")),
        "checklist_ref": checklist_ref,
        "checklist": checklist,
        "language": t.parse_language(*read_data_file("language.toml")),
        "harm_words": t.parse_language(*read_data_file("harm_words.toml")),
        "finding_words": t.parse_finding_words(*read_data_file("finding_words.toml")),
        "offences": offences,
        "offence_matcher": OffenceMatcher(offences, aliases, parse_acts(*read_data_file("acts.toml"))),
        "linked_times": parse_linked_times(*read_data_file("linked_times.toml")),
    }


def load_policy(settings: Settings | None = None, closures_file: Path | None = None) -> Policy:
    """Every policy table, validated; a malformed one stops with its file, key and problem."""
    settings = settings or load_settings()
    return Policy(
        calendar=working_calendar(settings, closures_file),
        deadlines=deadline_rules(),
        risk_factors=risk_factors(),
        local=LocalSettings(
            settings.safeguarding_letter_days_before_hearing, settings.police_check_all_child_arrangements
        ),
        **_tables(),  # type: ignore[arg-type]
    )
