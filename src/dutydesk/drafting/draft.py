"""Drafting one document from a case: choose the template, build the context, render, check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from dutydesk.config.office import Office, OfficeMissing, missing_message
from dutydesk.config.settings import load_settings
from dutydesk.domain.case.model import Case, Referral
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.harm import c1a_status
from dutydesk.domain.rules.pathway import harm_ticked_without_c1a
from dutydesk.drafting import confidential
from dutydesk.drafting.context import KNOWN, build_context, significant_harm
from dutydesk.drafting.docx_writer import to_docx
from dutydesk.drafting.kinds import KINDS, REFERRAL_LETTER_TEMPLATES, DocumentKind, applies, template_name
from dutydesk.drafting.pdf import docx_to_pdf
from dutydesk.drafting.templates import Block, check_template, render
from dutydesk.drafting.writers import to_text
from dutydesk.errors import BadInput

Format = Literal["txt", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("txt", "docx", "pdf")


@dataclass(frozen=True)
class Draft:
    kind: DocumentKind
    case_reference: str
    referral: str | None
    blocks: tuple[Block, ...]
    text: str
    author: str
    when: datetime

    def render(self, fmt: Format) -> bytes:
        if fmt == "txt":
            return self.text.encode("utf-8")
        docx = to_docx(list(self.blocks), f"{self.kind.title} — {self.case_reference}", self.author, self.when)
        if fmt == "pdf":
            return docx_to_pdf(docx)
        return docx


def all_template_names() -> list[str]:
    names = {k.name for k in KINDS.values()} | set(REFERRAL_LETTER_TEMPLATES.values())
    return sorted(names - {"referral_letter", "service_manager_copy", "social_worker_copy"})


def check_templates() -> None:
    """Every template parses and names only what documents provide (PolicyError otherwise)."""
    for name in all_template_names():
        check_template(name, KNOWN)


def kind_named(name: str) -> DocumentKind:
    kind = KINDS.get(name)
    if kind is None:
        raise BadInput(f"no document kind {name!r}; one of: {', '.join(KINDS)}")
    return kind


def referrals_for(case: Case, kind: DocumentKind) -> list[Referral]:
    """The referrals a document can be about: s120 notifications for the s120 documents, the
    other referrals for the rest."""
    s120 = kind.name.endswith("s120_notification")
    return [r for r in case.referrals if (r.kind == "s120_notification") == s120]


def choose_referral(case: Case, kind: DocumentKind, referral_id: str | None) -> Referral | None:
    if referral_id is not None:
        referral = next((r for r in case.referrals if r.id == referral_id), None)
        if referral is None:
            known = ", ".join(r.id for r in case.referrals) or "none recorded"
            raise BadInput(f"case {case.case.reference} has no referral {referral_id!r} (referrals: {known})")
        return referral
    if kind.referral == "none":
        return None
    wanted = referrals_for(case, kind)
    if len(wanted) == 1:
        return wanted[0]
    if kind.referral == "optional" and not wanted:
        return None
    if not wanted:
        s120 = [r.id for r in case.referrals if r.kind == "s120_notification"]
        if s120:
            raise BadInput(f"referral {s120[0]} is a section 120 notification: draft s120_notification instead")
        raise BadInput(f"{kind.name} needs a referral and case {case.case.reference} has none recorded")
    raise BadInput(
        f"case {case.case.reference} has several referrals; name one with --referral ({', '.join(r.id for r in wanted)})"
    )


def refuse_if_untrue(case: Case, kind: DocumentKind) -> None:
    """A letter that states a fact is not drafted for a case where it is not so: the court
    would be told something the record does not bear out."""
    if kind.name == "court_no_screening" and not case.case.emergency_without_screening:
        raise BadInput(
            "court_no_screening tells the court that work was done before the screening information was available "
            f"(¶2.22); case {case.case.reference} does not record that (Intake: Worked without screening)"
        )
    if kind.name in ("s120_notification", "court_s120_notification"):
        s120 = any(r.kind == "s120_notification" for r in case.referrals)
        if not s120 and case.screening.harm_classification != "witnessing_past":
            raise BadInput(
                f"{kind.name} says the children may in the past have been harmed by witnessing and that no child "
                f"protection referral is indicated; case {case.case.reference} records no section 120 notification and "
                "the harm is not classified as past witnessing (record the notification on Referrals first)"
            )
        return
    if kind.name != "court_c1a_not_completed":
        return
    if harm_ticked_without_c1a(case):  # the same rule as the App. III row
        return

    def word(value: bool | None) -> str:
        return {True: "yes", False: "no", None: "not known"}[value]

    answers = ", ".join(
        f"{s.form} harm: {word(s.ticked)} ({s.party}'s C1A: {s.c1a_state.replace('_', ' ')})" for s in c1a_status(case)
    )
    raise BadInput(
        f"{kind.name} tells the court that harm is ticked on the C1 or C7 and that party's C1A was not "
        f"completed as required (App. III); case {case.case.reference} has {answers}"
    )


def refuse_if_incomplete(case: Case, kind: DocumentKind, policy: Policy, now: datetime) -> None:
    """The safeguarding letter gives the court a recommendation, and where the risk is of
    significant harm ¶2.112's paragraph says a schedule of availability is attached: neither may
    be left for the reader to find missing."""
    if kind.name != "safeguarding_letter":
        return
    if not (case.risk.recommendation or "").strip():
        raise BadInput(
            "the safeguarding letter gives the court Cafcass's recommendation and none is recorded: "
            "write it on the Risk step (Recommendation to the court)"
        )
    if significant_harm(case, policy, now) and not (case.risk.availability or "").strip():
        raise BadInput(
            "the risk is of significant harm, so the letter's bold paragraph (¶2.112) says a schedule of the "
            "Children and Family Reporter's availability is attached: record it on the Risk step "
            "(Availability for the hearing)"
        )


def draft(
    case: Case,
    kind_name: str,
    policy: Policy,
    officer: str,
    now: datetime,
    referral_id: str | None = None,
    audit: list[dict[str, Any]] | None = None,
    office: Office | None = None,
) -> Draft:
    kind = kind_named(kind_name)
    refuse_if_untrue(case, kind)
    referral = choose_referral(case, kind, referral_id)
    if office is None:
        office = load_settings().office
    if kind.recipient != "internal" and office.missing():
        raise OfficeMissing(missing_message(office))
    refuse_if_incomplete(case, kind, policy, now)
    if (
        kind.name in ("referral_letter", "service_manager_copy", "social_worker_copy")
        and referral
        and referral.kind not in REFERRAL_LETTER_TEMPLATES
    ):
        raise BadInput(f"referral {referral.id} is a section 120 notification: draft s120_notification instead")
    if not applies(kind, case, referral):
        raise BadInput(NOT_CALLED_FOR[kind.when].format(kind=kind.name, ref=case.case.reference))
    if kind.name in ("service_manager_copy", "social_worker_copy"):
        return _copy_of_written_confirmation(case, kind, policy, officer, now, referral, audit, office)
    context = build_context(case, kind, referral, policy, officer, now, audit, office)
    blocks = render(template_name(kind, referral.kind if referral else None), context)
    text = to_text(blocks)
    confidential.assert_no_leak(text, case, kind.recipient, kind.title)
    return Draft(kind, case.case.reference, referral.id if referral else None, tuple(blocks), text, officer, now)


COPY_HEADINGS = {
    "service_manager_copy": "COPY for the Service Manager (¶2.108): the written confirmation of the referral, as sent to {to}",
    "social_worker_copy": "COPY for {worker}, the allocated social worker: the written information sent to {to}",
}
NOT_CALLED_FOR = {
    "social_worker": "{kind} goes to an allocated social worker and no referral on case {ref} names one: record the "
    "social worker on the referral first",
    "closed": "{kind} tells children's social care that Cafcass's involvement has ended; case {ref} is not closed",
    "always": "",
}


def _copy_of_written_confirmation(
    case: Case,
    kind: DocumentKind,
    policy: Policy,
    officer: str,
    now: datetime,
    referral: Referral | None,
    audit: list[dict[str, Any]] | None,
    office: Office,
) -> Draft:
    """¶2.108: "a copy of the written confirmation of the referral that is sent to Local Authority
    Children's Social Care"; ¶2.100: "a copy of the written information must also be sent to any
    allocated social worker" — the letter's own blocks, word for word and marked as it was, under
    a heading that says whose copy it is."""
    sent = draft(case, "referral_letter", policy, officer, now, referral.id if referral else None, audit, office)
    to = (referral.la if referral and referral.la else None) or "children's social care"
    worker = (referral.social_worker if referral else None) or "the allocated social worker"
    heading = COPY_HEADINGS[kind.name].format(to=to, worker=worker)
    # The protective marking stays the first line of any document (the letter's own marking follows).
    marking = sent.blocks[0]
    blocks = (marking, Block("blank"), Block("bold", heading), Block("blank"), *sent.blocks)
    return Draft(kind, case.case.reference, sent.referral, blocks, to_text(list(blocks)), officer, now)
