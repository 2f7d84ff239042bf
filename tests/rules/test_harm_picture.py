"""One picture of harm, through `dutydesk screen FILE --json`: each case file is written from a
sentence of the framework (quoted with it), and its expected answer was written from that
sentence before the code ran. Free-text wordings are the kind officers, parents and schools use,
not the words the patterns were written from.

The answers checked: the police check (¶2.19-2.20), the App. III rows and suggestion (¶2.79), and
whether the Service Manager discussion is required (¶2.30, ¶2.81), with any item that must be
outstanding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dutydesk.domain.case.casefile import to_document
from tests.cli_helpers import run_cli
from tests.rules.builders import allegation, case

NOW = "2025-06-16T09:00:00+01:00"
CONFIRM_DA = allegation(witnessed_by_children=True, ongoing=False)


@dataclass
class Expect:
    quote: str  # the framework's words the expectation comes from
    doc: dict[str, Any]
    police: str
    rows: list[str]
    suggested: str
    sm: bool
    outstanding: list[str] = field(default_factory=list)  # words an outstanding item must hold
    not_outstanding: list[str] = field(default_factory=list)
    remains: bool | None = None  # the child shown to remain at risk


def note(
    text: str, with_: str = "p1", kind: str = "phone_call", at: str = "2025-06-13T12:05:00+01:00"
) -> dict[str, Any]:
    return {"at": at, "by": "J. Officer", "kind": kind, "with": with_, "text": text}


def past_plan_check(plan: str, summary: str) -> dict[str, Any]:
    return {
        "id": "k1",
        "kind": "child_protection_plan",
        "subject": "c1",
        "outcome": "concern",
        "summary": summary,
        "plan": plan,
    }


TICKED_C1 = {"c1": {"harm_indicated": True}}
PAST_DA = {"c1a": {"completed": True, "allegations": [CONFIRM_DA]}}
S47 = {
    "id": "r1",
    "kind": "s47_protection",
    "la": "Leeds Children's Social Care",
    "children": ["c1"],
    "phoned_at": "2025-06-13T16:10:00+01:00",
}
SM_DISCUSSION = {
    "id": "d1",
    "kind": "service_manager",
    "with": "S. Manager",
    "at": "2025-06-13T15:00:00+01:00",
    "agreed": True,
    "record": {},
}

CASES: dict[str, Expect] = {
    "nothing-anywhere": Expect(
        "App. III: 'Box ticked no — C1A form not required — None'",
        {"events": [note("Ann rang to move the call to Thursday at 2pm; she works mornings.")]},
        "judgement",
        ["none"],
        "none",
        False,
    ),
    "ordinary-note-about-the-child": Expect(
        "App. III: 'Box ticked no — C1A form not required — None' (an everyday note about a child is not harm)",
        {
            "events": [
                note("Bob pays maintenance each month and collects Cat from school on Fridays; Cat enjoys swimming.")
            ]
        },
        "judgement",
        ["none"],
        "none",
        False,
    ),
    "c1-ticked-no-c1a": Expect(
        "App. III: 'Box ticked yes — Not completed — 1. Notify the court that C1A form has not been completed as required'",
        {"forms": {**TICKED_C1, "c1a": {}}},
        "required",
        ["c1a_not_completed"],
        "none",
        False,
    ),
    "c7-ticked-no-c1a": Expect(
        "¶2.18: 'C1A (appendix form for either the C1 or C7 form, which is to be completed where the main form "
        "identifies issues of risk for the child)'; App. III 'Box ticked yes — Not completed'",
        {"forms": {"c7": {"harm_indicated": True}}},
        "required",
        ["c1a_not_completed"],
        "none",
        False,
    ),
    "c7-ticked-only-applicants-c1a": Expect(
        "¶2.18: the C1A is 'appendix form for either the C1 or C7': the applicant's C1A is not the respondent's; "
        "harm ticked on the C7 without the respondent's C1A is 'Not completed'",
        {"forms": {"c7": {"harm_indicated": True}, "c1a": {"completed": True, "allegations": [CONFIRM_DA]}}},
        "required",
        ["c1a_not_completed", "s120_notification"],
        "witnessing_past",
        False,
    ),
    "c1-ticked-c1a-filed-blank": Expect(
        "App. III: 'Box ticked yes — Not completed' — a C1A with no allegation and no order is not completed as required",
        {"forms": {**TICKED_C1, "c1a": {"completed": True}}},
        "required",
        ["c1a_not_completed"],
        "none",
        False,
    ),
    "respondents-c1a-child-abuse": Expect(
        "App. III: 'Info on C1, C7 or C1A form relates to other types of harm (physical, sexual, emotional abuse or "
        "neglect) — Refer to the Local Authority using the Cafcass Child Welfare (Protection) procedure'",
        {
            "forms": {
                "c7": {"harm_indicated": True},
                "respondent_c1a": {
                    "completed": True,
                    "allegations": [allegation("child_abuse", by="p2", against="p1", types=["physical"])],
                },
            }
        },
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
    ),
    "past-witnessing-notification": Expect(
        "¶2.79: 'allegations of past harm arising from witnessing harm to others ... and where there is insufficient "
        "information to indicate that the child remains at risk. In such a situation a notification should be made'",
        {"forms": PAST_DA},
        "required",
        ["s120_notification"],
        "witnessing_past",
        False,
        remains=False,
    ),
    "past-witnessing-with-current-plan": Expect(
        "¶2.79: a notification only 'where there is insufficient information to indicate that the child remains at "
        "risk' — a child on a child protection plan now is shown to remain at risk",
        {
            "forms": PAST_DA,
            "checks": [
                past_plan_check("current", "Cat has been on a child protection plan since March (emotional harm).")
            ],
        },
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
        remains=True,
    ),
    "past-witnessing-with-recent-concern": Expect(
        "¶2.79: past witnessing is a notification only where nothing indicates 'that the child remains at risk'; "
        "a concern identified this month indicates it",
        {
            "forms": PAST_DA,
            "concerns": [
                {
                    "id": "x1",
                    "identified_at": "2025-06-12T15:00:00+01:00",
                    "source": "child",
                    "children": ["c1"],
                    "witnessing": True,
                    "types": ["emotional"],
                    "what_was_said": "Cat said daddy still comes to the house at night and shouts at mummy.",
                }
            ],
        },
        "required",
        ["referral_witnessing_ongoing"],
        "witnessing_ongoing",
        True,
        remains=True,
    ),
    "witnessing-ongoing": Expect(
        "App. III: 'Info ... suggests that the child is still at risk from witnessing harm (section 120) — Refer'",
        {"forms": {"c1a": {"completed": True, "allegations": [allegation(witnessed_by_children=True, ongoing=True)]}}},
        "required",
        ["referral_witnessing_ongoing"],
        "witnessing_ongoing",
        True,
    ),
    "allegation-recorded-only-as-a-finding": Expect(
        "¶2.79: 'all information about possible significant harm to a child, even when the alleged incident was in "
        "the past, should be considered within the remit of this Child Welfare (Protection) procedure with a view to "
        "referral' — an allegation of a listed offence is such information, though not a conviction",
        {
            "findings": [
                {
                    "id": "f1",
                    "subject": "p2",
                    "source": "police",
                    "kind": "allegation",
                    "offence": "Cruelty to children",
                    "notes": "Reported by the school in 2023; no further action.",
                }
            ]
        },
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
    ),
    "another-agencys-information": Expect(
        "¶2.19: a police check in 'any application where issues are raised as to risk of harm to the child (via the "
        "harm tick box or any other information)'; App. III has no row for it by itself: the officer classifies",
        {
            "findings": [
                {
                    "id": "f1",
                    "subject": "p2",
                    "source": "health visitor",
                    "kind": "other",
                    "notes": "Health visitor has recorded missed immunisations and weight loss for the baby.",
                }
            ]
        },
        "required",
        [],
        "unclassified",
        False,
        outstanding=["Classify the information about harm"],
    ),
    "disclosure-only-in-a-phone-note": Expect(
        "¶2.79 'all information about possible significant harm' and ¶2.19 'or any other information': a disclosure "
        "in a phone note is information about harm",
        {
            "events": [
                note(
                    "Ann rang. Cat came back from her dad's on Sunday with a red mark on her cheek and said daddy "
                    "slapped her when she wouldn't eat her tea."
                )
            ]
        },
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
        outstanding=["confirm or dismiss"],
    ),
    "domestic-abuse-only-in-a-phone-note": Expect(
        "¶2.19 'or any other information'; App. III: harm to another the child may witness (s120)",
        {
            "events": [
                note("Ann said Bob had her up against the wall by the throat last month while the kids were upstairs.")
            ]
        },
        "required",
        ["s120_notification"],
        "witnessing_past",
        False,
    ),
    "exploitation-without-the-masking-words": Expect(
        "Seed 001 §4.5: 'being provided with money and/or gifts ...; frequently absconding; flagging down unknown "
        "cars'; ¶2.79 all information about possible significant harm goes through the procedure",
        {
            "people": [
                {"id": "p1", "role": "applicant", "given_names": "Ann", "family_name": "Able"},
                {"id": "p2", "role": "respondent", "given_names": "Bob", "family_name": "Able"},
                {
                    "id": "c1",
                    "role": "child",
                    "given_names": "Maya",
                    "family_name": "Able",
                    "date_of_birth": "2011-02-01",
                },
            ],
            "events": [
                note(
                    "School rang: Maya has been missing overnight twice this month, turns up with new trainers and a "
                    "phone nobody at home bought her, and was seen getting into a silver car outside the gates.",
                    with_="c1",
                )
            ],
        },
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
        outstanding=["Possible exploitation"],
    ),
    "exploitation-prompts-dismissed-with-reasons": Expect(
        "¶4.31 a departure from policy is recorded with its reason; once the officer dismisses each prompt with a "
        "reason, nothing else suggests harm",
        {
            "people": [
                {"id": "p1", "role": "applicant", "given_names": "Ann", "family_name": "Able"},
                {"id": "p2", "role": "respondent", "given_names": "Bob", "family_name": "Able"},
                {
                    "id": "c1",
                    "role": "child",
                    "given_names": "Maya",
                    "family_name": "Able",
                    "date_of_birth": "2011-02-01",
                },
            ],
            "events": [
                note(
                    "Maya went missing for an afternoon last year at the fair; found by police within the hour.",
                    with_="c1",
                )
            ],
            "screening": {
                "prompt_decisions": [
                    {
                        "id": "pd1",
                        "key": "events[2025-06-13T12:05:00+01:00].text|going missing",
                        "decision": "dismissed",
                        "reason": "Lost at a funfair aged 13 for under an hour; no other indicator",
                        "by": "J. Officer",
                        "at": "2025-06-13T12:30:00+01:00",
                    },
                    {
                        "id": "pd2",
                        "key": "events[2025-06-13T12:05:00+01:00].text|harm",
                        "decision": "dismissed",
                        "reason": "Police found her; no harm",
                        "by": "J. Officer",
                        "at": "2025-06-13T12:30:00+01:00",
                    },
                ]
            },
        },
        "judgement",
        ["none"],
        "none",
        False,
        not_outstanding=["confirm or dismiss"],
    ),
    "note-confirmed-as-past-witnessing": Expect(
        "¶2.79: past witnessing, child not shown to remain at risk: a notification (the officer's classification of "
        "the note)",
        {
            "events": [note("Ann said there were rows and Bob threw a plate at the wall in 2021, before they split.")],
            "screening": {
                "prompt_decisions": [
                    {
                        "id": "pd1",
                        "key": "events[2025-06-13T12:05:00+01:00].text|harm",
                        "decision": "confirmed",
                        "classification": "witnessing_past",
                        "reason": "Before separation; Cat was in the house",
                    }
                ]
            },
        },
        "required",
        ["s120_notification"],
        "witnessing_past",
        False,
    ),
    "medium-risk-with-an-s47-referral": Expect(
        "¶2.81: 'Where there are concerns about possible significant harm in relation to a child, all practitioners "
        "must first discuss this with their Service Manager' — whatever the overall level",
        {"risk": {"overall": "medium"}, "referrals": [S47], "discussions": [SM_DISCUSSION]},
        "required",
        [],
        "unclassified",
        True,
    ),
    "referral-before-the-manager-was-reached": Expect(
        "¶2.83: 'when the practitioner has made a referral of possible significant harm ... without prior "
        "consultation with his/her Service Manager, the practitioner must inform the Service Manager as soon as "
        "possible'",
        {"referrals": [S47]},
        "required",
        [],
        "unclassified",
        True,
        outstanding=["Tell the Service Manager, as soon as possible, of the referral"],
    ),
    "referral-before-the-manager-then-told": Expect(
        "¶2.83: inform the Service Manager as soon as possible — recorded, so no longer outstanding",
        {"referrals": [{**S47, "sm_informed_at": "2025-06-13T16:40:00+01:00"}]},
        "required",
        [],
        "unclassified",
        True,
        not_outstanding=["Tell the Service Manager"],
    ),
    "referral-after-the-discussion": Expect(
        "¶2.81: 'must first discuss this with their Service Manager' — done first, nothing to inform after",
        {"referrals": [S47], "discussions": [SM_DISCUSSION]},
        "required",
        [],
        "unclassified",
        True,
        not_outstanding=["Tell the Service Manager"],
    ),
    "a-factor-judged-high": Expect(
        "¶2.81 'concerns about possible significant harm' — a factor judged high, though overall medium",
        {"risk": {"overall": "medium", "factors": [{"factor": "neglect", "level": "high"}]}},
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
    ),
    "rule-16-4-guardian": Expect(
        "¶2.19: 'any further work requested by the court on welfare grounds, including a request for a section 7 "
        "report or a Family Assistance Order' — including, not only",
        {"case": {"applications": ["specific_issue"], "court_requested_welfare_work": ["rule_16_4_guardian"]}},
        "required",
        ["none"],
        "none",
        False,
    ),
    "other-welfare-work": Expect(
        "¶2.19: 'any further work requested by the court on welfare grounds'",
        {"case": {"applications": ["prohibited_steps"], "court_requested_welfare_work": ["other"]}},
        "required",
        ["none"],
        "none",
        False,
    ),
    "specific-issue-alone": Expect(
        "¶2.20: 'Unless any of the factors in 2.19 (above) are present, a police check will not be made for: "
        "Applications for specific issue or prohibited steps orders'",
        {"case": {"applications": ["specific_issue"]}},
        "not_required",
        ["none"],
        "none",
        False,
    ),
    "specific-issue-with-harm-in-a-note": Expect(
        "¶2.20 'Unless any of the factors in 2.19 (above) are present' — harm in a note is such a factor",
        {
            "case": {"applications": ["specific_issue"]},
            "events": [note("Ann says Bob has been punching walls and she is frightened of him when he drinks.")],
        },
        "required",
        [],
        "unclassified",
        False,
    ),
    "hmcts-miam-domestic-violence": Expect(
        "¶2.19 'or any other information'; App. III: the application suggests past harm from witnessing",
        {
            "events": [
                {
                    "at": "2025-06-13T10:00:00+01:00",
                    "kind": "hmcts_signal",
                    "text": "MIAM exemption claimed with evidence of domestic violence",
                    "source": "miamExemptionsTable.domesticViolenceEvidence",
                    "signal": "miam_domestic_violence",
                }
            ]
        },
        "required",
        ["s120_notification"],
        "witnessing_past",
        False,
    ),
    "hmcts-miam-child-protection": Expect(
        "¶2.19 'or any other information': child protection grounds given in the application",
        {
            "events": [
                {
                    "at": "2025-06-13T10:00:00+01:00",
                    "kind": "hmcts_signal",
                    "text": "MIAM exemption claimed on child protection grounds",
                    "source": "miamExemptionsTable.childProtectionEvidence",
                    "signal": "miam_child_protection",
                }
            ]
        },
        "required",
        [],
        "unclassified",
        False,
    ),
    "a-past-plan": Expect(
        "¶2.18 'whether the child is ... subject of a Child Protection Plan'; a past plan is past harm, to be "
        "classified, and does not show the child remains at risk",
        {"checks": [past_plan_check("previous", "Plan for neglect 2019-2020, ended.")]},
        "required",
        [],
        "unclassified",
        False,
        remains=False,
    ),
    "a-current-plan": Expect(
        "¶2.79 (remains at risk) and ¶2.86 ('the Cafcass practitioner must inform the Service Manager')",
        {"checks": [past_plan_check("current", "On a plan since January.")]},
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
        remains=True,
    ),
    "plan-concern-not-said-whether-current": Expect(
        "¶2.85: 'enter the outcome of the check on the case file' — a concern whose plan is not said to be past is "
        "taken as current until recorded",
        {"checks": [{"id": "k1", "kind": "child_protection_plan", "subject": "c1", "outcome": "concern"}]},
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
        outstanding=["Record whether the child protection plan is current or past"],
    ),
    "officer-says-past-witnessing-despite-a-plan": Expect(
        "¶2.79: the notification exception needs 'insufficient information to indicate that the child remains at risk'",
        {
            "forms": PAST_DA,
            "checks": [past_plan_check("current", "On a plan since January.")],
            "screening": {"harm_classification": "witnessing_past", "harm_classification_reason": "Parents separated"},
        },
        "required",
        ["s120_notification"],
        "other_harm",
        True,
        outstanding=["review the classification"],
    ),
    "officer-says-none-without-a-reason": Expect(
        "¶4.31: a departure from what the information shows is recorded with its reason",
        {
            "findings": [{"id": "f1", "subject": "p2", "kind": "conviction", "offence": "Drink driving"}],
            "screening": {"harm_classification": "none"},
        },
        "required",
        ["none"],
        "unclassified",
        False,
        outstanding=["record the reason"],
    ),
    "a-concern-record-from-the-child": Expect(
        "¶2.93: 'A detailed record should be made of what the child said ... any signs of injury ... and anyone else "
        "who was present'; ¶2.81 a concern about possible significant harm is discussed with the Service Manager",
        {
            "concerns": [
                {
                    "id": "x1",
                    "identified_at": "2025-06-13T11:00:00+01:00",
                    "source": "child",
                    "children": ["c1"],
                    "types": ["physical"],
                    "what_was_said": "Cat said 'Lee pinches me when mummy is at work'.",
                    "present": "Teacher Mrs A. Example",
                    "injuries": [{"site": "upper_arm_left", "description": "small bruises"}],
                }
            ]
        },
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
        outstanding=["Complete the concern record: the actions taken, each with its time, who recorded it"],
    ),
    "a-complete-concern-record": Expect(
        "¶2.95: 'record the time and date that the child welfare concern was identified, and the time and date of "
        "actions taken'; ¶2.97 signed and dated",
        {
            "concerns": [
                {
                    "id": "x1",
                    "identified_at": "2025-06-13T11:00:00+01:00",
                    "source": "child",
                    "children": ["c1"],
                    "types": ["physical"],
                    "what_was_said": "Cat said 'Lee pinches me when mummy is at work'.",
                    "actions": [
                        {"at": "2025-06-13T11:20:00+01:00", "what": "Phoned the Service Manager", "by": "J. Officer"}
                    ],
                    "recorded_by": "J. Officer",
                    "recorded_at": "2025-06-13T12:00:00+01:00",
                }
            ]
        },
        "required",
        ["referral_other_harm"],
        "other_harm",
        True,
        not_outstanding=["Complete the concern record"],
    ),
    "protective-order-only": Expect(
        "App. III 'Info on C1, C7 or C1A form suggests that the child was previously at risk from witnessing harm' — "
        "a non-molestation order is such information",
        {
            "forms": {
                **TICKED_C1,
                "c1a": {"completed": True, "protective_orders": [{"kind": "non_molestation", "current": True}]},
            }
        },
        "required",
        ["s120_notification"],
        "witnessing_past",
        False,
    ),
    "police-check-with-a-concern": Expect(
        "¶2.19 'any other relevant information held by the police'; App. III has no row for a call-out by itself",
        {
            "checks": [
                {
                    "id": "k1",
                    "kind": "police",
                    "subject": "p2",
                    "outcome": "concern",
                    "summary": "Call-out to the family home in 2021; no arrest.",
                }
            ]
        },
        "required",
        [],
        "unclassified",
        False,
    ),
    "screening-decided-without-a-classification": Expect(
        "¶2.79 and App. III: information about harm is classified before screening is complete",
        {
            "checks": [
                {"id": "k1", "kind": "police", "subject": "p2", "outcome": "concern", "summary": "Harassment 2020"}
            ],
            "screening": {"decided_by": "J. Officer", "decided_at": "2025-06-13T15:30:00+01:00"},
        },
        "required",
        [],
        "unclassified",
        False,
        outstanding=["screening is not complete"],
    ),
    "imminent-danger": Expect(
        "¶2.87: 'the practitioner should agree with the recipient of the referral what information will be given to "
        "the child and parents/carers, by whom and when'",
        {"risk": {"overall": "imminent"}},
        "required",
        ["none"],
        "none",
        True,
        outstanding=["by whom and when"],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_framework_answer(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each case's expectation quotes the framework sentence it was written from (see CASES)."""
    expect = CASES[name]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(to_document(case(**expect.doc))), encoding="utf-8")
    r = run_cli(capsys, "screen", str(path), "--now", NOW, "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    got = (
        out["police_check"]["status"],
        out["pathway"]["rows"],
        out["pathway"]["suggested_classification"],
        out["escalation"]["service_manager_discussion_required"],
    )
    assert got == (expect.police, expect.rows, expect.suggested, expect.sm), expect.quote
    whats = " | ".join(o["what"] for o in out["outstanding"])
    for words in expect.outstanding:
        assert words in whats, (words, whats)
    for words in expect.not_outstanding:
        assert words not in whats, (words, whats)
    if expect.remains is not None:
        assert bool(out["harm_picture"]["remains_at_risk"]) is expect.remains
    # Every piece of the picture says where it came from and under which paragraph.
    assert all(i["ref"] and i["source"] for i in out["harm_picture"]["items"])
    if expect.suggested == "none" and not expect.doc.get("screening"):
        assert not out["harm_picture"]["items"]


def test_public_law_is_refused_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """¶2.21: 'In public law cases, the Children's Guardian will ask the Local Authority to confirm the
    information detailed above has already been provided'; ¶2.77 — the private-law rules do not apply."""
    path = tmp_path / "public.json"
    path.write_text(json.dumps(to_document(case(case={"law": "public"}))), encoding="utf-8")
    r = run_cli(capsys, "screen", str(path), "--now", NOW, "--json")
    assert r.code == 2
    assert "public law" in r.err and "¶2.21" in r.err and len(r.err.strip().splitlines()) == 1
    assert r.out == ""


def test_at_least_thirty_framework_cases() -> None:
    assert len(CASES) >= 30
