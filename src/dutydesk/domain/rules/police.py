"""Whether a police check is made (¶2.19-2.20): required, not required, or the officer's judgement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from dutydesk.domain.case.model import Case
from dutydesk.domain.policy.bundle import LocalSettings
from dutydesk.domain.rules.harm import HarmPicture
from dutydesk.domain.rules.labels import in_sentence
from dutydesk.domain.rules.results import Reason

if TYPE_CHECKING:
    from dutydesk.domain.rules.checks import CheckStatus

PoliceStatus = Literal["required", "not_required", "judgement"]
EXCLUDED_ALONE = {"specific_issue", "prohibited_steps", "inherent_jurisdiction"}  # ¶2.20
# ¶2.19: "any further work requested by the court on welfare grounds, including…" — every kind.
WELFARE_WORK = {
    "section7_report": "a section 7 report",
    "family_assistance_order": "a Family Assistance Order",
    "rule_16_4_guardian": "a children's guardian appointed under rule 16.4",
    "other": "other welfare work",
}
CHILD_ARRANGEMENTS = {"child_arrangements", "contact", "residence"}


@dataclass(frozen=True)
class PoliceCheck:
    status: PoliceStatus
    reasons: tuple[Reason, ...]
    decided: bool | None = None  # the officer's recorded decision where it is a judgement
    # Whether the officer's professional judgement (¶2.19's third ground) can decide: not where the
    # harm box, other information, the court's welfare work or office practice already requires the
    # check — the judgement field is then not asked.
    judgement_asked: bool = True

    def as_json(self) -> dict[str, object]:
        return {"status": self.status, "reasons": [r.as_json() for r in self.reasons], "officer_decision": self.decided}


def grounds(case: Case, picture: HarmPicture, elsewhere: list[str], judgement: bool = True) -> list[Reason]:
    """Every ¶2.19 ground present on the case, each named: the harm box, and "any other
    information" — the whole harm picture; the officer's judgement unless `judgement` is False."""
    found = []
    for status in picture.c1a:
        if status.ticked:
            found.append(Reason(f"Harm is indicated on the {status.form} (the harm tick box)", "¶2.19"))
    for item in picture.items:
        pending = " (words in the text, not yet confirmed)" if item.to_confirm else ""
        found.append(Reason(f"Other information of harm — {item.source}: {item.text}{pending}", "¶2.19"))
    for text in elsewhere:
        found.append(Reason(text, "¶2.19"))
    for work in case.case.court_requested_welfare_work:
        found.append(Reason(f"The court asked for further welfare work: {WELFARE_WORK.get(work, work)}", "¶2.19"))
    if judgement and case.screening.professional_judgement_police_check:
        why = case.screening.professional_judgement_reason or "reason not recorded"
        found.append(Reason(f"The officer's professional judgement: {why}", "¶2.19"))
    return found


def police_check(
    case: Case, local: LocalSettings, picture: HarmPicture, elsewhere: list[str] | None = None
) -> PoliceCheck:
    present = grounds(case, picture, elsewhere or [])
    if present:
        # Required by the officer's judgement alone: it is hers to keep or change.
        alone = len(present) == 1 and case.screening.professional_judgement_police_check is True
        return PoliceCheck("required", tuple(present), judgement_asked=alone)
    apps = set(case.case.applications)
    if local.police_check_all_child_arrangements and apps & CHILD_ARRANGEMENTS:
        return PoliceCheck(
            "required",
            (
                Reason(
                    "Office practice: a police check on every child arrangements application",
                    "local practice, not framework",
                ),
            ),
            judgement_asked=False,
        )
    decided = case.screening.professional_judgement_police_check
    if apps and (apps <= EXCLUDED_ALONE or apps == {"parental_responsibility"}):
        listed = ", ".join(sorted(in_sentence(a) for a in apps))
        return PoliceCheck(
            "not_required",
            (Reason(f"Only {listed} applied for and no ¶2.19 ground is present: no police check", "¶2.20"),),
        )
    reasons = []
    if "parental_responsibility" in apps and len(apps) > 1:
        reasons.append(
            Reason(
                "Parental responsibility is linked with other issues, so the ¶2.20 exclusion does not apply", "¶2.20"
            )
        )
    if not apps:
        reasons.append(Reason("No application type is recorded", "¶2.20"))
    reasons.append(
        Reason(
            "No ¶2.19 ground is recorded and ¶2.20 does not exclude this application: the officer decides, considering "
            "the nature of any dispute over contact and residence, a high-conflict breakdown, distress in the child and "
            "the ¶2.14 risk factors, and records the decision",
            "¶2.19",
        )
    )
    if decided is False:
        why = case.screening.professional_judgement_reason or "reason not recorded"
        reasons.append(Reason(f"Officer decided no police check is needed: {why}", "¶2.19"))
    return PoliceCheck("judgement", tuple(reasons), decided)


def police_progress(case: Case, police: PoliceCheck, required: Iterable[CheckStatus]) -> str:
    """The police check in a word for the duty board, from the checks' outcomes once ¶2.19 requires
    one on each party: "required" (none asked for), "requested", "1 of 2 back", then what came back —
    "concern", "no concern", or "received" (not known, not obtained). Where no check is required:
    "not required" (¶2.20), "to decide" (the officer's judgement, ¶2.19) or "not needed" (judged so)."""
    if police.status == "not_required":
        return "not required"
    if police.status == "judgement":
        return "not needed" if police.decided is False else "to decide"
    subjects = [c.subject for c in required if c.kind == "police"]
    found = {s: [k for k in case.checks if k.kind == "police" and k.subject == s] for s in subjects}
    answers = [k.outcome for checks in found.values() for k in checks if k.outcome != "pending"]
    back = sum(1 for checks in found.values() if any(k.outcome != "pending" for k in checks))
    if not back:
        requested = any(k.requested_at for checks in found.values() for k in checks)
        return "requested" if requested else "required"
    if back < len(subjects):
        return f"{back} of {len(subjects)} back"
    if "concern" in answers:
        return "concern"
    return "no concern" if all(a == "no_concern" for a in answers) else "received"
