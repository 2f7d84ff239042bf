"""Screening checks: the four in every private-law case (¶2.18), repeat checks for other names
and addresses (¶2.17), consent for extended checks and relevant adults (¶3.72-3.76), and work
done without screening (¶2.22)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from dutydesk.domain.case.model import Case, Check, Person
from dutydesk.domain.rules.labels import in_sentence

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
            # ¶3.72-3.73: a household member or new partner needs the additional checks
            if p.role in ("household_member", "new_partner")
            or any(c.kind == "police" and c.subject == p.id for c in case.checks)
        ]
        for person in subjects:
            found = [c for c in case.checks if c.kind == "police" and c.subject == person.id]
            state = _state(found)
            title = f"Police check on {person.full_name} ({in_sentence(person.role)})"
            out.append(CheckStatus("police", person.id, state, "¶2.19", _describe("police", title, found, state)))
    return out


@dataclass(frozen=True)
class Prompt:
    text: str
    ref: str
    subject: str | None = None


FAMILY_KINDS = ("cafcass_records", "court_proceedings", "la_knowledge")  # about the adults too (¶2.18)


@lru_cache(maxsize=64)
def _five_years_before(today: date) -> date:
    return today - relativedelta(years=5)  # 29 February five years on is 28 February


def person_details(person: Person, today: date) -> list[str]:
    """The names and addresses a check on this adult must cover: every name, and every address
    lived at within the last five years (¶2.17)."""
    since = _five_years_before(today)
    names = [person.full_name, *person.previous_names]
    addresses = [a.one_line() for a in person.addresses if a.to is None or a.to >= since]
    return [*(f"name {n}" for n in names if n), *(f"address {a}" for a in addresses if a)]


def snapshot(case: Case, today: date) -> list[str]:
    """What a check requested now covers: every adult's names and addresses (kept on the check)."""
    return [d for p in case.people if p.role != "child" for d in person_details(p, today)]


def repeat_checks(case: Case, today: date) -> list[Prompt]:
    """¶2.17: "It may be necessary to repeat the process at a later stage if an adult has been known by
    more than one name, or if an adult has had more than one address over the last five years and the
    information was not known at the time of the initial check." The family checks (¶2.18) count as
    checks on every adult, not only checks recorded against the person."""
    prompts = []
    for person in case.people:
        if person.role == "child":
            continue
        mine = [c for c in case.checks if c.subject == person.id or (c.subject is None and c.kind in FAMILY_KINDS)]
        details = person_details(person, today)
        recorded = [c for c in mine if c.covered is not None or c.extra.get("covers_previous_details")]
        if recorded:
            by_kind: dict[str, set[str]] = {}
            for c in recorded:
                covered = set(details) if c.extra.get("covers_previous_details") else set(c.covered or [])
                by_kind.setdefault(c.kind, set()).update(covered)
            for kind, covered in by_kind.items():
                new = [d for d in details if d not in covered]
                if new:
                    prompts.append(
                        Prompt(
                            f"Repeat the {in_sentence(kind)} check on {person.full_name} for {', '.join(new)}: "
                            "not known when the check was made",
                            "¶2.17",
                            person.id,
                        )
                    )
        else:
            since = _five_years_before(today)
            other = [
                *(f"name {n}" for n in person.previous_names),
                *(f"address {a.one_line()}" for a in person.addresses if a.to is not None and a.to >= since),
            ]
            if other and mine:
                kinds = ", ".join(sorted({in_sentence(c.kind) for c in mine}))
                prompts.append(
                    Prompt(
                        f"Repeat the checks on {person.full_name} ({kinds}) for {', '.join(other)}: the checks already "
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


def needs_written_consent(case: Case, check: Check) -> bool:
    """¶3.75: "Before making additional or extended checks the written explicit consent of the
    individual concerned should be obtained". Extended checks are those with other organisations
    (¶3.70: health, Women's Aid, adult services, probation); ¶3.72 calls every check on a further
    relevant individual an additional check — a police check on a new partner included. The
    parties' own screening checks (¶3.68) need none."""
    person = case.person(check.subject)
    return check.kind in EXTENDED_KINDS or (person is not None and person.role in RELEVANT_ADULT_ROLES)


def consent_prompts(case: Case) -> list[Prompt]:
    """¶3.75-3.76: additional and extended checks need written consent or a recorded reason for not
    seeking it; refused consent → consider seeking direction from the court (¶3.75)."""
    prompts = []
    for check in case.checks:
        if not needs_written_consent(case, check):
            continue
        person = case.person(check.subject)
        who = person.full_name if person else "the person checked"
        label = f"{in_sentence(check.kind)} check on {who}"
        if check.consent is None:
            prompts.append(
                Prompt(
                    f"Get {who}'s written explicit consent for the {label} (the consent to perform checks form), or "
                    "record the good reason it is not sought",
                    "¶3.75-3.76",
                    check.subject,
                )
            )
        elif check.consent == "not_sought" and not (check.consent_note or "").strip():
            prompts.append(Prompt(f"Record the reason consent was not sought for the {label}", "¶3.76", check.subject))
        elif check.consent == "refused":
            prompts.append(
                Prompt(
                    f"{who} refused consent for the {label}: consider seeking direction from the court",
                    "¶3.75",
                    check.subject,
                )
            )
    for person in case.with_role(*RELEVANT_ADULT_ROLES):
        if any(c.subject == person.id for c in case.checks):
            continue
        role = in_sentence(person.role)
        if person.role in ("household_member", "new_partner"):
            text = (
                f"{person.full_name} ({role}) is a relevant individual: it will be necessary to undertake "
                "additional checks, with their written explicit consent or a recorded reason for not seeking it"
            )
            ref = "¶3.72-3.73; ¶3.75"
        else:
            text = (
                f"{person.full_name} ({role}): decide whether they are a relevant individual who needs checks "
                "(a distant relative who rarely sees the family may not be)"
            )
            ref = "¶3.72-3.74"
        prompts.append(Prompt(text, ref, person.id))
    return prompts


def emergency_prompts(case: Case) -> list[Prompt]:
    """¶2.22 / ¶3.69: work done without the screening information owes two things — "the court
    should be made aware of this in writing and a record kept by Cafcass of what happened and why"."""
    if not case.case.emergency_without_screening:
        return []
    out = []
    told = [e for e in case.events if e.kind == "court_told_no_screening" and (e.text or "").strip()]
    if not told:
        out.append(
            Prompt(
                "Work was done without the screening information: tell the court in writing (the letter on the "
                "Letters step, recorded as sent)",
                "¶2.22; ¶3.69",
            )
        )
    if not (case.case.emergency_record or "").strip():
        out.append(
            Prompt(
                "Work was done without the screening information: keep a record of what happened and why "
                "(Intake: What happened and why)",
                "¶2.22; ¶3.69",
            )
        )
    return out
