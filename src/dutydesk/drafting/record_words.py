"""The record in sentences a reader outside Cafcass cannot misread: who alleges what against
whom, what an offence is by its Act and section, what a concern record says, which referral was
made and when.

Every letter reads these from the same screening result the screen reads (`domain/screen.py`),
so a letter never says "not recorded" of something the record holds, and never reads one party's
C1A where the record has two. Letters speak statute and court procedure, not the framework's
paragraph numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from dutydesk.domain.case.model import C1A, Allegation, Case, Concern, Finding, Person, Referral
from dutydesk.domain.rules.harm import HarmItem, c1a_status
from dutydesk.domain.rules.labels import in_sentence
from dutydesk.domain.rules.obligations import PartyAsked
from dutydesk.domain.rules.offences import FindingAssessment
from dutydesk.domain.rules.screening import Screening
from dutydesk.domain.time.calendar import LONDON, london_date

HARM_TYPE_WORDS = {
    "physical": "physical",
    "psychological": "psychological",
    "sexual": "sexual",
    "emotional": "emotional",
    "financial": "financial",
    "neglect": "neglect",
}
# A finding's disposal as a verb with its preposition: "was cautioned for", "was acquitted of".
DISPOSAL_VERBS = {
    "conviction": ("was convicted", "of"),
    "caution": ("was cautioned", "for"),
    "reprimand_warning": ("was given a reprimand or final warning (a youth caution)", "for"),
    "conditional_discharge": ("was given a conditional discharge", "for"),
    "absolute_discharge": ("was given an absolute discharge", "for"),
    "acquittal": ("was acquitted", "of"),
    "allegation": ("was the subject of an allegation", "of"),
    "other": ("has a record", "of"),
}
CONCERN_SOURCES = {
    "child": "a child told Cafcass",
    "parent": "a parent told Cafcass",
    "other_party": "a party told Cafcass",
    "check": "a check with another agency showed",
    "professional": "a professional told Cafcass",
    "observation": "the Cafcass practitioner saw",
    "other": "Cafcass learned",
}
# A concern record rests on someone's report (¶2.94) when it came from one of these.
REPORTED_SOURCES = {"child", "parent", "other_party"}
REFERRAL_NAMES = {
    "s47_protection": "a child protection referral (section 47 Children Act 1989)",
    "s17_needs": "a referral for an assessment of need (section 17 Children Act 1989)",
    "promoting_welfare": "a referral to promote the child's welfare",
    "s120_notification": "a notification under section 120 of the Adoption and Children Act 2002",
}
C1A_PARTY = {"c1a": "applicant", "respondent_c1a": "respondent"}


def and_list(items: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    parts = [i for i in items if i]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def day_words(value: datetime) -> str:
    day = london_date(value)
    return f"{day.day} {day:%B %Y}"


def time_words(value: datetime) -> str:
    """ "3 December 2026 at 16:40", in UK time."""
    local = value.astimezone(LONDON)
    return f"{day_words(value)} at {local:%H:%M}"


def person_label(case: Case, pid: str | None) -> str:
    """A person as a reader places them: "Sarah Whitmore (the mother)"."""
    person = case.person(pid)
    if person is None:
        return "a person not named in the application"
    return f"{person.full_name} ({_place(person)})"


def _place(person: Person) -> str:
    relation = (person.relationship_to_children or "").strip()
    role = person.role.replace("_", " ")
    if person.role in ("applicant", "respondent"):
        return f"the {relation}, {role}" if relation else f"the {role}"
    if person.role == "child":
        return relation or "one of the children"
    return f"{relation}, {role}" if relation else role


def _party_of_form(case: Case, form: str) -> list[Person]:
    return case.with_role(C1A_PARTY[form])


def allegation_what(a: Allegation) -> str:
    """The harm alleged, as a noun phrase: "physical abuse of a child", "domestic abuse
    (financial and emotional)"."""
    types = [HARM_TYPE_WORDS.get(t, t) for t in a.types]
    if a.kind == "domestic_abuse":
        return "domestic abuse" + (f" ({and_list(types)})" if types else "")
    if a.kind == "child_abuse":
        if types == ["neglect"]:
            return "neglect of a child"
        kinds = [t for t in types if t != "neglect"]
        what = f"{and_list(kinds)} abuse of a child" if kinds else "abuse of a child"
        return what + (" and neglect" if "neglect" in types and kinds else "")
    if a.kind == "abduction":
        return "a risk of abduction of a child"
    if a.kind == "substance_misuse":
        return "substance misuse"
    return "a concern about harm" + (f" ({and_list(types)})" if types else "")


@dataclass(frozen=True)
class AllegationWords:
    form: str  # "the respondent's C1A"
    by: str
    against: str
    what: str
    sentence: str  # one sentence, the person alleging first: nobody takes the victim for the abuser
    details: str  # what else the record holds about it, "" when nothing
    description: str | None
    by_ids: tuple[str, ...]


def allegation_words(case: Case, form: str, a: Allegation) -> AllegationWords:
    party = C1A_PARTY[form]
    if a.by:
        by_ids: tuple[str, ...] = (a.by,)
        by = person_label(case, a.by)
    else:  # the C1A is the party's own form: the party alleges it
        filers = _party_of_form(case, form)
        by_ids = tuple(p.id for p in filers)
        by = and_list(person_label(case, p.id) for p in filers) or f"the {party}"
    against = person_label(case, a.against) if a.against else "a person not named"
    what = allegation_what(a)
    verb = "alleges" if len(by_ids) <= 1 else "allege"
    sentence = f"{by} {verb}, on the {party}'s form C1A, {what} by {against}."
    facts = []
    if a.children_at_risk:
        facts.append("children named at risk: " + and_list(case.name_of(c) for c in a.children_at_risk))
    if a.witnessed_by_children is not None:
        facts.append(
            "seen or heard by the children" if a.witnessed_by_children else "not seen or heard by the children"
        )
    if a.ongoing is not None:
        facts.append("said to be continuing" if a.ongoing else "said to have stopped")
    if a.period:
        facts.append(f"when: {a.period}")
    if a.police_involved is not None:
        facts.append("the police were involved" if a.police_involved else "the police were not involved")
    details = "; ".join(facts)
    return AllegationWords(
        f"the {party}'s C1A",
        by,
        against,
        what,
        sentence,
        details[:1].upper() + details[1:] + "." if details else "",
        a.description,
        by_ids,
    )


def all_allegations(case: Case) -> list[AllegationWords]:
    """Both parties' C1As: the applicant's (with the C1) and the respondent's (with the C7)."""
    out = []
    for form in ("c1a", "respondent_c1a"):
        c1a: C1A = getattr(case.forms, form)
        out += [allegation_words(case, form, a) for a in c1a.allegations]
    return out


def forms_words(case: Case) -> list[str]:
    """What each application form says about harm and whether its C1A came, one sentence each."""
    out = []
    for s in c1a_status(case):
        form = "C1 (the application)" if s.form == "C1" else "C7 (the response)"
        c1a: C1A = case.forms.c1a if s.party == "applicant" else case.forms.respondent_c1a
        count = len(c1a.allegations)
        orders = len(c1a.protective_orders)
        held = and_list(
            [
                f"{count} allegation{'s' if count != 1 else ''}" if count else "",
                f"{orders} protective order{'s' if orders != 1 else ''}" if orders else "",
            ]
        )
        if s.ticked is None and s.c1a_state != "completed":
            out.append(f"Whether harm is indicated on the {form} is not recorded.")
            continue
        ticked = "Harm is indicated" if s.ticked else "Harm is not indicated" if s.ticked is False else "Harm"
        if s.c1a_state == "completed":
            sets_out = f"the {s.party}'s form C1A sets out {held}."
            out.append(f"{ticked} on the {form}; {sets_out}" if s.ticked is not None else _first_upper(sets_out))
        elif s.c1a_state == "blank":
            out.append(
                f"{ticked} on the {form}, but the {s.party}'s form C1A was filed with no allegation or order in it."
            )
        elif s.c1a_state == "not_completed":
            out.append(f"{ticked} on the {form}, but the {s.party}'s form C1A has not been completed as required.")
        else:
            out.append(f"{ticked} on the {form}; no form C1A was required from the {s.party}.")
    return out


def _section_words(section: str) -> str:
    """ "s.39", "S 39", "sec. 39" as "Section 39"."""
    return re.sub(r"^(?:s|sec|section)\.?\s*(?=\d)", "Section ", section.strip(), flags=re.IGNORECASE)


def offence_law(a: FindingAssessment) -> str | None:
    """The offence's Act and section: as the police record gives them, else the App. II row
    the finding was matched to (a name matched surely still has its Act and section)."""
    f = a.finding
    if f.section or f.act:
        return ", ".join(p for p in (_section_words(f.section) if f.section else None, f.act) if p)
    if a.listed and a.status not in ("dismissed", "to_confirm"):
        o = a.offence
        return f"{o.section}, {o.act}" if o.act else o.section
    return None


def _offence_name(a: FindingAssessment) -> str:
    recorded = (a.finding.offence or "").strip()
    if recorded:
        return recorded[:1].lower() + recorded[1:] if not recorded[1:2].isupper() else recorded
    if a.listed and a.status not in ("dismissed", "to_confirm"):
        return a.offence.offence[:1].lower() + a.offence.offence[1:]
    return "an offence not named in the record"


DISPOSAL_NOUNS = {
    "conviction": ("conviction", "for"),
    "caution": ("caution", "for"),
    "reprimand_warning": ("reprimand or final warning", "for"),
    "conditional_discharge": ("conditional discharge", "for"),
    "absolute_discharge": ("absolute discharge", "for"),
    "acquittal": ("acquittal", "of"),
    "allegation": ("alleged offence", "of"),
    "other": ("record", "of"),
}


def finding_phrase(case: Case, a: FindingAssessment) -> str:
    """A finding as a short phrase for a list of concerns: "Daniel Whitmore's caution in May 2019
    for assault by beating (Section 39, Criminal Justice Act 1988), an offence against a child
    (Risk to Children)"."""
    f = a.finding
    who = case.name_of(f.subject) if f.subject else "a person not named"
    noun, prep = DISPOSAL_NOUNS.get(f.kind, DISPOSAL_NOUNS["other"])
    when = (f" on {f.date.words()}" if f.date.day else f" in {f.date.words()}") if f.date else ""
    law = offence_law(a)
    phrase = f"{who}'s {noun}{when} {prep} {_offence_name(a)}{f' ({law})' if law else ''}"
    if a.status == "risk_to_children":
        phrase += ", an offence against a child (Risk to Children)"
    return phrase


def finding_sentence(case: Case, a: FindingAssessment) -> str:
    f: Finding = a.finding
    who = case.name_of(f.subject) if f.subject else "A person not named"
    verb, prep = DISPOSAL_VERBS.get(f.kind, DISPOSAL_VERBS["other"])
    when = ""
    if f.date:
        when = f" on {f.date.words()}" if f.date.day else f" in {f.date.words()}"
    law = offence_law(a)
    law_words = f" ({law})" if law else ""
    attempt = f" ({a.inchoate})" if a.inchoate else ""
    core = f"{who} {verb}{when} {prep} {_offence_name(a)}{attempt}{law_words}"
    if a.status == "risk_to_children":
        return f"Risk to Children: {core}, an offence against a child{'' if a.offence.victim == 'child' else ' (the victim was under 18)'}."
    if a.status == "victim_age":
        return (
            f"{core}. Where the victim was under 18 this makes {who} a Risk to Children; the victim's age is "
            "not yet known to Cafcass and is being established."
        )
    if a.status == "to_confirm":
        return f"{core}. Cafcass is establishing whether this is {a.offence.label()}, an offence against children."
    if a.status == "adult_victim":
        return f"{core}; the victim was an adult."
    if a.status == "reconcile":
        # The record's own words say otherwise: never reassure with the fields alone.
        differ = "; ".join(w.sentence(quote=False) for w in a.words)
        return f"{core}. The record is being checked against its own notes before it is relied on ({differ})."
    return core + "."


def finding_is_risk(a: FindingAssessment) -> bool:
    return a.status == "risk_to_children"


def concern_sentence(case: Case, c: Concern) -> str:
    when = f"On {time_words(c.identified_at)}, " if c.identified_at else ""
    if c.told_by:
        source = f"{person_label(case, c.told_by)} told Cafcass"
    else:
        source = CONCERN_SOURCES.get(c.source, CONCERN_SOURCES["other"])
    harm = and_list(HARM_TYPE_WORDS.get(t, t) for t in c.types)
    about = (
        f"a concern of {harm} harm" if harm and harm != "neglect" else "a concern of neglect" if harm else "a concern"
    )
    if c.witnessing:
        about += " (harm to another person that the child saw or heard)"
    children = f" to {and_list(case.name_of(x) for x in c.children)}" if c.children else ""
    parts = [f"{when}{source} of {about}{children}."]
    if c.what_was_said:
        said = " ".join(c.what_was_said.split())
        end = "" if said.rstrip("'\"”’").endswith((".", "!", "?")) else "."
        parts.append(f"What was said: “{said}”{end}")
    if c.what_was_seen:
        parts.append(f"What was seen: {c.what_was_seen.strip()}.")
    if c.explanation:
        parts.append(f"The child's explanation: {c.explanation.strip()}.")
    if c.injuries:
        parts.append(
            "Visible injuries: "
            + "; ".join(f"{in_sentence(i.site)}{f' — {i.description}' if i.description else ''}" for i in c.injuries)
            + "."
        )
    if c.present:
        parts.append(f"Also present: {c.present.strip()}.")
    return " ".join(parts)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def referral_made_sentence(r: Referral) -> str:
    """What was done, only as far as the record shows it."""
    name = REFERRAL_NAMES.get(r.kind, "a referral")
    to = r.la or ("children's social care" if r.kind != "promoting_welfare" else "another agency")
    if r.phoned_at:
        text = f"{_first_upper(name)} was made by telephone to {to} on {time_words(r.phoned_at)}"
    else:
        text = f"{_first_upper(name)} to {to} is recorded, with no telephone call recorded yet"
    written = [t for t in (r.fax_sent_at, r.post_sent_at) if t]
    if written:
        text += f" and confirmed in writing on {day_words(min(written))}"
    text += "."
    if r.la_responded_at:
        text += f" {to} replied on {day_words(r.la_responded_at)}."
    if r.outcome:
        text += f" Outcome: {r.outcome.strip()}."
    return text


def reporters(case: Case, allegations: Sequence[AllegationWords]) -> list[str]:
    """Who the information came from where it is a party's or a child's report (¶2.94)."""
    names: list[str] = []
    for a in allegations:
        for pid in a.by_ids:
            names.append(person_label(case, pid))
    for c in case.concerns:
        if c.told_by:
            names.append(person_label(case, c.told_by))
        elif c.source in REPORTED_SOURCES:
            names.append(CONCERN_SOURCES[c.source].removesuffix(" told Cafcass"))
    return list(dict.fromkeys(names))


def reported_statement(case: Case, allegations: Sequence[AllegationWords]) -> str | None:
    """¶2.94: a referral based on what a parent or another person reported says so, and that
    Cafcass is passing it on as a channel of information."""
    who = reporters(case, allegations)
    if not who:
        return None
    return (
        f"This referral is based in part on information reported to Cafcass by {and_list(who)}. In passing it on, "
        "Cafcass is acting as a channel of information: the reported information has not been investigated by Cafcass."
    )


def significant_items(picture_items: Iterable[HarmItem]) -> set[str]:
    """Keys of harm the screening reads as harm to the child (not information still to classify)."""
    return {i.key for i in picture_items if i.suggests in ("other_harm", "witnessing", "witnessing_ongoing")}


@dataclass(frozen=True)
class HarmSummary:
    significant: tuple[str, ...]  # phrases for ¶2.112's "[...]": the harm that may be significant
    other: tuple[str, ...]  # the rest of what the record holds about harm


def harm_summary(
    case: Case, result: Screening, allegations: Sequence[AllegationWords], factor_titles: dict[str, str]
) -> HarmSummary:
    """The harm in short phrases, significant harm apart from the rest: a drink-driving
    conviction is information, not a risk of significant harm."""
    keys = significant_items(result.harm.items if result.harm else ())
    significant: list[str] = []
    other: list[str] = []
    index = 0
    for form in ("c1a", "respondent_c1a"):
        c1a: C1A = getattr(case.forms, form)
        for i, _ in enumerate(c1a.allegations):
            words = allegations[index]
            index += 1
            phrase = f"the allegation by {words.by} of {words.what} by {words.against}"
            (significant if f"forms.{form}.allegations[{i}]" in keys else other).append(phrase)
    for a in result.findings:
        (significant if finding_is_risk(a) else other).append(finding_phrase(case, a))
    for c in case.concerns:
        harm = and_list(HARM_TYPE_WORDS.get(t, t) for t in c.types)
        about = f"a concern of {harm} harm" if harm else "a concern about harm"
        when = f" identified on {day_words(c.identified_at)}" if c.identified_at else ""
        children = f" to {and_list(case.name_of(x) for x in c.children)}" if c.children else ""
        (significant if c.types or c.witnessing else other).append(f"{about}{children}{when}")
    for f in case.risk.factors:
        title = factor_titles.get(f.factor, f.factor.replace("_", " ")).lower()
        if f.level in ("high", "imminent"):
            significant.append(f"a {f.level} risk identified from {title}")
        elif f.level == "medium":
            other.append(f"a medium risk identified from {title}")
    return HarmSummary(tuple(significant), tuple(other))


def asked_sentence(case: Case, party: PartyAsked, with_account: bool) -> str:
    """Whether a parent was asked about domestic abuse separately and in private, and, for
    children's social care and Cafcass's own record, what they said."""
    who = person_label(case, party.person_id)
    when = f" on {day_words(party.at)}" if party.at else ""
    note = (party.note or "").strip().rstrip(".")
    if party.state == "asked":
        said = f" They said: “{note}”." if note and with_account else ""
        return f"{who} was asked about domestic abuse separately and in private{when}.{said}"
    if party.state == "not_possible":
        why = f": {note}" if note else ""
        return f"{who} could not be asked about domestic abuse separately and in private{why}."
    return (
        f"{who} has not yet been asked about domestic abuse separately and in private: "
        "this account does not include theirs."
    )
