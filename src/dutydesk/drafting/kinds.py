"""The documents dutydesk drafts: what each is for, whom it goes to, and which rule asks for it.

The recipient is fixed here, in code, not in the editable templates: it decides what the
confidentiality choke point (`confidential.py`) withholds, so no template can change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dutydesk.domain.case.model import Case, Referral

Recipient = Literal["court", "party", "local_authority", "internal"]


@dataclass(frozen=True)
class DocumentKind:
    name: str
    title: str
    recipient: Recipient
    ref: str
    # "required": a referral must be named (or be the only one); "optional": used if there is one.
    referral: Literal["required", "optional", "none"] = "none"
    # The chronology event the Letters step records when this document is marked sent.
    sent_event: str | None = None
    # When the case calls for it at all: "social_worker" once a referral names an allocated social
    # worker (¶2.100); "closed" once the case is closed (App. III; ¶3.90).
    when: Literal["always", "social_worker", "closed"] = "always"

    @property
    def label(self) -> str:
        """A name short enough for a table at 80 columns."""
        return SHORT_LABELS.get(self.name, self.title)


KINDS: dict[str, DocumentKind] = {
    k.name: k
    for k in (
        DocumentKind(
            "referral_letter",
            "Covering letter and referral information to children's social care",
            "local_authority",
            "¶2.65, ¶2.102, ¶2.103",
            referral="required",
        ),
        DocumentKind(
            "s120_notification",
            "Section 120 notification to children's social care",
            "local_authority",
            "¶2.79, ¶3.87",
            referral="optional",
            sent_event="s120_notification_sent",
        ),
        DocumentKind(
            "court_referral_made",
            "Letter to the court: referral made to children's social care",
            "court",
            "¶2.106",
            referral="required",
        ),
        DocumentKind(
            "court_s120_notification",
            "Letter to the court: section 120 notification made",
            "court",
            "App. III",
            referral="optional",
            sent_event="court_told_s120_notification",
        ),
        DocumentKind(
            "court_c1a_not_completed",
            "Letter to the court: C1A not completed as required",
            "court",
            "App. III",
            sent_event="court_told_c1a_not_completed",
        ),
        DocumentKind(
            "court_no_screening",
            "Letter to the court: work done without screening information",
            "court",
            "¶2.22",
            sent_event="court_told_no_screening",
        ),
        DocumentKind(
            "safeguarding_letter",
            "Screening outcome and safeguarding letter for the first hearing",
            "court",
            "¶2.24, ¶2.112",
            sent_event="safeguarding_letter_sent",
        ),
        DocumentKind(
            "service_manager_copy",
            "Copy of the written confirmation for the Service Manager",
            "internal",
            "¶2.108",
            referral="required",
        ),
        DocumentKind(
            "sm_discussion_record",
            "Agreed record of the Service Manager discussion",
            "internal",
            "¶2.81, ¶2.82",
        ),
        DocumentKind(
            "social_worker_copy",
            "Copy of the written information for the allocated social worker",
            "local_authority",
            "¶2.100",
            referral="required",
            when="social_worker",
        ),
        DocumentKind(
            "involvement_ended",
            "Letter to children's social care: Cafcass's involvement has ended",
            "local_authority",
            "App. III; ¶3.90",
            when="closed",
        ),
        DocumentKind("consent_to_checks", "Consent to perform checks", "party", "¶3.72-3.76"),
        DocumentKind("scr_notification", "Serious case review notification", "internal", "¶3.35"),
        DocumentKind("case_record", "Case record: the whole case, its chronology and audit trail", "internal", "¶3.42"),
    )
}

SHORT_LABELS = {
    "referral_letter": "Covering letter + CAF",
    "s120_notification": "s120 notification to LA",
    "court_referral_made": "Court: referral made",
    "court_s120_notification": "Court: s120 notified",
    "court_c1a_not_completed": "Court: C1A not completed",
    "court_no_screening": "Court: no screening info",
    "safeguarding_letter": "Safeguarding letter",
    "service_manager_copy": "Service Manager's copy",
    "social_worker_copy": "Social worker's copy",
    "involvement_ended": "LA: involvement ended",
    "sm_discussion_record": "¶2.81 discussion record",
    "consent_to_checks": "Consent to checks form",
    "scr_notification": "SCR notification",
    "case_record": "Case record + audit",
}

# The covering letter follows the kind of referral (¶2.65: three standard letters).
REFERRAL_LETTER_TEMPLATES = {
    "s47_protection": "referral_letter_s47",
    "s17_needs": "referral_letter_s17",
    "promoting_welfare": "referral_letter_welfare",
}


def template_name(kind: DocumentKind, referral_kind: str | None) -> str:
    if kind.name in ("referral_letter", "service_manager_copy") and referral_kind in REFERRAL_LETTER_TEMPLATES:
        return REFERRAL_LETTER_TEMPLATES[referral_kind]
    return kind.name


RECIPIENT_WORDS: dict[str, str] = {
    "court": "the court",
    "party": "a party",
    "local_authority": "children's social care",
    "internal": "Cafcass only",
}


def applies(kind: DocumentKind, case: Case, referral: Referral | None) -> bool:
    """Whether the case calls for this kind of document at all (the Letters step lists only these)."""
    if kind.when == "social_worker":
        return referral is not None and bool((referral.social_worker or "").strip())
    if kind.when == "closed":
        return case.case.status == "closed"
    return True
