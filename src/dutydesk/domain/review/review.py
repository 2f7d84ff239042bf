"""The compliance review (issue 21): every obligation the framework and local practice set on a
case, with its due date, when it was done and a status — on_time, late (by how many working
days), missed (due and not done), open (not yet due) or not_applicable — each explained: the
rule, how the due date was counted, and what was recorded.

Pure: computed from the case, the policy and the clock, like everything the desk shows; the
Service Manager's review and the officer's What's next never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Literal

from dutydesk.domain.case.model import Case
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.finding_words import dismissed, read_words
from dutydesk.domain.rules.labels import in_sentence
from dutydesk.domain.rules.obligations import (
    DV_REF,
    INVOLVEMENT_REF,
    SAFETY_REF,
    SOCIAL_WORKER_REF,
    agencies_informed,
    domestic_violence_asked,
    involvement_ended,
    referral_level,
    referral_words,
    safety_assessment_advice_needed,
    safety_assessment_advised_at,
    safety_assessment_concerns,
    written_sent_at,
)
from dutydesk.domain.rules.pathway import harm_ticked_without_c1a
from dutydesk.domain.rules.referrals import DeadlineStatus
from dutydesk.domain.rules.screening import Screening, screen_case
from dutydesk.domain.time.calendar import LONDON, WorkingCalendar, london_date, uk_date
from dutydesk.domain.time.dates import uk_instant

ReviewStatus = Literal["on_time", "late", "missed", "open", "not_applicable"]
STATUSES: tuple[ReviewStatus, ...] = ("on_time", "late", "missed", "open", "not_applicable")
DEADLINE_WORDS = {
    "written_confirmation": "Written confirmation of the referral within one working day",
    "service_manager_copy": "The Service Manager's copy of the written confirmation",
    "chase_local_authority": "Children's social care chased after three working days without a response",
    "court_informed_of_referral": "The court informed of the referral",
}
REFERRAL_RULES = tuple(DEADLINE_WORDS)


@dataclass(frozen=True)
class Obligation:
    key: str  # stable: "written_confirmation:r1", "check:police:p2"
    what: str
    ref: str
    status: ReviewStatus
    due: date | None = None
    done: datetime | None = None
    days_late: int | None = None
    how: str = ""  # the rule, how the due date was counted, what was recorded
    without_names: str | None = None  # `what` for a report outside the case ("on the applicant")
    # Why this needs the Service Manager's eye first (¶2.30, ¶2.81 "immediately"; ¶2.87): shown
    # beside it and sorted first while it is open.
    flag: str | None = None

    @property
    def public_what(self) -> str:
        return self.without_names or self.what

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "what": self.what,
            "ref": self.ref,
            "due": self.due.isoformat() if self.due else None,
            "done": self.done.isoformat() if self.done else None,
            "status": self.status,
            "days_late": self.days_late,
            "how": self.how,
            "flag": self.flag,
        }


@dataclass(frozen=True)
class CaseReview:
    reference: str
    received: date | None
    first_hearing: date | None
    urgent: bool
    first_names: tuple[str, ...]  # the children's first names: all a report outside the case needs
    obligations: tuple[Obligation, ...] = field(default_factory=tuple)
    problem: str | None = None  # a case that could not be reviewed, and why
    referral_kinds: tuple[str, ...] = ()
    days_to_screen: int | None = None  # working days from receipt to the screening decision

    def as_json(self) -> dict[str, object]:
        return {
            "reference": self.reference,
            "received": self.received.isoformat() if self.received else None,
            "first_hearing": self.first_hearing.isoformat() if self.first_hearing else None,
            "urgent": self.urgent,
            "children": list(self.first_names),
            "obligations": [o.as_json() for o in self.obligations],
            "problem": self.problem,
            "referral_kinds": list(self.referral_kinds),
            "days_to_screen": self.days_to_screen,
            "flagged": self.flagged,
        }

    @property
    def flagged(self) -> bool:
        return any(o.flag for o in self.obligations)


def is_urgent(case: Case) -> bool:
    """'Urgent and Without Notice' applications, and work done before screening (¶2.22)."""
    return bool(case.case.without_notice or case.case.emergency_without_screening)


def judge(
    due: date | None, done: datetime | None, now: datetime, calendar: WorkingCalendar
) -> tuple[ReviewStatus, int | None]:
    """The status of something due on `due` (end of that day) and done at `done`."""
    if done is not None:
        if due is None or london_date(done) <= due:
            return "on_time", None
        return "late", max(calendar.working_days_between(due, london_date(done)), 1)
    if due is not None and london_date(now) > due:
        return "missed", None
    return "open", None


def _recorded(done: datetime | None, what: str) -> str:
    """'No answer recorded.' / 'Answer recorded at 16/06/2025 10:12.' (London time)."""
    if done is None:
        return f"No {what} recorded."
    return f"{what[:1].upper()}{what[1:]} recorded at {uk_instant(done)}."


def _from_deadline(d: DeadlineStatus, calendar: WorkingCalendar) -> Obligation:
    status: ReviewStatus
    days: int | None = None
    if d.status == "done":
        status = "on_time"
    elif d.status == "done_late":
        status = "late"
        assert d.done_at is not None
        days = max(calendar.working_days_between(d.due.due, london_date(d.done_at)), 1)
    elif d.status == "overdue":
        status = "missed"
    else:
        status = "open"
    what = DEADLINE_WORDS.get(d.rule.id, d.rule.title)
    key = f"{d.rule.id}:{d.referral}" if d.referral else d.rule.id
    done = f"Done {uk_date(london_date(d.done_at))}." if d.done_at else "Not recorded as done."
    return Obligation(
        key,
        f"{what} (referral {d.referral})" if d.referral else what,
        d.rule.label,
        status,
        d.due.due,
        d.done_at,
        days,
        f"{d.rule.title}. Due {uk_date(d.due.due)}: {d.due.explanation} {done}",
    )


def _hearing_due(case: Case) -> tuple[date | None, str]:
    hearing = case.case.first_hearing_at
    if hearing is None:
        return None, "No first hearing is listed, so nothing is due yet."
    return _due_by_hearing(hearing)


@lru_cache(maxsize=1024)
def _due_by_hearing(hearing: datetime) -> tuple[date, str]:
    """Asked once per obligation due at the hearing (a dozen a case): worked out once."""
    day = london_date(hearing)
    return day, f"Due by the first hearing on {uk_date(day)}."


def _checks(case: Case, result: Screening, now: datetime, calendar: WorkingCalendar) -> list[Obligation]:
    due, counted = _hearing_due(case)
    out = []
    for required in result.required_checks:
        found = [
            c
            for c in case.checks
            if c.kind == required.kind and (required.subject is None or c.subject == required.subject)
        ]
        answered = [c.received_at for c in found if c.received_at and c.outcome != "pending"]
        done = min(answered) if answered else None
        status, days = judge(due, done, now, calendar)
        title = required.text.split(":")[0]
        person = next((p for p in case.people if p.id == required.subject), None)
        anonymous = f"{title.split(' on ')[0]} on the {in_sentence(person.role)}" if person else None
        requested = [c.requested_at for c in found if c.requested_at]
        asked = f" Requested {uk_date(london_date(min(requested)))}." if requested else " Never requested."
        out.append(
            Obligation(
                f"check:{required.kind}:{required.subject or 'family'}",
                f"Check made: {title}",
                required.ref,
                status,
                due,
                done,
                days,
                f"¶2.18-2.20: screening checks inform the first hearing. {counted}{asked} " + _recorded(done, "answer"),
                f"Check made: {anonymous}" if anonymous else None,
            )
        )
    return out


def _c1a_notice(case: Case, now: datetime, calendar: WorkingCalendar) -> Obligation:
    what = "The court told that a C1A was not completed as required"
    forms = harm_ticked_without_c1a(case)
    if not forms:
        return Obligation("c1a_notice", what, "App. III", "not_applicable", how="Harm is not ticked without its C1A.")
    due, counted = _hearing_due(case)
    done = _event_at(case, "court_told_c1a_not_completed")
    status, days = judge(due, done, now, calendar)
    return Obligation(
        "c1a_notice",
        what,
        "App. III",
        status,
        due,
        done,
        days,
        f"App. III: harm is ticked on the {' and '.join(forms)} without the C1A. {counted} "
        + _recorded(done, "notice to the court"),
    )


def _event_at(case: Case, kind: str) -> datetime | None:
    times = [e.at for e in case.events if e.kind == kind and e.at]
    return min(times) if times else None


IMMEDIATE_LEVELS = ("high", "imminent")  # ¶2.30: "a discussion should immediately be held"


def _at(when: datetime) -> str:
    return f"{when.astimezone(LONDON):%d/%m/%Y %H:%M}"


def _judged_at(case: Case) -> date | None:
    """When the risk was judged: the day risk identification was completed, if recorded."""
    return london_date(case.risk.completed_at) if case.risk.completed_at else None


def _sm_discussion(case: Case, result: Screening, now: datetime, calendar: WorkingCalendar) -> Obligation:
    what = "Service Manager discussion of the concerns"
    if not result.escalation.service_manager_discussion_required:
        return Obligation("sm_discussion", what, "¶2.81", "not_applicable", how="No concern that calls for it.")
    held = [d.at for d in case.discussions if d.kind == "service_manager" and d.at]
    done = min(held) if held else None
    phoned = [r.phoned_at for r in case.referrals if r.phoned_at and r.kind != "s120_notification"]
    level = case.risk.overall
    immediate = level in IMMEDIATE_LEVELS
    due: date | None
    if phoned:  # ¶2.81 "must first discuss": before the referral, unless urgent action came first
        first = min(phoned)
        due = london_date(first)
        counted = f"¶2.81: 'must first discuss' — before the referral phoned at {_at(first)}."
        after_referral = done is not None and done > first and not case.risk.urgent_actions
    else:
        due, counted = _hearing_due(case)
        counted = f"¶2.81: discussed before anything is done about it; no referral was made. {counted}"
        after_referral = False
    if immediate:  # ¶2.30, ¶2.81: immediately, never "at the first hearing"
        judged = _judged_at(case)
        known = [d for d in (judged, london_date(min(phoned)) if phoned else None) if d is not None]
        due = min(known) if known else None
        when = f"judged {uk_date(judged)}" if judged else "when it was judged is not recorded"
        counted = (
            f"¶2.30: where risks are judged 'high' or 'imminent', a discussion should immediately be held with the "
            f"Service Manager (¶2.81). Overall risk is {level} ({when}). " + counted
        )
    status, days = judge(due, done, now, calendar)
    if after_referral and done is not None and due is not None:
        status, days = "late", max(calendar.working_days_between(due, london_date(done)), 0)
    how = f"{counted} " + _recorded(done, "discussion")
    for inform in result.escalation.inform_manager:  # ¶2.83: the referral came before the discussion
        referral = next((r for r in case.referrals if r.id == inform.referral_id), None)
        if referral is None or referral.phoned_at is None:
            continue
        told = referral.sm_informed_at
        told_words = (
            f"the Service Manager was told {_at(told)}"
            if told
            else ("told at the discussion after it" if inform.done else "not recorded as told")
        )
        how += (
            f" T{case.referral_named(inform.referral_id, phoned=False)[1:]} was made {_at(referral.phoned_at)} without prior consultation with the "
            f"Service Manager: ¶2.83 — 'the practitioner must inform the Service Manager as soon as possible' "
            f"({told_words})."
        )
    flag = None
    if immediate and status in ("open", "missed"):
        flag = (
            f"{str(level).capitalize()} risk: the Service Manager discussion is to be held immediately (¶2.30, ¶2.81)"
        )
    return Obligation("sm_discussion", what, "¶2.81", status, due, done, days, how, flag=flag)


def _urgent_actions(case: Case, result: Screening, now: datetime, calendar: WorkingCalendar) -> Obligation:
    """¶2.87: a child in imminent danger — "the immediate and urgent priority is to secure the
    safety of the child" — each urgent action recorded done (or not applicable)."""
    what = "Urgent action to secure the child's safety"
    esc = result.escalation
    if not esc.urgent_action:
        return Obligation("urgent_actions", what, "¶2.87", "not_applicable", how="Overall risk is not imminent.")
    recorded = [v for v in case.risk.urgent_actions.values() if v]
    times = []
    for value in recorded:
        try:
            times.append(datetime.fromisoformat(str(value)))
        except ValueError:
            continue  # "not_applicable"
    due = _judged_at(case)
    left = esc.urgent_outstanding
    done = max(times) if (times and not left) else None
    status, days = judge(due, done, now, calendar)
    if not left and done is None:
        status = "on_time"  # every action recorded as not applicable
    when = f"Due at once: the risk was judged imminent {uk_date(due)}." if due else "Due at once."
    how = f"¶2.87: 'the immediate and urgent priority is to secure the safety of the child'. {when} " + (
        "Still to record: " + "; ".join(left) + "." if left else "Every action recorded."
    )
    flag = "Imminent risk: urgent action (¶2.87) not all recorded" if left else None
    return Obligation("urgent_actions", what, "¶2.87", status, due, done, days, how, flag=flag)


def _sm_informed(case: Case, result: Screening) -> list[Obligation]:
    """¶2.83: a referral made without prior consultation — the Service Manager told as soon as possible."""
    out = []
    for inform in result.escalation.inform_manager:
        referral = next((r for r in case.referrals if r.id == inform.referral_id), None)
        if referral is None:
            continue
        held = [d.at for d in case.discussions if d.kind == "service_manager" and d.at]
        told = referral.sm_informed_at or (min(held) if held else None)
        status: ReviewStatus = "on_time" if inform.done else "open"
        phoned = f" phoned {_at(referral.phoned_at)}" if referral.phoned_at else ""
        out.append(
            Obligation(
                f"sm_informed:{referral.id}",
                f"The Service Manager told of the referral made before they were consulted (referral {referral.id})",
                "¶2.83",
                status,
                None,
                told if inform.done else None,
                None,
                f"¶2.83: the referral{phoned} was made without prior consultation with the Service Manager; 'the "
                "practitioner must inform the Service Manager as soon as possible' (no fixed time). "
                + _recorded(told if inform.done else None, "telling"),
            )
        )
    return out


def _emergency(case: Case, now: datetime, calendar: WorkingCalendar) -> Obligation:
    what = "Work done before screening: the court told in writing and Cafcass's record kept"
    if not case.case.emergency_without_screening:
        return Obligation("emergency_record", what, "¶2.22", "not_applicable", how="No work before screening.")
    due, counted = _hearing_due(case)
    told = _event_at(case, "court_told_no_screening")
    done = told if (case.case.emergency_record or "").strip() else None
    status, days = judge(due, done, now, calendar)
    kept = "Record kept." if (case.case.emergency_record or "").strip() else "No record of what happened and why."
    return Obligation(
        "emergency_record",
        what,
        "¶2.22, ¶3.69",
        status,
        due,
        done,
        days,
        f"¶2.22: both halves are owed. {counted} {kept} " + _recorded(told, "letter to the court"),
    )


def _risk_identification(case: Case, now: datetime, calendar: WorkingCalendar) -> Obligation:
    due, counted = _hearing_due(case)
    done = case.risk.completed_at
    status, days = judge(due, done, now, calendar)
    return Obligation(
        "risk_identification",
        "Risk identification completed",
        "¶2.26, ¶2.28",
        status,
        due,
        done,
        days,
        f"¶2.28: before the end of the first hearing. {counted} " + _recorded(done, "completion"),
    )


def _safety_assessment(case: Case, result: Screening, now: datetime, calendar: WorkingCalendar) -> Obligation:
    what = "The court advised of the need for a more detailed safety assessment"
    if not safety_assessment_advice_needed(case, result):
        level = referral_level(case, result)
        why = f"The concern is at referral level ({level[0].text})." if level else "No information indicates a concern."
        return Obligation("safety_assessment", what, SAFETY_REF, "not_applicable", how=f"¶2.24 does not apply: {why}")
    due, counted = _hearing_due(case)
    done = safety_assessment_advised_at(case)
    status, days = judge(due, done, now, calendar)
    concerns = safety_assessment_concerns(case, result)
    return Obligation(
        "safety_assessment",
        what,
        SAFETY_REF,
        status,
        due,
        done,
        days,
        f"¶2.24: information indicates a concern ({concerns[0].text}; {len(concerns)} in all) not at a level to "
        f"require an immediate referral, so the court is advised before decisions about the child are made. "
        f"{counted} " + _recorded(done, "safeguarding letter sent"),
    )


def _social_worker_copies(case: Case) -> list[Obligation]:
    what = "A copy of the written information to the allocated social worker"
    out = []
    for r in case.referrals:
        written = written_sent_at(r)
        if not (r.social_worker or "").strip() or written is None:
            continue
        done = r.social_worker_copy_sent_at
        out.append(
            Obligation(
                f"social_worker_copy:{r.id}",
                f"{what} (referral {r.id})",
                SOCIAL_WORKER_REF,
                "on_time" if done else "open",
                None,
                done,
                None,
                f"¶2.100: 'a copy of the written information must also be sent to any allocated social worker' "
                f"(no time is set). Written information for {referral_words(r)} first sent {_at(written)}. "
                + _recorded(done, "copy"),
            )
        )
    return out or [
        Obligation(
            "social_worker_copy",
            what,
            SOCIAL_WORKER_REF,
            "not_applicable",
            how="No written information sent with an allocated social worker recorded.",
        )
    ]


def _involvement_end(case: Case) -> list[Obligation]:
    what = "The agency told that Cafcass's involvement has ended, and the outcome"
    ended = involvement_ended(case)
    out = []
    for e in agencies_informed(case):
        rule = (
            "¶3.90: 'When Cafcass involvement ends, this should be notified to the agencies with whom Cafcass has "
            f"previously shared information'; App. III, third action. Shared: {e.shared}."
        )
        if not ended:
            status: ReviewStatus = "not_applicable"
            how = f"{rule} Not yet due: the case is {case.case.status}, and is due when it closes (¶2.11)."
        else:
            status = "on_time" if e.sent_at else "open"
            how = f"{rule} The case is closed: due now. " + _recorded(e.sent_at, "notice")
        out.append(
            Obligation(
                f"involvement_end:{e.key.split(':', 1)[1]}",
                f"{what} ({e.agency})",
                INVOLVEMENT_REF,
                status,
                None,
                e.sent_at,
                None,
                how,
                f"{what} (the local authority)",
            )
        )
    return out or [
        Obligation(
            "involvement_end", what, INVOLVEMENT_REF, "not_applicable", how="No information shared with an agency."
        )
    ]


def _da_asked(case: Case, now: datetime, calendar: WorkingCalendar) -> list[Obligation]:
    due, counted = _hearing_due(case)
    out = []
    for party in domestic_violence_asked(case):
        done = party.at if party.done else None
        status, days = judge(due, done, now, calendar)
        state = {"asked": "Recorded as asked", "not_possible": "Recorded as not possible"}.get(
            party.state, "Not recorded as asked"
        )
        note = " The reason is recorded." if party.state == "not_possible" and party.done else ""
        if party.done and party.at is None:
            status, days = "on_time", None
            note += " When is not recorded."
        out.append(
            Obligation(
                f"da_asked:{party.person_id}",
                f"{party.name} ({party.role}) asked about domestic violence, separately and in private",
                DV_REF,
                status,
                due,
                done,
                days,
                "¶2.60: 'parents should be routinely asked about domestic violence separately. In private law, "
                f"this will be in privacy at the first meeting or interview' (before the first hearing). {counted} "
                f"{state}.{note}",
                f"The {party.role} asked about domestic violence, separately and in private",
            )
        )
    return out


def _finding_words(case: Case, policy: Policy, now: datetime, calendar: WorkingCalendar) -> list[Obligation]:
    """App. II: a finding whose own words disagree with its fields, reconciled before the first hearing."""
    if policy.finding_words is None:
        return []
    due, counted = _hearing_due(case)
    out = []
    for f in case.findings:
        differ = read_words(f, policy.finding_words)
        if not differ:
            continue
        kept = [d for d in differ if dismissed(case, d.key)]
        times = [p.at for d in kept for p in case.screening.prompt_decisions if p.key == d.key and p.at]
        done = max(times) if len(kept) == len(differ) and times else None
        status, days = judge(due, done, now, calendar)
        if len(kept) == len(differ) and done is None:
            status, days = "on_time", None
        out.append(
            Obligation(
                f"finding_words:{f.id}",
                f"Finding {f.id}'s record reconciled with its own words",
                "App. II",
                status,
                due,
                done,
                days,
                "App. II turns on the disposal and the victim's age; the finding's words disagree with its fields: "
                + "; ".join(d.sentence(quote=False) for d in differ)
                + f". {counted} {len(kept)} of {len(differ)} kept with the reason.",
            )
        )
    return out


def review_case(case: Case, policy: Policy, now: datetime) -> CaseReview:
    calendar = policy.calendar
    info = case.case
    base = CaseReview(
        info.reference,
        london_date(info.received_at) if info.received_at else None,
        london_date(info.first_hearing_at) if info.first_hearing_at else None,
        is_urgent(case),
        tuple((c.given_names or "?").split()[0] for c in case.children if c.given_names),
        referral_kinds=tuple(r.kind for r in case.referrals if r.phoned_at),
        days_to_screen=calendar.working_days_between(
            london_date(info.received_at), london_date(case.screening.decided_at)
        )
        if info.received_at and case.screening.decided_at
        else None,
    )
    try:
        result = screen_case(case, policy, now, for_review=True)
    except (ValueError, ArithmeticError) as exc:  # one case that cannot be screened: said, not fatal
        return replace(base, problem=f"cannot be screened: {exc}")
    obligations = _checks(case, result, now, calendar)
    obligations.append(_c1a_notice(case, now, calendar))
    obligations.append(_sm_discussion(case, result, now, calendar))
    obligations.append(_urgent_actions(case, result, now, calendar))
    obligations += _sm_informed(case, result)
    referral_deadlines = [d for r in result.referrals for d in r.deadlines if d.rule.id in REFERRAL_RULES]
    if referral_deadlines:
        obligations += [_from_deadline(d, calendar) for d in referral_deadlines]
    else:
        obligations += [
            Obligation(rule, DEADLINE_WORDS[rule], policy.deadlines[rule].label, "not_applicable", how="No referral.")
            for rule in REFERRAL_RULES
            if rule in policy.deadlines
        ]
    obligations += _social_worker_copies(case)
    obligations.append(_emergency(case, now, calendar))
    obligations.append(_risk_identification(case, now, calendar))
    obligations.append(_safety_assessment(case, result, now, calendar))
    obligations += _da_asked(case, now, calendar)
    obligations += _finding_words(case, policy, now, calendar)
    obligations += _involvement_end(case)
    return replace(base, obligations=tuple(obligations))


def totals(reviews: list[CaseReview]) -> dict[str, object]:
    counts: dict[str, int] = {s: 0 for s in STATUSES}
    late_days: list[int] = []
    by_what: dict[str, dict[str, int]] = {}
    for review in reviews:
        for o in review.obligations:
            counts[o.status] += 1
            kind = o.key.split(":")[0]
            by_what.setdefault(kind, {s: 0 for s in STATUSES})[o.status] += 1
            if o.days_late is not None:
                late_days.append(o.days_late)
    due = counts["on_time"] + counts["late"] + counts["missed"]
    return {
        "cases": len(reviews),
        "obligations": sum(counts.values()),
        **counts,
        "on_time_rate": round(counts["on_time"] / due, 3) if due else None,
        "days_late": sorted(late_days),
        "by_obligation": by_what,
    }


def month_of(review: CaseReview) -> str:
    return review.received.strftime("%Y-%m") if review.received else "not known"


def _done(review: CaseReview, prefix: str) -> list[Obligation]:
    return [o for o in review.obligations if o.key.split(":")[0] == prefix]


def stats_by_month(reviews: list[CaseReview]) -> list[dict[str, object]]:
    """The Quality Committee's monthly figures, by the month applications were received."""
    months: dict[str, list[CaseReview]] = {}
    for review in reviews:
        months.setdefault(month_of(review), []).append(review)
    rows = []
    for month in sorted(months):
        group = months[month]
        police = [o for r in group for o in r.obligations if o.key.startswith("check:police")]
        written = [o for r in group for o in _done(r, "written_confirmation") if o.status != "not_applicable"]
        due_written = [o for o in written if o.status in ("on_time", "late", "missed")]
        kinds: dict[str, int] = {}
        for r in group:
            for kind in r.referral_kinds:
                kinds[kind] = kinds.get(kind, 0) + 1
        days = sorted(r.days_to_screen for r in group if r.days_to_screen is not None)
        rows.append(
            {
                "month": month,
                "applications_screened": sum(1 for r in group if r.days_to_screen is not None),
                "applications_received": len(group),
                "police_checks_required": len(police),
                "police_checks_made": sum(1 for o in police if o.done is not None),
                "referrals": kinds,
                "written_confirmations_on_time_pct": round(
                    100 * sum(o.status == "on_time" for o in due_written) / len(due_written), 1
                )
                if due_written
                else None,
                "la_chased": sum(1 for r in group for o in _done(r, "chase_local_authority") if o.done is not None),
                "sm_discussions": sum(1 for r in group for o in _done(r, "sm_discussion") if o.done is not None),
                "c1a_notices": sum(1 for r in group for o in _done(r, "c1a_notice") if o.done is not None),
                "median_working_days_to_screen": (
                    days[len(days) // 2] if len(days) % 2 else (days[len(days) // 2 - 1] + days[len(days) // 2]) / 2
                )
                if days
                else None,
            }
        )
    return rows
