"""The case file's enumerations (dutydesk-case/1), as types the checker and the codec share."""

from __future__ import annotations

from typing import Literal

Law = Literal["private", "public"]
Application = Literal[
    "child_arrangements",
    "contact",
    "residence",
    "specific_issue",
    "prohibited_steps",
    "parental_responsibility",
    "inherent_jurisdiction",
    "enforcement",
    "leave_to_remove",
    "other",
]
WelfareWork = Literal["section7_report", "family_assistance_order", "rule_16_4_guardian", "other"]
DirectionKind = Literal["safeguarding_letter", "other"]
CaseStatus = Literal["open", "allocated", "complete", "closed"]
Role = Literal["applicant", "respondent", "child", "household_member", "new_partner", "other_relevant_adult"]
AllegationKind = Literal["domestic_abuse", "child_abuse", "abduction", "substance_misuse", "other_concern"]
HarmType = Literal["physical", "psychological", "sexual", "emotional", "financial", "neglect"]
OrderKind = Literal[
    "non_molestation",
    "occupation",
    "forced_marriage_protection",
    "restraining",
    "other_injunction",
    "undertaking",
]
CheckKind = Literal[
    "cafcass_records",
    "court_proceedings",
    "child_protection_plan",
    "la_knowledge",
    "police",
    "health",
    "womens_aid",
    "adult_services",
    "probation",
    "other",
]
CheckOutcome = Literal["pending", "no_concern", "concern", "not_known", "not_obtained"]
Consent = Literal["not_required", "given", "refused", "not_sought"]
# The finding's disposal: what the police or court record says happened (App. II notes: cautions
# and discharges count as convictions do; reprimands and final warnings were the youth caution).
FindingKind = Literal[
    "conviction",
    "caution",
    "reprimand_warning",
    "conditional_discharge",
    "absolute_discharge",
    "acquittal",
    "allegation",
    "other",
]
VictimAge = Literal["under_18", "adult", "not_known"]
HarmClassification = Literal["none", "witnessing_past", "witnessing_ongoing", "other_harm"]
Level = Literal["none", "low", "medium", "high", "imminent"]
ReferralKind = Literal["s47_protection", "s17_needs", "promoting_welfare", "s120_notification"]
Informed = Literal["yes", "no", "not_yet"]
# ¶2.60: "parents should be routinely asked about domestic violence separately. In private law, this
# will be in privacy at the first meeting or interview" — asked, not yet, or not possible (and why).
DaAsked = Literal["asked", "not_yet", "not_possible"]
ConcernSource = Literal["child", "parent", "other_party", "check", "professional", "observation", "other"]
CppStatus = Literal["current", "previous", "none"]
PromptDecisionKind = Literal["confirmed", "dismissed"]
# The skin map's sites (¶2.96: it shows where visible injuries are; a child is never asked to
# undress), front and back of the body, left and right as the child's own.
BodySite = Literal[
    "head",
    "face",
    "eye_left",
    "eye_right",
    "ear_left",
    "ear_right",
    "mouth",
    "neck",
    "shoulder_left",
    "shoulder_right",
    "upper_arm_left",
    "upper_arm_right",
    "forearm_left",
    "forearm_right",
    "wrist_left",
    "wrist_right",
    "hand_left",
    "hand_right",
    "chest",
    "abdomen",
    "upper_back",
    "lower_back",
    "buttocks",
    "thigh_left",
    "thigh_right",
    "knee_left",
    "knee_right",
    "lower_leg_left",
    "lower_leg_right",
    "ankle_left",
    "ankle_right",
    "foot_left",
    "foot_right",
    "other",
]
