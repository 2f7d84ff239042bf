"""What a template may print: the case turned into plain words, withheld where it must be.

Templates never see the case itself, only this context: every address and phone number comes
through `confidential.address_for` / `phone_for`, and for the court or a party every string
is scrubbed of confidential details before the template sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from dutydesk.domain.calendar import london_date
from dutydesk.domain.dates import uk_instant
from dutydesk.domain.labels import in_sentence
from dutydesk.domain.model import Case, Person, Referral
from dutydesk.domain.offences import COUNTING, DISPOSAL_WORDS
from dutydesk.domain.policy_bundle import Policy
from dutydesk.domain.screen import Screening, screen
from dutydesk.drafting import confidential
from dutydesk.drafting.kinds import DocumentKind, Recipient
from dutydesk.drafting.letter_parts import letter_words, office_words
from dutydesk.office import Office

NOT_KNOWN = "not known"
NOT_REQUESTED = ": not yet requested"  # how domain/checks.py ends a required check not yet asked for

ROLE_WORDS = {
    "applicant": "applicant",
    "respondent": "respondent",
    "child": "child",
    "household_member": "member of the household",
    "new_partner": "new partner",
    "other_relevant_adult": "other relevant adult",
}
REFERRAL_WORDS = {
    # Worded without "the child": the letters say child or children from the referral itself.
    "s47_protection": "a child protection referral: a concern about significant harm (section 47 Children Act 1989)",
    "s17_needs": "a referral for an assessment of need (section 17 Children Act 1989)",
    "promoting_welfare": "a referral to promote the child's welfare: there are concerns, below the threshold of "
    "significant harm, for which the family may need services",
    "s120_notification": "a notification under section 120 Adoption and Children Act 2002 (harm from witnessing "
    "the ill-treatment of another)",
}
HARM_WORDS = {
    "none": "no harm indicated",
    "witnessing_past": "previously at risk from witnessing harm (section 120 Adoption and Children Act 2002)",
    "witnessing_ongoing": "still at risk from witnessing harm",
    "other_harm": "other harm: physical, sexual or emotional abuse or neglect",
    "unclassified": "information about harm that is still to be classified",
}
SM_RECORD_ITEMS = (
    ("nature_of_concerns", "The nature of the concerns and the level of risk"),
    ("where_child_is_now", "Where the child is now"),
    ("what_family_told", "What the family has been told"),
    ("refer_to_la", "Whether to refer to children's social care"),
    ("other_children", "Other children about whom there are concerns"),
    ("seek_parties_views_first", "Whether to seek the parties' views before referring"),
    ("how_when_court_told", "How and when the court is told"),
    ("who_acts_by_when", "Who does what, by when"),
    ("what_to_share_with_child_and_family", "What to share with the child and family"),
    ("implications_for_future_work", "Implications for future work"),
)

# Every top-level name a template may use; templates naming anything else fail at load time.
KNOWN = frozenset(
    {
        "document",
        "today",
        "officer",
        "case",
        "children",
        "adults",
        "applicants",
        "respondents",
        "allegations",
        "orders",
        "checks",
        "findings",
        "screening",
        "risk",
        "referral",
        "referrals",
        "discussion",
        "events",
        "audit",
        "significant_harm",
        "concerns",
        "not_known",
        "office",
        "letter",
    }
)


def letter_date(value: date | datetime | None) -> str:
    if value is None:
        return NOT_KNOWN
    if isinstance(value, datetime):
        value = london_date(value)
    return f"{value.day} {value:%B %Y}"


def when(value: datetime | None) -> str:
    return uk_instant(value) if value else NOT_KNOWN


def words(value: str | None) -> str:
    """A stored value as a letter says it ("the local authority's knowledge", "Women's Aid")."""
    return in_sentence(value) if value else NOT_KNOWN


def person_words(case: Case, person: Person, recipient: Recipient, today: date) -> dict[str, Any]:
    current = person.current_address()
    age = person.age_on(today)
    return {
        "id": person.id,
        "name": person.full_name,
        "role": ROLE_WORDS.get(person.role, words(person.role)),
        "relationship": person.relationship_to_children or NOT_KNOWN,
        "previous_names": ", ".join(person.previous_names) or "none known",
        "dob": letter_date(person.date_of_birth),
        "age": f"{age}" if age is not None else NOT_KNOWN,
        "gender": person.gender or NOT_KNOWN,
        "address": confidential.address_for(case, person, current, recipient),
        "previous_addresses": [
            confidential.address_for(case, person, a, recipient) for a in person.addresses if a is not current
        ],
        "addresses_complete": person.addresses_last_5_years_complete,
        "phone": confidential.phone_for(case, person, recipient),
        "language": person.language or NOT_KNOWN,
        "interpreter": person.interpreter_needed,
        "ethnicity": person.ethnicity or NOT_KNOWN,
        "religion": person.religion or NOT_KNOWN,
        "disability": person.disability or NOT_KNOWN,
        "school": person.school or NOT_KNOWN,
        "gp": person.gp or NOT_KNOWN,
        "health_visitor": person.health_visitor or NOT_KNOWN,
        "lives_with": ", ".join(case.name_of(pid) for pid in person.lives_with) or NOT_KNOWN,
    }


def _names(case: Case, ids: Iterable[str]) -> str:
    return ", ".join(case.name_of(i) for i in ids) or NOT_KNOWN


def concerns_in_words(case: Case) -> str:
    """What the harm is about, for the ¶2.112 paragraph and the covering letters."""
    parts = []
    for a in (*case.forms.c1a.allegations, *case.forms.respondent_c1a.allegations):
        kinds = ", ".join(t.replace("_", " ") for t in a.types)
        parts.append(f"{words(a.kind)}{f' ({kinds})' if kinds else ''} alleged against {case.name_of(a.against)}")
    for c in case.concerns:
        kinds = ", ".join(t.replace("_", " ") for t in c.types) or "harm"
        when_ = f" on {letter_date(london_date(c.identified_at))}" if c.identified_at else ""
        parts.append(f"a concern about {kinds} identified{when_}")
    for f in case.findings:
        if f.kind in COUNTING and f.offence:
            disposal = DISPOSAL_WORDS[f.kind]
            article = "an" if disposal[0] in "aeiou" else "a"
            parts.append(f"{article} {disposal} of {case.name_of(f.subject)} for {f.offence}")
    high = [f.factor.replace("_", " ") for f in case.risk.factors if f.level in ("high", "medium")]
    if high:
        parts.append("risk factors identified: " + ", ".join(high))
    return "; ".join(parts) or "the concerns set out below"


def significant_harm(case: Case, policy: Policy, now: datetime, result: Screening | None = None) -> bool:
    """Whether the risk may be of significant harm: ¶2.112's bold paragraph is then required."""
    result = result or screen(case, policy, now)
    return (
        case.risk.overall in ("high", "imminent")
        or case.screening.harm_classification in ("witnessing_ongoing", "other_harm")
        or any(r.kind == "s47_protection" for r in case.referrals)
        or bool(result.harm and result.harm.significant_harm)  # Risk to Children, a current plan, a concern (¶2.81)
    )


def build_context(
    case: Case,
    kind: DocumentKind,
    referral: Referral | None,
    policy: Policy,
    officer: str,
    now: datetime,
    audit: list[dict[str, Any]] | None = None,
    office: Office | None = None,
) -> dict[str, Any]:
    recipient = kind.recipient
    today = london_date(now)
    result = screen(case, policy, now)
    info = case.case
    people = [person_words(case, p, recipient, today) for p in case.people]
    by_id = {p["id"]: p for p in people}
    factors = policy.risk_factors.factors
    significant = significant_harm(case, policy, now, result)
    referral_words = _referral_words(case, referral, result, by_id, people) if referral else None
    discussion = next((d for d in reversed(case.discussions) if d.kind == "service_manager"), None)
    context: dict[str, Any] = {
        "document": {"title": kind.title, "ref": kind.ref, "recipient": recipient, "kind": kind.name},
        "today": letter_date(today),
        "office": office_words(office or Office()),
        "letter": letter_words(case, kind, referral),
        "officer": officer,
        "not_known": NOT_KNOWN,
        "case": {
            "reference": info.reference,
            "court": info.court or NOT_KNOWN,
            "court_case_number": info.court_case_number or NOT_KNOWN,
            "applications": ", ".join(a.replace("_", " ") for a in info.applications) or NOT_KNOWN,
            "received": letter_date(info.received_at),
            "first_hearing": when(info.first_hearing_at),
            "first_hearing_day": letter_date(info.first_hearing_at),
            "emergency_without_screening": info.emergency_without_screening,
            "status": words(info.status),
            "c1_harm": case.forms.c1.harm_indicated,
            "c7_harm": case.forms.c7.harm_indicated,
            "c1a_completed": case.forms.c1a.completed,
        },
        "children": [p for p in people if p["role"] == "child"],
        "adults": [p for p in people if p["role"] != "child"],
        "applicants": [p for p in people if p["role"] == "applicant"],
        "respondents": [p for p in people if p["role"] == "respondent"],
        "allegations": [
            {
                "by": case.name_of(a.by) if a.by else NOT_KNOWN,
                "against": case.name_of(a.against) if a.against else NOT_KNOWN,
                "kind": words(a.kind),
                "types": ", ".join(a.types) or NOT_KNOWN,
                "children": _names(case, a.children_at_risk),
                "witnessed": a.witnessed_by_children,
                "ongoing": a.ongoing,
                "period": a.period,
                "police": a.police_involved,
                "description": a.description,
            }
            for a in case.forms.c1a.allegations
        ],
        "orders": [
            {
                "kind": words(o.kind),
                "current": o.current,
                "issued": letter_date(o.issued_on),
                "ends": letter_date(o.ends_on),
                "court": o.court,
            }
            for o in case.forms.c1a.protective_orders
        ],
        "checks": [
            {
                "kind": words(c.kind),
                "subject": case.name_of(c.subject) if c.subject else "the family",
                "requested": when(c.requested_at),
                "requested_on": letter_date(c.requested_at) if c.requested_at else None,
                "received": when(c.received_at),
                "awaited": c.outcome == "pending",
                "expected": letter_date(c.expected_by) if c.expected_by else None,
                "outcome": words(c.outcome),
                "summary": c.summary,
                "consent": words(c.consent),
                "consent_note": c.consent_note,
            }
            for c in case.checks
        ],
        "findings": [
            {
                "subject": case.name_of(f.subject) if f.subject else NOT_KNOWN,
                "source": f.source,
                "kind": words(f.kind),
                "offence": f.offence,
                "law": " ".join(filter(None, (f.section, f.act))) or NOT_KNOWN,
                "date": f.date.words() if f.date else NOT_KNOWN,
                "notes": f.notes,
            }
            for f in case.findings
        ],
        "screening": {
            "classification": HARM_WORDS.get(case.screening.harm_classification or "", NOT_KNOWN),
            "suggested": HARM_WORDS[result.pathway.suggested.classification],
            "reason": case.screening.harm_classification_reason,
            "police_check": words(result.police_check.status),
            "decided_by": case.screening.decided_by,
            "decided_at": when(case.screening.decided_at),
            "outstanding_checks": [c.text for c in result.required_checks if c.status == "outstanding"],
            # Required and not yet asked for; those asked for and awaited are the pending checks.
            "not_requested": [
                c.text.removesuffix(NOT_REQUESTED)
                for c in result.required_checks
                if c.status == "outstanding" and c.text.endswith(NOT_REQUESTED)
            ],
        },
        "risk": {
            "overall": words(case.risk.overall),
            "factors": [
                {
                    "title": factors[f.factor].title if f.factor in factors else words(f.factor),
                    "level": words(f.level),
                    "recency": f.recency,
                    "notes": f.notes,
                }
                for f in case.risk.factors
                if f.level != "none"
            ],
            "likelihood": case.risk.likelihood_of_harm,
            "analysis": case.risk.analysis,
            "completed_by": case.risk.completed_by,
            "completed_at": when(case.risk.completed_at),
            "recommendation": case.risk.recommendation,
            "availability": case.risk.availability,
        },
        "referral": referral_words,
        "referrals": [_referral_words(case, r, result, by_id, people) for r in case.referrals],
        "discussion": (
            {
                "at": when(discussion.at),
                "with": discussion.with_,
                "agreed": discussion.agreed,
                "record": [(label, discussion.record.get(key)) for key, label in SM_RECORD_ITEMS],
            }
            if discussion
            else None
        ),
        "events": [
            {"at": when(e.at), "by": e.by, "kind": words(e.kind), "text": e.text}
            for e in sorted(case.events, key=lambda e: e.at.isoformat() if e.at else "")
        ],
        "audit": [
            {
                "seq": row.get("seq"),
                "at": row.get("at"),
                "by": row.get("officer"),
                "what": f"{row.get('action')} {row.get('entity')} {row.get('field')}".strip(),
                "old": row.get("old"),
                "new": row.get("new"),
            }
            for row in (audit or [])
        ],
        "significant_harm": significant,
        "concerns": concerns_in_words(case),
    }
    if confidential.withholds(recipient):
        # Free text is scrubbed wholesale: an address typed into a note is withheld as well.
        scrubbed: dict[str, Any] = _scrub(context, confidential.scrubber(case, recipient))
        return scrubbed
    if recipient == "local_authority":
        # Children's social care sees the details, each marked — in the officer's free text too.
        marked: dict[str, Any] = _scrub(context, confidential.marker(case))
        return marked
    return context


def _referral_words(
    case: Case, referral: Referral, result: Screening, by_id: dict[str, dict[str, Any]], people: list[dict[str, Any]]
) -> dict[str, Any]:
    evaluated = next((r for r in result.referrals if r.referral.id == referral.id), None)
    return {
        "id": referral.id,
        "kind": referral.kind,
        "nature": REFERRAL_WORDS.get(referral.kind, words(referral.kind)),
        "la": referral.la or "children's social care",
        "children": [by_id[c] for c in referral.children if c in by_id] or [p for p in people if p["role"] == "child"],
        "phoned_at": when(referral.phoned_at),
        "phoned_on": letter_date(referral.phoned_at),
        "spoke_to": referral.spoke_to,
        "call_record": referral.call_record,
        "consent_child": words(referral.consent.child),
        "consent_parents": words(referral.consent.parents),
        "consent_court": words(referral.consent.court),
        "child_informed": words(referral.child_informed),
        "child_not_informed_reason": referral.child_not_informed_reason,
        "child_views": referral.child_views,
        "parents_informed": words(referral.parents_informed),
        "parents_not_informed_reason": words(referral.parents_not_informed_reason),
        "parents_agreed": referral.parents_agreed,
        # Only what the record shows: "confirmed in writing" once a fax or post is recorded.
        "confirmed_on": letter_date(min(t for t in (referral.fax_sent_at, referral.post_sent_at) if t))
        if referral.fax_sent_at or referral.post_sent_at
        else None,
        "fax_sent_at": when(referral.fax_sent_at),
        "post_sent_at": when(referral.post_sent_at),
        "outcome": referral.outcome,
        "missing": [r.text for r in evaluated.information_missing] if evaluated else [],
        "deadlines": [
            {"title": d.rule.title, "due": letter_date(d.due.due), "ref": d.rule.ref, "explanation": d.due.explanation}
            for d in (evaluated.deadlines if evaluated else ())
        ],
    }


def _scrub(value: Any, scrub: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _scrub(v, scrub) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_scrub(v, scrub) for v in value)
    return value
