"""Cafcass's own previous knowledge (¶2.18) of the people in a case: what the matcher is asked
about each person, and the officer's decisions on what it offered ("same person" or not).

Decisions live in the case file under `person_matches` (an added key, as the contract allows):
[{"person": "p2", "case": "DD-2024-000031", "other_person": "p1", "decision": "same_person",
"by": "J. Officer", "at": "2025-06-16T09:40:00+01:00"}].
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from dutydesk.domain.case.model import Case, Person
from dutydesk.domain.people.matching import Facts, facts_of, place
from dutydesk.domain.rules.labels import in_sentence

Decision = Literal["same_person", "not_same_person"]
KEY = "person_matches"


def facts_of_person(person: Person) -> Facts:
    return facts_of(
        person.given_names,
        person.family_name,
        person.previous_names,
        person.date_of_birth,
        [place(a.postcode, a.line1, a.from_, a.to) for a in person.addresses if a.postcode or a.line1],
    )


def searchable(person: Person) -> bool:
    """Enough to look for: a name part and one more thing, or a name of two parts."""
    facts = facts_of_person(person)
    named = len(facts.given_parts) + len(facts.family_parts)
    return named >= 2 or (named >= 1 and (facts.dob is not None or bool(facts.places)))


def decisions(case: Case) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(person, earlier case, earlier person) -> the latest decision recorded."""
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for item in case.extra.get(KEY) or []:
        if isinstance(item, dict):
            out[(str(item.get("person")), str(item.get("case")), str(item.get("other_person")))] = item
    return out


def decide(
    case: Case, person: str, other_case: str, other_person: str, decision: Decision, by: str, at: datetime
) -> None:
    """Record a decision; an earlier one stays in the list (the file keeps the history)."""
    entries = list(case.extra.get(KEY) or [])
    entries.append(
        {
            "person": person,
            "case": other_case,
            "other_person": other_person,
            "decision": decision,
            "by": by,
            "at": at.isoformat(),
        }
    )
    case.extra[KEY] = entries


def risk_history(case: Case, person_id: str) -> list[str]:
    """What an earlier case says about risk: the pathway, overall risk, findings, referrals."""
    lines = []
    person = case.person(person_id)
    who = person.full_name if person else person_id
    lines.append(
        f"{case.case.reference} ({case.case.status}): {who} was {in_sentence(person.role) if person else 'named'}"
    )
    if case.screening.harm_classification:
        lines.append(f"  harm classification: {in_sentence(case.screening.harm_classification)}")
    if case.risk.overall:
        lines.append(f"  overall risk identified: {case.risk.overall}")
    for f in case.findings:
        if f.subject == person_id:
            lines.append(f"  {f.kind}: {f.offence or 'not named'}{f' ({f.date.shown()})' if f.date else ''}")
    for a in case.forms.c1a.allegations:
        if person_id in (a.by, a.against):
            role = "against" if a.against == person_id else "by"
            lines.append(f"  C1A allegation {role} them: {in_sentence(a.kind)}")
    for r in case.referrals:
        when = f" phoned {r.phoned_at:%d/%m/%Y}" if r.phoned_at else ""
        lines.append(
            f"  referral {in_sentence(r.kind)} to {r.la or 'the LA'}{when}; outcome {r.outcome or 'not recorded'}"
        )
    return lines
