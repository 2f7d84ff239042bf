"""One picture of harm: every piece of information about possible harm to a child, from every
source on the case, each with where it came from, what it suggests and why.

The framework asks for all of it, not only the tick box: "all information about possible
significant harm to a child, even when the alleged incident was in the past" goes through the
Child Welfare (Protection) procedure with a view to referral (¶2.79); a police check follows harm
raised "via the harm 'tick box' or any other information" (¶2.19); "where there are concerns about
possible significant harm" the practitioner discusses them with the Service Manager first (¶2.81).
The App. III pathway, the police check and the Service Manager escalation all read this picture.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from dateutil.relativedelta import relativedelta

from dutydesk.domain.case.model import C1A, Allegation, Case
from dutydesk.domain.rules.labels import in_sentence, label
from dutydesk.domain.rules.language import LanguagePrompt
from dutydesk.domain.rules.offences import DISPOSAL_WORDS, FindingAssessment
from dutydesk.domain.rules.results import Reason
from dutydesk.domain.time.calendar import london_date
from dutydesk.domain.time.dates import day

Suggests = Literal["other_harm", "witnessing", "witnessing_ongoing", "unclassified"]

# Risk identification factors that are themselves information about harm, and what they suggest.
CHILD_HARM_FACTORS = {"previous_harm_to_children", "physical_abuse", "emotional_abuse", "sexual_abuse", "neglect"}
WITNESSING_FACTORS = {
    "domestic_violence",
    "post_separation_violence",
    "violence_linked_with_contact",
    "jealous_possessive_behaviour",
}
OTHER_FACTORS = {"child_putting_self_at_risk", "person_posing_risk"}
# What HMCTS's feed says that raises harm by itself (the importer records it as events).
HMCTS_SIGNALS: dict[str, Suggests] = {
    "miam_domestic_violence": "witnessing",
    "non_molestation_order": "witnessing",
    "miam_child_protection": "unclassified",
}
WITNESSING_ORDERS = {"non_molestation", "occupation", "restraining"}
DIRECT_HARM_TYPES = {"sexual", "neglect"}
TEXT_SUGGESTS: dict[str, Suggests] = {
    "child_harm": "other_harm",
    "witnessing": "witnessing",
    "unclassified": "unclassified",
    "": "other_harm",  # exploitation of a child (seed 001 §4.5) is sexual abuse
}
CLASSIFIED_AS: dict[str, Suggests] = {
    "other_harm": "other_harm",
    "witnessing_past": "witnessing",
    "witnessing_ongoing": "witnessing_ongoing",
}


@dataclass(frozen=True)
class HarmItem:
    key: str  # stable, e.g. "findings[f1]", "checks[k2]", "forms.c1a.allegations[0]"
    source: str  # where it came from, in words
    text: str  # what it says, in plain English
    ref: str
    suggests: Suggests
    step: str  # the workspace step that holds it
    to_confirm: bool = False  # words in free text the officer has not yet confirmed or dismissed

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "source": self.source,
            "text": self.text,
            "ref": self.ref,
            "suggests": self.suggests,
            "step": self.step,
            "to_confirm": self.to_confirm,
        }


@dataclass(frozen=True)
class C1AStatus:
    """One C1/C7 harm answer and the C1A that must come with it."""

    form: str  # "C1" or "C7"
    party: str  # "applicant" / "respondent"
    ticked: bool | None
    c1a_state: str  # "not_required", "completed", "blank", "not_completed"
    reason: Reason

    @property
    def missing(self) -> bool:
        return bool(self.ticked) and self.c1a_state in ("blank", "not_completed")


@dataclass(frozen=True)
class HarmPicture:
    items: tuple[HarmItem, ...]
    c1a: tuple[C1AStatus, ...]
    remains_at_risk: tuple[Reason, ...]  # why the child is shown to remain at risk (¶2.79)
    significant_harm: tuple[Reason, ...]  # concerns about possible significant harm (¶2.81)

    def as_json(self) -> dict[str, object]:
        return {
            "items": [i.as_json() for i in self.items],
            "c1a": [
                {"form": s.form, "party": s.party, "harm_ticked": s.ticked, "c1a": s.c1a_state, **s.reason.as_json()}
                for s in self.c1a
            ],
            "remains_at_risk": [r.as_json() for r in self.remains_at_risk],
            "significant_harm_concerns": [r.as_json() for r in self.significant_harm],
        }


def c1a_says_something(c1a: C1A) -> bool:
    return bool(c1a.allegations or c1a.protective_orders)


def c1a_status(case: Case) -> tuple[C1AStatus, ...]:
    """App. III, per form: a harm box ticked needs that party's C1A, and a C1A that says nothing
    (no allegation, no order) is a C1A "not completed as required", whatever its box says."""
    out = []
    for form, party, answer, c1a in (
        ("C1", "applicant", case.forms.c1.harm_indicated, case.forms.c1a),
        ("C7", "respondent", case.forms.c7.harm_indicated, case.forms.respondent_c1a),
    ):
        says = c1a_says_something(c1a)
        if c1a.completed is False:
            state = "not_completed" if answer else "not_required"  # the officer read it as incomplete
        elif says:
            state = "completed"
        elif c1a.completed is True:
            state = "blank"
        elif answer:
            state = "not_completed"
        else:
            state = "not_required"
        if answer and state == "blank":
            text = f"Harm is ticked on the {form}, but the {party}'s C1A was filed with no allegation and no order: not completed as required"
        elif answer and state == "not_completed":
            text = f"Harm is ticked on the {form}, but the {party}'s C1A has not been completed as required"
        elif answer:
            text = f"Harm is ticked on the {form} and the {party}'s C1A gives the details"
        elif answer is False:
            text = f"Harm is not ticked on the {form}"
        else:
            text = f"The {form} harm answer is not known"
        out.append(C1AStatus(form, party, answer, state, Reason(text, "App. III")))
    return tuple(out)


def _allegation_item(case: Case, a: Allegation, key: str, source: str) -> HarmItem:
    against = case.name_of(a.against) if a.against else "someone"
    kinds = "/".join(a.types) or "unspecified"
    if a.kind == "child_abuse" or (set(a.types) & DIRECT_HARM_TYPES and a.kind != "domestic_abuse"):
        return HarmItem(
            key,
            source,
            f"{kinds} abuse of a child by {against}: harm to the child itself",
            "App. III",
            "other_harm",
            "forms",
        )
    if a.kind == "domestic_abuse":
        if a.witnessed_by_children is False and not a.children_at_risk:
            return HarmItem(
                key,
                source,
                f"domestic abuse by {against}, recorded as not seen or heard by the children: it fits no App. III row "
                "by itself; classify it (did the children see, hear or live with it?)",
                "App. III; ¶2.79",
                "unclassified",
                "forms",
            )
        if a.ongoing:
            return HarmItem(
                key,
                source,
                f"domestic abuse by {against} that is ongoing: the child is still at risk from witnessing harm",
                "App. III; ¶2.79",
                "witnessing_ongoing",
                "forms",
            )
        unknown = (
            " (not recorded whether it continues: confirm the child no longer remains at risk)"
            if a.ongoing is None
            else ""
        )
        return HarmItem(
            key,
            source,
            f"past domestic abuse by {against} witnessed by or affecting the children{unknown}",
            "App. III; ¶2.79",
            "witnessing",
            "forms",
        )
    return HarmItem(
        key,
        source,
        f"{in_sentence(a.kind)}: a risk of harm to the child other than from witnessing",
        "App. III; ¶2.79",
        "other_harm",
        "forms",
    )


def _form_items(case: Case) -> Iterable[HarmItem]:
    for form, whose in (("c1a", "applicant's"), ("respondent_c1a", "respondent's")):
        c1a: C1A = getattr(case.forms, form)
        source = f"The {whose} C1A"
        for i, a in enumerate(c1a.allegations):
            yield _allegation_item(case, a, f"forms.{form}.allegations[{i}]", f"{source}, allegation {i + 1}")
        if not c1a.allegations:
            for i, o in enumerate(c1a.protective_orders):
                what = in_sentence(o.kind)
                suggests: Suggests = "witnessing" if o.kind in WITNESSING_ORDERS else "unclassified"
                if o.kind == "forced_marriage_protection":
                    suggests = "other_harm"
                yield HarmItem(
                    f"forms.{form}.protective_orders[{i}]",
                    f"{source}, protective order {i + 1}",
                    f"a {what} order{' (current)' if o.current else ''}, with no allegation described",
                    "App. III; ¶2.19",
                    suggests,
                    "forms",
                )


FINDING_SUGGESTS: dict[str, Suggests] = {
    "risk_to_children": "other_harm",
    "not_counted": "other_harm",
    "victim_age": "unclassified",
    "to_confirm": "unclassified",
    "adult_victim": "unclassified",
    "dismissed": "unclassified",
    "not_listed": "unclassified",
    "reconcile": "unclassified",
}


def _finding_items(case: Case, assessed: Iterable[FindingAssessment]) -> Iterable[HarmItem]:
    """Every finding, with what App. II makes of it (an uncertain match is for the officer to
    confirm or dismiss, like words found in a note)."""
    for a in assessed:
        f = a.finding
        source = f"Finding ({DISPOSAL_WORDS[f.kind]}, {f.source or 'source not recorded'})"
        text = a.text(case)
        if a.status in ("not_listed", "dismissed", "adult_victim"):
            text += ": information from a check that fits no App. III row by itself — classify it"
        ref = {"risk_to_children": "App. II; App. III", "not_listed": "¶2.19; ¶2.79"}.get(a.status, "App. II; ¶2.79")
        key = a.key if a.status == "to_confirm" else f"findings[{f.id}]"
        yield HarmItem(
            key, source, text, ref, FINDING_SUGGESTS[a.status], "checks", to_confirm=a.status == "to_confirm"
        )
        for d in a.words:  # the record disagrees with itself: the officer reconciles it (App. II)
            yield HarmItem(
                d.key,
                f"Finding ({DISPOSAL_WORDS[f.kind]}): its own words",
                f"{d.sentence()} — reconcile: correct the record, or keep it with the reason",
                "App. II",
                "unclassified",
                "checks",
                to_confirm=True,
            )


def _check_items(case: Case) -> tuple[list[HarmItem], list[Reason]]:
    items: list[HarmItem] = []
    remains: list[Reason] = []
    for c in case.checks:
        key = f"checks[{c.id}]"
        summary = f": {c.summary}" if c.summary else ""
        if c.kind == "child_protection_plan" and (c.plan == "current" or (c.outcome == "concern" and c.plan is None)):
            on = f" ({case.name_of(c.subject)})" if c.subject else ""
            unsure = (
                ""
                if c.plan == "current"
                else " (the check shows a concern; whether the plan is current is not recorded — taken as current)"
            )
            text = f"The child{on} is subject of a child protection plan now{unsure}"
            items.append(
                HarmItem(key, "Child protection plan check", text + summary, "¶2.18; ¶2.79", "other_harm", "checks")
            )
            remains.append(Reason(text, "¶2.79; ¶2.86"))
        elif c.kind == "child_protection_plan" and c.plan == "previous":
            items.append(
                HarmItem(
                    key,
                    "Child protection plan check",
                    "The child was subject of a child protection plan in the past" + summary,
                    "¶2.18; ¶2.79",
                    "unclassified",
                    "checks",
                )
            )
        elif c.outcome == "concern":
            items.append(
                HarmItem(
                    key,
                    f"{label(c.kind)} check",
                    f"The check came back with a concern{summary}",
                    "¶2.18-2.19; ¶2.79",
                    "unclassified",
                    "checks",
                )
            )
    for rf in case.risk.factors:
        if rf.factor == "child_subject_to_cpp" and rf.level == "high":
            remains.append(Reason("Risk identification: the child is subject of a child protection plan now", "¶2.79"))
    return items, remains


def _factor_items(case: Case) -> Iterable[HarmItem]:
    for rf in case.risk.factors:
        if rf.level == "none":
            continue
        name = in_sentence(rf.factor)
        suggests: Suggests | None = None
        if rf.factor in CHILD_HARM_FACTORS:
            suggests = "other_harm"
        elif rf.factor in WITNESSING_FACTORS:
            suggests = "witnessing"
        elif rf.factor in OTHER_FACTORS or (rf.factor == "child_subject_to_cpp" and rf.level == "medium"):
            suggests = "unclassified"
        elif rf.factor == "child_subject_to_cpp" and rf.level == "high":
            suggests = "other_harm"
        if suggests:
            yield HarmItem(
                f"risk.factors[{rf.factor}]",
                "Risk identification",
                f"{name} rated {rf.level}",
                "¶2.14; ¶2.79",
                suggests,
                "risk",
            )


def _signal_items(case: Case) -> Iterable[HarmItem]:
    for e in case.events:
        signal = e.extra.get("signal") if e.kind == "hmcts_signal" else None
        if isinstance(signal, str) and signal in HMCTS_SIGNALS:
            yield HarmItem(
                f"hmcts[{signal}]",
                f"The application (HMCTS: {e.source or signal})",
                e.text or in_sentence(signal),
                "¶2.18-2.19",
                HMCTS_SIGNALS[signal],
                "chronology",
            )


@lru_cache(maxsize=64)
def _months_before(today: date, months: int) -> date:
    return today - relativedelta(months=months)


def _concern_items(case: Case, today: date, recent_months: int) -> tuple[list[HarmItem], list[Reason]]:
    items, remains = [], []
    since = _months_before(today, recent_months)
    for c in case.concerns:
        said = c.what_was_said or c.what_was_seen or "details not yet recorded"
        children = ", ".join(case.name_of(x) for x in c.children) or "a child"
        suggests: Suggests = (
            "witnessing" if c.witnessing and not set(c.types) - {"psychological", "emotional"} else "other_harm"
        )
        when = london_date(c.identified_at) if c.identified_at else None
        items.append(
            HarmItem(
                f"concerns[{c.id}]",
                f"Concern record ({in_sentence(c.source)})",
                f"About {children}: {said}",
                "¶2.93-2.97; ¶2.79",
                suggests,
                "escalation",
            )
        )
        if when is None or when >= since:
            what = "identified " + (day(when) if when else "(date not yet recorded)")
            remains.append(Reason(f"A concern about {children} was {what}", "¶2.79"))
    return items, remains


def _referral_items(case: Case) -> Iterable[HarmItem]:
    """A referral under the Child Welfare (Protection) procedure is made for a reason: the picture
    holds it, so "nothing suggests harm" is never said beside one."""
    for r in case.referrals:
        if r.kind == "s47_protection":
            children = ", ".join(case.name_of(c) for c in r.children) or "the children"
            yield HarmItem(
                f"referrals[{r.id}]",
                "Referral (s47)",
                f"a child welfare (protection) referral about {children} is recorded: classify the harm it is about",
                "¶2.79; ¶2.100",
                "unclassified",
                "referrals",
            )


def _text_items(prompts: Iterable[LanguagePrompt]) -> Iterable[HarmItem]:
    for p in prompts:
        if p.decision and p.decision.decision == "dismissed":
            continue
        suggests = TEXT_SUGGESTS.get(p.suggests, "unclassified")
        if p.decision and p.decision.classification:
            if p.decision.classification == "none":
                continue
            suggests = CLASSIFIED_AS[p.decision.classification]
        confirmed = p.decision is not None
        what = "possible exploitation" if p.kind == "masking" else "harm named"
        yield HarmItem(
            p.key,
            f"Free text: {p.label}",
            f"{what} ({p.phrase}): \u201c{p.found}\u201d" + ("" if confirmed else " — confirm or dismiss"),
            p.ref,
            suggests,
            p.step,
            to_confirm=not confirmed,
        )


def harm_picture(
    case: Case,
    assessed: Iterable[FindingAssessment],
    text_prompts: Iterable[LanguagePrompt],
    today: date,
    recent_months: int = 12,
) -> HarmPicture:
    """Every piece of information about possible harm, and what it means for the child."""
    checks, remains = _check_items(case)
    concerns, recent = _concern_items(case, today, recent_months)
    items = [
        *_form_items(case),
        *_finding_items(case, assessed),
        *checks,
        *_factor_items(case),
        *_signal_items(case),
        *concerns,
        *_referral_items(case),
        *_text_items(text_prompts),
    ]
    remains += recent
    remains += [Reason(f"{i.source}: {i.text}", i.ref) for i in items if i.suggests == "witnessing_ongoing"]
    return HarmPicture(tuple(items), c1a_status(case), tuple(remains), tuple(_significant(case, items, assessed)))


def _significant(case: Case, items: list[HarmItem], assessed: Iterable[FindingAssessment]) -> list[Reason]:
    """Concerns about possible significant harm (¶2.81) that do not depend on the pathway."""
    found = []
    for risk in (a for a in assessed if a.status == "risk_to_children"):
        who = case.name_of(risk.subject)
        found.append(Reason(f"Risk to Children: {who} — {risk.offence.label()}", "App. II; ¶2.81"))
    for r in case.referrals:
        if r.kind == "s47_protection":
            found.append(Reason("A referral under the Child Welfare (Protection) procedure (s47) is recorded", "¶2.81"))
            break
    for rf in case.risk.factors:
        if rf.level == "high":
            found.append(Reason(f"Risk factor judged high: {in_sentence(rf.factor)}", "¶2.81"))
    if case.concerns:
        found.append(Reason(f"{len(case.concerns)} concern record(s) about harm to a child", "¶2.81; ¶2.93"))
    for i in items:
        if i.source == "Child protection plan check" and i.suggests == "other_harm":
            found.append(Reason(i.text, "¶2.81; ¶2.86"))
    return found
