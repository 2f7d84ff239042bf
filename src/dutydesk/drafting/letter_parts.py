"""The parts of a letter around its body: letterhead, recipient block, references, subject,
salutation and a sign-off that matches it (a named recipient: "Yours sincerely"; "Sir or
Madam": "Yours faithfully"), and the protective marking."""

from __future__ import annotations

import re
from typing import Any

from dutydesk.config.office import Office
from dutydesk.domain.case.model import Case, Referral
from dutydesk.drafting.kinds import DocumentKind

MARKING = "OFFICIAL-SENSITIVE"
SUBJECTS = {
    "referral_letter": "Referral to children's social care: written confirmation",
    "service_manager_copy": "Referral to children's social care: written confirmation",
    "s120_notification": "Notification under section 120 of the Adoption and Children Act 2002",
    "court_referral_made": "Referral made to the local authority",
    "court_s120_notification": "Notification made to the local authority",
    "court_c1a_not_completed": "Form C1A not completed",
    "court_no_screening": "Work done before the screening information was available",
    "safeguarding_letter": "Safeguarding letter for the first hearing",
    "consent_to_checks": "Consent to checks with other agencies",
    "social_worker_copy": "Copy of the written information sent to children's social care",
    "involvement_ended": "Cafcass's involvement has ended",
}


def office_words(office: Office) -> dict[str, Any]:
    return {
        "complete": not office.missing(),
        "name": office.name or "Cafcass",
        "address": office.address_lines(),
        "phone": office.phone,
        "email": office.email,
        "role": office.role or "Family Court Adviser",
        "direct_line": office.direct_line,
        "contact_phone": office.direct_line or office.phone,
    }


def _lines(text: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", text or "") if part.strip()]


def person_named(text: str | None) -> str | None:
    """The name in 'Jo Bloggs, duty social worker' or 'Jo Bloggs (MASH)' — for 'Dear Jo Bloggs'."""
    name = re.split(r"[,(;]| - | – ", text or "")[0].strip()
    return name if len(name.split()) >= 2 and not name.lower().startswith(("the ", "duty ")) else None


def letter_words(case: Case, kind: DocumentKind, referral: Referral | None) -> dict[str, Any]:
    children = [p.full_name for p in case.people if p.role == "child"]
    if referral and referral.children:
        children = [case.name_of(c) for c in referral.children]
    about = ", ".join(children) if children else "the children"
    subject = SUBJECTS.get(kind.name)
    if referral and referral.kind == "promoting_welfare" and kind.name in ("referral_letter", "service_manager_copy"):
        # ¶2.62(c): a referral to any other agency is not a referral to children's social care.
        subject = f"Referral to {referral.la or 'another agency'} to promote the child's welfare: written confirmation"
    elif referral and referral.kind == "promoting_welfare" and kind.name == "court_referral_made":
        subject = f"Referral made to {referral.la or 'another agency'}"
    to: list[str] = []
    your_ref: str | None = None
    named: str | None = None
    if kind.recipient == "court":
        to = ["The Court Manager", case.case.court or "The Family Court", *_lines(case.case.court_address)]
        your_ref = case.case.court_case_number
    elif kind.name == "involvement_ended":
        # About the whole case: to the local authority every referral and notification went to.
        las = list(dict.fromkeys(r.la for r in case.referrals if r.la))
        to = las[:1] or ["Children's social care"]
        your_ref = next((r.la_reference for r in case.referrals if r.la_reference), None)
    elif kind.recipient == "local_authority" and kind.name != "service_manager_copy":
        la = referral.la if referral and referral.la else "Children's social care"
        named = person_named(referral.spoke_to) if referral else None
        if kind.name == "social_worker_copy" and referral and referral.social_worker:
            # ¶2.100: addressed to the allocated social worker, named as recorded ("name, team").
            named = person_named(referral.social_worker)
        to = [*(filter(None, [named])), la, *_lines(referral.la_address if referral else None)]
        your_ref = referral.la_reference if referral else None
    return {
        "marking": MARKING,
        "to": to,
        "your_ref": your_ref,
        "subject": f"{subject}: {about}" if subject else None,
        "salutation": f"Dear {named}" if named else "Dear Sir or Madam",
        "sign_off": "Yours sincerely" if named else "Yours faithfully",
    }
