"""Issue 29, item 5: harm words asked about once. A word already classified — in a C1A allegation,
a concern record, a check recorded as a concern — or written in the officer's own analysis is not
put back to her as a confirm-or-dismiss prompt; confirming words confirms the same words in the same
record. New harm, or the same word about another child, is still asked (¶2.19, ¶2.79)."""

from __future__ import annotations

from typing import Any

from dutydesk.domain.case.model import PromptDecision
from tests.rules.builders import allegation, case, run

CALL = "2025-06-13T12:05:00+01:00"
TWO_CHILDREN = [
    {"id": "p1", "role": "applicant", "given_names": "Ann", "family_name": "White"},
    {"id": "p2", "role": "respondent", "given_names": "Daniel James", "family_name": "White"},
    {"id": "c1", "role": "child", "given_names": "Oscar", "family_name": "White", "date_of_birth": "2018-03-02"},
    {"id": "c2", "role": "child", "given_names": "Lily", "family_name": "White", "date_of_birth": "2024-01-20"},
]


def _note(text: str, with_: str | None = "p1", at: str = CALL) -> dict[str, Any]:
    return {"at": at, "kind": "phone_call", "with": with_, "text": text}


def _harm_prompts(**overrides: Any) -> list[str]:
    s = run(case(people=TWO_CHILDREN, **overrides))
    return [f"{p.where}: {p.found}" for p in s.harm_text if p.decision is None]


def _c1a(description: str, children: list[str], **kw: Any) -> dict[str, Any]:
    a = allegation("child_abuse", by="p1", against="p2", description=description, **kw)
    a["children_at_risk"] = children
    return {"c1": {"harm_indicated": True}, "c1a": {"completed": True, "allegations": [a]}}


def test_a_word_in_a_classified_allegation_is_not_asked_again_in_a_note() -> None:
    """¶2.79: all information about possible significant harm goes through the procedure — once. The
    C1A's allegation is already in the harm picture (App. III); the phone note repeating its word about
    the same child adds nothing to classify."""
    prompts = _harm_prompts(
        forms=_c1a("Daniel hit Oscar across the face with his hand in March", ["c1"]),
        events=[_note("Ann repeated on the phone that Daniel hit Oscar when he would not go to bed.")],
    )
    assert prompts == []


def test_new_words_beside_a_classified_one_are_still_asked() -> None:
    """¶2.19: "any other information" — a bruise the allegation does not mention is new information."""
    prompts = _harm_prompts(
        forms=_c1a("Daniel hit Oscar across the face", ["c1"]),
        events=[_note("Ann says Daniel hit Oscar again on Sunday and he has a bruise on his cheek.")],
    )
    assert len(prompts) == 1 and "bruise" in prompts[0] and "hit" not in prompts[0].split(": ", 1)[1].split("; ")


def test_the_same_word_about_another_child_is_still_asked() -> None:
    """¶2.79 is about "a child": the allegation classifies harm to Oscar; Lily (1) hit is harm to
    another child, not yet classified."""
    prompts = _harm_prompts(
        forms=_c1a("Daniel hit Oscar across the face", ["c1"]),
        events=[_note("Nursery say Lily came in and told staff daddy hit her.")],
    )
    assert len(prompts) == 1 and "hit" in prompts[0]


def test_a_check_recorded_as_a_concern_is_not_asked_again_in_the_chronology() -> None:
    """¶2.18: the local authority's previous knowledge of the child and family. Recorded as a concern,
    its reply is in the harm picture (¶2.79); the officer's note of the same reply is not a new prompt."""
    prompts = _harm_prompts(
        checks=[
            {
                "id": "k1",
                "kind": "la_knowledge",
                "outcome": "concern",
                "summary": "Known to Leeds MASH: contact in 2021 after a domestic incident, NFA",
            }
        ],
        events=[_note("LA rang back: the family was known to MASH in 2021, NFA.", with_=None)],
    )
    assert prompts == []


def test_a_police_reply_recorded_as_a_concern_covers_the_same_words_in_a_note() -> None:
    """¶2.19: the police check ("criminal records, domestic violence incidents") recorded as a concern."""
    prompts = _harm_prompts(
        checks=[
            {
                "id": "k2",
                "kind": "police",
                "subject": "p2",
                "outcome": "concern",
                "summary": "PNC: caution 03/2019 assault by beating (s.39 CJA 1988), victim former partner",
            }
        ],
        events=[_note("Police confirmed Daniel's caution for assault by beating in 2019.", with_=None)],
    )
    assert prompts == []


def test_a_concern_record_covers_its_words_in_a_later_note() -> None:
    """¶2.93: "A detailed record should be made of what the child said" — the concern record is that
    record, classified; the same disclosure noted again is not asked again."""
    prompts = _harm_prompts(
        concerns=[
            {
                "id": "x1",
                "identified_at": CALL,
                "source": "child",
                "children": ["c1"],
                "what_was_said": "Oscar disclosed that daddy kicked him",
            }
        ],
        events=[_note("Oscar's disclosure (he was kicked) passed to the duty SW.", with_=None)],
    )
    assert prompts == []


def test_a_check_not_recorded_as_a_concern_classifies_nothing() -> None:
    """A reply recorded as no concern has not been classified as harm: its words still prompt, in it
    and elsewhere (¶2.19 "any other information")."""
    prompts = _harm_prompts(
        checks=[{"id": "k1", "kind": "la_knowledge", "outcome": "no_concern", "summary": "Referred to MASH 2021"}],
    )
    assert len(prompts) == 1 and "MASH" in prompts[0]


def test_the_officers_own_analysis_is_never_a_harm_prompt() -> None:
    """¶2.26-2.30: risk identification is the officer's structured record of the risk factors and the
    likelihood of harm — her judgement, read by the harm picture through its factors; her analysis naming
    "assault; domestic incident; disclosure" is not information to put back to her."""
    prompts = _harm_prompts(
        risk={
            "analysis": "Assault (2019 caution), a domestic incident in 2021 and Oscar's disclosure: risk high.",
            "likelihood_of_harm": "Likely further domestic abuse, which the children would witness.",
            "factors": [{"factor": "domestic_violence", "level": "high", "notes": "Police attended twice; DV"}],
        }
    )
    assert prompts == []


def test_the_officers_own_analysis_still_raises_exploitation_wording() -> None:
    """Seed 001 §4.5: serious case reviews found professionals themselves describing a child as
    "sexually active" — the masking wording is asked wherever it is written, her analysis included."""
    s = run(case(people=TWO_CHILDREN, risk={"analysis": "Oscar is said to be sexually active with an older boy."}))
    assert any(p.phrase == "sexually active" and p.where == "risk.analysis" for p in s.language)


def test_confirming_words_confirms_the_same_words_in_the_same_record() -> None:
    """Seed 001 §4.5: an older "boyfriend" of a child. The referral's call record and the child's views
    say the same word; confirmed in one, it is confirmed in the other."""
    referral = {
        "id": "r1",
        "kind": "s47_protection",
        "children": ["c1"],
        "call_record": "Told the LA that Oscar (7) talks about a boyfriend of 19 who gives him gifts.",
        "child_views": "Oscar says his boyfriend is kind to him.",
    }
    decision = {
        "id": "pd1",
        "key": "referrals[r1].call_record|boyfriend (of a child)",
        "decision": "confirmed",
        "by": "Test Officer",
        "at": CALL,
    }
    s = run(case(people=TWO_CHILDREN, referrals=[referral], screening={"prompt_decisions": [decision]}))
    boyfriend = [p for p in s.language if p.phrase == "boyfriend (of a child)"]
    assert {p.where for p in boyfriend} == {"referrals[r1].call_record", "referrals[r1].child_views"}
    assert all(isinstance(p.decision, PromptDecision) and p.decision.decision == "confirmed" for p in boyfriend)
    assert not any("boyfriend" in o.what for o in s.outstanding)


def test_a_confirmation_does_not_reach_another_record() -> None:
    """The same words in another record are another piece of information (¶2.79): still asked."""
    decision = {
        "id": "pd1",
        "key": "events[2025-06-13T12:05:00+01:00].text|harm",
        "decision": "confirmed",
        "by": "Test Officer",
        "at": CALL,
    }
    s = run(
        case(
            people=TWO_CHILDREN,
            events=[
                _note("Ann says Daniel punched her in front of the children."),
                _note("Ann says Daniel punched her in front of the children.", at="2025-06-14T09:00:00+01:00"),
            ],
            screening={"prompt_decisions": [decision]},
        )
    )
    assert [p.decision is not None for p in s.harm_text] == [True, False]


def test_a_dismissal_stays_where_it_was_made() -> None:
    """¶4.31: a departure is recorded "with its reason" — a dismissal's reason is about its own text, so
    it is not carried to the same words elsewhere in the record."""
    referral = {
        "id": "r1",
        "kind": "s47_protection",
        "children": ["c1"],
        "call_record": "Oscar talks about a boyfriend.",
        "child_views": "Oscar says his boyfriend sits next to him in class.",
    }
    decision = {
        "id": "pd1",
        "key": "referrals[r1].child_views|boyfriend (of a child)",
        "decision": "dismissed",
        "reason": "A classmate of seven",
        "by": "Test Officer",
        "at": CALL,
    }
    s = run(case(people=TWO_CHILDREN, referrals=[referral], screening={"prompt_decisions": [decision]}))
    call = next(p for p in s.language if p.where == "referrals[r1].call_record")
    assert call.decision is None
