"""Risk identification (¶2.26-2.30): the score shown only as an aid, and escalation (¶2.81, ¶2.87)."""

from __future__ import annotations

from dataclasses import dataclass

from dutydesk.domain.case.model import Case, Discussion
from dutydesk.domain.policy.risk_factors import RiskFactors
from dutydesk.domain.policy.tables import Escalation
from dutydesk.domain.rules.results import Reason

SCORE_CAVEAT = (
    "A practice aid, not a predictor: children have died in low-score cases (Cafcass, learning from serious case reviews). "
    "The officer's judgement decides the level of risk."
)


@dataclass(frozen=True)
class RiskScore:
    total: int
    rated: int
    caveat: str = SCORE_CAVEAT


def risk_score(case: Case, factors: RiskFactors) -> RiskScore:
    total = sum(factors.scores.get(f.level, 0) for f in case.risk.factors)
    return RiskScore(total, sum(1 for f in case.risk.factors if f.level != "none"))


@dataclass(frozen=True)
class InformManager:
    """¶2.83: a referral of possible significant harm made before the Service Manager was
    consulted — the Service Manager must be told as soon as possible."""

    referral_id: str
    done: bool
    text: str
    ref: str = "¶2.83"


@dataclass(frozen=True)
class EscalationResult:
    service_manager_discussion_required: bool
    urgent_action: bool
    ref: str
    discussion_done: bool
    missing_points: tuple[str, ...]  # ¶2.81 points not yet in the agreed record
    urgent_outstanding: tuple[str, ...]
    reason: str
    reasons: tuple[Reason, ...] = ()  # every concern that makes the discussion necessary
    inform_manager: tuple[InformManager, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "service_manager_discussion_required": self.service_manager_discussion_required,
            "urgent_action": self.urgent_action,
            "ref": self.ref,
            "discussion_recorded": self.discussion_done,
            "missing_points": list(self.missing_points),
            "urgent_actions_outstanding": list(self.urgent_outstanding),
            "reason": self.reason,
            "reasons": [r.as_json() for r in self.reasons],
            "inform_service_manager": [
                {"referral": i.referral_id, "done": i.done, "text": i.text, "ref": i.ref} for i in self.inform_manager
            ],
        }


def _best_discussion(case: Case) -> Discussion | None:
    agreed = [d for d in case.discussions if d.kind == "service_manager" and d.agreed]
    return agreed[-1] if agreed else None


def _inform_manager(case: Case) -> tuple[InformManager, ...]:
    """Each s47 referral phoned before any Service Manager discussion took place (¶2.83)."""
    held = sorted(d.at for d in case.discussions if d.kind == "service_manager" and d.at is not None)
    out = []
    for r in case.referrals:
        if r.kind != "s47_protection" or r.phoned_at is None:
            continue
        if held and held[0] <= r.phoned_at:
            continue  # discussed first, as ¶2.81 asks
        told_after = any(at >= r.phoned_at for at in held)
        done = r.sm_informed_at is not None or told_after
        out.append(
            InformManager(
                r.id,
                done,
                "Tell the Service Manager, as soon as possible, of the referral made before they could be consulted",
            )
        )
    return tuple(out)


def escalation(case: Case, table: Escalation, concerns: tuple[Reason, ...] = ()) -> EscalationResult:
    """¶2.30 (high or imminent risk) and ¶2.81: "where there are concerns about possible
    significant harm in relation to a child, all practitioners must first discuss this with their
    Service Manager" — any such concern, not only an overall level of high."""
    overall = case.risk.overall
    by_level = overall in table.discussion_levels
    needs = by_level or bool(concerns)
    urgent = overall in table.urgent_levels
    discussion = _best_discussion(case)
    missing = tuple(
        p.title for p in table.points if not (discussion and str(discussion.record.get(p.key) or "").strip())
    )
    done = needs and discussion is not None and not missing
    urgent_left = tuple(a.title for a in table.urgent_actions if urgent and not case.risk.urgent_actions.get(a.key))
    reasons = list(concerns)
    if by_level:
        reasons.insert(0, Reason(f"Overall risk is {overall}", "¶2.30"))
    if urgent:
        reason = f"Overall risk is imminent: {table.urgent_title.lower()} ({table.urgent_ref}), and discuss with the Service Manager ({table.discussion_ref})"
    elif by_level:
        reason = f"Overall risk is {overall}: discuss immediately with the Service Manager and agree a record ({table.discussion_ref})"
    elif needs:
        reason = (
            f"A concern about possible significant harm ({concerns[0].text}"
            + (f", and {len(concerns) - 1} more" if len(concerns) > 1 else "")
            + f"): discuss it with the Service Manager first and agree a record ({table.discussion_ref})"
        )
    else:
        reason = (
            "No concern about possible significant harm and overall risk is not high or imminent: no Service "
            "Manager discussion required by ¶2.30 or ¶2.81"
            if overall
            else "Overall risk not yet recorded; no concern about possible significant harm is recorded"
        )
    ref = f"{table.discussion_ref}; {table.urgent_ref}" if urgent else table.discussion_ref
    return EscalationResult(
        needs, urgent, ref, done, missing if needs else (), urgent_left, reason, tuple(reasons), _inform_manager(case)
    )
