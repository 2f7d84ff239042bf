"""Which Appendix II offence a finding is, as the police, the PNC and the courts write it.

In this order, each step reported with how sure it is:
1. **Act and section** — from the finding's section and Act, or read out of its wording ("contrary
   to section 47 of the ...", "s.1 CYPA 1933", "&" for "and"). A provision that is an attempt,
   conspiracy, incitement or aiding (Criminal Attempts Act 1981 s1, Criminal Law Act 1977 s1,
   Serious Crime Act 2007 ss44-46, …) marks the finding as one and the offence is read from the rest.
2. **Wording** — the alias table (data/offence_aliases.csv), each row naming the App. II row it
   means, or that the wording is *not* on the list (an assault on a constable).
3. **The list's own names** — exactly, or contained in a longer description.
4. **Fuzzy name** (rapidfuzz) — never certain: the officer confirms it.

The tables are read into an index once; matching one finding is a few set and dict operations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from dutydesk.domain.offence_tables import Acts, Alias
from dutydesk.domain.policy_tables import Offence

# Words that carry no meaning for which offence it is.
_STOP = {"a", "an", "the", "of", "to", "on", "in", "at", "by", "or", "and", "his", "her", "their", "him", "them", "s"}
_SYNONYMS = {"children": "child", "kids": "child", "images": "image", "photos": "photograph", "photo": "photograph"}
# An attempt, conspiracy, incitement or aiding, by its wording (App. II notes include them all).
_INCHOATE_WORDS = {
    "attempt": "attempt",
    "attempted": "attempt",
    "attempting": "attempt",
    "conspiracy": "conspiracy",
    "conspire": "conspiracy",
    "conspiring": "conspiracy",
    "incitement": "incitement",
    "incite": "incitement",
    "inciting": "incitement",
    "encourage": "incitement (encouraging or assisting)",
    "encouraging": "incitement (encouraging or assisting)",
    "aid": "aiding and abetting",
    "aiding": "aiding and abetting",
    "abet": "aiding and abetting",
    "abetting": "aiding and abetting",
    "counselling": "aiding and abetting",
    "procuring": "aiding and abetting",
}
_INCHOATE_LINKS = {"commit", "cause", "do", "assist"}
_SECTION = re.compile(r"\b(?:ss?|sec|sect|section)\s*\.?\s*(\d+[a-z]?)\b(?:\s*\(\s*\d+\s*\))?")
FUZZY_CUTOFF = 85
FUZZY_MAX_WORDS = 30
PROVISION_SCAN = 2000  # characters of a wording read for sections and Acts

SECTION_AND_ACT = "section and Act"
ALIAS = "police / court wording"
NAME = "the list's name"
FUZZY = "similar name"


def _stem(word: str) -> str:
    word = _SYNONYMS.get(word, word)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
            return word[: -len(suffix)]
    return word


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("&", " and ")


def words(text: str) -> tuple[str, ...]:
    """The meaningful words of a wording, normalised: 'Wounding / inflicting G.B.H.' -> wound inflict gbh."""
    plain = re.sub(r"[.']", "", _ascii(text))
    return tuple(_stem(w) for w in re.split(r"[^a-z0-9]+", plain) if w and w not in _STOP)


def _core(text: str) -> tuple[str, ...]:
    """The words less the inchoate ones: 'Attempted cruelty to children' meets 'Cruelty to children'."""
    return tuple(w for w in words(text) if w not in _INCHOATE_WORDS and _stem(w) not in _INCHOATE_LINKS)


def _section_key(section: str | None) -> str | None:
    if not section:
        return None
    low = _ascii(section).strip()
    if "common law" in low:
        return "common law"
    found = _SECTION.search(low) or re.fullmatch(r"\s*(\d+[a-z]?)\s*(?:\(.*)?", low)
    return found.group(1) if found else None


def _act_pattern(title: str) -> str:
    parts = [re.escape(w) for w in re.split(r"[^a-z0-9]+", _ascii(title)) if w]
    return r"[\W_]+".join(parts)


def _abbrev_pattern(abbrev: str) -> str:
    letters, year = abbrev.rsplit(" ", 1)
    chars = [re.escape(c) for c in letters.lower() if c.isalnum()]
    return r"[\W_]?".join(chars) + r"[\W_]*" + year


@dataclass(frozen=True)
class Provision:
    section: str  # "47", "common law"
    act: str  # the Act's title as the list writes it
    inchoate: str | None = None  # "attempt", … when the provision is an attempt (etc.) itself


@dataclass(frozen=True)
class OffenceMatch:
    """What a finding was matched to (offence None: the wording is known NOT to be on the list)."""

    offence: Offence | None
    how: str  # SECTION_AND_ACT, ALIAS, NAME or FUZZY
    confidence: int  # 0-100
    certain: bool  # False: the officer confirms it
    inchoate: str | None = None
    detail: str = ""  # what it matched on, and any doubt, in words
    alternatives: tuple[Offence, ...] = field(default=())

    @property
    def listed(self) -> bool:
        return self.offence is not None


class OffenceMatcher:
    """The Appendix II list, its aliases and the Acts' spellings, indexed once."""

    def __init__(self, offences: tuple[Offence, ...], aliases: tuple[Alias, ...], acts: Acts) -> None:
        self.offences = offences
        self.aliases = aliases
        self.acts = acts
        self._by_provision: dict[tuple[str, str], list[Offence]] = {}
        for o in offences:
            key = (_section_key(o.section) or "", _ascii(o.act))
            self._by_provision.setdefault(key, []).append(o)
        self._charged: dict[tuple[str, str], Alias] = {
            (a.charged_section, _ascii(a.charged_act)): a for a in aliases if a.charged_section and a.charged_act
        }
        self._inchoate = {(s, _ascii(i.act)): i.kind for i in acts.inchoate for s in i.sections}
        self._alias_words = [(frozenset(words(a.wording)), a) for a in aliases]
        self._names: dict[tuple[str, ...], list[Offence]] = {}
        for o in offences:
            self._names.setdefault(_core(o.offence), []).append(o)
        self._fuzzy_choices = {" ".join(k): k for k in self._names}
        # Every Act title (full, without its year where that is unambiguous, and abbreviated), one regex.
        titles: dict[str, str] = {}
        known = {o.act for o in offences if o.act} | {a.charged_act for a in aliases if a.charged_act}
        known |= {i.act for i in acts.inchoate} | set(acts.abbreviations.values())
        for title in known:
            titles[_act_pattern(title)] = title
            yearless = re.sub(r"\s*\d{4}$", "", title)
            if yearless != title and sum(1 for t in known if re.sub(r"\s*\d{4}$", "", t) == yearless) == 1:
                titles[_act_pattern(yearless) + r"(?![\W_]*\d)"] = title
        for statute, listed in acts.titles.items():
            titles[_act_pattern(statute)] = listed
        for abbrev, title in acts.abbreviations.items():
            titles[_abbrev_pattern(abbrev)] = title
        ordered = sorted(titles, key=len, reverse=True)  # the longest title first: "... (Amendment) Act 2000"
        self._act_titles = [titles[p] for p in ordered]
        self._acts_re = re.compile("|".join(rf"\b(?P<a{i}>{p})" for i, p in enumerate(ordered)))

    # -- reading provisions ------------------------------------------------------------------
    def _acts_in(self, low: str) -> list[tuple[int, str]]:
        found = []
        for m in self._acts_re.finditer(low):
            index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            found.append((m.start(), self._act_titles[index]))
        return found

    def _provision(self, section: str, act: str) -> Provision:
        return Provision(section, act, self._inchoate.get((section, _ascii(act))))

    def provisions(self, wording: str | None, section: str | None, act: str | None) -> list[Provision]:
        """Every section-of-an-Act the finding cites: its own fields first, then its wording."""
        out: list[Provision] = []
        if act:
            acts = self._acts_in(_ascii(act))
            key = _section_key(section)
            if acts and key:
                out.append(self._provision(key, acts[0][1]))
        if wording:
            low = _ascii(wording[:PROVISION_SCAN])  # an offence's wording, not a pasted file
            acts = self._acts_in(low)[:20]
            sections = [(m.start(), m.group(1)) for m in _SECTION.finditer(low)]
            for pos, title in acts:
                if not sections:
                    break
                nearest = min(sections, key=lambda s: abs(s[0] - pos))
                sections.remove(nearest)
                out.append(self._provision(nearest[1], title))
            if not acts and "common law" in low:
                out.append(Provision("common law", ""))
        elif section and _section_key(section) == "common law":
            out.append(Provision("common law", ""))
        return out

    # -- matching ----------------------------------------------------------------------------
    def _by_words(self, core: frozenset[str]) -> tuple[Alias, tuple[Alias, ...]] | None:
        hits = [(len(w), a) for w, a in self._alias_words if w and w <= core]
        if not hits:
            return None
        best = max(n for n, _ in hits)
        top = [a for n, a in hits if n == best]
        rivals = tuple(a for a in top[1:] if a.offence != top[0].offence)
        return top[0], rivals

    def _by_name(self, core: tuple[str, ...], act: str | None) -> tuple[list[Offence], str] | None:
        rows = self._names.get(core)
        if rows:
            return rows, NAME
        text = f" {' '.join(core)} "
        contained = [
            o for key, found in self._names.items() if len(key) >= 2 and f" {' '.join(key)} " in text for o in found
        ]
        return (contained, NAME) if contained else None

    def match(self, wording: str | None, section: str | None = None, act: str | None = None) -> OffenceMatch | None:
        """The App. II row a finding is, with how and how sure; None when nothing on the list fits."""
        provisions = self.provisions(wording, section, act)
        inchoate = next((p.inchoate for p in provisions if p.inchoate), None)
        all_words = words(wording or "")
        if inchoate is None:
            inchoate = next((_INCHOATE_WORDS[w] for w in all_words if w in _INCHOATE_WORDS), None)
        core = _core(wording or "")
        by_words = self._by_words(frozenset(core)) if core else None
        unlisted: list[Provision] = []
        for p in provisions:
            if p.inchoate or p.section == "common law":
                continue
            rows = self._by_provision.get((p.section, _ascii(p.act)))
            charged = self._charged.get((p.section, _ascii(p.act)))
            if rows:
                return self._provision_match(rows, core, p, inchoate, by_words)
            if charged and charged.offence:
                detail = f"s{p.section} {p.act}: {charged.note}"
                return OffenceMatch(charged.offence, SECTION_AND_ACT, 100, True, inchoate, detail)
            unlisted.append(p)
        doubt = (
            f"; but s{unlisted[0].section} {unlisted[0].act}, as recorded, is not on the list: check which is right"
            if unlisted
            else ""
        )
        if by_words is not None:
            alias, rivals = by_words
            if alias.offence is None:
                return OffenceMatch(None, ALIAS, 95, True, inchoate, alias.note)
            sure = not rivals and not unlisted
            detail = f"read from the words \u201c{alias.wording}\u201d" + (f": {alias.note}" if alias.note else "")
            if rivals:
                detail += "; the words also fit " + "; ".join(r.offence.label() for r in rivals if r.offence)
            return OffenceMatch(
                alias.offence,
                ALIAS,
                95 if sure else 70,
                sure,
                inchoate,
                detail + doubt,
                tuple(r.offence for r in rivals if r.offence),
            )
        named = self._by_name(core, act) if core else None
        if named is not None:
            rows, how = named
            sure = len(rows) == 1 and not unlisted
            detail = "the list's own name" + (
                "; the list has it under " + " and ".join(f"{o.section}, {o.act}" for o in rows) + ": record the Act"
                if len(rows) > 1
                else ""
            )
            return OffenceMatch(rows[0], how, 100 if sure else 75, sure, inchoate, detail + doubt, tuple(rows[1:]))
        if core and len(core) <= FUZZY_MAX_WORDS:  # a name, not a pasted statement: fuzzy on a page is noise
            found = process.extractOne(
                " ".join(core), list(self._fuzzy_choices), scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF
            )
            if found is not None:
                rows = self._names[self._fuzzy_choices[found[0]]]
                detail = f"a similar name ({round(found[1])}% alike): confirm it is this offence" + doubt
                return OffenceMatch(rows[0], FUZZY, round(found[1]), False, inchoate, detail, tuple(rows[1:]))
        return None

    def _provision_match(
        self,
        rows: list[Offence],
        core: tuple[str, ...],
        p: Provision,
        inchoate: str | None,
        by_words: tuple[Alias, tuple[Alias, ...]] | None,
    ) -> OffenceMatch:
        """A section of an Act on the list: certain, whatever the wording says (the wording's own
        reading is reported when it names another row, so a mistyped section is seen)."""
        row = rows[0]
        if len(rows) > 1:  # the same section of an Act twice on the list: the words choose
            row = next((o for o in rows if _core(o.offence) == core), rows[0])
        detail = f"s{p.section} {p.act}"
        worded = by_words[0].offence if by_words else None
        if worded is not None and worded != row:
            detail += f"; the wording reads as {worded.label()}: check the particulars"
        qualifier = re.search(r"\(([^)]*)\)", row.offence)
        if qualifier:
            detail += f"; the list covers this section only {qualifier.group(1)}: check the particulars"
        return OffenceMatch(row, SECTION_AND_ACT, 100, True, inchoate, detail)

    def search(self, query: str, limit: int = 20) -> list[Offence]:
        """Offences whose name, section or Act hold every word typed (the offence picker)."""
        typed = words(query)
        if not typed:
            return list(self.offences)[:limit]
        found = []
        for o in self.offences:
            hay = " ".join(words(f"{o.offence} {o.section} {o.act}"))
            if all(w in hay for w in typed):
                found.append(o)
        return found[:limit]


def labels(offences: Iterable[Offence]) -> list[str]:
    return [o.label() for o in offences]
