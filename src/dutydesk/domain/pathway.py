"""The section 120 pathway (Appendix III): suggest the harm classification, find the rows."""

from __future__ import annotations

from dataclasses import dataclass

from dutydesk.domain.enums import HarmClassification
from dutydesk.domain.model import Case
from dutydesk.domain.offences import RiskToChildren
from dutydesk.domain.policy_tables import PathwayAction, PathwayRow
from dutydesk.domain.results import Reason

SEVERITY: dict[str, int] = {"none": 0, "witnessing_past": 1, "witnessing_ongoing": 2, "other_harm": 3}
ROW_FOR: dict[str, str] = {
    "witnessing_past": "s120_notification",
    "witnessing_ongoing": "referral_witnessing_ongoing",
    "other_harm": "referral_other_harm",
}
DIRECT_HARM_TYPES = {"sexual", "neglect"}


@dataclass(frozen=True)
class Suggestion:
    classification: HarmClassification
    reasons: tuple[Reason, ...]


def suggest_classification(case: Case, risks: list[RiskToChildren]) -> Suggestion:
    """The most serious harm the C1A allegations and findings describe; the officer confirms."""
    best: HarmClassification = "none"
    reasons: list[Reason] = []

    def note(level: HarmClassification, text: str, ref: str = "App. III") -> None:
        nonlocal best
        reasons.append(Reason(text, ref))
        if SEVERITY[level] > SEVERITY[best]:
            best = level

    for i, a in enumerate(case.forms.c1a.allegations, start=1):
        against = case.name_of(a.against) if a.against else "someone"
        kinds = "/".join(a.types) or "unspecified"
        if a.kind == "child_abuse" or (set(a.types) & DIRECT_HARM_TYPES and a.kind != "domestic_abuse"):
            note("other_harm", f"C1A allegation {i}: {kinds} abuse of a child by {against} — harm to the child itself")
        elif a.kind == "domestic_abuse":
            if a.witnessed_by_children is False and not a.children_at_risk:
                reasons.append(
                    Reason(
                        f"C1A allegation {i}: domestic abuse by {against}, recorded as not seen or "
                        "heard by the children — confirm",
                        "App. III",
                    )
                )
            elif a.ongoing:
                note(
                    "witnessing_ongoing",
                    f"C1A allegation {i}: domestic abuse by {against} that is ongoing — the "
                    "child is still at risk from witnessing harm",
                )
            else:
                unknown = (
                    " (not recorded whether it continues: confirm the child no longer remains at risk)"
                    if a.ongoing is None
                    else ""
                )
                note(
                    "witnessing_past",
                    f"C1A allegation {i}: past domestic abuse by {against} witnessed by or "
                    f"affecting the children{unknown}",
                    "App. III; ¶2.79",
                )
        else:
            note(
                "other_harm",
                f"C1A allegation {i}: {a.kind.replace('_', ' ')} — a risk of harm to the child other "
                "than from witnessing",
                "App. III; ¶2.79",
            )
    for risk in risks:
        note(
            "other_harm",
            f"Risk to Children: {case.name_of(risk.subject)} has a listed offence ({risk.offence.offence})",
            "App. II; App. III",
        )
    if not reasons:
        reasons.append(Reason("No allegation of harm in the C1A and no finding on the Appendix II list", "App. III"))
    return Suggestion(best, tuple(reasons))


@dataclass(frozen=True)
class PathwayResult:
    rows: tuple[str, ...]
    suggested: Suggestion
    classification: HarmClassification | None  # the officer's, or None until confirmed
    reasons: tuple[Reason, ...]
    actions: tuple[tuple[str, PathwayAction], ...]  # (row id, action)

    def as_json(self) -> dict[str, object]:
        return {
            "rows": list(self.rows),
            "suggested_classification": self.suggested.classification,
            "suggestion_reasons": [r.as_json() for r in self.suggested.reasons],
            "classification": self.classification,
            "reasons": [r.as_json() for r in self.reasons],
            "actions": [{"row": row, "text": a.text, "ref": "App. III", "letter": a.letter} for row, a in self.actions],
        }


def harm_ticked_without_c1a(case: Case) -> list[str]:
    """App. III: the forms (C1, C7) with harm ticked, when no completed C1A came with them; empty
    when the "C1A not completed" row does not apply."""
    if case.forms.c1a.completed is True:
        return []
    return [name for name, v in (("C1", case.forms.c1.harm_indicated), ("C7", case.forms.c7.harm_indicated)) if v]


def pathway(case: Case, rows_table: dict[str, PathwayRow], risks: list[RiskToChildren]) -> PathwayResult:
    c1, c7 = case.forms.c1.harm_indicated, case.forms.c7.harm_indicated
    suggested = suggest_classification(case, risks)
    confirmed = case.screening.harm_classification
    classification = confirmed if confirmed is not None else suggested.classification
    rows: list[str] = []
    reasons: list[Reason] = []
    ticked = harm_ticked_without_c1a(case)
    if ticked:
        rows.append("c1a_not_completed")
        reasons.append(Reason(f"Harm ticked on the {' and '.join(ticked)} but no completed C1A", "App. III"))
    if classification in ROW_FOR:
        rows.append(ROW_FOR[classification])
        source = "confirmed by the officer" if confirmed is not None else "suggested, not yet confirmed"
        reasons.append(Reason(f"Harm classification {classification.replace('_', ' ')} ({source})", "App. III; ¶2.79"))
    if not rows:
        if c1 is None and c7 is None and not case.forms.c1a.allegations:
            reasons.append(Reason("The C1/C7 harm answers are not known yet: the row cannot be settled", "App. III"))
        else:
            rows.append("none")
            reasons.append(
                Reason(
                    "Harm box not ticked and nothing suggests harm: no further action with other agencies", "App. III"
                )
            )
    actions = tuple((row, action) for row in rows for action in rows_table[row].actions)
    return PathwayResult(tuple(rows), suggested, confirmed, tuple(reasons), actions)
