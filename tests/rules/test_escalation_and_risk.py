"""Risk identification: the score is an aid; high or imminent escalates (¶2.30, ¶2.81, ¶2.87)."""

from __future__ import annotations

import pytest

from tests.rules.builders import case, run

POINTS = [
    "nature_of_concerns",
    "where_child_is_now",
    "what_family_told",
    "refer_to_la",
    "other_children",
    "seek_parties_views_first",
    "how_when_court_told",
    "who_acts_by_when",
    "what_to_share_with_child_and_family",
    "implications_for_future_work",
]


@pytest.mark.parametrize(
    ("overall", "discussion", "urgent"),
    [
        (None, False, False),
        ("low", False, False),
        ("medium", False, False),
        ("high", True, False),
        ("imminent", True, True),
    ],
)
def test_para_2_30_escalation_by_overall_level(overall: str | None, discussion: bool, urgent: bool) -> None:
    esc = run(case(risk={"overall": overall})).escalation
    assert (esc.service_manager_discussion_required, esc.urgent_action) == (discussion, urgent)


def test_para_2_81_discussion_is_outstanding_until_all_ten_points_are_agreed() -> None:
    record = {key: "Discussed." for key in POINTS[:9]}
    c = case(
        risk={"overall": "high"},
        discussions=[
            {
                "id": "d1",
                "kind": "service_manager",
                "with": "S. Manager",
                "at": "2025-06-16T10:00:00+01:00",
                "record": record,
                "agreed": True,
            }
        ],
    )
    s = run(c)
    assert s.escalation.missing_points == ("Implications for future work with the family",)
    item = next(o for o in s.outstanding if "Service Manager" in o.what)
    assert [d for d in item.details if d.startswith("Record:")] == [
        "Record: Implications for future work with the family"
    ]
    c.discussions[0].record["implications_for_future_work"] = "Safety assessment before any contact."
    s = run(c)
    assert s.escalation.discussion_done
    assert not any("Service Manager" in o.what for o in s.outstanding)


def test_para_2_87_imminent_lists_urgent_actions_first_until_done() -> None:
    c = case(risk={"overall": "imminent"})
    s = run(c)
    # ¶2.87's three bullets, and its last sentence: "the practitioner should agree with the
    # recipient of the referral what information will be given to the child and parents/carers,
    # by whom and when".
    assert [o.ref for o in s.outstanding[:4]] == ["¶2.87"] * 4
    assert "police first" in s.outstanding[0].what.lower()
    assert "by whom and when" in s.outstanding[3].what
    c.risk.urgent_actions = {
        "police_first": "2025-06-16T09:05:00+01:00",
        "emergency_medical_help": "not_applicable",
        "child_left_alone": "not_applicable",
        "agree_what_child_and_parents_told": "2025-06-16T09:20:00+01:00",
    }
    assert not any(o.ref == "¶2.87" for o in run(c).outstanding)


def test_score_is_shown_only_as_an_aid() -> None:
    c = case(
        risk={
            "factors": [
                {"factor": "domestic_violence", "level": "high"},
                {"factor": "neglect", "level": "low"},
                {"factor": "child_subject_to_cpp", "level": "medium"},
            ]
        }
    )
    score = run(c).risk_score
    assert (score.total, score.rated) == (6, 3)
    assert "not a predictor" in score.caveat


def test_factors_without_an_overall_level_ask_for_one() -> None:
    c = case(risk={"factors": [{"factor": "domestic_violence", "level": "medium"}]})
    assert any(o.what == "Record the overall level of risk" for o in run(c).outstanding)
