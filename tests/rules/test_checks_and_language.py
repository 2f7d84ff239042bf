"""Checks (¶2.17-2.18, ¶2.22, ¶3.72-3.76) and language that masks exploitation (seed 001 §4.5)."""

from __future__ import annotations

import re

import pytest

from tests.rules.builders import allegation, case, run


def test_para_2_18_four_checks_in_every_case() -> None:
    kinds = [c.kind for c in run(case()).required_checks]
    assert kinds == ["cafcass_records", "court_proceedings", "child_protection_plan", "la_knowledge"]


def test_check_states() -> None:
    c = case(
        checks=[
            {"id": "k1", "kind": "cafcass_records", "outcome": "no_concern"},
            {"id": "k2", "kind": "child_protection_plan", "outcome": "concern", "summary": "On a plan 2022"},
            {"id": "k3", "kind": "la_knowledge", "outcome": "pending", "requested_at": "2025-06-13T10:00:00+01:00"},
        ]
    )
    states = {c.kind: c for c in run(c).required_checks}
    assert states["cafcass_records"].status == "received"
    assert (
        states["child_protection_plan"].status == "concern" and "On a plan 2022" in states["child_protection_plan"].text
    )
    assert states["la_knowledge"].status == "outstanding" and "requested" in states["la_knowledge"].text
    assert states["court_proceedings"].status == "outstanding"


def test_police_checks_on_each_party_when_required() -> None:
    c = case(forms={"c1": {"harm_indicated": True}})
    police = [k for k in run(c).required_checks if k.kind == "police"]
    assert [k.subject for k in police] == ["p1", "p2"]


def test_para_2_17_previous_name_after_first_checks_needs_repeat() -> None:
    c = case(checks=[{"id": "k1", "kind": "police", "subject": "p2", "outcome": "no_concern"}])
    assert not any(p.ref == "¶2.17" for p in run(c).check_prompts)
    c.people[1].previous_names = ["Robert Smith"]
    prompt = next(p for p in run(c).check_prompts if p.ref == "¶2.17")
    assert "Robert Smith" in prompt.text
    c.checks[0].extra["covers_previous_details"] = True
    assert not any(p.ref == "¶2.17" for p in run(c).check_prompts)


def test_para_2_17_unknown_previous_addresses() -> None:
    c = case()
    c.people[0].addresses_last_5_years_complete = False
    assert any("last five years are not all known" in p.text for p in run(c).check_prompts)


def test_para_3_75_extended_checks_need_consent_or_a_reason() -> None:
    c = case(checks=[{"id": "k1", "kind": "health", "subject": "p1"}])
    assert any(p.ref == "¶3.75-3.76" for p in run(c).check_prompts)
    c.checks[0].consent = "not_sought"
    assert any("Record the reason" in p.text for p in run(c).check_prompts)
    c.checks[0].consent_note = "Would alert the respondent to the applicant's refuge"
    assert not any(p.subject == "p1" for p in run(c).check_prompts)
    c.checks[0].consent = "refused"
    # ¶3.75: "Where consent is refused, consideration should be given to seeking direction from the court."
    assert any("seeking direction from the court" in p.text and p.ref == "¶3.75" for p in run(c).check_prompts)


def test_para_3_72_relevant_adult_without_checks_is_prompted() -> None:
    people = case().people
    doc_people = [{"id": p.id, "role": p.role, "given_names": p.given_names} for p in people]
    c = case(people=[*doc_people, {"id": "p3", "role": "new_partner", "given_names": "Lee", "family_name": "Stone"}])
    assert any(p.subject == "p3" and p.ref == "¶3.72-3.73; ¶3.75" for p in run(c).check_prompts)


def test_para_2_22_emergency_without_screening_tells_the_court() -> None:
    c = case(case={"emergency_without_screening": True})
    assert len([p for p in run(c).check_prompts if p.ref == "¶2.22; ¶3.69"]) == 2
    from dutydesk.domain.case.model import Event

    c.events.append(Event(at=c.case.first_hearing_at, kind="court_told_no_screening", text="Letter to court"))
    (left,) = [p for p in run(c).check_prompts if p.ref == "¶2.22; ¶3.69"]
    assert "what happened and why" in left.text
    c.case.emergency_record = "FHDRA listed as urgent without notice on 13/06; checks requested the same day"
    assert not any(p.ref == "¶2.22; ¶3.69" for p in run(c).check_prompts)


def test_language_that_masks_exploitation_prompts() -> None:
    c = case(
        forms={
            "c1a": {
                "completed": True,
                "allegations": [allegation(description="Cat is sexually active and has an older boyfriend")],
            }
        }
    )
    found = {p.phrase for p in run(c).language}
    assert found == {"sexually active", "boyfriend (of a child)"}
    assert all(p.ref == "SCR learning §4.5" for p in run(c).language)


def test_an_adults_boyfriend_is_not_a_prompt() -> None:
    c = case(events=[{"at": "2025-06-13T10:00:00+01:00", "kind": "note", "text": "Mother's new boyfriend moved in."}])
    assert run(c).language == ()


@pytest.mark.parametrize(
    "text",
    [
        "ZOFIA said her dad shouts",
        "zofia's teacher noticed bruises",
        "Zofiaa is a different child",
        "Mary-Jane's school rang",
        "mary jane was not there",
        "spoke to O'NEIL at the contact centre",
        "Łukasz was upset",
        "ŁUKASZ",
        "Jan.",
        "Janek is a cousin",
        "",
    ],
)
def test_a_child_named_in_a_note_is_found_as_a_word_pattern_would_find_it(text: str) -> None:
    """The word lookup that replaced a compiled pattern per case answers as `\\bname\\b`."""
    from dutydesk.domain.rules.language import _names_matcher

    names = frozenset({"zofia", "mary-jane", "o'neil", "łukasz", "jan"})
    reference = re.compile(rf"\b({'|'.join(re.escape(n) for n in names)})\b", re.IGNORECASE)
    assert _names_matcher(names)(text) == bool(reference.search(text)), text
