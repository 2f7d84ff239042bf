"""The case as plain typed objects: everything in the dutydesk-case/1 contract, nothing derived.

No Textual, no SQLModel. `extra` on each object keeps keys this version does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from dutydesk.domain.case.enums import (
    AllegationKind,
    Application,
    BodySite,
    CaseStatus,
    CheckKind,
    CheckOutcome,
    ConcernSource,
    Consent,
    CppStatus,
    DaAsked,
    DirectionKind,
    FindingKind,
    HarmClassification,
    HarmType,
    Informed,
    Law,
    Level,
    OrderKind,
    PromptDecisionKind,
    ReferralKind,
    Role,
    VictimAge,
    WelfareWork,
)
from dutydesk.domain.case.partial_date import PartialDate
from dutydesk.domain.rules.labels import label
from dutydesk.domain.time.dates import age_on, uk_instant

LONDON_TZ = ZoneInfo("Europe/London")

REQUIRED = {"required": True}


Extra = dict[str, Any]


def _extra() -> Extra:
    return {}


@dataclass
class CourtDirection:
    id: str = ""  # stable within the case; the reader assigns one where a file has none
    kind: DirectionKind = field(default="other", metadata=REQUIRED)
    # A direction's working days: bounded, so no file can ask the calendar for 10**30 of them.
    working_days: int | None = field(default=None, metadata={"bounds": (0, 500)})
    from_: date | None = field(default=None, metadata={"key": "from"})
    due_on: date | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class CaseInfo:
    reference: str = field(default="", metadata=REQUIRED)
    law: Law = "private"
    court: str | None = None
    court_case_number: str | None = None
    court_address: str | None = None  # where letters to the court go (the recipient block)
    hmcts_case_id: str | None = None
    applications: list[Application] = field(default_factory=list)
    received_at: datetime | None = None
    first_hearing_at: datetime | None = None
    without_notice: bool | None = None  # an "Urgent and Without Notice" application (the SM's review)
    emergency_without_screening: bool | None = None
    emergency_record: str | None = None  # ¶2.22: "a record kept by Cafcass of what happened and why"
    court_requested_welfare_work: list[WelfareWork] = field(default_factory=list)
    court_directions: list[CourtDirection] = field(default_factory=list)
    status: CaseStatus = "open"
    # How the proceedings ended, as Cafcass knows it: App. III and ¶3.90 tell the agencies Cafcass
    # shared information with that its involvement has ended, and the outcome.
    outcome: str | None = None
    secured_at: datetime | None = None
    secured_reason: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Address:
    id: str = ""  # stable within the case; the reader assigns one where a file has none
    line1: str | None = None
    line2: str | None = None
    town: str | None = None
    postcode: str | None = None
    from_: date | None = field(default=None, metadata={"key": "from"})
    to: date | None = None
    confidential: bool = False
    extra: Extra = field(default_factory=_extra)

    def one_line(self) -> str:
        return ", ".join(p for p in (self.line1, self.line2, self.town, self.postcode) if p)


@dataclass
class Person:
    id: str = field(default="", metadata=REQUIRED)
    role: Role = field(default="other_relevant_adult", metadata=REQUIRED)
    given_names: str | None = None
    family_name: str | None = None
    previous_names: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    gender: str | None = None
    relationship_to_children: str | None = None
    addresses: list[Address] = field(default_factory=list)
    addresses_last_5_years_complete: bool | None = None
    phone: str | None = None
    # None: the officer has not said. A phone is then as confidential as the person's address
    # (a parent hiding where they live hides how to be reached): see phone_is_confidential.
    phone_confidential: bool | None = None
    email: str | None = None
    language: str | None = None
    interpreter_needed: bool | None = None
    ethnicity: str | None = None
    religion: str | None = None
    disability: str | None = None
    lives_with: list[str] = field(default_factory=list)
    school: str | None = None
    gp: str | None = None
    health_visitor: str | None = None
    partner_of: str | None = None
    added_at: datetime | None = None
    # ¶2.60: a parent "routinely asked about domestic violence separately … in privacy at the first
    # meeting or interview"; the screening outputs keep a "record of any interviews" (table after ¶2.37).
    da_asked: DaAsked | None = None
    da_asked_at: datetime | None = None
    da_asked_note: str | None = None  # what the parent said, or why asking was not possible
    extra: Extra = field(default_factory=_extra)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p) or "(name not recorded)"

    @property
    def phone_is_confidential(self) -> bool:
        """Said by the officer; else confidential whenever any of the person's addresses is."""
        if self.phone_confidential is not None:
            return self.phone_confidential
        return any(a.confidential for a in self.addresses)

    def current_address(self) -> Address | None:
        current = [a for a in self.addresses if a.to is None]
        return current[-1] if current else None

    def age_on(self, day: date) -> int | None:
        return age_on(self.date_of_birth, day)


@dataclass
class HarmForm:
    """The C1 or C7: the harm question ("Question 7") and when the form arrived."""

    received_on: date | None = None
    harm_indicated: bool | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Allegation:
    id: str = ""  # stable within the case; the reader assigns one where a file has none
    by: str | None = None
    against: str | None = None
    kind: AllegationKind = field(default="other_concern", metadata=REQUIRED)
    types: list[HarmType] = field(default_factory=list)
    children_at_risk: list[str] = field(default_factory=list)
    witnessed_by_children: bool | None = None
    ongoing: bool | None = None
    period: str | None = None
    police_involved: bool | None = None
    description: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class ProtectiveOrder:
    id: str = ""  # stable within the case; the reader assigns one where a file has none
    kind: OrderKind = field(default="other_injunction", metadata=REQUIRED)
    current: bool | None = None
    issued_on: date | None = None
    ends_on: date | None = None
    court: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class C1A:
    completed: bool | None = None
    received_on: date | None = None
    allegations: list[Allegation] = field(default_factory=list)
    protective_orders: list[ProtectiveOrder] = field(default_factory=list)
    extra: Extra = field(default_factory=_extra)


@dataclass
class Forms:
    """`c1a` is the applicant's C1A (filed with the C1); `respondent_c1a` the respondent's
    (filed with the C7). They are separate forms: one does not stand in for the other."""

    c1: HarmForm = field(default_factory=HarmForm)
    c7: HarmForm = field(default_factory=HarmForm)
    c1a: C1A = field(default_factory=C1A)
    respondent_c1a: C1A = field(default_factory=C1A)
    extra: Extra = field(default_factory=_extra)


@dataclass
class Check:
    id: str = field(default="", metadata=REQUIRED)
    kind: CheckKind = field(default="other", metadata=REQUIRED)
    subject: str | None = None
    requested_at: datetime | None = None
    received_at: datetime | None = None
    outcome: CheckOutcome = "pending"
    summary: str | None = None
    consent: Consent | None = None
    consent_note: str | None = None
    plan: CppStatus | None = None  # a child protection plan check: is the child on a plan now?
    # ¶2.17: the names and addresses the check asked about ("name …", "address …"), kept when it was
    # requested, so a name or address learned later shows the check did not cover it
    covered: list[str] | None = None
    expected_by: date | None = None  # when the reply is expected: the safeguarding letter says so
    extra: Extra = field(default_factory=_extra)


@dataclass
class Finding:
    id: str = field(default="", metadata=REQUIRED)
    subject: str | None = None
    source: str | None = None
    kind: FindingKind = field(default="other", metadata=REQUIRED)
    offence: str | None = None
    section: str | None = None
    act: str | None = None
    date: PartialDate | None = None  # as precise as the record gives it: 2012, 2012-03 or 2012-03-13
    attempt: bool | None = None
    victim_age: VictimAge | None = None  # App. II: unless stated otherwise the victim is under 18
    notes: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Departure:
    """A recorded departure from policy, with its reason (¶4.31)."""

    rule: str = field(default="", metadata=REQUIRED)
    reason: str = field(default="", metadata=REQUIRED)
    at: datetime | None = None
    by: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class PromptDecision:
    """The officer's answer to a prompt about words in the case's free text (harm named, or
    wording that can mask exploitation): confirmed as harm information, or dismissed with why."""

    id: str = field(default="", metadata=REQUIRED)
    key: str = field(default="", metadata=REQUIRED)  # the prompt's key, as `screen --json` gives it
    decision: PromptDecisionKind = field(default="confirmed", metadata=REQUIRED)
    classification: HarmClassification | None = None
    reason: str | None = None
    by: str | None = None
    at: datetime | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Screening:
    harm_classification: HarmClassification | None = None
    harm_classification_reason: str | None = None
    professional_judgement_police_check: bool | None = None
    professional_judgement_reason: str | None = None
    welfare_concerns_recorded: bool | None = None
    grounds_for_intervention: bool | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    departures: list[Departure] = field(default_factory=list)
    prompt_decisions: list[PromptDecision] = field(default_factory=list)
    extra: Extra = field(default_factory=_extra)


@dataclass
class RiskFactor:
    id: str = ""  # stable within the case; the reader assigns one where a file has none
    factor: str = field(default="other", metadata=REQUIRED)
    level: Level = field(default="none", metadata=REQUIRED)
    recency: str | None = None
    frequency: str | None = None
    notes: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Risk:
    factors: list[RiskFactor] = field(default_factory=list)
    overall: Level | None = None
    likelihood_of_harm: str | None = None
    analysis: str | None = None
    completed_at: datetime | None = None
    completed_by: str | None = None
    # The officer's recommendation to the court (the safeguarding letter cannot be drafted without
    # one) and, where the risk is of significant harm, the Children and Family Reporter's
    # availability: ¶2.112's paragraph says a schedule of it is attached.
    recommendation: str | None = None
    availability: str | None = None
    urgent_actions: dict[str, Any] = field(default_factory=dict)
    extra: Extra = field(default_factory=_extra)


@dataclass
class Discussion:
    id: str = field(default="", metadata=REQUIRED)
    kind: str = "service_manager"
    at: datetime | None = None
    with_: str | None = field(default=None, metadata={"key": "with"})
    record: dict[str, Any] = field(default_factory=dict)
    agreed: bool | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class ReferralConsent:
    child: Consent | None = None
    parents: Consent | None = None
    court: Consent | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Referral:
    id: str = field(default="", metadata=REQUIRED)
    kind: ReferralKind = field(default="s47_protection", metadata=REQUIRED)
    la: str | None = None
    la_address: str | None = None  # where the written confirmation goes (the recipient block)
    la_reference: str | None = None  # the local authority's own reference, quoted as "Your reference"
    children: list[str] = field(default_factory=list)
    phoned_at: datetime | None = None
    spoke_to: str | None = None
    call_record: str | None = None
    consent: ReferralConsent = field(default_factory=ReferralConsent)
    child_informed: Informed | None = None
    child_not_informed_reason: str | None = None
    child_views: str | None = None
    parents_informed: Informed | None = None
    parents_not_informed_reason: str | None = None
    parents_agreed: bool | None = None
    fax_sent_at: datetime | None = None
    post_sent_at: datetime | None = None
    sm_copy_sent_at: datetime | None = None
    la_responded_at: datetime | None = None
    chased_at: datetime | None = None
    court_informed_at: datetime | None = None
    sm_informed_at: datetime | None = None  # ¶2.83: a referral made before the Service Manager was consulted
    # ¶2.100: "A copy of the written information must also be sent to any allocated social worker"
    social_worker: str | None = None  # the allocated social worker: name and team
    social_worker_copy_sent_at: datetime | None = None
    # App. III (third action) and ¶3.90: "When Cafcass involvement ends, this should be notified to
    # the agencies with whom Cafcass has previously shared information"
    involvement_end_sent_at: datetime | None = None
    outcome: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Injury:
    """A visible injury, by its site on the skin map (¶2.96: visible injuries only)."""

    id: str = ""  # stable within the case; the reader assigns one where a file has none
    site: BodySite = field(default="other", metadata=REQUIRED)
    description: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class ConcernAction:
    id: str = ""  # stable within the case; the reader assigns one where a file has none
    at: datetime | None = None
    what: str | None = None
    by: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Concern:
    """A child welfare concern as identified (¶2.93-2.97): what was said or seen, by whom, who
    was present, when it was identified, visible injuries, each action with its time, and who
    recorded it."""

    id: str = field(default="", metadata=REQUIRED)
    identified_at: datetime | None = None
    source: ConcernSource = "other"
    told_by: str | None = None  # a person on the case, where someone told the officer
    children: list[str] = field(default_factory=list)
    what_was_said: str | None = None
    what_was_seen: str | None = None
    explanation: str | None = None  # any explanation the child gave (¶2.93)
    present: str | None = None  # anyone else present who could have witnessed it
    types: list[HarmType] = field(default_factory=list)
    witnessing: bool | None = None  # harm to someone else that the child saw or heard
    injuries: list[Injury] = field(default_factory=list)
    actions: list[ConcernAction] = field(default_factory=list)
    recorded_by: str | None = None
    recorded_at: datetime | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Event:
    id: str = ""  # stable within the case; the reader assigns one where a file has none
    at: datetime | None = field(default=None, metadata=REQUIRED)
    by: str | None = None
    kind: str = field(default="note", metadata=REQUIRED)
    with_: str | None = field(default=None, metadata={"key": "with"})
    text: str | None = None
    source: str | None = None
    extra: Extra = field(default_factory=_extra)


@dataclass
class Case:
    format: str = field(default="dutydesk-case/1", metadata=REQUIRED)
    case: CaseInfo = field(default_factory=CaseInfo, metadata=REQUIRED)
    people: list[Person] = field(default_factory=list)
    forms: Forms = field(default_factory=Forms)
    checks: list[Check] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    screening: Screening = field(default_factory=Screening)
    risk: Risk = field(default_factory=Risk)
    discussions: list[Discussion] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    extra: Extra = field(default_factory=_extra)

    def person(self, pid: str | None) -> Person | None:
        return next((p for p in self.people if p.id == pid), None)

    def with_role(self, *roles: str) -> list[Person]:
        return [p for p in self.people if p.role in roles]

    @property
    def children(self) -> list[Person]:
        return self.with_role("child")

    def name_of(self, pid: str | None) -> str:
        person = self.person(pid)
        return person.full_name if person else (pid or "(nobody)")

    def referral_named(self, rid: str | None, phoned: bool = True) -> str:
        """A referral as an officer knows it — its kind, the local authority, when it was phoned —
        never its id (ids are for the machine, issue 17)."""

        referral = next((r for r in self.referrals if r.id == rid), None)
        if referral is None:
            return "a referral no longer on the case"
        words = f"the {label(referral.kind)} referral"
        if referral.la:
            words += f" to {referral.la}"
        if phoned and referral.phoned_at:
            words += f" phoned {uk_instant(referral.phoned_at)}"
        return words
