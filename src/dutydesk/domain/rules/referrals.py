"""Referrals (¶2.61-2.65, ¶2.91, ¶2.98-2.108): consent by kind, the ¶2.102 information
checklist (warnings, never a block), who was told, and the deadlines that run from the call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dutydesk.domain.case.model import Case, Event, Referral
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.results import Reason
from dutydesk.domain.time.calendar import LONDON, london_date, uk_date
from dutydesk.domain.time.deadlines import DeadlineRule, DueDate, Status, compute_due, status_of

PHONED_KINDS = {"s47_protection", "s17_needs", "promoting_welfare"}


@dataclass(frozen=True)
class DeadlineStatus:
    rule: DeadlineRule
    due: DueDate
    status: Status
    done_at: datetime | None
    referral: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule.id,
            "title": self.rule.title,
            "due": self.due.due.isoformat(),
            "due_at": self.due.due_instant.isoformat() if self.due.due_instant else None,
            "status": self.status,
            "ref": self.rule.label,
            "done_at": self.done_at.isoformat() if self.done_at else None,
            "explanation": self.due.explanation,
        }


@dataclass(frozen=True)
class SupervisionCheck:
    """Appendix V: supervision looks for evidence that "where a child welfare (protection) referral
    is made, this is followed up in writing within 24 hours" — a fact about the ¶2.103 written
    confirmation, not a second deadline."""

    met: bool | None  # None: the 24 hours have not yet run and nothing is sent
    ends_at: datetime
    written_at: datetime | None

    def text(self) -> str:
        ends = f"{uk_date(london_date(self.ends_at))} {self.ends_at.astimezone(LONDON):%H:%M}"
        if self.met:
            return f"Followed up in writing within 24 hours (by {ends}): met"
        if self.met is False:
            sent = (
                f"first sent {uk_date(london_date(self.written_at))}" if self.written_at else "nothing sent in writing"
            )
            return f"Followed up in writing within 24 hours (by {ends}): not met — {sent}"
        return f"Followed up in writing within 24 hours: by {ends} for the supervision check"

    def as_json(self) -> dict[str, object]:
        return {
            "met": self.met,
            "ends_at": self.ends_at.isoformat(),
            "written_at": self.written_at.isoformat() if self.written_at else None,
            "ref": "App. V",
            "text": self.text(),
        }


@dataclass(frozen=True)
class ReferralResult:
    referral: Referral
    consent_missing: tuple[Reason, ...]
    information_missing: tuple[Reason, ...]
    telling: tuple[Reason, ...]
    deadlines: tuple[DeadlineStatus, ...]
    flags: tuple[Reason, ...] = ()  # made without a consent it needed (¶2.63(b)(c))
    supervision_24h: SupervisionCheck | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.referral.id,
            "kind": self.referral.kind,
            "consent_missing": [r.as_json() for r in self.consent_missing],
            "information_missing": [r.as_json() for r in self.information_missing],
            "telling": [r.as_json() for r in self.telling],
            "deadlines": [d.as_json() for d in self.deadlines],
            "flags": [r.as_json() for r in self.flags],
            "supervision_24h": self.supervision_24h.as_json() if self.supervision_24h else None,
        }


def consent_missing(referral: Referral, policy: Policy) -> list[Reason]:
    rule = policy.consent[referral.kind]
    out = []
    for party in rule.required:
        value = getattr(referral.consent, party)
        if value == "given":
            continue
        if value == "refused" and rule.if_refused:
            out.append(Reason(f"{party.capitalize()} refused consent. {rule.if_refused}", rule.ref))
        else:
            out.append(
                Reason(
                    f"The {party}'s consent is required for a {rule.title.lower()} and is not recorded as given",
                    rule.ref,
                )
            )
    return out


def _child_checks(case: Case, referral: Referral, today: date) -> dict[str, list[str]]:
    """What is not known about the referred children, item by item."""
    gaps: dict[str, list[str]] = {"child_details": [], "school_gp_health_visitor": [], "identity": []}
    for cid in referral.children or [c.id for c in case.children]:
        child = case.person(cid)
        if child is None:
            continue
        name = child.given_names or cid
        carers = [case.person(p) for p in child.lives_with]
        address = child.current_address() or next((a for p in carers if p for a in [p.current_address()] if a), None)
        phone = child.phone or next((p.phone for p in carers if p and p.phone), None)
        for label, value in (
            ("full name", child.given_names and child.family_name),
            ("date of birth", child.date_of_birth),
            ("address", address),
            ("telephone", phone),
        ):
            if not value:
                gaps["child_details"].append(f"{name}: {label}")
        under_five = (child.age_on(today) or 99) < 5
        for label, value in (
            ("school", child.school),
            ("GP", child.gp),
            *((("health visitor", child.health_visitor),) if under_five else ()),
        ):
            if not value:
                gaps["school_gp_health_visitor"].append(f"{name}: {label}")
        for label, value in (
            ("religion", child.religion),
            ("language at home", child.language),
            ("ethnic origin", child.ethnicity),
            ("disability", child.disability),
        ):
            if not value:
                gaps["identity"].append(f"{name}: {label}")
    return gaps


def information_missing(case: Case, referral: Referral, policy: Policy, today: date) -> list[Reason]:
    """¶2.102: each missing element is named; none of them may delay the referral."""
    child_gaps = _child_checks(case, referral, today)
    tests: dict[str, Callable[[], list[str] | bool]] = {
        "exact_concern": lambda: bool((referral.call_record or "").strip()),
        "background": lambda: bool(
            case.forms.c1a.allegations or case.findings or any(c.summary for c in case.checks) or case.events
        ),
        "child_details": lambda: child_gaps["child_details"],
        "carers": lambda: bool(case.with_role("applicant", "respondent")),
        "school_gp_health_visitor": lambda: child_gaps["school_gp_health_visitor"],
        "identity": lambda: child_gaps["identity"],
        "risk_identification": lambda: bool(case.risk.factors or case.risk.overall),
        "child_knowledge": lambda: (
            referral.child_informed is not None and (referral.child_informed != "yes" or bool(referral.child_views))
        ),
        "parents_knowledge": lambda: referral.parents_informed is not None,
        # ¶2.99: whether the parents agreed is recorded whatever the consent rule ("not required" is no answer)
        "parental_permission": lambda: referral.parents_agreed is not None or referral.parents_informed == "no",
        "proceedings": lambda: bool(case.case.court and (case.case.court_case_number or case.case.first_hearing_at)),
    }
    out = []
    for item, title in policy.checklist.items():
        result = tests[item]()
        if result is True or result == []:
            continue
        detail = f": not known — {'; '.join(result)}" if isinstance(result, list) else ": not known"
        out.append(Reason(f"{title}{detail}", policy.checklist_ref))
    return out


# Guidance for the officer beside the gaps (¶2.65, ¶2.102) — never printed in the referral itself,
# which states only what is not known (issue 18).
MISSING_GUIDANCE = "Say in the referral that these are not known; they must not delay it"


def telling(referral: Referral, policy: Policy) -> list[Reason]:
    """¶2.91 the child, ¶2.98-2.99 the parents: told, or why not recorded. The child "should be
    informed of the intention to make a referral … unless it is considered unsafe to do so"; the
    parents too, unless that would put the child at risk, interfere with a police investigation or put
    the practitioner at risk (¶2.98). So a reason recorded answers the item whether the answer is "no"
    or "not yet" (told later, by whom and when agreed with the recipient: ¶2.87). Only those a referral
    of its kind keeps informed are asked about (data/consent.toml `inform`: a section 120 notification
    informs the court, App. III)."""
    inform = policy.consent[referral.kind].inform
    out = []
    for who, value, reason, ref in (
        ("child", referral.child_informed, referral.child_not_informed_reason, "¶2.91"),
        ("parents", referral.parents_informed, referral.parents_not_informed_reason, "¶2.98-2.99"),
    ):
        if who not in inform or value == "yes" or (value is not None and (reason or "").strip()):
            continue
        if value in (None, "not_yet"):
            out.append(Reason(f"Tell the {who} about the referral, or record why not", ref))
        else:
            out.append(Reason(f"The {who} {'was' if who == 'child' else 'were'} not told: record the reason", ref))
    if referral.kind in PHONED_KINDS and referral.parents_informed == "yes" and referral.parents_agreed is None:
        out.append(
            Reason(
                "Record whether the parents agreed to the referral: it should be recorded whether or not they were "
                "informed of and agreed to it",
                "¶2.99",
            )
        )
    return out


def made_without_consent(referral: Referral, policy: Policy) -> list[Reason]:
    """¶2.63(b)(c): an s17 or promoting-welfare referral needs the consent of the child, the parents
    and the court. Phoned without it recorded, it was made without required consent — and where
    they do not agree, the question is whether the circumstances need an s47 referral instead."""
    rule = policy.consent[referral.kind]
    if referral.phoned_at is None or not rule.required or referral.kind not in PHONED_KINDS:
        return []
    missing = [p for p in rule.required if getattr(referral.consent, p) != "given"]
    if not missing:
        return []
    when = f"{uk_date(london_date(referral.phoned_at))} {referral.phoned_at.astimezone(LONDON):%H:%M}"
    return [
        Reason(
            f"Referral {referral.id} ({rule.title.lower()}) was phoned on {when} without the consent of the "
            f"{', '.join(missing)} recorded as given: it was made without required consent. Record the consents, or "
            "consider whether the circumstances require a section 47 referral, because failure to secure services "
            "for the child may lead to possible significant harm",
            rule.ref,
        )
    ]


def supervision_check(referral: Referral) -> SupervisionCheck | None:
    if referral.kind != "s47_protection" or referral.phoned_at is None:
        return None
    ends = referral.phoned_at + timedelta(hours=24)
    sent = [t for t in (referral.fax_sent_at, referral.post_sent_at) if t is not None]
    first = min(sent) if sent else None
    met = None if first is None else first <= ends
    return SupervisionCheck(met, ends, first)


def supervision_met(check: SupervisionCheck, now: datetime) -> SupervisionCheck:
    """Not met once the 24 hours have passed with nothing sent."""
    if check.met is None and now > check.ends_at:
        return SupervisionCheck(False, check.ends_at, None)
    return check


def _done(met_by: tuple[str, ...], referral: Referral | None, events: list[Event]) -> datetime | None:
    times: list[datetime] = []
    for name in met_by:
        owner, _, attr = name.partition(".")
        if owner == "referral" and referral is not None:
            value = getattr(referral, attr, None)
            if isinstance(value, datetime):
                times.append(value)
        elif owner == "event":
            times += [e.at for e in events if e.kind == attr and e.at is not None]
    return min(times) if times else None


def referral_deadlines(case: Case, referral: Referral, policy: Policy, now: datetime) -> list[DeadlineStatus]:
    if referral.kind not in PHONED_KINDS or referral.phoned_at is None:
        return []
    out = []
    for rule in policy.deadlines.values():
        if rule.runs_from != "referral.phoned_at":
            continue
        days = getattr(policy.local, rule.setting, rule.working_days) if rule.setting else None
        due = compute_due(rule, referral.phoned_at, policy.calendar, days)
        done = _done(rule.met_by, referral, case.events)
        out.append(DeadlineStatus(rule, due, status_of(due, done, now), done, referral.id))
    return out


def case_deadlines(case: Case, policy: Policy, now: datetime) -> list[DeadlineStatus]:
    """Court-directed limits and the local before-hearing safeguarding letter."""
    out = []
    for rule in policy.deadlines.values():
        if rule.runs_from == "court_direction.from":
            for direction in case.case.court_directions:
                if direction.kind != "safeguarding_letter":
                    continue
                done = _done(rule.met_by, None, case.events)
                if direction.due_on is not None:
                    due = DueDate(rule, direction.due_on, "Date set by the court's direction.")
                elif direction.from_ is not None and direction.working_days is not None:
                    start = datetime.combine(direction.from_, time(9), tzinfo=LONDON)  # a working morning
                    due = compute_due(rule, start, policy.calendar, direction.working_days)
                else:
                    continue
                out.append(DeadlineStatus(rule, due, status_of(due, done, now), done))
        elif rule.runs_from == "case.first_hearing_at" and rule.setting and case.case.first_hearing_at is not None:
            days = getattr(policy.local, rule.setting, rule.working_days)
            due = compute_due(rule, case.case.first_hearing_at, policy.calendar, days)
            done = _done(rule.met_by, None, case.events)
            out.append(DeadlineStatus(rule, due, status_of(due, done, now), done))
    return out


def evaluate_referral(case: Case, referral: Referral, policy: Policy, now: datetime, today: date) -> ReferralResult:
    return ReferralResult(
        referral,
        tuple(consent_missing(referral, policy)),
        tuple(information_missing(case, referral, policy, today)),
        tuple(telling(referral, policy)),
        tuple(referral_deadlines(case, referral, policy, now)),
        tuple(made_without_consent(referral, policy)),
        _supervision(referral, now),
    )


def _supervision(referral: Referral, now: datetime) -> SupervisionCheck | None:
    check = supervision_check(referral)
    return supervision_met(check, now) if check else None
