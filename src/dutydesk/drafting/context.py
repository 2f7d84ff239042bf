"""What a template may print: the case turned into plain words, withheld where it must be.

Templates never see the case itself, only this context: every address and phone number comes
through `confidential.address_for` / `phone_for`, and for the court or a party every string
is scrubbed of confidential details before the template sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from dutydesk.config.office import Office
from dutydesk.domain.case.model import Case, Person, Referral
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.labels import in_sentence
from dutydesk.domain.rules.obligations import domestic_violence_asked, safety_assessment_advice_needed
from dutydesk.domain.rules.screening import Screening, screen_case
from dutydesk.domain.time.calendar import london_date
from dutydesk.domain.time.dates import uk_instant
from dutydesk.drafting import confidential
from dutydesk.drafting.kinds import DocumentKind, Recipient
from dutydesk.drafting.letter_parts import letter_words, office_words
from dutydesk.drafting.record_words import (
    all_allegations,
    asked_sentence,
    concern_sentence,
    finding_is_risk,
    finding_sentence,
    forms_words,
    harm_summary,
    offence_law,
    referral_made_sentence,
    reported_statement,
)

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
        "concerns_all",
        "forms",
        "concern_records",
        "referrals_made",
        "reported",
        "harm",
        "safety_assessment",
        "parties_asked",
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


def _home_address(case: Case, person: Person, recipient: Recipient) -> str:
    """A person's current address; a child with none recorded lives at the address of the parent
    or carer they live with, and the letter says whose home it is."""
    current = person.current_address()
    if current is not None and current.one_line():
        return confidential.address_for(case, person, current, recipient)
    for carer in (case.person(pid) for pid in person.lives_with):
        home = carer.current_address() if carer else None
        if carer and home is not None and home.one_line():
            return f"the home of {carer.full_name}: {confidential.address_for(case, carer, home, recipient)}"
    return NOT_KNOWN


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
        # The desk records no gender: a letter mentions it only where a case file brought one.
        "gender": person.gender,
        "address": _home_address(case, person, recipient),
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


def _title(kind: DocumentKind, referral: Referral | None) -> str:
    if kind.name == "referral_letter" and referral and referral.kind == "promoting_welfare":
        return f"Covering letter and referral information to {referral.la or 'another agency'}"
    return kind.title


def significant_harm(case: Case, policy: Policy, now: datetime, result: Screening | None = None) -> bool:
    """Whether the risk may be of significant harm: ¶2.112's bold paragraph is then required."""
    result = result or screen_case(case, policy, now)
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
    result = screen_case(case, policy, now)
    info = case.case
    people = [person_words(case, p, recipient, today) for p in case.people]
    by_id = {p["id"]: p for p in people}
    factors = policy.risk_factors.factors
    significant = significant_harm(case, policy, now, result)
    referral_words = _referral_words(case, referral, result, by_id, people) if referral else None
    discussion = next((d for d in reversed(case.discussions) if d.kind == "service_manager"), None)
    allegations = all_allegations(case)
    titles = {key: f.title for key, f in factors.items()}
    summary = harm_summary(case, result, allegations, titles)
    context: dict[str, Any] = {
        "document": {"title": _title(kind, referral), "ref": kind.ref, "recipient": recipient, "kind": kind.name},
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
            "outcome": info.outcome,
            "c1_harm": case.forms.c1.harm_indicated,
            "c7_harm": case.forms.c7.harm_indicated,
            # Either party's C1A: "yes" once one holds anything (the letters word each form apart).
            "c1a_completed": case.forms.c1a.completed or case.forms.respondent_c1a.completed,
        },
        "children": [p for p in people if p["role"] == "child"],
        "adults": [p for p in people if p["role"] != "child"],
        "applicants": [p for p in people if p["role"] == "applicant"],
        "respondents": [p for p in people if p["role"] == "respondent"],
        "allegations": [
            {
                "form": w.form,
                "by": w.by,
                "against": w.against,
                "what": w.what,
                "sentence": w.sentence,
                "details": w.details,
                "kind": words(a.kind),
                "types": ", ".join(a.types) or NOT_KNOWN,
                "children": _names(case, a.children_at_risk),
                "witnessed": a.witnessed_by_children,
                "ongoing": a.ongoing,
                "period": a.period,
                "police": a.police_involved,
                "description": a.description,
            }
            for w, a in zip(
                allegations, (*case.forms.c1a.allegations, *case.forms.respondent_c1a.allegations), strict=True
            )
        ],
        "orders": [
            {
                "form": form,
                "kind": words(o.kind),
                "current": o.current,
                "issued": letter_date(o.issued_on),
                "ends": letter_date(o.ends_on),
                "court": o.court,
            }
            for form, c1a in (
                ("the applicant's C1A", case.forms.c1a),
                ("the respondent's C1A", case.forms.respondent_c1a),
            )
            for o in c1a.protective_orders
        ],
        "forms": forms_words(case),
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
                "subject": case.name_of(a.finding.subject) if a.finding.subject else NOT_KNOWN,
                "source": a.finding.source,
                "kind": words(a.finding.kind),
                "offence": a.finding.offence,
                "law": offence_law(a) or NOT_KNOWN,
                "date": a.finding.date.words() if a.finding.date else NOT_KNOWN,
                "notes": a.finding.notes,
                "sentence": finding_sentence(case, a),
                "risk_to_children": finding_is_risk(a),
            }
            for a in result.findings
        ],
        "concern_records": [concern_sentence(case, c) for c in case.concerns],
        "referrals_made": [
            referral_made_sentence(r) for r in case.referrals if r.phoned_at or r.fax_sent_at or r.post_sent_at
        ],
        "reported": reported_statement(case, allegations),
        "harm": {"significant": list(summary.significant), "other": list(summary.other)},
        # ¶2.24: a concern short of an immediate referral: the court is advised of a safety assessment.
        "safety_assessment": safety_assessment_advice_needed(case, result),
        # Each parent asked about domestic abuse separately and in private, or why not; what they
        # said goes only to children's social care and Cafcass's own record.
        "parties_asked": [
            asked_sentence(case, party, with_account=recipient in ("local_authority", "internal"))
            for party in domestic_violence_asked(case)
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
        # Phrases hold commas of their own ("Section 39, Criminal Justice Act 1988"): semicolons between.
        # "because of …" in a letter that speaks of significant harm names only that harm (a
        # drink-driving conviction is not it); the referral information lists everything.
        "concerns": "; ".join(summary.significant or summary.other) or "the concerns set out below",
        "concerns_all": "; ".join((*summary.significant, *summary.other)) or "the concerns set out below",
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
    other_agency = referral.kind == "promoting_welfare"
    return {
        "id": referral.id,
        "kind": referral.kind,
        "nature": REFERRAL_WORDS.get(referral.kind, words(referral.kind)),
        "la": referral.la or ("another agency" if other_agency else "children's social care"),
        # Who received it, as a letter names them: an agency by name, else the local authority.
        "receiver": referral.la
        if other_agency and referral.la
        else ("the agency" if other_agency else "the local authority"),
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
        # The ¶2.103-2.108 time limits are children's social care's; another agency has none.
        "deadlines": []
        if other_agency
        else [
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
