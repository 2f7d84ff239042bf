"""Obligations the framework states beyond the deadlines and the pathway (issue 27): the court
advised of a safety assessment (¶2.24), the allocated social worker's copy (¶2.100), the agencies
told when Cafcass's involvement ends (App. III, ¶3.90), each parent asked about domestic violence
(¶2.60), and risk identification by the first hearing (¶2.28).

Pure: the case and the screening result in, facts with their paragraph out. The case screen's
What's next, `dutydesk screen`, the duty board and the Service Manager's review all read these
functions, and the letters call them for their paragraphs (`safety_assessment_advice_needed`,
`domestic_violence_asked`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from dutydesk.domain.case.model import Case, Person, Referral
from dutydesk.domain.rules.labels import PATHWAY_ROWS, in_sentence, label
from dutydesk.domain.rules.pathway import ROW_FOR
from dutydesk.domain.rules.results import Outstanding, Reason
from dutydesk.domain.time.calendar import LONDON, london_date, uk_date

if TYPE_CHECKING:
    from dutydesk.domain.rules.screening import Screening

SAFEGUARDING_LETTER_SENT = "safeguarding_letter_sent"  # drafting/kinds.py: the safeguarding letter's sent_event
LA_TOLD_OUTCOME = "la_told_outcome"  # App. III's third action, recorded as sent on the Letters step
SHARED_BY_LETTER = {  # information given to the local authority by a letter recorded as an event
    "s120_notification_sent": "the section 120 notification",
    "la_given_information": "all available information (App. III: C1A not completed)",
}
REFERRAL_WORDS = {
    "s47_protection": "section 47 referral",
    "s17_needs": "section 17 referral",
    "promoting_welfare": "promoting-welfare referral",
    "s120_notification": "section 120 notification",
}
PARTY_ROLES = ("applicant", "respondent")


def at_words(when: datetime) -> str:
    return f"{uk_date(london_date(when))} {when.astimezone(LONDON):%H:%M}"


def hearing_due(case: Case, today: date | None) -> tuple[date | None, str | None]:
    """Due by the first hearing: its day, and "overdue" once it has passed ("due_today" on it)."""
    hearing = case.case.first_hearing_at
    if hearing is None:
        return None, None
    day = london_date(hearing)
    if today is None or today < day:
        return day, None
    return day, "due_today" if today == day else "overdue"


def _first_event(case: Case, kind: str) -> datetime | None:
    times = [e.at for e in case.events if e.kind == kind and e.at is not None]
    return min(times) if times else None


# -- ¶2.24: the court advised of the need for a more detailed safety assessment -------------------

SAFETY_REF = "¶2.24"
SAFETY_WHAT = (
    "Advise the court of the need for a more detailed safety assessment before decisions about the child can "
    "be made safely (the safeguarding letter)"
)


def safety_assessment_concerns(case: Case, result: Screening) -> tuple[Reason, ...]:
    """¶2.24's "any information, either from these sources or elsewhere, [that] indicates a concern":
    every piece of the harm picture (a harm box ticked, the C1As, findings, checks, concern records,
    harm named in notes not dismissed), and every ¶2.14 risk factor recorded as present."""
    reasons: list[Reason] = []
    keys: set[str] = set()
    picture = result.harm
    if picture is not None:
        reasons += [s.reason for s in picture.c1a if s.ticked]
        for item in picture.items:
            keys.add(item.key)
            reasons.append(Reason(f"{item.source}: {item.text}", item.ref))
    for rf in case.risk.factors:
        if rf.level != "none" and f"risk.factors[{rf.factor}]" not in keys:
            reasons.append(Reason(f"Risk identification: {in_sentence(rf.factor)} rated {rf.level}", "¶2.14"))
    if case.risk.overall in ("medium", "high"):
        reasons.append(Reason(f"Overall risk is {case.risk.overall}", "¶2.26-2.30"))
    return tuple(reasons)


def referral_level(case: Case, result: Screening) -> tuple[Reason, ...]:
    """Why the concern is "at a level to require the immediate referral to the LACSC" (¶2.24): a
    referral under the Child Welfare (Protection) procedure is recorded, the App. III pathway leads
    to one (the officer's classification, else the suggestion), App. II's Risk to Children, or an
    imminent risk (¶2.87). Empty when none of these holds."""
    out: list[Reason] = []
    if any(r.kind == "s47_protection" for r in case.referrals):
        out.append(Reason("A referral under the Child Welfare (Protection) procedure (s47) is recorded", "¶2.79"))
    path = result.pathway
    chosen = path.classification or path.suggested.classification
    if chosen in ROW_FOR and chosen != "witnessing_past":
        out.append(Reason(f"App. III: {PATHWAY_ROWS[ROW_FOR[chosen]]}", "App. III; ¶2.79"))
    for risk in result.risk_to_children:
        out.append(Reason(f"Risk to Children: {risk.text(case)}", "App. II"))
    if case.risk.overall == "imminent":
        out.append(Reason("Overall risk is imminent: the child's safety is secured first", "¶2.87"))
    return tuple(out)


def safety_assessment_advice_needed(case: Case, result: Screening) -> bool:
    """¶2.24: "where any information … indicates a concern, (but the concern is not at a level to
    require the immediate referral to the LACSC) then in private law the Cafcass manager or
    practitioner … will advise the court of the need to implement a more detailed safety
    assessment … before decisions relating to the child can be made safely."

    True when the case holds such a concern and no referral under the Child Welfare (Protection)
    procedure is made or required — whether or not the letter has gone: the letters call this to
    include the advice paragraph. `result` is the case's `screen()`."""
    if case.case.law != "private" or _at_referral_level(case, result):
        return False
    picture = result.harm
    return bool(
        (picture is not None and (picture.items or any(s.ticked for s in picture.c1a)))
        or any(rf.level != "none" for rf in case.risk.factors)
        or case.risk.overall in ("medium", "high")
    )


def _at_referral_level(case: Case, result: Screening) -> bool:
    """`referral_level` without its words (the review asks it of every case)."""
    path = result.pathway
    chosen = path.classification or path.suggested.classification
    return bool(
        (chosen in ROW_FOR and chosen != "witnessing_past")
        or result.risk_to_children
        or case.risk.overall == "imminent"
        or any(r.kind == "s47_protection" for r in case.referrals)
    )


def safety_assessment_advised_at(case: Case) -> datetime | None:
    """When the court was advised: the safeguarding letter recorded as sent."""
    return _first_event(case, SAFEGUARDING_LETTER_SENT)


def _safety_item(case: Case, result: Screening, today: date | None) -> list[Outstanding]:
    if not safety_assessment_advice_needed(case, result) or safety_assessment_advised_at(case) is not None:
        return []
    concerns = safety_assessment_concerns(case, result)
    more = f", and {len(concerns) - 1} more" if len(concerns) > 1 else ""
    due, status = hearing_due(case, today)
    return [
        Outstanding(
            SAFETY_WHAT,
            SAFETY_REF,
            due=due,
            status=status,
            why=(
                f"Information indicates a concern ({concerns[0].text}{more}), not at a level that requires an "
                "immediate referral: the court is advised before decisions about the child are made"
            ),
            priority=25,
            step="letters",
            details=tuple(f"{r.text} ({r.ref})" for r in concerns),
        )
    ]


# -- ¶2.100: a copy of the written information to any allocated social worker ---------------------

SOCIAL_WORKER_REF = "¶2.100"


def referral_words(referral: Referral) -> str:
    """'the section 47 referral to Leeds Children's Social Care, phoned 13/06/2025 16:10'."""
    what = REFERRAL_WORDS.get(referral.kind, label(referral.kind).lower())
    to = f" to {referral.la}" if referral.la else ""
    phoned = f", phoned {at_words(referral.phoned_at)}" if referral.phoned_at else ""
    return f"the {what}{to}{phoned}"


def written_sent_at(referral: Referral) -> datetime | None:
    sent = [t for t in (referral.fax_sent_at, referral.post_sent_at) if t is not None]
    return min(sent) if sent else None


def social_worker_copy_owed(referral: Referral) -> bool:
    """¶2.100: "A copy of the written information must also be sent to any allocated social
    worker": written information sent (fax or post), a social worker recorded, no copy sent."""
    return bool(
        (referral.social_worker or "").strip()
        and written_sent_at(referral) is not None
        and referral.social_worker_copy_sent_at is None
    )


def _social_worker_items(case: Case) -> list[Outstanding]:
    return [
        Outstanding(
            f"Send a copy of the written information to the allocated social worker, {r.social_worker} "
            f"({referral_words(r)})",
            SOCIAL_WORKER_REF,
            why="A copy of the written information must also be sent to any allocated social worker",
            priority=18,
            step="referrals",
        )
        for r in case.referrals
        if social_worker_copy_owed(r)
    ]


# -- App. III (third action) and ¶3.90: the agencies told when Cafcass's involvement ends ----------

INVOLVEMENT_REF = "App. III; ¶3.90"


@dataclass(frozen=True)
class InvolvementEnd:
    """An agency Cafcass shared information with, owed word when Cafcass's involvement ends."""

    key: str  # "referral:r1", or "event:s120_notification_sent" for a letter recorded as sent
    agency: str
    shared: str  # what was shared, and when
    shared_at: datetime | None
    sent_at: datetime | None  # when the agency was told that involvement ended (and the outcome)
    referral_id: str | None = None

    @property
    def step(self) -> str:
        return "referrals" if self.referral_id else "letters"

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "agency": self.agency,
            "shared": self.shared,
            "shared_at": self.shared_at.isoformat() if self.shared_at else None,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "referral": self.referral_id,
        }


def involvement_ended(case: Case) -> bool:
    """¶2.11: "The case is formally closed after the final hearing or withdrawal"."""
    return case.case.status == "closed"


def agencies_informed(case: Case) -> tuple[InvolvementEnd, ...]:
    """Every referral or notification made (a call, a fax, a letter posted; a section 120
    notification also by its letter recorded as sent), and information given to the local
    authority by a letter recorded as an event where no referral record holds it."""
    letters = {kind: _first_event(case, kind) for kind in SHARED_BY_LETTER}
    out: list[InvolvementEnd] = []
    made_s120 = False
    for r in case.referrals:
        times = [t for t in (r.phoned_at, r.fax_sent_at, r.post_sent_at) if t is not None]
        if r.kind == "s120_notification" and letters["s120_notification_sent"] is not None:
            times.append(letters["s120_notification_sent"])
        if not times:
            continue  # recorded, not yet made
        shared = min(times)
        made_s120 = made_s120 or r.kind == "s120_notification"
        out.append(
            InvolvementEnd(
                f"referral:{r.id}",
                r.la or "the local authority",
                f"{referral_words(r)}; information shared {at_words(shared)}",
                shared,
                r.involvement_end_sent_at,
                r.id,
            )
        )
    told = _first_event(case, LA_TOLD_OUTCOME)
    for kind, what in SHARED_BY_LETTER.items():
        sent = letters[kind]
        if sent is None or (kind == "s120_notification_sent" and made_s120):
            continue
        out.append(InvolvementEnd(f"event:{kind}", "the local authority", f"{what}, sent {at_words(sent)}", sent, told))
    return tuple(out)


def _involvement_items(case: Case) -> list[Outstanding]:
    if not involvement_ended(case):
        return []
    return [
        Outstanding(
            f"Tell {e.agency} that Cafcass's involvement has ended, and the final outcome of the court case "
            f"({e.shared})",
            INVOLVEMENT_REF,
            why=(
                "When Cafcass involvement ends, this should be notified to the agencies with whom Cafcass has "
                "previously shared information (¶3.90); App. III: inform the LA when the Cafcass involvement has "
                "ended and the final outcome of the court case"
            ),
            priority=4,
            step=e.step,
        )
        for e in agencies_informed(case)
        if e.sent_at is None
    ]


# -- ¶2.60: each parent asked about domestic violence, separately and in private --------------------

DV_REF = "¶2.60"
AskedState = Literal["asked", "not_yet", "not_possible"]


@dataclass(frozen=True)
class PartyAsked:
    """One party: asked about domestic violence (separately, in private), not yet, or not possible."""

    person_id: str
    name: str
    role: str  # applicant / respondent
    state: AskedState
    at: datetime | None
    note: str | None  # what they said, or why asking was not possible

    @property
    def done(self) -> bool:
        """Asked; or not possible, with the reason recorded."""
        return self.state == "asked" or (self.state == "not_possible" and bool((self.note or "").strip()))

    def text(self) -> str:
        """'Ann Able (applicant): asked about domestic violence, separately and in private, on 13/06/2025 …'."""
        who = f"{self.name} ({self.role})"
        when = f" on {uk_date(london_date(self.at))}" if self.at else ""
        note = (self.note or "").strip()
        if self.state == "asked":
            said = f": {note}" if note else ""
            return f"{who}: asked about domestic violence, separately and in private{when}{said}"
        if self.state == "not_possible":
            why = f": {note}" if note else " — the reason is not recorded"
            return f"{who}: could not be asked about domestic violence{when}{why}"
        return f"{who}: not yet asked about domestic violence"

    def as_json(self) -> dict[str, object]:
        return {
            "person": self.person_id,
            "role": self.role,
            "state": self.state,
            "at": self.at.isoformat() if self.at else None,
            "note": self.note,
            "done": self.done,
            "ref": DV_REF,
            "text": self.text(),
        }


def party_asked(person: Person) -> PartyAsked:
    state: AskedState = person.da_asked if person.da_asked is not None else "not_yet"
    return PartyAsked(person.id, person.full_name, person.role, state, person.da_asked_at, person.da_asked_note)


def domestic_violence_asked(case: Case) -> tuple[PartyAsked, ...]:
    """¶2.60: "parents should be routinely asked about domestic violence separately. In private
    law, this will be in privacy at the first meeting or interview" — for each applicant and
    respondent: asked (with what they said), not yet, or not possible and why."""
    return tuple(party_asked(p) for p in case.with_role(*PARTY_ROLES))


def _asked_items(case: Case, today: date | None) -> list[Outstanding]:
    due, status = hearing_due(case, today)
    out = []
    for party in domestic_violence_asked(case):
        if party.done:
            continue
        who = f"{party.name} ({party.role})"
        what = (
            f"Record why {who} could not be asked about domestic violence"
            if party.state == "not_possible"
            else f"Ask {who} about domestic violence, separately and in private, at the first meeting or interview, "
            "and record it"
        )
        out.append(
            Outstanding(
                what,
                DV_REF,
                due=due,
                status=status,
                why=(
                    "Parents should be routinely asked about domestic violence separately; in private law, in "
                    "privacy at the first meeting or interview (the screening keeps a record of any interviews)"
                ),
                priority=45,
                step="people",
            )
        )
    return out


# -- ¶2.28: risk identification before the completion of the first hearing -----------------------


def _risk_identification_item(case: Case, today: date | None) -> list[Outstanding]:
    if case.case.first_hearing_at is None or case.risk.completed_at is not None:
        return []
    due, status = hearing_due(case, today)
    return [
        Outstanding(
            "Complete risk identification before the first hearing",
            "¶2.26-2.30",
            due=due,
            status=status,
            why="Risk identification will take place before the completion of the 1st court hearing (¶2.28)",
            priority=50,
            step="risk",
        )
    ]


def framework_items(case: Case, result: Screening, today: date | None) -> list[Outstanding]:
    """What's next for the obligations above."""
    return [
        *_safety_item(case, result, today),
        *_social_worker_items(case),
        *_involvement_items(case),
        *_asked_items(case, today),
        *_risk_identification_item(case, today),
    ]
