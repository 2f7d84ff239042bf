"""What the officer reads for each stored value: the case file keeps `womens_aid`, the screen
says "Women's Aid". Every enumerated value shown or chosen in the desk goes through `label`, so
no internal identifier reaches a person (issue 17)."""

from __future__ import annotations

import re

# Only the values whose plain reading ("la knowledge", "sm copy") would be wrong or unclear.
# Anything else reads as its words with the first capitalised ("no_concern" → "No concern").
LABELS: dict[str, str] = {
    # applications (C100 orders) and the court's request
    "child_arrangements": "Child arrangements order",
    "specific_issue": "Specific issue order",
    "prohibited_steps": "Prohibited steps order",
    "leave_to_remove": "Leave to remove from the UK",
    "section7_report": "Section 7 report",
    "family_assistance_order": "Family assistance order",
    "rule_16_4_guardian": "Rule 16.4 children's guardian",
    "safeguarding_letter": "Safeguarding letter",
    # people
    "other_relevant_adult": "Other relevant adult",
    # forms
    "non_molestation": "Non-molestation order",
    "occupation": "Occupation order",
    "forced_marriage_protection": "Forced marriage protection order",
    "restraining": "Restraining order",
    # checks
    "cafcass_records": "Cafcass records",
    "la_knowledge": "Local authority's knowledge",
    "child_protection_plan": "Child protection plan",
    "womens_aid": "Women's Aid",
    "no_concern": "No concern",
    "not_obtained": "Not obtained",
    # findings
    "reprimand_warning": "Reprimand or final warning",
    "under_18": "Under 18",
    "adult": "Adult (18 or over)",
    # consent, telling
    "not_required": "Not required",
    # ¶2.60: each parent asked about domestic violence, separately and in private
    "asked": "Asked, separately and in private",
    "not_possible": "Not possible (say why)",
    "not_sought": "Not sought",
    "not_yet": "Not yet",
    # screening and referrals
    "witnessing_past": "Witnessing harm, in the past",
    "witnessing_ongoing": "Witnessing harm, still at risk",
    "other_harm": "Other harm (physical, sexual, emotional, neglect)",
    "s47_protection": "Section 47 — child protection",
    "s17_needs": "Section 17 — child in need",
    "promoting_welfare": "Promoting welfare",
    "s120_notification": "Section 120 notification",
    "other_party": "The other party",
    "current": "Current",
    "previous": "Previous",
    "sm_copy_sent_at": "Service Manager's copy sent",
    "sm_informed_at": "Service Manager told",
    "la_responded_at": "Local authority replied",
    "court_informed_at": "Court told",
    "social_worker_copy_sent_at": "Social worker's copy sent",
    "involvement_end_sent_at": "LA told involvement ended",
}
# Appendix III's rows, read in the Forms and Pathway steps.
PATHWAY_ROWS: dict[str, str] = {
    "none": "no harm indicated — nothing to do",
    "c1a_not_completed": "harm ticked but no C1A — tell the court",
    "s120_notification": "past harm from witnessing — section 120 notification",
    "referral_witnessing_ongoing": "still at risk from witnessing harm — referral",
    "referral_other_harm": "other kinds of harm — referral",
}
# Words inside other identifiers (event kinds, letter kinds) that read wrongly in lower case.
WORDS = {
    "c1": "C1",
    "c1a": "C1A",
    "c7": "C7",
    "c100": "C100",
    "la": "local authority",
    "sm": "Service Manager",
    "s7": "section 7",
    "s17": "section 17",
    "s47": "section 47",
    "s120": "section 120",
    "cafcass": "Cafcass",
    "hmcts": "HMCTS",
    "fhdra": "FHDRA",
    "cpp": "child protection plan",
    "dob": "date of birth",
}
_SIDE = re.compile(r"^(?P<site>.+)_(?P<side>left|right)$")  # the skin map's sites


def label(value: str | None) -> str:
    """A stored value as the officer reads it."""
    if value is None or value == "":
        return "not recorded"
    if value in LABELS:
        return LABELS[value]
    side = _SIDE.match(value)
    if side:  # "upper_arm_left" → "Left upper arm" (the child's own left)
        return f"{side['side'].capitalize()} {side['site'].replace('_', ' ')}"
    words = " ".join(WORDS.get(w, w) for w in value.split("_"))
    return words[:1].upper() + words[1:]


def labels(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(label(v) for v in values)


_PROPER = ("Women's", "Cafcass", "HMCTS", "FHDRA")


def in_sentence(value: str | None) -> str:
    """A label inside a sentence: "the local authority's knowledge check", "the Women's Aid check"."""
    text = label(value)
    if text.startswith(_PROPER) or (len(text) > 1 and (text[1].isupper() or text[1].isdigit())):
        return text
    return text[:1].lower() + text[1:]
