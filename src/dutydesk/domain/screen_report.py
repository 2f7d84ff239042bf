"""The screening result as the `screen` command's JSON contract and as readable text."""

from __future__ import annotations

from typing import Any

from dutydesk.domain.calendar import uk_date
from dutydesk.domain.model import Case
from dutydesk.domain.screen import Screening


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
        "risk_score": {"total": s.risk_score.total, "factors_rated": s.risk_score.rated, "caveat": s.risk_score.caveat},
        "escalation": s.escalation.as_json(),
        "referrals": [r.as_json() for r in s.referrals],
        "deadlines": [d.as_json() for d in s.case_deadlines],
        "outstanding": [o.as_json() for o in s.outstanding],
        "language_prompts": [p.as_json() for p in s.language],
    }


def as_text(case: Case, s: Screening) -> str:
    lines = [f"Screening {case.case.reference}", ""]
    lines.append(f"Police check: {s.police_check.status.replace('_', ' ')}")
    lines += [f"  - {r.text} ({r.ref})" for r in s.police_check.reasons]
    lines.append("Checks:")
    lines += [f"  - [{c.status}] {c.text} ({c.ref})" for c in s.required_checks]
    lines += [f"  - {p.text} ({p.ref})" for p in s.check_prompts]
    suggested = s.pathway.suggested.classification.replace("_", " ")
    confirmed = s.pathway.classification.replace("_", " ") if s.pathway.classification else "not yet confirmed"
    lines.append(
        f"Section 120 pathway (App. III): rows {', '.join(s.pathway.rows) or 'not settled'}; "
        f"suggested classification {suggested}; officer's: {confirmed}"
    )
    lines += [f"  - {r.text} ({r.ref})" for r in (*s.pathway.suggested.reasons, *s.pathway.reasons)]
    for i, (_row, action) in enumerate(s.pathway.actions, start=1):
        lines.append(f"  {i}. {action.text}")
    for risk in s.risk_to_children:
        lines.append(f"RISK TO CHILDREN: {risk.text(case)} (App. II)")
    lines.append(
        f"Risk score (aid only): {s.risk_score.total} from {s.risk_score.rated} factors. {s.risk_score.caveat}"
    )
    lines.append(f"Escalation: {s.escalation.reason}")
    for r in s.referrals:
        lines.append(f"Referral {r.referral.id} ({r.referral.kind.replace('_', ' ')}):")
        lines += [f"  ! consent: {m.text} ({m.ref})" for m in r.consent_missing]
        lines += [f"  ! {m.text} ({m.ref})" for m in r.telling]
        lines += [f"  - {m.text} ({m.ref})" for m in r.information_missing]
        for d in r.deadlines:
            lines.append(
                f"  * {d.rule.title}: due {uk_date(d.due.due)} [{d.status.replace('_', ' ')}] ({d.rule.label})"
            )
            lines.append(f"      {d.due.explanation}")
    for d in s.case_deadlines:
        lines.append(
            f"Deadline: {d.rule.title}: due {uk_date(d.due.due)} [{d.status.replace('_', ' ')}] ({d.rule.label})"
        )
    for p in s.language:
        lines.append(f"Language: \u201c{p.found}\u201d in {p.where}: {p.prompt} ({p.ref})")
    lines += ["", "What's next:"]
    for o in s.outstanding:
        due = f" — due {uk_date(o.due)}" if o.due else ""
        state = f" [{o.status.replace('_', ' ')}]" if o.status else ""
        lines.append(f"  - {o.what}{due}{state} ({o.ref})")
    return "\n".join(lines)
