"""Is this the same person as one in an earlier case? (framework ¶2.17-2.18)

Two halves. *Blocking* finds the few people worth comparing among a million: each person is
indexed under keys built from the sounds of their name parts, their date of birth and their
postcodes; a search looks up the keys of every form the typed name may take (nicknames,
spellings) and every date of birth a slip could have produced. *Scoring* then compares each
candidate part by part (rapidfuzz's Jaro-Winkler, nickname and spelling groups, sounds), date of
birth (exact, day/month swapped, one digit, year off by one) and address, and says why.

"likely" needs the name and a second identifier (date of birth or address) to agree; a name
alone is at most "possible", however well it matches: common names are common.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import product

from rapidfuzz.distance import JaroWinkler

from dutydesk.domain.people.names import Variants, fold, parts, same_name, sound, sounds

Label = str  # "likely" / "possible"


def postcode_key(postcode: str | None) -> str:
    return "".join((postcode or "").upper().split())


@dataclass(frozen=True)
class Place:
    postcode: str  # normalised: upper case, no spaces
    line1: str = ""  # folded
    from_: date | None = None
    to: date | None = None

    def period(self) -> str:
        start = str(self.from_.year) if self.from_ else "?"
        end = str(self.to.year) if self.to else "now"
        return f"{start}–{end}" if self.from_ or self.to else "dates not known"


@dataclass(frozen=True)
class Facts:
    """What the matcher knows of a person: a record in the store, or what the officer typed."""

    given: str = ""
    family: str = ""
    previous: tuple[str, ...] = ()
    dob: date | None = None
    places: tuple[Place, ...] = ()

    @property
    def given_parts(self) -> list[str]:
        return parts(self.given)

    @property
    def family_parts(self) -> list[str]:
        return parts(self.family)

    @property
    def previous_parts(self) -> list[list[str]]:
        return [parts(p) for p in self.previous]

    def all_parts(self) -> list[str]:
        seen: list[str] = []
        for p in [*self.given_parts, *self.family_parts, *(q for prev in self.previous_parts for q in prev)]:
            if p not in seen:
                seen.append(p)
        return seen


@dataclass(frozen=True)
class Match:
    score: float
    label: Label | None
    reasons: tuple[str, ...] = field(default_factory=tuple)


# -- blocking ---------------------------------------------------------------------------------
@lru_cache(maxsize=262144)  # a date of birth, a sound, a postcode: the same keys recur across people
def key_hash(key: str) -> int:
    """A stable signed 64-bit number for a key (the index stores numbers, not strings)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


def record_keys(facts: Facts) -> set[str]:
    """The keys a person is indexed under: their own parts' sounds, no variants (the search
    expands those), so the index stays about a dozen rows a person."""
    keys: set[str] = set()
    given = facts.given_parts
    # A given name with a family name (today's or a previous one: "Amira Begum" before "Amira
    # Khan"). Pairs within a family name ("Mac Giolla") name a family, not a person.
    for other in [facts.family_parts, *facts.previous_parts]:
        for a, b in product(given or other[:1], other):
            if a != b:
                keys.add("n:" + "|".join(sorted((sound(a), sound(b)))))
    for part in facts.all_parts():
        keys.add("n1:" + sound(part))
        if facts.dob:
            keys.add(f"nd:{sound(part)}|{facts.dob.isoformat()}")
    if facts.dob:
        keys.add("d:" + facts.dob.isoformat())
    for place in facts.places:
        if place.postcode:
            keys.add("p:" + place.postcode)
    return keys


def dob_slips(dob: date) -> set[date]:
    """Every date a slip of the pen could have made of `dob` (and `dob` itself)."""
    out = {dob}
    with contextlib.suppress(ValueError):
        out.add(date(dob.year, dob.day, dob.month))
    for delta in (-1, 1):
        with contextlib.suppress(ValueError):
            out.add(dob.replace(year=dob.year + delta))
    digits = dob.strftime("%Y%m%d")
    for i, old in enumerate(digits):
        for new in "0123456789":
            if new != old:
                changed = digits[:i] + new + digits[i + 1 :]
                with contextlib.suppress(ValueError):
                    out.add(date(int(changed[:4]), int(changed[4:6]), int(changed[6:])))
    return out


def query_keys(facts: Facts, variants: Variants) -> set[str]:
    """The keys a search looks up: every sound each typed part may take, every slipped DOB."""
    keys: set[str] = set()
    typed = [p for p in [*facts.given_parts, *facts.family_parts] if p]
    heard = {p: sounds(p, variants) for p in typed}
    given, family = facts.given_parts, facts.family_parts
    if not given and len(family) >= 2:  # one name typed with several parts: it may be either
        given, family = family[:1], family[1:]
    for a, b in product(given, family):
        if a != b:
            for x in heard[a]:
                for y in heard[b]:
                    keys.add("n:" + "|".join(sorted((x, y))))
    if len(typed) == 1 and not facts.dob and not facts.places:
        keys |= {"n1:" + s for s in heard[typed[0]]}
    if facts.dob:
        keys.add("d:" + facts.dob.isoformat())
        for slip in dob_slips(facts.dob):
            for p in typed:
                keys |= {f"nd:{s}|{slip.isoformat()}" for s in heard[p]}
    for place in facts.places:
        if place.postcode:
            keys.add("p:" + place.postcode)
    return keys


# -- scoring ----------------------------------------------------------------------------------
@lru_cache(maxsize=262144)
def part_similarity(a: str, b: str, variants: Variants) -> tuple[float, str | None]:
    """How alike two name parts are, 0..1, and why when they are not simply the same."""
    if a == b:
        return 1.0, None
    why = same_name(a, b, variants)
    if why:
        return 0.97, why
    jw = JaroWinkler.normalized_similarity(a, b, prefix_weight=0.1)
    if sound(a) == sound(b):
        return max(jw, 0.92), "sounds alike"
    return jw, ("spelled differently" if jw >= 0.88 else None)


def best(query: list[str], record: list[str], variants: Variants) -> tuple[float, str | None, str, str]:
    """The best pairing of a typed part with a recorded part."""
    top: tuple[float, str | None, str, str] = (0.0, None, "", "")
    for q in query:
        for r in record:
            score, why = part_similarity(q, r, variants)
            if score > top[0]:
                top = (score, why, q, r)
    return top


def name_score(query: Facts, record: Facts, variants: Variants) -> tuple[float, float, list[str]] | None:
    """(the average of the typed parts' best agreement, the weakest of them, why)."""
    given, family = query.given_parts, query.family_parts
    if not given and not family:
        return None
    r_given, r_family = record.given_parts, record.family_parts
    r_previous = [p for prev in record.previous_parts for p in prev]
    reasons: list[str] = []

    def side(q: list[str], own: list[str], extra: list[str]) -> tuple[float, list[str]]:
        if not q:
            return -1.0, []
        score, why, qp, rp = best(q, own, variants)
        via_previous = False
        if extra:
            alt = best(q, extra, variants)
            if alt[0] > score:
                (score, why, qp, rp), via_previous = alt, True
        notes = []
        if via_previous:
            notes.append(f"previous name matches ({rp})")
        if why and why != "same":
            notes.append(f"{why}: {qp} / {rp}")
        return score, notes

    if not given or not family:  # one name typed: it may be any of theirs
        value, notes = side(given or family, [*r_given, *r_family], r_previous)
        return value, value, notes

    straight = [side(given, r_given, r_previous), side(family, r_family, r_previous)]
    swapped = [side(given, r_family, []), side(family, r_given, [])]
    scores = [s for s, _ in straight]
    swapped_scores = [s for s, _ in swapped]
    total, weakest = sum(scores) / 2, min(scores)
    if sum(swapped_scores) / 2 > total + 0.05:
        total, weakest = sum(swapped_scores) / 2, min(swapped_scores)
        reasons.append("given and family names reversed")
        chosen = swapped
    else:
        chosen = straight
    # Hyphenated or double-barrelled on one side only ("Smith-Jones" and "Jones").
    if len(family) != len(r_family) and family and r_family and set(family) & set(r_family):
        reasons.append("one of a double-barrelled family name")
        weakest = min(weakest, 0.9)  # half a family name is not the whole of one
    for _, notes in chosen:
        reasons.extend(notes)
    return total, weakest, reasons


def dob_score(query: date | None, record: date | None) -> tuple[float, str | None] | None:
    if query is None:
        return None
    if record is None:
        return 0.4, "date of birth not recorded"
    if query == record:
        return 1.0, "same date of birth"
    if (query.year, query.month, query.day) == (record.year, record.day, record.month):
        return 0.9, "DOB day/month swapped"
    if (query.month, query.day) == (record.month, record.day) and abs(query.year - record.year) == 1:
        return 0.85, "DOB year off by one"
    a = f"{query.year:04d}{query.month:02d}{query.day:02d}"
    b = f"{record.year:04d}{record.month:02d}{record.day:02d}"
    if sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return 0.85, "DOB one digit different"
    return 0.0, None


def place_score(query: Facts, record: Facts) -> tuple[float, str | None] | None:
    if not query.places:
        return None
    for q in query.places:
        for r in record.places:
            if q.postcode and q.postcode == r.postcode:
                return 1.0, f"same postcode {r.postcode[:-3]} {r.postcode[-3:]} ({r.period()})"
            if q.line1 and q.line1 == r.line1:
                return 0.9, f"same address ({r.period()})"
    return 0.0, None


WEIGHTS = {"name": 0.55, "dob": 0.3, "place": 0.15}


def score(query: Facts, record: Facts, variants: Variants) -> Match:
    name = name_score(query, record, variants)
    dob = dob_score(query.dob, record.dob)
    place = place_score(query, record)
    parts_ = {"name": name[0] if name else None, "dob": dob[0] if dob else None, "place": place[0] if place else None}
    weight = sum(WEIGHTS[k] for k, v in parts_.items() if v is not None)
    if not weight:
        return Match(0.0, None)
    total = sum(WEIGHTS[k] * v for k, v in parts_.items() if v is not None) / weight
    reasons = [*(name[2] if name else [])]
    if name and name[0] == 1.0 and not reasons:  # "why" is never blank: an exact name says so
        reasons.append("same name" if query.given_parts and query.family_parts else "same name (one part typed)")
    reasons += [why for why in (dob[1] if dob else None, place[1] if place else None) if why]
    n, d, p = parts_["name"], parts_["dob"] or 0.0, parts_["place"] or 0.0
    weakest = name[1] if name else 0.0
    second = d >= 0.85 or p >= 0.9
    if n is None:
        # No name typed: a search by date of birth or address lists who has it.
        label = "possible" if (query.dob is None or d == 1.0) and (not query.places or p >= 0.9) else None
    elif (
        (n >= 0.9 and weakest >= 0.85 and (d >= 0.9 or p >= 0.9))
        or (weakest == 1.0 and d >= 0.85)
        or (n >= 0.75 and d == 1.0 and p >= 0.9)
    ):
        # Every typed part agrees and so does the date of birth (or its day and month swapped)
        # or the address; a looser slip of the date (one digit, the year) only with the name
        # itself or a known variant of it: among a million people, near names with near dates
        # are common.
        label = "likely"
    elif n >= 0.85 or (n >= 0.7 and second):
        label = "possible"
    else:
        label = None
    return Match(round(total, 3), label, tuple(dict.fromkeys(reasons)))


def facts_of(
    given: str | None, family: str | None, previous: list[str] | None, dob: date | None, places: list[Place]
) -> Facts:
    return Facts(given or "", family or "", tuple(previous or ()), dob, tuple(places))


def place(postcode: str | None, line1: str | None = None, from_: date | None = None, to: date | None = None) -> Place:
    return Place(postcode_key(postcode), fold(line1 or ""), from_, to)


def typed_query(name: str, dob: date | None = None, where: str = "") -> Facts | None:
    """What an officer types to find a person — a name ("Given Family"), perhaps a date of
    birth, perhaps a postcode or first line — as the matcher's facts; None when nothing was
    typed. One reading for the board's search and `dutydesk find`."""
    name, where = " ".join(name.split()), where.strip()
    given, _, family = name.rpartition(" ") if " " in name else ("", "", name)
    # "SW1A 1AA" ends in digit-letter-letter; "12 High Street" does not end in a digit.
    looks_like_postcode = bool(where) and any(c.isdigit() for c in where[-3:])
    places = [place(where if looks_like_postcode else None, None if looks_like_postcode else where)] if where else []
    if not (name or dob or places):
        return None
    return facts_of(given, family, None, dob, places)
