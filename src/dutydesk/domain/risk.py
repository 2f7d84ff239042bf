"""Risk identification (¶2.26-2.30): the score shown only as an aid, and escalation (¶2.81, ¶2.87)."""

from __future__ import annotations

from dataclasses import dataclass

from dutydesk.domain.model import Case, Discussion
from dutydesk.domain.policy_tables import Escalation
from dutydesk.domain.risk_factors import RiskFactors

SCORE_CAVEAT = (
    "A practice aid, not a predictor: children have died in low-score cases (seed 001). "
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
class EscalationResult:
    service_manager_discussion_required: bool
    urgent_action: bool
    ref: str
    discussion_done: bool
    missing_points: tuple[str, ...]  # ¶2.81 points not yet in the agreed record
    urgent_outstanding: tuple[str, ...]
    reason: str

    def as_json(self) -> dict[str, object]:
        return {
            "service_manager_discussion_required": self.service_manager_discussion_required,
            "urgent_action": self.urgent_action,
            "ref": self.ref,
            "discussion_recorded": self.discussion_done,
            "missing_points": list(self.missing_points),
            "urgent_actions_outstanding": list(self.urgent_outstanding),
            "reason": self.reason,
        }


def _best_discussion(case: Case) -> Discussion | None:
    agreed = [d for d in case.discussions if d.kind == "service_manager" and d.agreed]
    return agreed[-1] if agreed else None


def escalation(case: Case, table: Escalation) -> EscalationResult:
    overall = case.risk.overall
    needs = overall in table.discussion_levels
    urgent = overall in table.urgent_levels
    discussion = _best_discussion(case)
    missing = tuple(
        p.title for p in table.points if not (discussion and str(discussion.record.get(p.key) or "").strip())
    )
    done = needs and discussion is not None and not missing
    urgent_left = tuple(a.title for a in table.urgent_actions if urgent and not case.risk.urgent_actions.get(a.key))
    if urgent:
        reason = f"Overall risk is imminent: {table.urgent_title.lower()} ({table.urgent_ref}), and discuss with the Service Manager ({table.discussion_ref})"
    elif needs:
        reason = f"Overall risk is {overall}: discuss immediately with the Service Manager and agree a record ({table.discussion_ref})"
    else:
        reason = (
            "Overall risk is not high or imminent: no escalation required by ¶2.30"
            if overall
            else "Overall risk not yet recorded"
        )
    ref = f"{table.discussion_ref}; {table.urgent_ref}" if urgent else table.discussion_ref
    return EscalationResult(needs, urgent, ref, done, missing if needs else (), urgent_left, reason)
