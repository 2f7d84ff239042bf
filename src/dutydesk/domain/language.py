"""Language that masks child sexual exploitation (seed 001 §4.5), found in the case's free text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from dutydesk.domain.model import Case
from dutydesk.domain.policy_tables import LanguageRules


@dataclass(frozen=True)
class LanguagePrompt:
    phrase: str
    found: str
    where: str
    prompt: str
    ref: str

    def as_json(self) -> dict[str, str]:
        return {"phrase": self.phrase, "found": self.found, "where": self.where, "prompt": self.prompt, "ref": self.ref}


def free_text(case: Case) -> Iterator[tuple[str, str, str | None]]:
    """(JSON path, text, the person it is recorded about) for every free-text field."""
    for i, a in enumerate(case.forms.c1a.allegations):
        if a.description:
            about = a.children_at_risk[0] if len(a.children_at_risk) == 1 else None
            yield f"forms.c1a.allegations[{i}].description", a.description, about
    for i, c in enumerate(case.checks):
        if c.summary:
            yield f"checks[{i}].summary", c.summary, c.subject
    for i, f in enumerate(case.findings):
        if f.notes:
            yield f"findings[{i}].notes", f.notes, f.subject
    for i, rf in enumerate(case.risk.factors):
        if rf.notes:
            yield f"risk.factors[{i}].notes", rf.notes, None
    for key in ("analysis", "likelihood_of_harm"):
        value = getattr(case.risk, key)
        if value:
            yield f"risk.{key}", value, None
    for i, r in enumerate(case.referrals):
        for key in ("call_record", "child_views"):
            value = getattr(r, key)
            if value:
                yield f"referrals[{i}].{key}", value, r.children[0] if len(r.children) == 1 else None
    for i, e in enumerate(case.events):
        if e.text:
            yield f"events[{i}].text", e.text, e.with_


def language_prompts(case: Case, rules: LanguageRules, today: date) -> list[LanguagePrompt]:
    minors = [c for c in case.children if (c.age_on(today) or 0) < 18]
    if not minors:
        return []
    minor_ids = {c.id for c in minors}
    names = [re.escape(n) for c in minors for n in (c.given_names or "").split()[:1] if n]
    names_re = re.compile(rf"\b({'|'.join(names)})\b", re.IGNORECASE) if names else None
    prompts = []
    for where, text, about in free_text(case):
        for phrase in rules.phrases:
            match = phrase.pattern.search(text)
            if not match:
                continue
            if phrase.about_child and about not in minor_ids and not (names_re and names_re.search(text)):
                continue
            prompts.append(LanguagePrompt(phrase.label, match.group(0), where, rules.prompt, rules.ref))
    return prompts
