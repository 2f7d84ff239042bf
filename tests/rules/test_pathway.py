"""Appendix III, the section 120 pathway: every row, and ¶2.79's one exception."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.builders import allegation, case, run

ROWS: list[tuple[str, dict[str, Any], tuple[str, ...], str]] = [
    ("none: box ticked no, C1A not required", {}, ("none",), "none"),
    (
        "c1a_not_completed: C1 ticked yes, no C1A",
        {"forms": {"c1": {"harm_indicated": True}, "c1a": {"completed": False}}},
        ("c1a_not_completed",),
        "none",
    ),
    (
        "c1a_not_completed: C7 ticked yes, C1A unknown",
        {"forms": {"c7": {"harm_indicated": True}}},
        ("c1a_not_completed",),
        "none",
    ),
    (
        "s120_notification: past witnessed abuse, ticked yes",
        {
            "forms": {
                "c1": {"harm_indicated": True},
                "c1a": {"completed": True, "allegations": [allegation(witnessed_by_children=True, ongoing=False)]},
            }
        },
        ("s120_notification",),
        "witnessing_past",
    ),
    (
        "s120_notification: past witnessed abuse, box ticked no",
        {"forms": {"c1a": {"completed": True, "allegations": [allegation(witnessed_by_children=True, ongoing=False)]}}},
        ("s120_notification",),
        "witnessing_past",
    ),
    (
        "referral_witnessing_ongoing: still at risk from witnessing",
        {
            "forms": {
                "c1": {"harm_indicated": True},
                "c1a": {"completed": True, "allegations": [allegation(witnessed_by_children=True, ongoing=True)]},
            }
        },
        ("referral_witnessing_ongoing",),
        "witnessing_ongoing",
    ),
    (
        "referral_other_harm: physical abuse of the child",
        {"forms": {"c1a": {"completed": True, "allegations": [allegation("child_abuse", types=["physical"])]}}},
        ("referral_other_harm",),
        "other_harm",
    ),
    (
        "referral_other_harm: neglect",
        {"forms": {"c1a": {"completed": True, "allegations": [allegation("child_abuse", types=["neglect"])]}}},
        ("referral_other_harm",),
        "other_harm",
    ),
    (
        "other harm outranks witnessing",
        {
            "forms": {
                "c1a": {
                    "completed": True,
                    "allegations": [allegation(ongoing=False), allegation("child_abuse", types=["sexual"])],
                }
            }
        },
        ("referral_other_harm",),
        "other_harm",
    ),
    (
        "c1a not completed and harm reported elsewhere: both rows",
        {
            "forms": {
                "c1": {"harm_indicated": True},
                "c1a": {"completed": False, "allegations": [allegation(ongoing=True)]},
            }
        },
        ("c1a_not_completed", "referral_witnessing_ongoing"),
        "witnessing_ongoing",
    ),
]


@pytest.mark.parametrize(("name", "overrides", "rows", "suggested"), ROWS, ids=[r[0] for r in ROWS])
def test_app_iii_rows(name: str, overrides: dict[str, Any], rows: tuple[str, ...], suggested: str) -> None:
    result = run(case(**overrides)).pathway
    assert result.rows == rows
    assert result.suggested.classification == suggested
    assert all(r.ref for r in (*result.reasons, *result.suggested.reasons))


def test_c1a_not_completed_actions_are_the_three_of_app_iii() -> None:
    result = run(case(forms={"c1": {"harm_indicated": True}})).pathway
    texts = [a.text for _, a in result.actions]
    assert texts[0] == "Notify the court that the C1A form has not been completed as required"
    assert "all available information" in texts[1] and "involvement has ended" in texts[2]


def test_para_2_79_unknown_ongoing_is_notification_but_flagged() -> None:
    """¶2.79: past witnessed harm is a notification unless the child is shown to remain at risk;
    when whether it continues is not recorded, the suggestion says to confirm."""
    s = run(case(forms={"c1a": {"completed": True, "allegations": [allegation()]}}))
    assert s.pathway.suggested.classification == "witnessing_past"
    assert "confirm the child no longer remains at risk" in s.pathway.suggested.reasons[0].text


def test_officer_override_is_used_and_confirmation_is_outstanding_until_made() -> None:
    c = case(forms={"c1a": {"completed": True, "allegations": [allegation(ongoing=False)]}})
    assert any("Confirm the harm classification" in o.what for o in run(c).outstanding)
    c.screening.harm_classification = "witnessing_ongoing"
    c.screening.harm_classification_reason = "Father still collects the children; threats at handover"
    s = run(c)
    assert s.pathway.rows == ("referral_witnessing_ongoing",)
    assert not any("Confirm the harm classification" in o.what for o in s.outstanding)


def test_unknown_harm_answers_leave_the_row_unsettled_and_ask_for_them() -> None:
    s = run(case(forms={"c1": {"harm_indicated": None}, "c7": {"harm_indicated": None}}))
    assert s.pathway.rows == ()
    assert any(o.what.startswith("Record the C1 harm answer") for o in s.outstanding)
