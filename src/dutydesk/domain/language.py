"""Words in the case's free text that the officer must look at: language that masks child sexual
exploitation and its behavioural indicators (seed 001 §4.5), and harm named in a note, a call
record or a summary (¶2.19 "any other information", ¶2.79).

Each finding is a prompt with a stable key; the officer confirms or dismisses it (with the reason)
and the decision is recorded in `screening.prompt_decisions` by that key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dutydesk.domain.calendar import uk_date
from dutydesk.domain.labels import in_sentence
from dutydesk.domain.model import Case, PromptDecision
from dutydesk.domain.policy_tables import LanguageRules, Phrase


@dataclass(frozen=True)
class FreeText:
    key: str  # stable: list items by id (events by their time), so a decision stays with its text
    label: str  # where it is, in words an officer uses
    text: str
    about: str | None  # the person the text is recorded about, where one is
    step: str  # the workspace step that shows it


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
                )
    for c in case.checks:
        if c.summary:
            on = f" on {case.name_of(c.subject)}" if c.subject else ""
            yield FreeText(
                f"checks[{c.id}].summary", f"the {in_sentence(c.kind)} check{on}", c.summary, c.subject, "checks"
            )
    for f in case.findings:
        if f.notes:
            yield FreeText(
                f"findings[{f.id}].notes", f"the finding on {case.name_of(f.subject)}", f.notes, f.subject, "checks"
            )
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
                yield FreeText(f"referrals[{r.id}].{key}", f"the referral's {label}", value, about, "referrals")
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
                yield FreeText(f"concerns[{concern.id}].{key}", "a concern record", value, about, "escalation")


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


def _scan(case: Case, rules: LanguageRules, today: date, kind: str) -> list[LanguagePrompt]:
    minor_ids, names_child = _minors(case, today)
    if kind == "masking" and not minor_ids:
        return []
    decided = _decisions(case)
    prompts = []
    for text in free_text(case):
        about_child = text.about in minor_ids or bool(names_child and names_child(text.text))
        hits = []
        for phrase in rules.phrases:
            match = phrase.pattern.search(text.text)
            if match and not (phrase.about_child and not about_child):
                hits.append((phrase, match.group(0)))
        if kind == "harm" and hits:
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
    return prompts


def _most_serious(suggested: list[str], about_child: bool) -> str:
    """Harm to a child the text is about outranks domestic abuse, which outranks the rest."""
    if "child_harm" in suggested and about_child:
        return "child_harm"
    if "witnessing" in suggested:
        return "witnessing"
    return "unclassified"


def language_prompts(case: Case, rules: LanguageRules, today: date) -> list[LanguagePrompt]:
    """Wording that can mask the sexual exploitation of a child under 18 (seed 001 §4.5)."""
    return _scan(case, rules, today, "masking")


# Free text whose own record is already in the harm picture (a C1A allegation, a finding, a
# check with a concern, a concern record) or is the response to it (a referral): scanning it
# for harm words would count the same information twice.
_ALREADY_PICTURED = ("forms.", "findings[", "concerns[", "referrals[")


def harm_prompts(case: Case, rules: LanguageRules, today: date) -> list[LanguagePrompt]:
    """Harm named in the free text (¶2.19, ¶2.79), whoever it is about."""
    concern_checks = {f"checks[{c.id}].summary" for c in case.checks if c.outcome == "concern"}
    return [
        p
        for p in _scan(case, rules, today, "harm")
        if not p.where.startswith(_ALREADY_PICTURED) and p.where not in concern_checks
    ]
