"""Issue 29, item 4: each outstanding item clears when what it asks for is recorded, and nothing
is asked that a rule already decides. Each expected answer is the paragraph's, quoted."""

from __future__ import annotations

from typing import Any

import pytest

from dutydesk.domain.rules.police import police_progress
from dutydesk.domain.rules.step_progress import step_needs
from tests.rules.builders import allegation, case, run

PHONED = "2025-06-13T16:10:00+01:00"


def _referral(**kw: Any) -> dict[str, Any]:
    return {
        "id": "r1",
        "kind": "s47_protection",
        "la": "Leeds Children's Social Care",
        "children": ["c1"],
        "phoned_at": PHONED,
        "call_record": "Spoke to the MASH duty social worker about the bruising Cat described.",
        **kw,
    }


def _whats_next(**overrides: Any) -> list[str]:
    return [o.what for o in run(case(**overrides)).outstanding]


# -- ¶2.91 and ¶2.98-2.99: told, or why not recorded -------------------------------------------


@pytest.mark.parametrize("state", ["not_yet", "no"])
def test_the_child_not_told_with_a_reason_clears_the_prompt(state: str) -> None:
    """¶2.91: "The child should be informed of the intention to make a referral to Local Authority
    Children's Social Care unless it is considered unsafe to do so." The item asks "Tell the child
    about the referral, or record why not": a reason recorded is the "why not", whether the child is
    not told at all or not told yet."""
    reason = "The social worker will tell Cat after the strategy discussion, as agreed on the call"
    items = _whats_next(
        referrals=[_referral(child_informed=state, child_not_informed_reason=reason, parents_informed="yes")]
    )
    assert not any("Tell the child" in w or "child was not told" in w for w in items), items


@pytest.mark.parametrize("state", ["not_yet", "no"])
def test_the_parents_not_told_with_a_reason_clears_the_prompt(state: str) -> None:
    """¶2.98: practitioners discuss their concerns with the child's parents/carers; "Exceptions are if
    the practitioner considers it likely that such a discussion would place the child at risk of
    significant harm, would risk interference with a police investigation or would place the
    practitioner at serious personal risk." ¶2.99: "It should be recorded whether or not parents have
    been informed of and agreed to the referral." A reason recorded answers the item."""
    reason = "Police investigation under way (DC Shah): the police will tell the parents first"
    items = _whats_next(
        referrals=[
            _referral(child_informed="yes", child_views="Wants to stay with mum", parents_informed=state,
                      parents_not_informed_reason=reason)
        ]
    )  # fmt: skip
    assert not any("Tell the parents" in w or "parents were not told" in w for w in items), items


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_not_yet_without_a_reason_still_asks(blank: str | None) -> None:
    """¶2.91 / ¶2.98: nothing recorded is no reason — the item stays until one is."""
    items = _whats_next(
        referrals=[
            _referral(child_informed="not_yet", child_not_informed_reason=blank, parents_informed="no",
                      parents_not_informed_reason=blank)
        ]
    )  # fmt: skip
    assert "Tell the child about the referral, or record why not" in items
    assert "The parents were not told: record the reason" in items


def test_a_section_120_notification_asks_nobody_to_be_told_but_the_court() -> None:
    """App. III, a child previously at risk from witnessing harm: "1. section 120 notification letter
    to the LA … 2. inform the court of the notification; 3. tell the LA when involvement ends" — no
    child or parent is told of a notification (¶2.91 and ¶2.98 are the Child Welfare (Protection)
    procedure's, for a referral); data/consent.toml: inform = ["court"]."""
    items = _whats_next(referrals=[{"id": "r1", "kind": "s120_notification", "la": "Leeds", "children": ["c1"]}])
    assert not any("Tell the child" in w or "Tell the parents" in w for w in items), items


# -- ¶2.87: police first only where the danger is immediate ---------------------------------


def test_high_risk_asks_for_the_discussion_not_the_urgent_actions() -> None:
    """¶2.30: "Where risks are judged to be 'high' or 'imminent', a discussion should immediately be
    held with the Service Manager". ¶2.87: "If a practitioner … encounters a child in a situation where
    the child is in *imminent* danger … If a child is at immediate risk, the practitioner should seek the
    assistance of the Police." High is not imminent: no police-first action."""
    s = run(case(risk={"overall": "high"}))
    items = [o.what for o in s.outstanding]
    assert not s.escalation.urgent_action and s.escalation.urgent_outstanding == ()
    assert not any("police first" in w.lower() for w in items), items
    assert any("Service Manager" in w for w in items)


def test_imminent_risk_asks_police_first() -> None:
    """¶2.87: "If a child is at immediate risk, the practitioner should seek the assistance of the
    Police. This should be followed by contact with the LACSC"."""
    items = _whats_next(risk={"overall": "imminent"})
    assert "Contact the police first, then local authority children's social care" in items


# -- ¶2.19: no judgement asked where a rule already decides -----------------------------------

RULE_DECIDES: list[tuple[str, dict[str, Any]]] = [
    ("the harm box on the C1", {"forms": {"c1": {"harm_indicated": True}}}),
    ("the respondent's harm box", {"forms": {"c7": {"harm_indicated": True}}}),
    ("a C1A allegation", {"forms": {"c1a": {"completed": True, "allegations": [allegation()]}}}),
    ("a section 7 report", {"case": {"court_requested_welfare_work": ["section7_report"]}}),
    (
        "a police reply in a note",
        {
            "events": [
                {
                    "at": "2025-06-13T12:05:00+01:00",
                    "kind": "phone_call",
                    "text": "PNC: Bob cautioned 03/2019 for assault by beating (s.39 CJA 1988) on a former partner",
                }
            ]
        },
    ),
]


@pytest.mark.parametrize(("ground", "overrides"), RULE_DECIDES, ids=[g for g, _ in RULE_DECIDES])
def test_no_judgement_is_asked_where_a_ground_requires_the_check(ground: str, overrides: dict[str, Any]) -> None:
    """¶2.19: a police check "will be made in: any application where issues are raised as to risk of
    harm to the child (via the harm 'tick box' or any other information); any further work requested by
    the court on welfare grounds" — the officer's judgement (the third ground) is asked only where
    neither decides."""
    s = run(case(**overrides))
    assert s.police_check.status == "required"
    assert not s.police_check.judgement_asked, ground
    assert not any("Decide whether a police check" in o.what for o in s.outstanding)


def test_the_judgement_stays_where_it_is_what_decides() -> None:
    """¶2.19, third ground: "any application where in the professional judgement of a Cafcass officer
    any issue arises which suggests there is a potential risk of harm to a child" — where the officer's
    own judgement is the only ground, it is hers to keep or change."""
    judged = run(
        case(screening={"professional_judgement_police_check": True, "professional_judgement_reason": "Distress"})
    )
    assert judged.police_check.status == "required" and judged.police_check.judgement_asked
    undecided = run(case())
    assert undecided.police_check.status == "judgement" and undecided.police_check.judgement_asked


# -- the board's police status follows the checks' outcomes (¶2.19) ---------------------------


def _police(subject: str, outcome: str, **kw: Any) -> dict[str, Any]:
    return {"id": f"k{subject}", "kind": "police", "subject": subject, "outcome": outcome, **kw}


HARM = {"forms": {"c1": {"harm_indicated": True}}}


def _word(**overrides: Any) -> str:
    c = case(**overrides)
    s = run(c)
    return police_progress(c, s.police_check, s.required_checks)


@pytest.mark.parametrize(
    ("checks", "word"),
    [
        ([], "required"),
        ([_police("p1", "pending", requested_at="2025-06-13T10:00:00+01:00")], "requested"),
        ([_police("p1", "no_concern", summary="No trace on PNC")], "1 of 2 back"),
        (
            [
                _police("p1", "no_concern", summary="No trace on PNC"),
                _police("p2", "concern", summary="Caution 2019: assault by beating (s.39 CJA 1988)"),
            ],
            "concern",
        ),
        ([_police("p1", "no_concern"), _police("p2", "no_concern")], "no concern"),
        ([_police("p1", "no_concern"), _police("p2", "not_obtained")], "received"),
    ],
    ids=["none", "requested", "one-back", "both-back-concern", "both-clear", "one-not-obtained"],
)
def test_the_board_police_status_follows_the_outcomes(checks: list[dict[str, Any]], word: str) -> None:
    """¶2.19: "a police check … will be made" on each party. Once both checks are back the board says
    what came back, never "required"."""
    assert _word(checks=checks, **HARM) == word


def test_the_board_police_status_where_no_check_is_required() -> None:
    """¶2.20: "Unless any of the factors in 2.19 (above) are present, a police check will not be made
    for: Applications for specific issue or prohibited steps orders"; the judgement, undecided or
    decided against, is said as such."""
    assert _word(case={"applications": ["specific_issue"]}) == "not required"
    assert _word() == "to decide"
    judged = {"professional_judgement_police_check": False, "professional_judgement_reason": "Agreed contact"}
    assert _word(screening=judged) == "not needed"


# -- a step is complete when its required content is, not on its first entry ------------------


def test_intake_is_not_complete_with_the_court_alone() -> None:
    """¶2.19-2.20 turn on what is applied for; ¶2.28: risk identification "before the completion of
    the 1st court hearing" — the application's kinds, its receipt and the first hearing are the
    intake's required content."""
    bare = case(case={"reference": "T-1", "court": "Leeds Family Court", "applications": [],
                      "first_hearing_at": None})  # fmt: skip
    needs = step_needs(bare, run(bare))["intake"]
    assert needs and {"¶2.19-2.20", "¶2.28"} <= {r.ref for r in needs}
    full = case(case={"received_at": "2025-06-12T09:00:00+01:00"})
    assert step_needs(full, run(full))["intake"] == ()


def test_people_is_not_complete_with_one_child() -> None:
    """¶2.15: screening gathers "relevant information in relation to all children and relevant adults";
    ¶2.18 screens the applicant's C1 and the respondent's C7. One child typed in is a start, not the
    step: the parties and each child's date of birth are still to come."""
    one = case(people=[{"id": "c1", "role": "child", "given_names": "Oscar"}])
    needs = " ".join(r.text for r in step_needs(one, run(one))["people"])
    assert "applicant" in needs and "respondent" in needs and "Oscar" in needs and "date of birth" in needs
    full = case()
    assert step_needs(full, run(full))["people"] == ()


def test_risk_is_complete_when_risk_identification_is() -> None:
    """¶2.28: risk identification takes place before the first hearing; ¶2.30: "A copy of the completed
    risk identification form must be kept on file". One factor rated is not a completed form."""
    started = case(risk={"factors": [{"factor": "domestic_violence", "level": "medium"}]})
    assert step_needs(started, run(started))["risk"]
    done = case(
        risk={
            "factors": [{"factor": "domestic_violence", "level": "medium"}],
            "overall": "medium",
            "completed_at": "2025-06-14T10:00:00+01:00",
            "completed_by": "Test Officer",
        }
    )
    assert step_needs(done, run(done))["risk"] == ()


def test_a_notification_with_nothing_recorded_is_not_a_complete_referrals_step() -> None:
    """¶2.95: "record the time and date … of actions taken"; ¶2.103: a telephone referral is confirmed
    in writing. A referral added with only its kind has neither."""
    bare = case(referrals=[{"id": "r1", "kind": "s120_notification"}])
    assert step_needs(bare, run(bare))["referrals"]
    phoned = case(referrals=[{"id": "r1", "kind": "s47_protection", "children": ["c1"]}])
    texts = " ".join(r.text for r in step_needs(phoned, run(phoned))["referrals"])
    assert "phoned" in texts and "local authority" in texts
