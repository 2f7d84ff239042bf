"""The screening result as the `screen` command's JSON contract and as readable text."""

from __future__ import annotations

from typing import Any

from dutydesk.domain.case.model import Case
from dutydesk.domain.rules.obligations import (
    SAFETY_REF,
    agencies_informed,
    domestic_violence_asked,
    involvement_ended,
    referral_level,
    safety_assessment_advice_needed,
    safety_assessment_advised_at,
    safety_assessment_concerns,
)
from dutydesk.domain.rules.referrals import MISSING_GUIDANCE
from dutydesk.domain.rules.screening import Screening
from dutydesk.domain.time.calendar import london_date, uk_date


def as_json(case: Case, s: Screening) -> dict[str, Any]:
    return {
        "reference": case.case.reference,
        "police_check": s.police_check.as_json(),
        "required_checks": [c.as_json() for c in s.required_checks],
        "check_prompts": [{"text": p.text, "ref": p.ref, "subject": p.subject} for p in s.check_prompts],
        "pathway": s.pathway.as_json(),
        "risk_to_children": [
            {
                "subject": r.subject,
                "offence": r.offence.label(),
                "matched_by": r.matched_by,
                "ref": "App. II",
                "text": r.text(case),
            }
            for r in s.risk_to_children
        ],
        "findings": [
            {
                "id": a.finding_id,
                "subject": a.subject,
                "status": a.status,
                "offence": a.offence.label() if a.listed else None,
                "matched_by": a.matched_by or None,
                "confidence": a.match.confidence if a.match else None,
                "certain": a.match.certain if a.match else None,
                "inchoate": a.inchoate,
                "how": a.how(),
                "key": a.key,
                "ref": "App. II",
                "text": a.text(case),
            }
            for a in s.findings
        ],
        "risk_score": {"total": s.risk_score.total, "factors_rated": s.risk_score.rated, "caveat": s.risk_score.caveat},
        "escalation": s.escalation.as_json(),
        "referrals": [r.as_json() for r in s.referrals],
        "deadlines": [d.as_json() for d in s.case_deadlines],
        "outstanding": [o.as_json() for o in s.outstanding],
        "language_prompts": [p.as_json() for p in s.language],
        "harm_text_prompts": [p.as_json() for p in s.harm_text],
        "harm_picture": s.harm.as_json() if s.harm else None,
        "safety_assessment": _safety_json(case, s),
        "domestic_violence_asked": [p.as_json() for p in domestic_violence_asked(case)],
        "finding_words": [d.as_json() for a in s.findings for d in a.words],
        "involvement_end": {
            "ended": involvement_ended(case),
            "ref": "App. III; ¶3.90",
            "agencies": [e.as_json() for e in agencies_informed(case)],
        },
    }


def _safety_json(case: Case, s: Screening) -> dict[str, Any]:
    """¶2.24: whether the court is to be advised of a more detailed safety assessment, and why."""
    advised = safety_assessment_advised_at(case)
    return {
        "advice_needed": safety_assessment_advice_needed(case, s),
        "concerns": [r.as_json() for r in safety_assessment_concerns(case, s)],
        "referral_level": [r.as_json() for r in referral_level(case, s)],
        "advised_at": advised.isoformat() if advised else None,
        "ref": SAFETY_REF,
    }


def as_text(case: Case, s: Screening) -> str:
    lines = [f"Screening {case.case.reference}", ""]
    lines.append(f"Police check: {s.police_check.status.replace('_', ' ')}")
    lines += [f"  - {r.text} ({r.ref})" for r in s.police_check.reasons]
    lines.append("Checks:")
    lines += [f"  - [{c.status}] {c.text} ({c.ref})" for c in s.required_checks]
    lines += [f"  - {p.text} ({p.ref})" for p in s.check_prompts]
    if s.harm is not None:
        lines.append("Harm picture (every source; ¶2.19, ¶2.79):")
        lines += [f"  - {c.reason.text} ({c.reason.ref})" for c in s.harm.c1a if c.ticked]
        lines += [f"  - {i.source}: {i.text} ({i.ref})" for i in s.harm.items]
        if not s.harm.items:
            lines.append("  - No information about harm is recorded beyond the harm answers")
        lines += [f"  ! The child is shown to remain at risk: {r.text} ({r.ref})" for r in s.harm.remains_at_risk]
    suggested = s.pathway.suggested.classification.replace("_", " ")
    confirmed = s.pathway.classification.replace("_", " ") if s.pathway.classification else "not yet confirmed"
    lines.append(
        f"Section 120 pathway (App. III): rows {', '.join(s.pathway.rows) or 'not settled'}; "
        f"suggested classification {suggested}; officer's: {confirmed}"
    )
    lines += [f"  - {r.text} ({r.ref})" for r in (*s.pathway.suggested.reasons, *s.pathway.reasons)]
    lines += [f"  ! {w.text} ({w.ref})" for w in s.pathway.warnings]
    for i, (_row, action) in enumerate(s.pathway.actions, start=1):
        lines.append(f"  {i}. {action.text}")
    for a in s.findings:
        if a.status == "risk_to_children":
            lines.append(f"RISK TO CHILDREN — {a.text(case).removeprefix('Risk to Children: ')} (App. II)")
        else:
            lines.append(f"Finding {a.finding_id}: {a.text(case)} (App. II)")
        if a.listed:
            lines.append(f"  {a.how()}")
    lines.append(
        f"Risk score (aid only): {s.risk_score.total} from {s.risk_score.rated} factors. {s.risk_score.caveat}"
    )
    lines.append(f"Escalation: {s.escalation.reason}")
    lines += [f"  - because: {r.text} ({r.ref})" for r in s.escalation.reasons]
    for inform in s.escalation.inform_manager:
        state = "done" if inform.done else "to do"
        lines.append(f"  - [{state}] {inform.text}: referral {inform.referral_id} ({inform.ref})")
    for r in s.referrals:
        lines.append(f"Referral {r.referral.id} ({r.referral.kind.replace('_', ' ')}):")
        lines += [f"  !! {m.text} ({m.ref})" for m in r.flags]
        lines += [f"  ! consent: {m.text} ({m.ref})" for m in r.consent_missing]
        lines += [f"  ! {m.text} ({m.ref})" for m in r.telling]
        if r.information_missing:
            lines.append(f"  {MISSING_GUIDANCE}:")
        lines += [f"  - {m.text} ({m.ref})" for m in r.information_missing]
        for d in r.deadlines:
            lines.append(
                f"  * {d.rule.title}: due {uk_date(d.due.due)} [{d.status.replace('_', ' ')}] ({d.rule.label})"
            )
            lines.append(f"      {d.due.explanation}")
        if r.supervision_24h:
            lines.append(f"  - {r.supervision_24h.text()} (App. V, supervision check)")
    for d in s.case_deadlines:
        lines.append(
            f"Deadline: {d.rule.title}: due {uk_date(d.due.due)} [{d.status.replace('_', ' ')}] ({d.rule.label})"
        )
    if safety_assessment_advice_needed(case, s):
        advised = safety_assessment_advised_at(case)
        state = f"advised {uk_date(london_date(advised))}" if advised else "not yet advised"
        lines.append(
            f"Safety assessment: information indicates a concern below the referral level — the court is advised "
            f"of the need for a more detailed safety assessment ({state}) ({SAFETY_REF})"
        )
    for party in domestic_violence_asked(case):
        lines.append(f"Domestic violence asked: {party.text()} (¶2.60)")
    for e in agencies_informed(case):
        told = f"told {uk_date(london_date(e.sent_at))}" if e.sent_at else "not yet told"
        when = "" if involvement_ended(case) else "; due when the case closes"
        lines.append(f"Involvement ended: {e.agency} ({e.shared}): {told}{when} (App. III; ¶3.90)")
    for p in (*s.language, *s.harm_text):
        state = f" [{p.decision.decision}: {p.decision.reason or 'no reason given'}]" if p.decision else ""
        what = "Language" if p.kind == "masking" else f"Harm named ({p.phrase})"
        lines.append(f"{what}: \u201c{p.found}\u201d in {p.label}{state}: {p.prompt} ({p.ref})")
    lines += ["", "What's next:"]
    for o in s.outstanding:
        due = f" — due {uk_date(o.due)}" if o.due else ""
        state = f" [{o.status.replace('_', ' ')}]" if o.status else ""
        lines.append(f"  - {o.what}{due}{state} ({o.ref})")
    return "\n".join(lines)
