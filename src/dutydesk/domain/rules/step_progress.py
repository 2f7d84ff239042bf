"""What each workspace step still lacks of its required content (issue 29): the step list ticks a
step (✓) only when nothing here is missing and What's next holds nothing for it — never on its
first entry. Each need names the paragraph that asks for it.

Pure: the case and its screening in, the needs out. The steps whose required content is already
What's next items (the ¶2.18 checks, the pathway's classification and prompts, the Service Manager
discussion and the concern records, the letters) add nothing here: their items keep them unticked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutydesk.domain.case.model import Case, Referral
from dutydesk.domain.rules.labels import in_sentence
from dutydesk.domain.rules.referrals import PHONED_KINDS
from dutydesk.domain.rules.results import Reason

if TYPE_CHECKING:
    from dutydesk.domain.rules.screening import Screening

S120_SENT = "s120_notification_sent"  # the Letters step's record of the notification letter sent
STEPS = ("intake", "people", "forms", "checks", "pathway", "risk", "escalation", "referrals", "letters", "chronology")


def step_needs(case: Case, result: Screening) -> dict[str, tuple[Reason, ...]]:
    """Each step's missing required content (empty where nothing is missing)."""
    found = {
        "intake": _intake(case),
        "people": _people(case),
        "forms": _forms(case),
        "risk": _risk(case),
        "referrals": _referrals(case),
    }
    return {step: tuple(found.get(step, ())) for step in STEPS}


def _intake(case: Case) -> list[Reason]:
    info = case.case
    out = []
    if not info.court:
        out.append(Reason("The court that sent the application", "¶2.16"))
    if not info.received_at:
        out.append(Reason("When the application was received", "¶2.16"))
    if not info.applications:
        out.append(Reason("What is applied for: the police check turns on it", "¶2.19-2.20"))
    if not info.first_hearing_at:
        out.append(Reason("The first hearing: risk identification is done before it", "¶2.28"))
    if info.emergency_without_screening and not (info.emergency_record or "").strip():
        out.append(Reason("What happened and why, where work was done without screening", "¶2.22"))
    return out


def _people(case: Case) -> list[Reason]:
    """¶2.15: screening gathers "relevant information in relation to all children and relevant
    adults"; ¶2.18 screens the applicant's C1 and the respondent's C7; ¶2.102 gives the child by
    "full name, date of birth"."""
    out = []
    if not case.children:
        out.append(Reason("The children the application is about", "¶2.15"))
    for role, form in (("applicant", "C1"), ("respondent", "C7")):
        if not case.with_role(role):
            out.append(Reason(f"The {role} (the {form})", "¶2.18"))
    for person in case.people:
        if person.role == "child":
            name = person.given_names or "a child"
            if not (person.given_names and person.family_name):
                out.append(Reason(f"{name}'s full name", "¶2.102"))
            if person.date_of_birth is None:
                out.append(Reason(f"{name}'s date of birth", "¶2.102"))
        elif not (person.given_names or person.family_name):
            out.append(Reason(f"The {in_sentence(person.role)}'s name: checks are made on it", "¶2.17"))
    return out


def _forms(case: Case) -> list[Reason]:
    """App. III turns on each form's harm answer and whether the C1A that must follow came."""
    out = []
    forms = case.forms
    for name, form, party, c1a in (
        ("C1", forms.c1, "applicant", forms.c1a),
        ("C7", forms.c7, "respondent", forms.respondent_c1a),
    ):
        if form.harm_indicated is None:
            if name == "C1" or form.received_on is not None:
                out.append(Reason(f"The {name} harm answer (Question 7)", "App. III; ¶2.18"))
        elif form.harm_indicated and c1a.completed is None and not (c1a.allegations or c1a.protective_orders):
            out.append(Reason(f"Whether the {party}'s C1A was completed, and what it says", "App. III"))
    return out


def _risk(case: Case) -> list[Reason]:
    """¶2.28: risk identification before the first hearing; ¶2.30: "A copy of the completed risk
    identification form must be kept on file"."""
    out = []
    if case.risk.overall is None:
        out.append(Reason("The overall level of risk", "¶2.26-2.30"))
    if case.risk.completed_at is None:
        out.append(Reason("Risk identification marked complete", "¶2.28; ¶2.30"))
    return out


def _referrals(case: Case) -> list[Reason]:
    out: list[Reason] = []
    for n, r in enumerate(case.referrals, start=1):
        out += [Reason(f"Referral {n}: {what}", ref) for what, ref in _referral(case, r)]
    return out


def _referral(case: Case, r: Referral) -> list[tuple[str, str]]:
    out = []
    if not (r.la or "").strip():
        out.append(("the local authority (or agency) it went to", "¶2.61; ¶2.100"))
    if not r.children:
        out.append(("the children it is about", "¶2.102"))
    if r.kind in PHONED_KINDS:
        if r.phoned_at is None:
            out.append(("when it was phoned (the referral is made by telephone first)", "¶2.101; ¶2.95"))
        if not (r.call_record or "").strip():
            out.append(("the record of the telephone conversation", "¶2.103"))
    elif r.fax_sent_at is None and r.post_sent_at is None and not any(e.kind == S120_SENT for e in case.events):
        out.append(("when the notification was sent", "App. III"))
    return out
