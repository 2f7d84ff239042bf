"""Words in the case's free text that the officer must look at: language that masks child sexual
exploitation and its behavioural indicators (seed 001 §4.5), and harm named in a note, a call
record or a summary (¶2.19 "any other information", ¶2.79).

Each finding is a prompt with a stable key; the officer confirms or dismisses it (with the reason)
and the decision is recorded in `screening.prompt_decisions` by that key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from dutydesk.domain.case.model import Case, PromptDecision
from dutydesk.domain.policy.tables import LanguageRules, Phrase
from dutydesk.domain.rules.labels import in_sentence
from dutydesk.domain.time.calendar import uk_date


@dataclass(frozen=True)
class FreeText:
    key: str  # stable: list items by id (events by their time), so a decision stays with its text
    label: str  # where it is, in words an officer uses
    text: str
    about: str | None  # the person the text is recorded about, where one is
    step: str  # the workspace step that shows it
    # The people the record itself is about (an allegation's children at risk, a concern's children,
    # a check's subject — a family check is about every child): whose harm its words classify.
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguagePrompt:
    phrase: str
    found: str
    where: str  # the field's key
    prompt: str
    ref: str
    label: str = ""  # where it is, in words
    kind: str = "masking"  # "masking" (seed 001 §4.5) or "harm" (harm named)
    suggests: str = ""  # for harm words: child_harm / witnessing / unclassified
    about_child: bool = False  # the text names or is about a child under 18 on the case
    step: str = "chronology"
    decision: PromptDecision | None = None

    @property
    def key(self) -> str:
        return f"{self.where}|{'harm' if self.kind == 'harm' else self.phrase}"

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "kind": self.kind,
            "phrase": self.phrase,
            "found": self.found,
            "where": self.where,
            "label": self.label,
            "prompt": self.prompt,
            "ref": self.ref,
            "decision": self.decision.decision if self.decision else None,
            "decision_reason": self.decision.reason if self.decision else None,
        }


def _event_key(case: Case, index: int) -> str:
    event = case.events[index]
    return f"events[{event.at.isoformat()}]" if event.at else f"events[{index}]"


def free_text(case: Case) -> Iterator[FreeText]:
    """Every free-text field of the case, with a stable key and a plain label."""
    for form, whose in (("c1a", "applicant's"), ("respondent_c1a", "respondent's")):
        for i, a in enumerate(getattr(case.forms, form).allegations):
            if a.description:
                about = a.children_at_risk[0] if len(a.children_at_risk) == 1 else None
                yield FreeText(
                    f"forms.{form}.allegations[{i}].description",
                    f"the {whose} C1A, allegation {i + 1}",
                    a.description,
                    about,
                    "forms",
                    tuple(a.children_at_risk),
                )
    for c in case.checks:
        if c.summary:
            on = f" on {case.name_of(c.subject)}" if c.subject else ""
            # ¶2.18: a check with no subject is on "the child and family" — every child
            people = (c.subject,) if c.subject else tuple(p.id for p in case.children)
            yield FreeText(
                f"checks[{c.id}].summary", f"the {in_sentence(c.kind)} check{on}", c.summary, c.subject, "checks",
                people,
            )  # fmt: skip
    for f in case.findings:
        if f.notes:
            yield FreeText(
                f"findings[{f.id}].notes", f"the finding on {case.name_of(f.subject)}", f.notes, f.subject, "checks",
                (f.subject,) if f.subject else (),
            )  # fmt: skip
    for rf in case.risk.factors:
        if rf.notes:
            yield FreeText(
                f"risk.factors[{rf.factor}].notes", f"the notes on risk factor {in_sentence(rf.factor)}",
                rf.notes, None, "risk",
            )  # fmt: skip
    for key, label in (("analysis", "the risk analysis"), ("likelihood_of_harm", "the likelihood of harm")):
        value = getattr(case.risk, key)
        if value:
            yield FreeText(f"risk.{key}", label, value, None, "risk")
    for r in case.referrals:
        for key, label in (("call_record", "call record"), ("child_views", "child's views")):
            value = getattr(r, key)
            if value:
                about = r.children[0] if len(r.children) == 1 else None
                yield FreeText(
                    f"referrals[{r.id}].{key}", f"the referral's {label}", value, about, "referrals", tuple(r.children)
                )
    for i, e in enumerate(case.events):
        if e.text and e.kind != "hmcts_signal":
            when = f" of {uk_date(e.at.date())} {e.at.strftime('%H:%M')}" if e.at else ""
            yield FreeText(
                f"{_event_key(case, i)}.text",
                f"the {in_sentence(e.kind)}{when}",
                e.text,
                e.with_,
                "chronology",
            )
    for concern in case.concerns:
        for key in ("what_was_said", "what_was_seen", "explanation"):
            value = getattr(concern, key)
            if value:
                about = concern.children[0] if len(concern.children) == 1 else None
                yield FreeText(
                    f"concerns[{concern.id}].{key}", "a concern record", value, about, "escalation",
                    tuple(concern.children),
                )  # fmt: skip


def _minors(case: Case, today: date) -> tuple[set[str], Callable[[str], bool] | None]:
    minors = [c for c in case.children if (c.age_on(today) or 0) < 18]
    names = frozenset(n.lower() for c in minors for n in (c.given_names or "").split()[:1] if n)
    return {c.id for c in minors}, _names_matcher(names) if names else None


_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def _names_matcher(names: frozenset[str]) -> Callable[[str], bool]:
    """Whether a text names one of these children, as `\bname\b` ignoring case would say. A
    one-word name is looked up among the text's words: compiling a pattern for each case's
    names was an eighth of a review's time (thousands of cases, each its own names)."""
    words = frozenset(n for n in names if _WORDS.fullmatch(n))
    others = names - words  # "mary-jane", "o'neil": a pattern for these few
    pattern = re.compile(rf"\b({'|'.join(re.escape(n) for n in sorted(others))})\b", re.IGNORECASE) if others else None

    def mentions(text: str) -> bool:
        if words and not words.isdisjoint(_WORDS.findall(text.lower())):
            return True
        return bool(pattern and pattern.search(text))

    return mentions


def _decisions(case: Case) -> dict[str, PromptDecision]:
    """The latest decision per prompt key."""
    found: dict[str, PromptDecision] = {}
    for d in case.screening.prompt_decisions:
        found[d.key] = d
    return found


def _scan(
    case: Case, rules: LanguageRules, today: date, kind: str, skip: Callable[[FreeText], bool] | None = None
) -> list[LanguagePrompt]:
    minor_ids, names_child = _minors(case, today)
    if kind == "masking" and not minor_ids:
        return []
    decided = _decisions(case)
    known: list[_Known] | None = None  # worked out only when a text names harm
    prompts = []
    texts = list(free_text(case))
    for text in texts:
        if skip is not None and skip(text):
            continue
        about_child = text.about in minor_ids or bool(names_child and names_child(text.text))
        hits = []
        for phrase in rules.phrases:
            match = phrase.pattern.search(text.text)
            if match and not (phrase.about_child and not about_child):
                hits.append((phrase, match.group(0)))
        if kind == "harm" and hits:
            if known is None:
                known = _classified(case, rules, minor_ids, texts)
            if known:
                hits = _not_yet_classified(hits, text, known, _children_of(case, text, minor_ids))
            if not hits:
                continue
            # One prompt per field: what it names, and the most serious thing it suggests.
            suggests = _most_serious([p.suggests for p, _ in hits], about_child)
            labels = ", ".join(dict.fromkeys(p.label for p, _ in hits))
            found = "; ".join(dict.fromkeys(f for _, f in hits))
            hits = [(Phrase(labels, hits[0][0].pattern, False, suggests), found)]
        for phrase, found in hits:
            key = f"{text.key}|{'harm' if kind == 'harm' else phrase.label}"
            prompts.append(
                LanguagePrompt(
                    phrase.label,
                    found,
                    text.key,
                    rules.prompt,
                    rules.ref,
                    text.label,
                    kind,
                    phrase.suggests,
                    about_child,
                    text.step,
                    decided.get(key),
                )
            )
    return _confirmed_alike(prompts)


# -- harm words once (issue 29) -----------------------------------------------------------------

_SUFFIXES = ("ings", "ing", "ures", "ure", "ed", "es", "s", "e")


@lru_cache(maxsize=4096)
def _stem(words: str) -> str:
    """'kicked' and 'kicks', 'disclosed' and 'disclosure', 'hitting' and 'hit' as one word: the same
    words in another form are not new information. Crude on purpose — two forms it fails to join
    are asked about, never silently dropped."""
    out = []
    for word in words.lower().split():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            word = word[:-1]  # "hitt(ing)" is "hit"
        out.append(word)
    return " ".join(out)


@dataclass(frozen=True)
class _Known:
    """The harm words of one record already classified, and the children it is about."""

    children: frozenset[str]
    stems: frozenset[str]


def _pictured(case: Case) -> Callable[[FreeText], bool]:
    """Free text whose own record is already in the harm picture — a C1A allegation (App. III), a
    finding (App. II), a concern record (¶2.93), a check recorded as a concern (¶2.18-2.19) — or
    is the response to it (a referral): scanning it for harm words would count it twice."""
    concern_checks = {f"checks[{c.id}].summary" for c in case.checks if c.outcome == "concern"}

    def pictured(text: FreeText) -> bool:
        return text.key.startswith(_ALREADY_PICTURED) or text.key in concern_checks

    return pictured


def _children_of(case: Case, text: FreeText, minor_ids: set[str]) -> frozenset[str]:
    """The children under 18 a text is about: its record's, and any it names."""
    ids = {p for p in (text.about, *text.people) if p in minor_ids}
    words = set(_WORDS.findall(text.text.lower()))
    for child in case.children:
        first = (child.given_names or "").split()[:1]
        if child.id in minor_ids and first and first[0].lower() in words:
            ids.add(child.id)
    return frozenset(ids)


def _classified(case: Case, rules: LanguageRules, minor_ids: set[str], texts: Iterable[FreeText]) -> list[_Known]:
    """Every harm word in a record already classified (an allegation, a finding, a concern record,
    a check recorded as a concern): a referral is not among them — it is the response to harm, its
    own classification still to make (harm.py)."""
    pictured = _pictured(case)
    out = []
    for text in texts:
        if not pictured(text) or text.key.startswith("referrals["):
            continue
        stems = frozenset(_stem(m.group(0)) for p in rules.phrases for m in p.pattern.finditer(text.text))
        if stems:
            out.append(_Known(_children_of(case, text, minor_ids), stems))
    return out


def _not_yet_classified(
    hits: list[tuple[Phrase, str]], text: FreeText, known: list[_Known], children: frozenset[str]
) -> list[tuple[Phrase, str]]:
    """Each phrase's first words that no classified record about the same children already holds
    (¶2.79: the information goes through the procedure once). The same word about another child is
    that child's harm, not yet classified: still asked."""
    covered = frozenset().union(*(k.stems for k in known if children <= k.children))
    if not covered:
        return hits
    out = []
    for phrase, first in hits:
        if _stem(first) not in covered:
            out.append((phrase, first))
            continue
        later = next((m.group(0) for m in phrase.pattern.finditer(text.text) if _stem(m.group(0)) not in covered), None)
        if later is not None:
            out.append((phrase, later))
    return out


def _words_of(prompt: LanguagePrompt) -> frozenset[str]:
    return frozenset(_stem(w) for w in prompt.found.split("; "))


def _record(where: str) -> str:
    """The record a field belongs to: `referrals[r1]` for `referrals[r1].call_record`."""
    return where.rsplit(".", 1)[0]


def _confirmed_alike(prompts: Iterable[LanguagePrompt]) -> list[LanguagePrompt]:
    """Words confirmed in one field are confirmed in the same record's other fields (the call
    record and the child's views of one referral; a concern's account and explanation). Only a
    confirmation travels: a dismissal's reason is about its own text (¶4.31)."""
    prompts = list(prompts)
    confirmed = [p for p in prompts if p.decision is not None and p.decision.decision == "confirmed"]
    if not confirmed:
        return prompts
    out = []
    for p in prompts:
        if p.decision is None:
            same = next(
                (
                    c
                    for c in confirmed
                    if c.kind == p.kind
                    and (c.kind == "harm" or c.phrase == p.phrase)
                    and _record(c.where) == _record(p.where)
                    and _words_of(p) <= _words_of(c)
                ),
                None,
            )
            if same is not None:
                p = replace(p, decision=same.decision)
        out.append(p)
    return out


def _most_serious(suggested: list[str], about_child: bool) -> str:
    """Harm to a child the text is about outranks domestic abuse, which outranks the rest."""
    if "child_harm" in suggested and about_child:
        return "child_harm"
    if "witnessing" in suggested:
        return "witnessing"
    return "unclassified"


def language_prompts(case: Case, rules: LanguageRules, today: date) -> list[LanguagePrompt]:
    """Wording that can mask the sexual exploitation of a child under 18 (seed 001 §4.5), wherever
    it is written — the officer's own analysis included: serious case reviews found professionals'
    own records calling a child "sexually active"."""
    return _scan(case, rules, today, "masking")


# Free text whose own record is already in the harm picture (a C1A allegation, a finding, a
# check with a concern, a concern record) or is the response to it (a referral): scanning it
# for harm words would count the same information twice.
_ALREADY_PICTURED = ("forms.", "findings[", "concerns[", "referrals[")
# The officer's own analysis: risk identification (¶2.26-2.30) is her structured record of the risk
# factors and the likelihood of harm, her judgement of information recorded where it came from; the
# harm picture reads it through the factors she rates. Its words are never put back to her to confirm.
_OFFICERS_OWN = ("risk.",)


def harm_prompts(case: Case, rules: LanguageRules, today: date) -> list[LanguagePrompt]:
    """Harm named in the free text (¶2.19, ¶2.79), whoever it is about — once: not in a record
    already in the harm picture, not in the officer's own analysis, and not words a classified
    record about the same children already holds (issue 29)."""
    pictured = _pictured(case)
    return _scan(case, rules, today, "harm", lambda t: t.key.startswith(_OFFICERS_OWN) or pictured(t))
