"""¶2.19-2.20: when a police check is made, excluded, or left to the officer's judgement."""

from __future__ import annotations

from typing import Any

import pytest

from dutydesk.config.settings import Settings
from tests.rules.builders import allegation, case, run

EXCLUSIONS = [
    ["specific_issue"],
    ["prohibited_steps"],
    ["inherent_jurisdiction"],
    ["parental_responsibility"],
    ["specific_issue", "prohibited_steps"],
]
GROUNDS: list[tuple[str, dict[str, Any]]] = [
    ("harm ticked on C1", {"forms": {"c1": {"harm_indicated": True}}}),
    ("harm ticked on C7", {"forms": {"c7": {"harm_indicated": True}}}),
    ("C1A alleges harm", {"forms": {"c1a": {"completed": True, "allegations": [allegation()]}}}),
    ("section 7 report", {"case": {"court_requested_welfare_work": ["section7_report"]}}),
    ("family assistance order", {"case": {"court_requested_welfare_work": ["family_assistance_order"]}}),
    (
        "professional judgement",
        {
            "screening": {
                "professional_judgement_police_check": True,
                "professional_judgement_reason": "Child distressed at handovers",
            }
        },
    ),
]


@pytest.mark.parametrize("apps", EXCLUSIONS, ids=["+".join(a) for a in EXCLUSIONS])
def test_para_2_20_exclusion_without_a_ground_is_not_required(apps: list[str]) -> None:
    result = run(case(case={"applications": apps})).police_check
    assert result.status == "not_required"
    assert result.reasons[0].ref == "¶2.20"


@pytest.mark.parametrize("apps", EXCLUSIONS, ids=["+".join(a) for a in EXCLUSIONS])
@pytest.mark.parametrize(("ground", "overrides"), GROUNDS, ids=[g[0] for g in GROUNDS])
def test_para_2_20_exclusion_gives_way_to_a_para_2_19_ground(
    apps: list[str], ground: str, overrides: dict[str, Any]
) -> None:
    merged = {**overrides, "case": {"applications": apps, **overrides.get("case", {})}}
    result = run(case(**merged)).police_check
    assert result.status == "required"
    assert all(r.ref == "¶2.19" for r in result.reasons)


def test_child_arrangements_without_a_ground_is_the_officers_judgement() -> None:
    result = run(case()).police_check
    assert result.status == "judgement"
    assert "officer decides" in result.reasons[-1].text


def test_parental_responsibility_linked_with_other_issues_is_not_excluded() -> None:
    result = run(case(case={"applications": ["parental_responsibility", "child_arrangements"]})).police_check
    assert result.status == "judgement"
    assert "linked with other issues" in result.reasons[0].text


def test_every_ground_is_listed() -> None:
    c = case(
        forms={"c1": {"harm_indicated": True}, "c7": {"harm_indicated": True}},
        case={"court_requested_welfare_work": ["section7_report"]},
    )
    texts = [r.text for r in run(c).police_check.reasons]
    assert any("C1" in t for t in texts) and any("C7" in t for t in texts) and any("section 7" in t for t in texts)


def test_local_setting_requires_checks_on_child_arrangements_and_says_so() -> None:
    result = run(case(), settings=Settings(police_check_all_child_arrangements=True)).police_check
    assert result.status == "required"
    assert result.reasons[0].ref == "local practice, not framework"


def test_officer_decision_is_recorded_and_clears_the_prompt() -> None:
    c = case(
        screening={
            "professional_judgement_police_check": False,
            "professional_judgement_reason": "Agreed arrangements; no concerns",
        }
    )
    s = run(c)
    assert s.police_check.status == "judgement" and s.police_check.decided is False
    assert not any("Decide whether a police check" in o.what for o in s.outstanding)
