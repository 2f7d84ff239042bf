"""Screening checks: the four in every private-law case (¶2.18), repeat checks for other names
and addresses (¶2.17), consent for extended checks and relevant adults (¶3.72-3.76), and work
done without screening (¶2.22)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dutydesk.domain.model import Case, Check, Person

REQUIRED_KINDS = {
    "cafcass_records": "Cafcass's own previous knowledge of the child and family",
    "court_proceedings": "What the court says about previous or current proceedings",
    "child_protection_plan": "Whether the child is subject of a child protection plan",
    "la_knowledge": "The local authority's previous knowledge of the child and family",
}
EXTENDED_KINDS = {"health", "womens_aid", "adult_services", "probation"}
RELEVANT_ADULT_ROLES = {"household_member", "new_partner", "other_relevant_adult"}


@dataclass(frozen=True)
class CheckStatus:
    kind: str
    subject: str | None
    status: str  # outstanding / received / concern
    ref: str
    text: str

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "subject": self.subject, "status": self.status, "ref": self.ref, "text": self.text}


def _state(found: list[Check]) -> str:
    if any(c.outcome == "concern" for c in found):
        return "concern"
    if any(c.outcome != "pending" for c in found):
        return "received"
    return "outstanding"


def _describe(kind: str, title: str, found: list[Check], state: str) -> str:
    if state == "outstanding":
        asked = [c for c in found if c.requested_at]
        return f"{title}: requested, no answer yet" if asked else f"{title}: not yet requested"
    summaries = "; ".join(c.summary for c in found if c.summary)
    word = "concern recorded" if state == "concern" else "received"
    return f"{title}: {word}" + (f" — {summaries}" if summaries else "")


def required_checks(case: Case, police_required: bool) -> list[CheckStatus]:
    """¶2.18's four checks for the family, plus a police check on each party when ¶2.19 applies."""
    out = []
    for kind, title in REQUIRED_KINDS.items():
        found = [c for c in case.checks if c.kind == kind]
        state = _state(found)
        out.append(CheckStatus(kind, None, state, "¶2.18", _describe(kind, title, found, state)))
    if police_required:
        subjects = [p for p in case.with_role("applicant", "respondent")]
        subjects += [
            p
            for p in case.with_role(*RELEVANT_ADULT_ROLES)
            if any(c.kind == "police" and c.subject == p.id for c in case.checks)
        ]
        for person in subjects:
            found = [c for c in case.checks if c.kind == "police" and c.subject == person.id]
            state = _state(found)
            title = f"Police check on {person.full_name} ({person.role.replace('_', ' ')})"
            out.append(CheckStatus("police", person.id, state, "¶2.19", _describe("police", title, found, state)))
    return out


@dataclass(frozen=True)
class Prompt:
    text: str
    ref: str
    subject: str | None = None


def _previous_addresses(person: Person, today: date) -> list[str]:
    since = today - timedelta(days=5 * 365 + 1)
    return [a.one_line() for a in person.addresses if a.to is not None and a.to >= since]


def repeat_checks(case: Case, today: date) -> list[Prompt]:
    """¶2.17: another name, or another address in the last five years, not covered by the checks
    already asked for; or previous addresses not known at all."""
    prompts = []
    for person in case.people:
        if person.role == "child":
            continue
        mine = [c for c in case.checks if c.subject == person.id]
        other_details = [
            *(f"name {n}" for n in person.previous_names),
            *(f"address {a}" for a in _previous_addresses(person, today)),
        ]
        if other_details and mine and not any(c.extra.get("covers_previous_details") for c in mine):
            prompts.append(
                Prompt(
                    f"Repeat the checks on {person.full_name} for {', '.join(other_details)}: the checks already "
                    "asked for do not say they covered them",
                    "¶2.17",
                    person.id,
                )
            )
        if person.role in ("applicant", "respondent") and person.addresses_last_5_years_complete is False:
            prompts.append(
                Prompt(
                    f"{person.full_name}'s addresses over the last five years are not all known: find them, and "
                    "repeat the checks if there were others",
                    "¶2.17",
                    person.id,
                )
            )
    return prompts


def consent_prompts(case: Case) -> list[Prompt]:
    """¶3.75-3.76: extended checks, and checks on relevant adults, need written consent or a
    recorded reason for not seeking it; refused consent → consider asking the court."""
    prompts = []
    for check in case.checks:
        person = case.person(check.subject)
        needs = check.kind in EXTENDED_KINDS or (
            person is not None and person.role in RELEVANT_ADULT_ROLES and check.kind != "police"
        )
        if not needs:
            continue
        who = person.full_name if person else "the person checked"
        label = f"{check.kind.replace('_', ' ')} check on {who}"
        if check.consent is None:
            prompts.append(
                Prompt(
                    f"Get {who}'s written consent for the {label}, or record why it is not sought",
                    "¶3.75-3.76",
                    check.subject,
                )
            )
        elif check.consent == "not_sought" and not (check.consent_note or "").strip():
            prompts.append(Prompt(f"Record the reason consent was not sought for the {label}", "¶3.76", check.subject))
        elif check.consent == "refused":
            prompts.append(
                Prompt(
                    f"{who} refused consent for the {label}: consider asking the court for directions",
                    "¶3.76",
                    check.subject,
                )
            )
    for person in case.with_role(*RELEVANT_ADULT_ROLES):
        if not any(c.subject == person.id for c in case.checks):
            prompts.append(
                Prompt(
                    f"{person.full_name} ({person.role.replace('_', ' ')}) is a relevant adult: decide whether checks are "
                    "needed (with written consent for anything beyond Cafcass and police records)",
                    "¶3.72-3.75",
                    person.id,
                )
            )
    return prompts


def emergency_prompt(case: Case) -> Prompt | None:
    """¶2.22: work done without the screening information → tell the court in writing, keep a record."""
    if not case.case.emergency_without_screening:
        return None
    if any(e.kind == "court_told_no_screening" for e in case.events):
        return None
    return Prompt(
        "Work was done without the screening information: tell the court in writing and record what happened and why",
        "¶2.22",
    )
