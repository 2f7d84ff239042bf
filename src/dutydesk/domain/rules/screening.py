"""Screening a case: every rule applied to the case as recorded, and one list of what is next.

Pure: the case, the policy and `now` in; results with reasons and paragraphs out. Nothing here
is stored: it is worked out again every time from what the officer recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dutydesk.domain.case.model import Case
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.checks import (
    CheckStatus,
    Prompt,
    consent_prompts,
    emergency_prompts,
    repeat_checks,
    required_checks,
)
from dutydesk.domain.rules.harm import HarmPicture, harm_picture
from dutydesk.domain.rules.labels import PATHWAY_ROWS, label
from dutydesk.domain.rules.language import LanguagePrompt, harm_prompts, language_prompts
from dutydesk.domain.rules.obligations import framework_items
from dutydesk.domain.rules.offences import FindingAssessment, RiskToChildren, assess_findings
from dutydesk.domain.rules.pathway import PathwayResult, pathway
from dutydesk.domain.rules.police import PoliceCheck, police_check
from dutydesk.domain.rules.referrals import DeadlineStatus, ReferralResult, case_deadlines, evaluate_referral
from dutydesk.domain.rules.results import Outstanding, Reason
from dutydesk.domain.rules.risk import EscalationResult, RiskScore, escalation, risk_score
from dutydesk.domain.time.calendar import london_date
from dutydesk.errors import NotScreenable

PUBLIC_LAW = (
    "{ref} is a public law case: dutydesk screens private law applications only. In public law the "
    "Children's Guardian asks the local authority to confirm the screening information has been provided "
    "(¶2.21), and the Child Welfare (Protection) procedure is used for issues that are new rather than "
    "integral to the proceedings (¶2.77); the private-law pathway, police-check and referral rules do not apply"
)


@dataclass(frozen=True)
class Screening:
    police_check: PoliceCheck
    required_checks: tuple[CheckStatus, ...]
    check_prompts: tuple[Prompt, ...]
    pathway: PathwayResult
    risk_to_children: tuple[RiskToChildren, ...]
    risk_score: RiskScore
    escalation: EscalationResult
    referrals: tuple[ReferralResult, ...]
    case_deadlines: tuple[DeadlineStatus, ...]
    language: tuple[LanguagePrompt, ...]
    outstanding: tuple[Outstanding, ...]
    harm: HarmPicture | None = None
    harm_text: tuple[LanguagePrompt, ...] = ()
    findings: tuple[FindingAssessment, ...] = ()  # App. II's reading of every finding


def harm_information_elsewhere(case: Case) -> list[str]:
    """¶2.19's third ground that the harm picture does not hold: the officer's own risk rating."""
    found = []
    if case.screening.harm_classification not in (None, "none"):
        found.append("The officer classified harm on the section 120 pathway")
    if any(f.level in ("medium", "high") for f in case.risk.factors) or case.risk.overall in (
        "medium",
        "high",
        "imminent",
    ):
        found.append("Risk identification records a medium or higher risk")
    return found


def significant_harm(picture: HarmPicture, path: PathwayResult) -> tuple[Reason, ...]:
    """¶2.81's "concerns about possible significant harm": the picture's, and a pathway that
    leads to a referral under the Child Welfare (Protection) procedure."""
    reasons = list(picture.significant_harm)
    chosen = path.classification or path.suggested.classification
    if chosen in ("other_harm", "witnessing_ongoing"):
        how = "confirmed" if path.classification else "suggested"
        reasons.append(
            Reason(
                f"The section 120 pathway ({how}: {chosen.replace('_', ' ')}) leads to a referral under the Child "
                "Welfare (Protection) procedure",
                "App. III; ¶2.79; ¶2.81",
            )
        )
    return tuple(reasons)


def screen_case(case: Case, policy: Policy, now: datetime, for_review: bool = False) -> Screening:
    """Everything the rules say about the case now. `for_review`: only what the compliance
    review reads (checks, escalation, referrals) — the same functions, the rest left out, for
    a Service Manager's review of thousands of cases."""
    if case.case.law == "public":
        raise NotScreenable(PUBLIC_LAW.format(ref=case.case.reference or "This case"))
    today = london_date(now)
    assessed = assess_findings(case, policy.offence_matcher, policy.finding_words)
    risks = [a for a in assessed if a.status == "risk_to_children"]
    language = tuple(language_prompts(case, policy.language, today))
    harm_text = tuple(harm_prompts(case, policy.harm_words, today))
    picture = harm_picture(case, assessed, (*language, *harm_text), today, policy.harm_words.recent_concern_months)
    police = police_check(case, policy.local, picture, harm_information_elsewhere(case))
    checks = required_checks(case, police.status == "required")
    prompts = [] if for_review else [*repeat_checks(case, today), *consent_prompts(case), *emergency_prompts(case)]
    path = pathway(case, policy.pathway, picture)
    esc = escalation(case, policy.escalation, significant_harm(picture, path))
    referrals = tuple(evaluate_referral(case, r, policy, now, today) for r in case.referrals)
    directions = () if for_review else tuple(case_deadlines(case, policy, now))
    result = Screening(
        police,
        tuple(checks),
        tuple(prompts),
        path,
        tuple(risks),
        risk_score(case, policy.risk_factors),
        esc,
        referrals,
        directions,
        language,
        (),
        picture,
        harm_text,
        tuple(assessed),
    )
    if for_review:
        return result
    return Screening(**{**result.__dict__, "outstanding": tuple(outstanding(case, result, policy, today))})


def action_done(done_by: str, case: Case) -> bool:
    kind, _, name = done_by.partition(":")
    if kind == "event":
        return any(e.kind == name for e in case.events)
    return any(getattr(r, name, None) is not None for r in case.referrals if r.kind != "s120_notification")


def outstanding(case: Case, s: Screening, policy: Policy, today: date | None = None) -> list[Outstanding]:
    """Every open obligation, most urgent first: overdue, due today, by date, then undated by weight.
    `today` (London) dates what is due by the first hearing: overdue once it has passed."""
    items: list[Outstanding] = []
    esc = s.escalation
    if esc.urgent_action:
        for action in esc.urgent_outstanding:
            items.append(
                Outstanding(action, policy.escalation.urgent_ref, why=esc.reason, priority=0, step="escalation")
            )
    if esc.service_manager_discussion_required and not esc.discussion_done:
        what = policy.escalation.discussion_title
        details = (
            *(f"Because: {r.text} ({r.ref})" for r in esc.reasons),
            *(f"Record: {p}" for p in esc.missing_points),
        )
        items.append(Outstanding(what, esc.ref, why=esc.reason, priority=1, step="escalation", details=details))
    for inform in esc.inform_manager:
        if not inform.done:
            items.append(
                Outstanding(
                    inform.text,
                    inform.ref,
                    why="T"
                    + case.referral_named(inform.referral_id, phoned=False)[1:]
                    + " was phoned before any Service Manager discussion",
                    priority=1,
                    step="referrals",
                )
            )
    for r in s.referrals:
        for flag in r.flags:
            items.append(Outstanding(flag.text, flag.ref, priority=2, step="referrals"))
    for warning in s.pathway.warnings:
        items.append(Outstanding(warning.text, warning.ref, priority=3, step="pathway"))
    items += _harm_items(case, s)
    # One item however many findings (each is named in its why), and none once a child welfare
    # referral has been phoned: the referral's own deadlines carry it from there (issue 17).
    referred = any(r.phoned_at for r in case.referrals if r.kind != "s120_notification")
    if s.risk_to_children and not referred:
        items.append(
            Outstanding(
                "Follow the Child Welfare (Protection) procedure for the Risk to Children identified",
                "App. II",
                why="; ".join(risk.text(case) for risk in s.risk_to_children),
                priority=2,
                step="checks",
            )
        )
    for a in s.findings:
        who = case.name_of(a.subject)
        if a.status == "victim_age":
            items.append(
                Outstanding(
                    f"Find out whether the victim of {who}'s {a.offence.offence.lower()} was under 18 (Appendix II "
                    "applies only then) and record it on the finding",
                    "App. II",
                    why=a.text(case),
                    priority=3,
                    step="checks",
                )
            )
        elif a.status == "to_confirm":
            items.append(
                Outstanding(
                    f"Confirm whether {who}'s “{a.finding.offence}” is {a.offence.label()} (Appendix II), or "
                    "dismiss it with the reason",
                    "App. II",
                    why=a.how(),
                    priority=3,
                    step="pathway",
                )
            )
        for words in a.words:  # the record disagrees with itself: reconciled, never assumed (App. II)
            offence = f"\u201c{a.finding.offence}\u201d" if a.finding.offence else "(offence not recorded)"
            items.append(
                Outstanding(
                    f"Reconcile {who}'s finding {offence}: {words.sentence()} (correct the record, or keep it with "
                    "the reason on the Pathway step)",
                    "App. II",
                    why=a.text(case),
                    priority=2,
                    step="pathway",
                )
            )
    for d in (*s.case_deadlines, *(d for r in s.referrals for d in r.deadlines)):
        if d.status in ("done", "done_late"):
            continue
        items.append(
            Outstanding(
                d.rule.title,
                d.rule.label,
                due=d.due.due,
                why=d.due.explanation,
                status=d.status,
                step="referrals" if d.referral else "letters",
            )
        )
    for r in s.referrals:
        for reason in (*r.consent_missing, *r.telling):
            items.append(Outstanding(reason.text, reason.ref, priority=20, step="referrals"))
    if s.police_check.status == "judgement" and s.police_check.decided is None:
        items.append(
            Outstanding(
                "Decide whether a police check is needed and record why",
                "¶2.19-2.20",
                why=s.police_check.reasons[-1].text,
                priority=30,
                step="pathway",
            )
        )
    for check in s.required_checks:
        if check.status == "outstanding":
            items.append(Outstanding(check.text, check.ref, priority=40, step="checks"))
    for prompt in s.check_prompts:
        items.append(Outstanding(prompt.text, prompt.ref, priority=45, step="checks"))
    picture_items = s.harm.items if s.harm else ()
    if s.pathway.classification is None and (picture_items or s.pathway.suggested.classification != "none"):
        suggested = s.pathway.suggested.classification
        what = (
            "Classify the information about harm recorded (it fits no App. III row by itself), or record why "
            "it needs no action"
            if suggested == "unclassified"
            else f"Confirm the harm classification (suggested: {label(suggested).lower()}) or override it with a reason"
        )
        items.append(
            Outstanding(
                what,
                "App. III; ¶2.79",
                priority=10,
                step="pathway",
                details=tuple(r.text for r in s.pathway.suggested.reasons),
            )
        )
    phoned = any(r.phoned_at for r in case.referrals if r.kind != "s120_notification")
    for row, step in s.pathway.actions:
        if step.at_end or action_done(step.done_by, case):
            continue
        if phoned and step.done_by.startswith("referral:"):
            continue  # the referral's own deadlines (¶2.103-2.106) carry it from here
        if s.risk_to_children and step.done_by == "referral:phoned_at":
            continue  # the App. II item above asks for this same referral, with its reason
        why = f"Appendix III: {PATHWAY_ROWS.get(row, row)}"
        items.append(Outstanding(step.text, "App. III", why=why, priority=15, step="pathway"))
    items += framework_items(case, s, today)
    if case.risk.factors and case.risk.overall is None:
        items.append(Outstanding("Record the overall level of risk", "¶2.26-2.30", priority=12, step="risk"))
    if any(e.kind == "hmcts_signal" and e.extra.get("signal") == "c1a_document" for e in case.events) and not (
        case.forms.c1a.allegations or case.forms.c1a.completed is not None
    ):
        items.append(
            Outstanding(
                "Read the C1A filed with the application and record its allegations (and whether it is complete)",
                "App. III; ¶2.18",
                why="HMCTS sends the C1A as a document (c1ADocument)",
                priority=6,
                step="forms",
            )
        )
    for name, form in (("C1", case.forms.c1), ("C7", case.forms.c7)):
        if form.harm_indicated is None and (name == "C1" or form.received_on is not None):
            items.append(
                Outstanding(f"Record the {name} harm answer (Question 7)", "App. III; ¶2.18", priority=5, step="forms")
            )
    for said in (*s.language, *s.harm_text):
        if said.decision is not None:
            continue
        what = "Possible exploitation" if said.kind == "masking" else f"Harm named ({said.phrase})"
        items.append(
            Outstanding(
                f"{what}: \u201c{said.found}\u201d in {said.label}: confirm or dismiss with a reason",
                said.ref,
                why=said.prompt,
                priority=8,
                step="pathway",
            )
        )
    return sorted(items, key=_urgency)


def _urgency(item: Outstanding) -> tuple[int, str, int]:
    rank = {"overdue": 0, "due_today": 1}.get(item.status or "", 2)
    if item.status in ("overdue", "due_today"):
        return (rank, item.due.isoformat() if item.due else "", item.priority)
    if item.priority <= 2:  # escalation and Risk to Children come before anything merely upcoming
        return (1, "", item.priority)
    return (2 if item.due else 3, item.due.isoformat() if item.due else "", item.priority)


def _harm_items(case: Case, s: Screening) -> list[Outstanding]:
    """What the concern records and the checks still need (¶2.93-2.97, ¶2.85)."""
    items = []
    for c in case.concerns:
        missing = [
            label
            for label, value in (
                ("when it was identified", c.identified_at),
                ("what was said or seen", c.what_was_said or c.what_was_seen),
                ("the children concerned", c.children),
                ("the actions taken, each with its time", [a for a in c.actions if a.at and a.what]),
                ("who recorded it, and when", c.recorded_by and c.recorded_at),
            )
            if not value
        ]
        if missing:
            items.append(
                Outstanding(
                    f"Complete the concern record: {', '.join(missing)}",
                    "¶2.93-2.97",
                    why="The record is made as soon as possible by the person directly involved, signed and dated",
                    priority=11,
                    step="escalation",
                )
            )
    for check in case.checks:
        if check.kind == "child_protection_plan" and check.outcome == "concern" and check.plan is None:
            items.append(
                Outstanding(
                    "Record whether the child protection plan is current or past (taken as current until then)",
                    "¶2.18; ¶2.85",
                    priority=9,
                    step="checks",
                )
            )
    return items
