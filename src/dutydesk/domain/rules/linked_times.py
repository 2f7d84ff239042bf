"""One fact typed once (issue 29): the fax of the written confirmation (¶2.103) and the Service
Manager's copy of it (¶2.108) are times on the referral and, by ¶2.95 ("the time and date of
actions taken by the practitioner"), actions on the concern record. Typed in either place, the
other follows; a different time already recorded in the other is never overwritten — both are
kept and `differences` says so until the officer corrects whichever is wrong.

Which action is which fact is read from its words (data/linked_times.toml); which concern record
goes with a referral, from the children both are about. Pure: the case and the edit in, the
further edits out; the desk records them as the officer's own (audit trail, journal, save).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Annotated, Any, get_args

from pydantic import BeforeValidator, field_validator, model_validator

from dutydesk.domain.case import fieldpath
from dutydesk.domain.case.enums import ReferralKind
from dutydesk.domain.case.model import Case, Concern, ConcernAction, Referral
from dutydesk.domain.policy.schema import List, NonEmpty, Table, toml_doc, validated
from dutydesk.domain.time.dates import uk_instant

_TIME_FIELDS = tuple(f.name for f in fields(Referral) if "datetime" in str(f.type))
_REFERRAL_PATH = re.compile(r"^referrals\[([^\]]+)\]\.(\w+)$")
_ACTION_PATH = re.compile(r"^concerns\[([^\]]+)\]\.actions\[([^\]]+)\]\.(at|what)$")


def _words(value: object) -> re.Pattern[str]:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty regular expression is required")
    try:
        return re.compile(rf"\b(?:{value})\b", re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None


Words = Annotated[re.Pattern[str], BeforeValidator(_words)]


class _Link(Table):
    field: NonEmpty
    title: NonEmpty
    action: NonEmpty
    ref: NonEmpty
    words: List[Words]

    @field_validator("field")
    @classmethod
    def _a_time_on_the_referral(cls, value: str) -> str:
        if value not in _TIME_FIELDS:
            raise ValueError(f"{value!r}: use a time on the referral, one of {', '.join(_TIME_FIELDS)}")
        return value

    @field_validator("words")
    @classmethod
    def _some(cls, value: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
        if not value:
            raise ValueError("at least one regular expression is required")
        return value


class _LinkedTimesFile(Table):
    referral_kinds: List[NonEmpty]
    unless: List[Words] = ()
    link: List[_Link]

    @field_validator("referral_kinds")
    @classmethod
    def _kinds(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        kinds = get_args(ReferralKind)
        wrong = [k for k in value if k not in kinds]
        if wrong or not value:
            raise ValueError(f"{wrong or 'none given'}: use referral kinds, of {', '.join(kinds)}")
        return value

    @model_validator(mode="after")
    def _each_action_reads_as_its_own_fact(self) -> _LinkedTimesFile:
        """The action written for a fact must be read back as that fact and no other, or typing a
        time once would write an action that fills the wrong time (or none)."""
        for i, link in enumerate(self.link):
            read = [other.field for other in self.link if _says(link.action, other.words, self.unless)]
            if read != [link.field]:
                raise ValueError(
                    f"link[{i}].action {link.action!r} reads as {read or 'no fact'}: its own words "
                    f"must read it as {link.field} only"
                )
        fields_seen = [link.field for link in self.link]
        if len(set(fields_seen)) != len(fields_seen):
            raise ValueError(f"each field once: {fields_seen}")
        return self


def _says(text: str | None, words: tuple[re.Pattern[str], ...], unless: tuple[re.Pattern[str], ...]) -> bool:
    return bool(text) and all(w.search(text or "") for w in words) and not any(u.search(text or "") for u in unless)


@dataclass(frozen=True)
class TimeLink:
    field: str  # the referral's time: "fax_sent_at"
    title: str  # it, in words: "fax time"
    action: str  # the action written on the concern record
    ref: str
    words: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class LinkedTimes:
    referral_kinds: tuple[str, ...]
    unless: tuple[re.Pattern[str], ...]
    links: tuple[TimeLink, ...]

    def says(self, text: str | None, link: TimeLink) -> bool:
        """Whether an action's words say it is this fact."""
        return _says(text, link.words, self.unless)


def parse_linked_times(text: str, source: str) -> LinkedTimes:
    doc = validated(_LinkedTimesFile, toml_doc(text, source), source)
    links = tuple(TimeLink(k.field, k.title, k.action, k.ref, tuple(k.words)) for k in doc.link)
    return LinkedTimes(tuple(doc.referral_kinds), tuple(doc.unless), links)


# -- which concern record goes with which referral -----------------------------------------------
def concerns_of(case: Case, referral: Referral, rules: LinkedTimes) -> list[Concern]:
    """The concern records a referral under the procedure acts on: those about a child it is
    about; where either names no child, the case's only concern record for its only such referral."""
    if referral.kind not in rules.referral_kinds:
        return []
    shared = [c for c in case.concerns if set(c.children) & set(referral.children)]
    if shared:
        return shared
    procedure = [r for r in case.referrals if r.kind in rules.referral_kinds]
    if len(case.concerns) == 1 and procedure == [referral]:
        only = case.concerns[0]
        if not only.children or not referral.children:
            return [only]
    return []


def referrals_of(case: Case, concern: Concern, rules: LinkedTimes) -> list[Referral]:
    return [r for r in case.referrals if any(c is concern for c in concerns_of(case, r, rules))]


def same_minute(a: datetime | None, b: datetime | None) -> bool:
    """Times as the officer sees and types them: to the minute."""
    if a is None or b is None:
        return a is b
    return int(a.timestamp() // 60) == int(b.timestamp() // 60)


# -- what else an edit changes ------------------------------------------------------------------
@dataclass(frozen=True)
class SetTime:
    path: str
    value: datetime | None


@dataclass(frozen=True)
class AddAction:
    concern_id: str
    action: ConcernAction


Follow = SetTime | AddAction


def _action_path(concern: Concern, action: ConcernAction) -> str:
    key = action.id or str(next(i for i, a in enumerate(concern.actions) if a is action))
    return f"concerns[{concern.id}].actions[{key}].at"


def touches(path: str) -> bool:
    """Whether an edit at `path` could have a linked time to follow (a cheap test on every key)."""
    return bool(_ACTION_PATH.match(path) or _REFERRAL_PATH.match(path))


def follow(case: Case, rules: LinkedTimes, path: str, before: Any, after: Any, officer: str) -> list[Follow]:
    """The edits that keep one fact one, after the officer changed `path` from `before` to `after`
    (the case already holds `after`). The other place follows where it is empty or held the
    same time as this one did (the same fact, being corrected); where it holds a different time
    it is left as it is (`differences` reports it)."""
    found = _REFERRAL_PATH.match(path)
    if found:
        link = next((k for k in rules.links if k.field == found.group(2)), None)
        if link is None:
            return []
        try:
            referral = fieldpath.get(case, f"referrals[{found.group(1)}]")
        except KeyError:
            return []
        return _from_referral(case, rules, link, referral, before, after, officer)
    found = _ACTION_PATH.match(path)
    if found:
        try:
            concern = fieldpath.get(case, f"concerns[{found.group(1)}]")
            action = fieldpath.get(case, f"concerns[{found.group(1)}].actions[{found.group(2)}]")
        except KeyError:
            return []
        return _from_action(case, rules, concern, action, found.group(3), before, after)
    return []


def _from_referral(
    case: Case,
    rules: LinkedTimes,
    link: TimeLink,
    referral: Referral,
    before: datetime | None,
    after: datetime | None,
    officer: str,
) -> list[Follow]:
    out: list[Follow] = []
    for concern in concerns_of(case, referral, rules):
        recorded = [a for a in concern.actions if rules.says(a.what, link)]
        if not recorded:
            if after is not None:  # ¶2.95: the action, with its time, on the concern record
                out.append(AddAction(concern.id, ConcernAction(at=after, what=link.action, by=officer)))
            continue
        for action in recorded:
            if (action.at is None or (before is not None and same_minute(action.at, before))) and not same_minute(
                action.at, after
            ):
                out.append(SetTime(_action_path(concern, action), after))
    return out


def _from_action(
    case: Case,
    rules: LinkedTimes,
    concern: Concern,
    action: ConcernAction,
    changed: str,
    before: Any,
    after: Any,
) -> list[Follow]:
    out: list[Follow] = []
    referrals = referrals_of(case, concern, rules)
    if len(referrals) != 1:
        return []  # no referral, or several: which one's time this is, the words cannot say
    referral = referrals[0]
    for link in rules.links:
        held = getattr(referral, link.field)
        where = f"referrals[{referral.id}].{link.field}"
        if changed == "at" and rules.says(action.what, link):
            follows = held is None or (before is not None and same_minute(held, before))
            if follows and not same_minute(held, after):
                out.append(SetTime(where, after))
        elif changed == "what":
            if rules.says(after, link):
                if held is None and action.at is not None:
                    out.append(SetTime(where, action.at))
            elif rules.says(before, link) and same_minute(held, action.at) and held is not None:
                # The words no longer say it (a "not" typed after "Faxed"): the time they filled
                # goes too, unless another action on the record still says it.
                others = [
                    a
                    for c in concerns_of(case, referral, rules)
                    for a in c.actions
                    if a is not action and rules.says(a.what, link) and same_minute(a.at, held)
                ]
                if not others:
                    out.append(SetTime(where, None))
    return out


# -- both kept: what differs ------------------------------------------------------------------------
@dataclass(frozen=True)
class TimesDiffer:
    referral: Referral
    concern: Concern
    actions: tuple[ConcernAction, ...]
    link: TimeLink

    def sentence(self, case: Case) -> str:
        number = next(i for i, r in enumerate(case.referrals, start=1) if r is self.referral)
        held = getattr(self.referral, self.link.field)
        timed = "; ".join(f"\u201c{a.what}\u201d at {uk_instant(a.at)}" for a in self.actions if a.at)
        return (
            f"Referral {number}'s {self.link.title} is {uk_instant(held)}, but the concern "
            f"record says {timed}: both are kept — correct whichever is wrong ({self.link.ref}; ¶2.95)"
        )


def differences(case: Case, rules: LinkedTimes) -> list[TimesDiffer]:
    """Where the referral and its concern record hold different times for one fact, and no
    action on the record holds the referral's time."""
    out = []
    for referral in case.referrals:
        for link in rules.links:
            held = getattr(referral, link.field)
            if held is None:
                continue
            for concern in concerns_of(case, referral, rules):
                timed = tuple(a for a in concern.actions if a.at is not None and rules.says(a.what, link))
                if timed and not any(same_minute(a.at, held) for a in timed):
                    out.append(TimesDiffer(referral, concern, timed, link))
    return out
