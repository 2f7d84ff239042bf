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
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from dutydesk.domain.policy.offence_tables import Acts, Alias
from dutydesk.domain.policy.tables import Offence

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
FUZZY_SEARCH_CUTOFF = 80  # the picker: a typing slip ("assualt") still finds it, marked as only similar
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


def _letters_pattern(letters: str) -> str:
    """An Act's abbreviation without its year ("OAPA", "O.A.P.A."): the picker only."""
    chars = [re.escape(c) for c in letters.lower() if c.isalnum()]
    return r"[\W_]?".join(chars) + r"(?![a-z0-9])(?![\W_]*\d)"


def _pairs(text: str) -> list[tuple[str, str]]:
    """(as typed, as normalised) for each meaningful word, less the inchoate ones (as `_core`)."""
    plain = re.sub(r"[.']", "", _ascii(text))
    out = []
    for w in re.split(r"[^a-z0-9]+", plain):
        if not w or w in _STOP:
            continue
        stem = _stem(w)
        if stem not in _INCHOATE_WORDS and _stem(stem) not in _INCHOATE_LINKS:
            out.append((w, stem))
    return out


def _typed_into(core: tuple[str, ...], last: str, target: frozenset[str], spelt: tuple[str, ...]) -> bool:
    """Every word typed is one of the target's, the last one perhaps still being typed ("bea")."""
    if any(w not in target for w in core[:-1]):
        return False
    end = core[-1]
    return end in target or any(t.startswith(last) for t in spelt) or any(t.startswith(end) for t in target)


def _join(first: str, second: str) -> str:
    return f"{first}; {second}" if first else second


def _clip(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


@dataclass(frozen=True)
class SearchHit:
    """One offence the picker lists: why it matched ("alias: assault by beating", "Act: s.47
    OAPA 1861", "name", "similar to …"), what the officer should know with it, and its rank."""

    offence: Offence
    why: str
    note: str = ""
    score: float = 0


@dataclass(frozen=True)
class Found:
    hits: tuple[SearchHit, ...]
    not_listed: tuple[str, ...]  # sentences: what was typed is known NOT to be on the list


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
        self._index_for_search(acts, known)

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

    def _index_for_search(self, acts: Acts, known: set[str]) -> None:
        """What the picker searches besides what the matcher reads, indexed once."""
        self._abbreviation: dict[str, str] = {}
        for abbrev, title in acts.abbreviations.items():
            self._abbreviation.setdefault(title, abbrev)
        self._by_act: dict[str, list[Offence]] = {}
        self._by_section: dict[str, list[Offence]] = {}
        for o in self.offences:
            self._by_act.setdefault(_ascii(o.act), []).append(o)
            self._by_section.setdefault(_section_key(o.section) or "", []).append(o)
        loose: dict[str, set[str]] = {}
        for abbrev, title in acts.abbreviations.items():
            letters = abbrev.rsplit(" ", 1)[0]
            if sum(c.isalnum() for c in letters) >= 3:  # "CA", "LA", "SA" are words too often
                loose.setdefault(_letters_pattern(letters), set()).add(title)
        for title in known | set(acts.titles.values()):
            yearless = re.sub(r"\s*\d{4}$", "", title)
            if yearless != title:
                loose.setdefault(_act_pattern(yearless) + r"(?![\W_]*\d)", set()).add(title)
        ordered = sorted(loose, key=len, reverse=True)
        self._loose_titles = [tuple(sorted(loose[p])) for p in ordered]
        self._loose_re = re.compile("|".join(rf"\b(?P<a{i}>{p})" for i, p in enumerate(ordered)))
        self._alias_index = [
            (frozenset(words(a.wording)), tuple(w for w, _ in _pairs(a.wording)), a) for a in self.aliases
        ]
        self._name_index = [
            (frozenset(key), tuple(w for w, _ in _pairs(rows[0].offence)), rows) for key, rows in self._names.items()
        ]
        # Similar names and wordings (rapidfuzz), for a slip in typing.
        self._similar: dict[str, tuple[Offence, str]] = {}
        for key, rows in self._names.items():
            self._similar.setdefault(" ".join(key), (rows[0], rows[0].offence))
        for a in self.aliases:
            if a.offence is not None:
                self._similar.setdefault(" ".join(_core(a.wording)), (a.offence, a.wording))

    def search(self, query: str, limit: int = 20) -> list[Offence]:
        """The offences the picker lists for `query`, best first (`find` says why each matched)."""
        if not words(query):
            return list(self.offences)[:limit]
        return [hit.offence for hit in self.find(query, limit).hits]

    # -- the offence picker ------------------------------------------------------------------
    def _short(self, title: str) -> str:
        """An Act as the police write it where they abbreviate it (OAPA 1861), else its title."""
        return self._abbreviation.get(title, title) if title else "Common Law"

    def cite(self, offence: Offence) -> str:
        """A row's section and Act as short as the police cite them: "s.47 OAPA 1861", "Common Law"."""
        key = _section_key(offence.section)
        if not offence.act or key in (None, "common law"):
            return offence.section
        return f"s.{key} {self._short(offence.act)}"

    def _cited(self, low: str) -> list[tuple[str | None, tuple[str, ...]]]:
        """Each (section, Acts) a typed query names: Acts with their year, as the matcher reads
        them, and — the picker being typed, not filed — without it ("s.47 OAPA"; "SOA" is any of
        its three Acts). A section with no Act is (section, ()); an Act with no section (None, Acts)."""
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        for m in self._acts_re.finditer(low):
            index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            spans.append((m.start(), m.end(), (self._act_titles[index],)))
        for m in self._loose_re.finditer(low):
            if any(s < m.end() and m.start() < e for s, e, _ in spans):
                continue  # read with its year already
            index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            spans.append((m.start(), m.end(), self._loose_titles[index]))
        sections = [(m.start(), m.group(1)) for m in _SECTION.finditer(low)]
        out: list[tuple[str | None, tuple[str, ...]]] = []
        for start, _end, titles in sorted(spans):
            if sections:
                nearest = min(sections, key=lambda s: abs(s[0] - start))
                sections.remove(nearest)
                out.append((nearest[1], titles))
            else:
                out.append((None, titles))
        out += [(section, ()) for _pos, section in sections]
        return out

    def find(self, query: str, limit: int = 30) -> Found:
        """What the App. II picker lists for a typed query, best first, each with why it matched:
        the finding's own matcher decides the first row (so the picker never offers first what the
        finding would not be matched to); then the Acts and sections named, the alias table
        (police, CPS and court wordings), the list's names — each typed word, the last one while
        still being typed — and, when none of those finds anything, similar names and wordings
        (rapidfuzz). A wording the alias table knows is NOT on the list, or an Act's section that
        is not, is said in `not_listed`."""
        low = _ascii(query[:PROVISION_SCAN])
        pairs = _pairs(query[:PROVISION_SCAN])
        core = tuple(stem for _w, stem in pairs)
        last = pairs[-1][0] if pairs else ""
        hits: dict[Offence, SearchHit] = {}
        not_listed: list[str] = []

        def add(offence: Offence, why: str, score: float, note: str = "") -> None:
            held = hits.get(offence)
            if held is None or score > held.score:
                hits[offence] = SearchHit(offence, why, self._note(offence, note), score)

        for section, titles in self._cited(low):
            if section is not None and titles:
                for title in titles:
                    key = (section, _ascii(title))
                    cited = f"s.{section} {self._short(title)}"
                    if key in self._inchoate:
                        continue  # an attempt (etc.): the rest of the words name the offence
                    rows = self._by_provision.get(key, [])
                    for o in rows:
                        add(o, f"Act: {cited}", 100)
                    charged = self._charged.get(key)
                    if charged is not None and charged.offence is not None:
                        add(charged.offence, f"Act: {cited} (as charged)", 100, charged.note)
                    elif not rows and len(titles) == 1:
                        not_listed.append(f"{cited} is not on the Appendix II list")
            elif titles:
                for title in titles:
                    for o in self._by_act.get(_ascii(title), []):
                        add(o, f"Act: {self._short(title)}", 50)
            elif section is not None:
                for o in self._by_section.get(section, []):
                    add(o, f"section {section}", 55)
        if "common law" in low:
            for o in self._by_provision.get(("common law", ""), []):
                add(o, "Common Law", 50)
        if core:
            have = frozenset(core)
            for alias_words, ordered, alias in self._alias_index:
                if alias_words <= have:  # the wording holds every word of the alias
                    if alias.offence is not None:
                        add(alias.offence, f"alias: {alias.wording}", 90 + len(alias_words), alias.note)
                elif alias.offence is not None and _typed_into(core, last, alias_words, ordered):
                    add(alias.offence, f"alias: {alias.wording}", 70 + 10 * len(core) / len(alias_words), alias.note)
            for name_words, ordered, rows in self._name_index:
                contained = name_words == have or (len(name_words) >= 2 and name_words <= have)
                if contained:
                    for o in rows:
                        add(o, "the list's own name", 80 + len(name_words))
                elif _typed_into(core, last, name_words, ordered):
                    for o in rows:  # the list's own name first where an alias fits as well
                        add(o, "the list's own name", 70.5 + 10 * len(core) / len(name_words))
        verdict = self.match(query) if (core or hits) else None
        if verdict is not None and verdict.offence is None:
            # The alias table says this wording is not on the list (an assault on a constable):
            # it stops a looser wording matching, as it does for the finding itself.
            said = verdict.detail
            if not re.search(r"not (?:an App\. II offence|on the 2005 list)", said):  # the note names it already
                said = f"“{_clip(query)}” is not an Appendix II offence: {said}"
            not_listed.insert(0, said)
            hits = {o: h for o, h in hits.items() if h.why.startswith("Act:")}
        elif verdict is not None and verdict.offence is not None:
            held = hits.get(verdict.offence)
            why = held.why if held is not None else _why(verdict)
            note = held.note if held is not None else self._note(verdict.offence, "")
            hits[verdict.offence] = SearchHit(verdict.offence, why, note, 1000)
        if not hits and not not_listed and len(" ".join(core)) >= 4 and len(core) <= FUZZY_MAX_WORDS:
            for text, score, _i in process.extract(
                " ".join(core),
                list(self._similar),
                scorer=fuzz.token_sort_ratio,
                score_cutoff=FUZZY_SEARCH_CUTOFF,
                limit=limit,
            ):
                offence, wording = self._similar[text]
                add(offence, f"similar to “{wording}” ({round(score)}% alike)", score / 2)
        order = {o: i for i, o in enumerate(self.offences)}
        ranked = sorted(hits.values(), key=lambda h: (-h.score, order[h.offence]))
        inchoate = next((_INCHOATE_WORDS[w] for w in words(query[:PROVISION_SCAN]) if w in _INCHOATE_WORDS), None)
        if inchoate:
            ranked = [replace(h, note=_join(h.note, f"{inchoate}: App. II includes it")) for h in ranked]
        return Found(tuple(ranked[:limit]), tuple(dict.fromkeys(not_listed)))

    def _note(self, offence: Offence, note: str) -> str:
        if offence.victim == "under_18":
            note = _join(note, "App. II: only where the victim was under 18")
        return note


def _why(verdict: OffenceMatch) -> str:
    """Why the finding's own matcher chose a row the picker's search did not find itself."""
    assert verdict.offence is not None
    if verdict.how == FUZZY:
        return f"similar to \u201c{verdict.offence.offence}\u201d ({verdict.confidence}% alike)"
    return verdict.how


def labels(offences: Iterable[Offence]) -> list[str]:
    return [o.label() for o in offences]
