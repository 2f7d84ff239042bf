"""The section 120 pathway (Appendix III): suggest the harm classification, find the rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dutydesk.domain.case.enums import HarmClassification
from dutydesk.domain.case.model import Case
from dutydesk.domain.policy.tables import PathwayAction, PathwayRow
from dutydesk.domain.rules.harm import HarmPicture, c1a_status
from dutydesk.domain.rules.labels import in_sentence
from dutydesk.domain.rules.results import Reason

ROW_FOR: dict[str, str] = {
    "witnessing_past": "s120_notification",
    "witnessing_ongoing": "referral_witnessing_ongoing",
    "other_harm": "referral_other_harm",
}
# The suggestion: a classification, or "unclassified" when information about harm exists that
# fits no App. III row by itself and only the officer can place it.
Suggested = Literal["none", "witnessing_past", "witnessing_ongoing", "other_harm", "unclassified"]


@dataclass(frozen=True)
class Suggestion:
    classification: Suggested
    reasons: tuple[Reason, ...]


def suggest_classification(picture: HarmPicture) -> Suggestion:
    """The most serious harm the whole picture describes (App. III, ¶2.79); the officer confirms.

    Past witnessing is a notification only where there is "insufficient information to indicate
    that the child remains at risk" (¶2.79): a current plan, ongoing abuse or a recent concern
    makes it a referral.
    """
    items = picture.items
    reasons = [Reason(f"{i.source}: {i.text}", i.ref) for i in items]
    kinds = {i.suggests for i in items}
    best: Suggested
    if "other_harm" in kinds:
        best = "other_harm"
    elif kinds & {"witnessing", "witnessing_ongoing"}:
        best = "witnessing_ongoing" if "witnessing_ongoing" in kinds or picture.remains_at_risk else "witnessing_past"
        if best == "witnessing_ongoing" and "witnessing_ongoing" not in kinds:
            reasons += [
                Reason(
                    f"The child is shown to remain at risk: {r.text}, so this is a referral, not a notification", r.ref
                )
                for r in picture.remains_at_risk
            ]
    elif "unclassified" in kinds:
        best = "unclassified"
        reasons.append(
            Reason(
                "Information about harm is recorded that fits no App. III row by itself: the officer classifies it",
                "App. III; ¶2.79",
            )
        )
    else:
        best = "none"
    if not items:
        missing = [s for s in picture.c1a if s.missing]
        if missing:
            reasons += [s.reason for s in missing]
            reasons.append(
                Reason("No information yet describes the harm ticked: classify it when the C1A arrives", "App. III")
            )
        else:
            reasons.append(Reason("Nothing on the case suggests harm: no harm ticked, no C1A allegation, finding, "
                                  "check concern, concern record or harm named in the case's notes", "App. III"))  # fmt: skip
    return Suggestion(best, tuple(reasons))


@dataclass(frozen=True)
class PathwayResult:
    rows: tuple[str, ...]
    suggested: Suggestion
    classification: HarmClassification | None  # the officer's, or None until confirmed
    reasons: tuple[Reason, ...]
    actions: tuple[tuple[str, PathwayAction], ...]  # (row id, action)
    warnings: tuple[Reason, ...] = ()  # the officer's classification against what the case shows

    def as_json(self) -> dict[str, object]:
        return {
            "rows": list(self.rows),
            "suggested_classification": self.suggested.classification,
            "suggestion_reasons": [r.as_json() for r in self.suggested.reasons],
            "classification": self.classification,
            "reasons": [r.as_json() for r in self.reasons],
            "actions": [{"row": row, "text": a.text, "ref": "App. III", "letter": a.letter} for row, a in self.actions],
            "warnings": [w.as_json() for w in self.warnings],
        }


def harm_ticked_without_c1a(case: Case) -> list[str]:
    """App. III: the forms (C1, C7) with harm ticked whose party's C1A is not completed as
    required (missing, or filed saying nothing); empty when the row does not apply."""
    return [s.form for s in c1a_status(case) if s.missing]


def pathway(case: Case, rows_table: dict[str, PathwayRow], picture: HarmPicture) -> PathwayResult:
    suggested = suggest_classification(picture)
    confirmed = case.screening.harm_classification
    classification = confirmed
    if classification is None and suggested.classification != "unclassified":
        classification = suggested.classification
    rows: list[str] = []
    reasons: list[Reason] = []
    warnings: list[Reason] = []
    for status in picture.c1a:
        if status.missing:
            reasons.append(status.reason)
    if any(s.missing for s in picture.c1a):
        rows.append("c1a_not_completed")
    if classification in ROW_FOR:
        rows.append(ROW_FOR[classification])
        source = "confirmed by the officer" if confirmed is not None else "suggested, not yet confirmed"
        reasons.append(Reason(f"Harm classification {in_sentence(classification)} ({source})", "App. III; ¶2.79"))
    if confirmed == "witnessing_past" and picture.remains_at_risk:
        warnings.append(
            Reason(
                "Classified as past witnessing, but the child is shown to remain at risk ("
                + "; ".join(r.text for r in picture.remains_at_risk)
                + "): ¶2.79 allows a notification only where nothing indicates that; review the classification",
                "¶2.79",
            )
        )
    if confirmed == "none" and picture.items and not (case.screening.harm_classification_reason or "").strip():
        warnings.append(
            Reason(
                f"Classified as no harm although {len(picture.items)} piece(s) of information about harm are recorded: "
                "record the reason (¶4.31)",
                "¶2.79; ¶4.31",
            )
        )
    if case.screening.decided_at is not None and confirmed is None and picture.items:
        warnings.append(
            Reason(
                "Screening is recorded as decided, but the information about harm has not been classified: "
                "screening is not complete until it is",
                "App. III; ¶2.79",
            )
        )
    if not rows:
        c1, c7 = case.forms.c1.harm_indicated, case.forms.c7.harm_indicated
        if suggested.classification == "unclassified" and confirmed is None:
            reasons.append(
                Reason(
                    "Information about harm is recorded: classify it before the row can be settled", "App. III; ¶2.79"
                )
            )
        elif c1 is None and c7 is None and not picture.items:
            reasons.append(Reason("The C1/C7 harm answers are not known yet: the row cannot be settled", "App. III"))
        else:
            rows.append("none")
            if picture.items:
                why = "the officer classified the harm information as not requiring action"
            else:
                why = "harm box not ticked and nothing on the case suggests harm"
            reasons.append(Reason(f"No further action with other agencies: {why}", "App. III"))
    actions = tuple((row, action) for row in rows for action in rows_table[row].actions)
    return PathwayResult(tuple(rows), suggested, confirmed, tuple(reasons), actions, tuple(warnings))
