"""A finding's own words against its fields: the disposal and the victim's age (Appendix II).

Appendix II turns on two facts the record keeps in fields — "Cautions and discharges for the
offences listed above will apply" (the disposal, `findings[].kind`) and "Unless stated otherwise,
the victim of the offences listed above will be under 18" (`findings[].victim_age`). Where the
finding's notes or offence wording say something else ("conditional discharge" on a conviction,
"victim aged 13" on an adult or unknown victim), the desk takes neither side: it names the
finding and the disagreement and asks the officer to reconcile them. The officer corrects the
field (the disagreement is gone) or keeps it, recording why the words do not apply (a
`screening.prompt_decisions[]` dismissal under the key given here). The words are policy data
(`data/finding_words.toml`), not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dutydesk.domain.case.model import Case, Finding
from dutydesk.domain.policy.tables import FindingWords

ADULT_FROM = 18  # App. II: "the victim … will be under 18"
KIND_WORDS = {
    "conviction": "a conviction",
    "caution": "a caution",
    "reprimand_warning": "a reprimand or final warning (a youth caution)",
    "conditional_discharge": "a conditional discharge",
    "absolute_discharge": "an absolute discharge",
    "acquittal": "an acquittal",
    "allegation": "an allegation",
    "other": "other information",
}
AGE_WORDS = {"under_18": "under 18", "adult": "18 or over", "not_known": "not known"}


@dataclass(frozen=True)
class WordsDiffer:
    """The finding's words say one thing, a field another."""

    finding_id: str
    field: Literal["kind", "victim_age"]
    recorded: str | None  # the field's value as recorded (None: not recorded)
    words_say: str  # the value the words mean: a findings[].kind or victim_age value
    found: str  # the words as written ("conditional discharge", "victim aged 13")
    where: str  # "notes" or "offence wording"

    @property
    def key(self) -> str:
        """The key a dismissal ("the record is right; the words do not apply") is kept under."""
        return f"findings[{self.finding_id}]|words|{self.field}:{self.words_say}"

    @property
    def _say(self) -> str:
        return "say" if self.where == "notes" else "says"

    def sentence(self, quote: bool = True) -> str:
        """'its notes say “conditional discharge”, but it is recorded as a conviction'. Without
        `quote`, the words are not repeated (a report outside the case: notes may hold names)."""
        found = f"its {self.where} {self._say} \u201c{self.found}\u201d"
        if self.field == "kind":
            recorded = KIND_WORDS.get(self.recorded or "", "not recorded")
            means = KIND_WORDS.get(self.words_say, self.words_say)
            if not quote:
                return f"its {self.where} {self._say} {means}, but it is recorded as {recorded}"
            plain = means.split(" ", 1)[-1].split(" (")[0]  # "conditional discharge"
            said = found if plain.lower() in self.found.lower() else f"{found} ({means})"
            return f"{said}, but it is recorded as {recorded}"
        recorded_age = AGE_WORDS.get(self.recorded or "not_known", "not known")
        means = AGE_WORDS.get(self.words_say, self.words_say)
        if not quote:
            return f"its {self.where} {self._say} the victim was {means}, but the victim's age is recorded as {recorded_age}"
        return f"{found} (the victim {means}), but the victim's age is recorded as {recorded_age}"

    def as_json(self) -> dict[str, object]:
        return {
            "finding": self.finding_id,
            "field": self.field,
            "recorded": self.recorded,
            "words_say": self.words_say,
            "found": self.found,
            "where": self.where,
            "key": self.key,
            "ref": "App. II",
            "text": self.sentence(),
        }


def _texts(finding: Finding) -> list[tuple[str, str]]:
    return [(where, text) for where, text in (("notes", finding.notes), ("offence wording", finding.offence)) if text]


def _age_value(means: str, number: str | None) -> str | None:
    if means != "age":
        return means
    if number is None or not number.isdigit():
        return None
    return "under_18" if int(number) < ADULT_FROM else "adult"


def read_words(finding: Finding, words: FindingWords) -> tuple[WordsDiffer, ...]:
    """Every value the finding's words give that its fields do not (one per value, the first
    words that say it). A field that agrees, or a kind the words fit, is no disagreement."""
    found: dict[tuple[str, str], WordsDiffer] = {}
    for where, text in _texts(finding):
        for d in words.disposals:
            for m in d.pattern.finditer(text):
                if finding.kind == d.kind or finding.kind in d.fits:
                    continue
                found.setdefault(
                    ("kind", d.kind), WordsDiffer(finding.id, "kind", finding.kind, d.kind, _clip(m.group(0)), where)
                )
        for a in words.ages:
            for m in a.pattern.finditer(text):
                value = _age_value(a.means, m.groupdict().get("age"))
                if value is None or finding.victim_age == value:
                    continue
                found.setdefault(
                    ("victim_age", value),
                    WordsDiffer(finding.id, "victim_age", finding.victim_age, value, _clip(m.group(0)), where),
                )
    return tuple(found.values())


def _clip(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 60 else one[:57] + "…"


def dismissed(case: Case, key: str) -> bool:
    """The officer kept the record as it is, with the reason (the latest decision counts)."""
    decided = [d for d in case.screening.prompt_decisions if d.key == key]
    return bool(decided) and decided[-1].decision == "dismissed"


def unresolved_words(case: Case, finding: Finding, words: FindingWords | None) -> tuple[WordsDiffer, ...]:
    """The disagreements the officer has not reconciled: a corrected field ends one, a dismissal
    with the reason keeps the record as it is."""
    if words is None:
        return ()
    return tuple(d for d in read_words(finding, words) if not dismissed(case, d.key))
