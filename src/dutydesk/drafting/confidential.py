"""The one place that decides what a document may say about where people live (¶2.60, ¶3.83).

Every address and phone number a template can print comes from `address_for` / `phone_for`,
which withhold confidential ones from the court and the parties, and mark them for children's
social care. Free text the officer wrote (call records, notes, allegations) is scrubbed of any
confidential detail for the court and the parties too, in any wording a hurried officer types
(`address_forms.py`), and an organisation whose name says where the address is (a local
authority, a school, a GP in that town or county) is named by its role. Last,
`assert_no_leak` reads the finished document and refuses it if any part of a confidential
address or number is in it, so a template that found another way to print one still cannot
send it.

One finder does all three (issue 27): every place a confidential detail stands in a text is
found once, the places that touch are joined into one phrase, and that phrase is withheld
whole for the court and a party, or followed by exactly one mark for children's social care —
never a mark inside another name ("Clifton Meadows Academy" is not "Clifton Road"), never two
marks for one phrase, and naming only whom the address is hidden from, not those who live there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dutydesk.domain.case.model import Address, Case, Person
from dutydesk.drafting import address_forms as forms
from dutydesk.drafting.address_forms import Place, Street, Token
from dutydesk.drafting.kinds import Recipient
from dutydesk.errors import DutydeskError

WITHHELD_ADDRESS = "address withheld (confidential)"
WITHHELD_PHONE = "phone number withheld (confidential)"
WITHHELD_BOTH = "address and phone number withheld (confidential)"
# Shorter fragments than this are not searched for (e.g. a flat number "2").
MIN_FRAGMENT = 3
MARK = "CONFIDENTIAL: not to be disclosed to"


class ConfidentialityError(DutydeskError):
    """A document for the court or a party would have carried a confidential detail."""


def withholds(recipient: Recipient) -> bool:
    return recipient in ("court", "party")


@dataclass(frozen=True)
class Secret:
    """One confidential detail, whose it is, and whom it is hidden from."""

    text: str
    what: str  # address, postcode, town, phone, or area: an organisation named for the place
    owner: str
    hidden_from: tuple[str, ...] = ()
    role: str | None = None  # an organisation, as the court and the parties are told of it


# -- who may not know ------------------------------------------------------------------------


def _same_place(a: Address, b: Address) -> bool:
    def squash(text: str | None) -> str:
        return re.sub(r"[^a-z0-9]", "", (text or "").lower())

    if a.postcode and b.postcode and squash(a.postcode) == squash(b.postcode):
        return squash(a.line1) == squash(b.line1)
    return bool(a.one_line()) and squash(a.one_line()) == squash(b.one_line())


def household(case: Case, person: Person, address: Address | None = None) -> set[str]:
    """Who lives with the person (or at the address): they know it already."""
    ids = {person.id, *person.lives_with}
    ids |= {p.id for p in case.people if person.id in p.lives_with}
    if address is not None:
        ids |= {p.id for p in case.people if any(_same_place(address, a) for a in p.addresses)}
    return ids


def hidden_from(case: Case, person: Person, address: Address | None = None) -> tuple[str, ...]:
    """The adult parties a confidential address (or number) must not reach: every applicant and
    respondent but those who live there — a child's address living with the mother is hidden
    from the father, not from her."""
    home = household(case, person, address)
    return tuple(p.full_name for p in case.with_role("applicant", "respondent") if p.id not in home)


def other_parties(case: Case, person: Person, address: Address | None = None) -> str:
    """Whom a mark names: the parties the address is hidden from."""
    names = hidden_from(case, person, address if address is not None else person.current_address())
    return " or ".join(names) if names else "the other party"


# -- what is looked for ------------------------------------------------------------------------

# Words that never continue a proper name: a name alone followed by one of these is still the
# street ("she is on Acacia Monday"); one followed by any other capitalised word is part of a
# longer name ("Clifton Meadows Academy") and is not the street.
NOT_NAME = frozenset(
    {
        "i",
        "im",
        "ive",
        "id",
        "ill",
        "she",
        "he",
        "they",
        "we",
        "you",
        "it",
        "her",
        "him",
        "his",
        "hers",
        "their",
        "them",
        "our",
        "my",
        "your",
        "its",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "than",
        "and",
        "but",
        "or",
        "so",
        "because",
        "as",
        "if",
        "when",
        "while",
        "since",
        "until",
        "after",
        "before",
        "with",
        "without",
        "from",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "of",
        "near",
        "into",
        "onto",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "not",
        "no",
        "yes",
        "also",
        "now",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "rev",
        "mother",
        "father",
        "mum",
        "mom",
        "dad",
        "child",
        "children",
        "son",
        "daughter",
        "baby",
        "parent",
        "parents",
        "grandmother",
        "grandfather",
        "nan",
        "gran",
        "grandad",
        "partner",
        "sister",
        "brother",
        "aunt",
        "uncle",
    }
)
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"})
# Before a street or town written alone: "on Acacia", "moved to Reading".
LOCATIVE = frozenset(
    {
        "on",
        "in",
        "to",
        "at",
        "from",
        "near",
        "off",
        "along",
        "into",
        "onto",
        "round",
        "around",
        "by",
        "towards",
        "toward",
        "via",
        "nr",
        "outside",
    }
)
# Inside a longer name: "Newcastle upon Tyne", "Clifton School of Dance".
CONNECTORS = frozenset({"of", "upon", "on"})
_NAME_GAP = re.compile(r"[\s\-.]+|")  # "Acacia Avenue", "Acacia-Avenue", "acacia.avenue", "AcaciaAvenue"
_RUN_GAP = re.compile(r"[ \t]*[-&]?[ \t]*\n?[ \t]*")
_NUMBER_GAP = re.compile(r"[\s,.\-]*")
_JOIN = re.compile(r"[\s,;/\-–—(]*")
_SENTENCE_END = tuple('.!?:;"“(•-–—\n')
ROLE_WORDS = {
    "child": "the child's",
    "applicant": "the applicant's",
    "respondent": "the respondent's",
    "household_member": "the household member's",
    "new_partner": "the new partner's",
    "other_relevant_adult": "the other adult's",
}


@dataclass(frozen=True)
class _StreetRule:
    street: Street
    secret: Secret
    fuzzy: frozenset[str]  # words of the name looked for one letter off
    common: bool  # every word of the name is an ordinary word ("Quiet", "Elm")
    alone: bool  # the name may be found without its suffix


@dataclass(frozen=True)
class _PlaceRule:
    place: Place
    secret: Secret
    fuzzy: frozenset[str]
    common: bool  # one ordinary word ("Reading"): found only after on/in/to/at/from …


@dataclass
class _Hit:
    start: int
    end: int
    secrets: list[Secret]
    core: tuple[int, int] = (0, 0)  # the secret itself, before the name it stands in
    weak: bool = False  # a street name alone or one letter off: kept only if no guard refuses it
    first: int = 0  # token indexes, for the guards
    last: int = 0
    org: bool = False
    la: bool = False
    named: bool = False  # a street or place: the name it heads is taken with it


@dataclass
class _Group:
    start: int
    end: int
    secrets: list[Secret] = field(default_factory=list)
    org: _Hit | None = None


def _gap(text: str, a: Token, b: Token) -> str:
    return text[a.end : b.start]


def _sentence_initial(text: str, tok: Token) -> bool:
    before = text[: tok.start]
    stripped = before.rstrip()
    return not stripped or stripped.endswith(_SENTENCE_END) or "\n" in before[len(stripped) :]


class Finder:
    """Where a case's confidential details stand in a text, however written."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.regexes: list[tuple[re.Pattern[str], Secret]] = []
        self.streets: list[_StreetRule] = []
        self.places: list[_PlaceRule] = []
        self.orgs: list[tuple[tuple[str, ...], Secret, bool]] = []
        self.protected: list[tuple[str, ...]] = []
        self.secrets: list[Secret] = []
        self._fuzzy_seen: dict[str, bool] = {}
        self._build()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        case = self.case
        names = {
            w
            for p in case.people
            for n in (p.given_names, p.family_name, *p.previous_names)
            if n
            for w in forms.words(n)
        }
        # Places printed anyway: the court, its address, addresses nobody keeps secret.
        public_places: list[tuple[str, ...]] = []
        public_districts: set[str] = set()
        for text in (case.case.court, case.case.court_address):
            if text:
                self.protected.append(forms.words(text))
                public_places.append(forms.words(text))
                for piece in text.split(","):
                    self.protected.append(forms.words(piece))
                public_districts |= {d for d in map(forms.postcode_district, forms.POSTCODE_IN_TEXT.findall(text)) if d}
        for person in case.people:
            for address in person.addresses:
                if address.confidential:
                    continue
                for text, area in ((address.line1, False), (address.line2, True), (address.town, True)):
                    for part in forms.address_parts(text or "", area):
                        self.protected.append(forms.words(part.text))
                        if isinstance(part, Place) and part.area:
                            public_places.append(part.words)
                typed = [address.postcode or ""]
                typed += forms.POSTCODE_IN_TEXT.findall(
                    " ".join(filter(None, (address.line1, address.line2, address.town)))
                )
                public_districts |= {d for d in map(forms.postcode_district, typed) if d}
        self.public_words = names | {w for phrase in self.protected for w in phrase}
        self.names = names

        def printed(place: tuple[str, ...]) -> bool:
            return any(_contains(p, place) for p in public_places)

        for person in case.people:
            for address in person.addresses:
                if address.confidential:
                    self._add_address(person, address, printed, public_districts)
            if person.phone and person.phone_is_confidential:
                secret = Secret(
                    person.phone.strip(), "phone", person.full_name, hidden_from(case, person, person.current_address())
                )
                source = forms.phone_pattern(person.phone)
                if source:
                    self.regexes.append((re.compile(source, re.IGNORECASE), secret))
                self.secrets.append(secret)
        self._add_organisations()

    def _add_address(
        self,
        person: Person,
        address: Address,
        printed: Callable[[tuple[str, ...]], bool],
        public_districts: set[str],
    ) -> None:
        owner, hidden = person.full_name, hidden_from(self.case, person, address)
        for text, area, what in (
            (address.line1, False, "address"),
            (address.line2, True, "address"),
            (address.town, True, "town"),
        ):
            for part in forms.address_parts(text or "", area):
                if len(part.text) < MIN_FRAGMENT:
                    continue
                if isinstance(part, Street):
                    secret = Secret(part.text, "address", owner, hidden)
                    fuzzy = frozenset(w for w in part.name if forms.fuzzable(w) and w not in self.public_words)
                    common = all(forms.is_english(w) for w in part.name)
                    alone = not (len(part.name) == 1 and part.name[0] in self.public_words)
                    self.streets.append(_StreetRule(part, secret, fuzzy, common, alone))
                    self.secrets.append(secret)
                    continue
                places = [part, *self._within(part)]
                for place in places:
                    # A district or town printed anyway ("Leeds Family Court", the other
                    # parent's address) is not searched for; it is still never printed as this
                    # address.
                    if place.area and printed(place.words):
                        continue
                    secret = Secret(place.text, what if place is part else "address", owner, hidden)
                    fuzzy = frozenset(w for w in place.words if forms.fuzzable(w) and w not in self.public_words)
                    common = len(place.words) == 1 and forms.is_english(place.words[0])
                    self.places.append(_PlaceRule(place, secret, fuzzy, common))
                    self.secrets.append(secret)
        postcodes = [(address.postcode or "").strip()]
        for text in (address.line1, address.line2, address.town):  # one typed into a line
            postcodes += forms.POSTCODE_IN_TEXT.findall(text or "")
        for postcode in dict.fromkeys(p for p in postcodes if len(p) >= MIN_FRAGMENT):
            secret = Secret(postcode, "postcode", owner, hidden)
            district = forms.postcode_district(postcode)
            sources = [forms.postcode_pattern(postcode)]
            sources += forms.postcode_part_patterns(postcode, district_too=district not in public_districts)
            self.regexes += [(re.compile(s, re.IGNORECASE), secret) for s in sources]
            self.secrets.append(secret)

    def _within(self, place: Place) -> list[Place]:
        """Places written together without commas, each on its own: "Starbeck Harrogate North
        Yorkshire" is also North Yorkshire, Starbeck and Harrogate. A known area of several
        words ("Milton Keynes", "North Yorkshire") stays whole; otherwise each distinctive word
        (five letters or more, not an ordinary word, nobody's name) stands for the place."""
        if len(place.words) < 2 or forms.is_area_name(place.words):
            return []
        out = []
        words = place.words
        trailing = forms.trailing_area(words)
        if trailing:
            out.append(Place(" ".join(trailing), trailing, True))
            words = words[: len(words) - len(trailing)]
            if len(words) > 1:
                out.append(Place(" ".join(words), words, place.area))
        if place.area:
            out += [
                Place(w, (w,), True)
                for w in words
                if len(words) > 1
                and len(w) >= forms.MIN_FUZZY
                and w.isalpha()
                and not forms.is_english(w)
                and w not in self.names
            ]
        return out

    def _add_organisations(self) -> None:
        """A local authority, school, GP or health visitor whose name says where a confidential
        address is ("North Yorkshire Children's Social Care", "Clifton Meadows Academy" for an
        address in Clifton) is named by its role for the court and the parties; any other is a
        name the finder must not break ("Clifton Meadows Academy" where only Clifton Road is
        secret)."""
        candidates: list[tuple[str, str, bool]] = []
        for referral in self.case.referrals:
            if referral.la and referral.la.strip():
                candidates.append((referral.la.strip(), "the local authority", True))
        for person in self.case.people:
            whose = ROLE_WORDS.get(person.role, "the")
            for value, what in (
                (person.school, "school"),
                (person.gp, "GP"),
                (person.health_visitor, "health visitor"),
            ):
                if value and value.strip():
                    candidates.append((value.strip(), f"{whose} {what}", False))
        seen: set[tuple[str, ...]] = set()
        for name, role, la in candidates:
            phrase = forms.words(name)
            if not phrase or phrase in seen:
                continue
            seen.add(phrase)
            inside = [s for hit in self._hits(name, forms.tokens(name)) for s in hit.secrets]
            if inside:
                hidden = tuple(dict.fromkeys(n for s in inside for n in s.hidden_from))
                secret = Secret(name, "area", inside[0].owner, hidden, role)
                self.orgs.append((phrase, secret, la))
                self.secrets.append(secret)
            else:
                self.protected.append(phrase)
                self.public_words |= set(phrase)

    # -- matching ----------------------------------------------------------------------------
    def _fuzzy_candidate(self, tok: Token) -> bool:
        seen = self._fuzzy_seen.get(tok.key)
        if seen is None:
            seen = self._fuzzy_seen[tok.key] = (
                tok.key.isalpha()
                and len(tok.key) >= forms.MIN_FUZZY - 1
                and tok.key not in self.public_words
                and not forms.is_english(tok.key)
            )
        return seen

    def _word(self, tok: Token, word: str, fuzzy: frozenset[str]) -> int | None:
        """0 for the word as written, 1 for one letter off, None for no match."""
        if tok.key == word:
            return 0
        if word in fuzzy and self._fuzzy_candidate(tok) and forms.one_edit(tok.key, word):
            return 1
        return None

    def _phrase(
        self, text: str, toks: list[Token], i: int, phrase: tuple[str, ...], fuzzy: frozenset[str]
    ) -> tuple[int, int] | None:
        """(index after the phrase, letters off) where the phrase starts at token i."""
        if i + len(phrase) > len(toks):
            return None
        slips = 0
        for j, word in enumerate(phrase):
            tok = toks[i + j]
            if j and not _NAME_GAP.fullmatch(_gap(text, toks[i + j - 1], tok)):
                return None
            found = self._word(tok, word, fuzzy)
            if found is None:
                return None
            slips += found
        return (i + len(phrase), slips) if slips <= 1 else None

    def _suffix(self, text: str, toks: list[Token], j: int) -> tuple[str, int] | None:
        """(the suffix's full form, where it ends) if token j is a street suffix, however
        written ("Ave.", "Avenue", "Aveneu")."""
        if j >= len(toks) or not _NAME_GAP.fullmatch(_gap(text, toks[j - 1], toks[j])):
            return None
        tok = toks[j]
        full = forms.BY_FORM.get(tok.key)
        if full is None and tok.key.isalpha() and not forms.is_english(tok.key):
            full = next((s for s in forms.FUZZY_SUFFIXES if forms.one_edit(tok.key, s)), None)
        if full is None:
            return None
        end = tok.end + 1 if tok.key != full and text[tok.end : tok.end + 1] == "." else tok.end
        return full, end

    def _streets(self, text: str, toks: list[Token], i: int) -> Iterable[_Hit]:
        for rule in self.streets:
            found = self._phrase(text, toks, i, rule.street.name, rule.fuzzy)
            if found is None:
                continue
            j, slips = found
            start, end, last = toks[i].start, toks[j - 1].end, j - 1
            suffix = self._suffix(text, toks, j)
            weak = suffix is None
            other_suffix = False
            if suffix is not None:
                full, end = suffix
                last = j
                other_suffix = full != rule.street.suffix
            first, numbered = i, False
            if (
                i
                and forms.HOUSE_NUMBER.match(toks[i - 1].text)
                and _NUMBER_GAP.fullmatch(_gap(text, toks[i - 1], toks[i]))
            ):
                first, start = i - 1, toks[i - 1].start
                numbered = bool(rule.street.number) and toks[i - 1].key == (rule.street.number or "").lower()
                weak = weak and not numbered  # "14 Acacia": the house number and the name
            # An ordinary word with another suffix is another street ("High Court" is not High
            # Street), unless the house number says it is this one; "Acacia Way" is a slip.
            if other_suffix and rule.common and not numbered:
                continue
            if weak and (not rule.alone or (rule.common and slips == 0 and not self._locative(toks, i, cased=True))):
                continue
            yield _Hit(start, end, [rule.secret], (start, end), weak, first, last, named=True)

    @staticmethod
    def _locative(toks: list[Token], i: int, cased: bool) -> bool:
        """The word before is on/in/to/at/from …, and (when `cased`) the name is capitalised."""
        return i > 0 and toks[i - 1].key in LOCATIVE and (not cased or toks[i].capitalised)

    def _places(self, text: str, toks: list[Token], i: int) -> Iterable[_Hit]:
        for rule in self.places:
            found = self._phrase(text, toks, i, rule.place.words, rule.fuzzy)
            if found is None:
                continue
            j, slips = found
            # An ordinary word ("Reading", "March") is the town only after on/in/to/at/from …,
            # and not as part of a date ("to March 2015").
            dated = j < len(toks) and toks[j].text[:1].isdigit()
            if rule.common and slips == 0 and (dated or not self._locative(toks, i, cased=False)):
                continue
            if i and toks[i - 1].key in TITLES:  # "Mrs Clifton" is a person
                continue
            start, end = toks[i].start, toks[j - 1].end
            # A town or district one letter off is still the town, even heading a name
            # ("Harrogat Grammar School"); a house name one letter off must stand alone.
            weak = slips > 0 and not rule.place.area
            yield _Hit(start, end, [rule.secret], (start, end), weak, i, j - 1, named=True)

    def _regex_hits(self, text: str) -> list[_Hit]:
        return [
            _Hit(m.start(), m.end(), [secret], (m.start(), m.end()))
            for pattern, secret in self.regexes
            for m in pattern.finditer(text)
        ]

    def _org_hits(self, text: str, toks: list[Token]) -> list[_Hit]:
        out = []
        for i in range(len(toks)):
            for phrase, secret, la in self.orgs:
                found = self._phrase(text, toks, i, phrase, frozenset())
                if found:
                    end = toks[found[0] - 1].end
                    out.append(_Hit(toks[i].start, end, [secret], (toks[i].start, end), org=True, la=la))
        return out

    def _protected_spans(self, text: str, toks: list[Token]) -> list[tuple[int, int]]:
        spans = []
        for i in range(len(toks)):
            for phrase in self.protected:
                if phrase and toks[i].key == phrase[0]:
                    found = self._phrase(text, toks, i, phrase, frozenset())
                    if found:
                        spans.append((toks[i].start, toks[found[0] - 1].end))
        return spans

    def _extend(self, text: str, toks: list[Token], last: int, stops: set[int]) -> int:
        """The last token of the capitalised name a place stands at the head of: "Clifton" in
        "Clifton Meadows Academy" is the academy's name, which says where the address is."""
        k = last
        while k + 1 < len(toks) and k + 1 not in stops:
            nxt = toks[k + 1]
            if not _RUN_GAP.fullmatch(_gap(text, toks[k], nxt)):
                break
            if nxt.key in CONNECTORS and k + 2 < len(toks) and k + 2 not in stops:
                after = toks[k + 2]
                if _RUN_GAP.fullmatch(_gap(text, nxt, after)) and self._continues(after):
                    k += 2
                    continue
            if self._continues(nxt):
                k += 1
                continue
            break
        return k

    def _continues(self, tok: Token) -> bool:
        """Whether a word carries a capitalised name on ("Meadows" in Clifton Meadows Academy);
        a person of the case is not part of a place's name ("Acacia Avenue Fatima said")."""
        return tok.capitalised and tok.key not in NOT_NAME and tok.key not in self.names and not tok.text[:1].isdigit()

    def _hits(self, text: str, toks: list[Token]) -> list[_Hit]:
        """Every street, place, postcode and number in the text, a name alone kept only where
        it stands alone."""
        found = self._regex_hits(text)
        for i in range(len(toks)):
            found += self._streets(text, toks, i)
            found += self._places(text, toks, i)
        starts = {h.start for h in found}
        kept = []
        for hit in found:
            if hit.weak and not self._stands_alone(text, toks, hit, starts):
                continue
            kept.append(hit)
        return kept

    def _stands_alone(self, text: str, toks: list[Token], hit: _Hit, starts: set[int]) -> bool:
        """A street name alone (or a name one letter off) is the address only where it is not
        part of a longer name: not after a title or another capitalised word, not before a
        capitalised word that is not itself part of the address."""
        i, j = hit.first, hit.last
        if i > 0 and re.fullmatch(r"[ \t]+", _gap(text, toks[i - 1], toks[i])):
            before = toks[i - 1]
            if before.key in TITLES:
                return False
            if (
                before.capitalised
                and before.key not in NOT_NAME
                and before.key not in LOCATIVE
                and not _sentence_initial(text, before)
            ):
                return False
        if j + 1 < len(toks) and re.fullmatch(r"\s+", _gap(text, toks[j], toks[j + 1])):
            after = toks[j + 1]
            if self._continues(after) and after.start not in starts:
                return False
        return True

    def groups(self, text: str, marking: bool = False) -> list[_Group]:
        """Where the text holds confidential details: each phrase once, whole."""
        if not (self.regexes or self.streets or self.places or self.orgs):
            return []
        toks = forms.tokens(text)
        orgs = self._org_hits(text, toks)
        hits = self._hits(text, toks)
        protected = self._protected_spans(text, toks)
        if marking:  # the local authority's own name is not marked: it is the reader
            protected += [(o.start, o.end) for o in orgs if o.la]
            orgs = [o for o in orgs if not o.la]
        index = {t.start: n for n, t in enumerate(toks)}
        stops = {index[o.start] for o in orgs if o.start in index}

        def inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
            return any(a <= span[0] and span[1] <= b for a, b in spans)

        kept = []
        for hit in hits:
            if inside(hit.core, protected) or inside(hit.core, ((o.start, o.end) for o in orgs)):
                continue
            if hit.named and not hit.weak:
                far = self._extend(text, toks, hit.last, stops)
                if far > hit.last:
                    hit.end = toks[far].end
            kept.append(hit)
        orgs = [o for o in orgs if not inside(o.core, protected)]
        return _merge(text, kept, orgs)

    def find(self, text: str) -> list[Secret]:
        return [s for g in self.groups(text) for s in g.secrets]


def _contains(phrase: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return bool(n) and any(phrase[i : i + n] == part for i in range(len(phrase) - n + 1))


def _merge(text: str, hits: list[_Hit], orgs: list[_Hit]) -> list[_Group]:
    """Hits that overlap or touch (", ", a space, a line break) are one phrase; an
    organisation's name is a phrase of its own."""
    groups: list[_Group] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        last = groups[-1] if groups else None
        if last is not None and (hit.start <= last.end or _JOIN.fullmatch(text[last.end : hit.start])):
            last.end = max(last.end, hit.end)
            last.secrets += hit.secrets
        else:
            groups.append(_Group(hit.start, hit.end, list(hit.secrets)))
    for group in groups:  # "(14 Acacia Avenue" joined across a bracket takes its closing one
        opened = text[group.start : group.end].count("(") - text[group.start : group.end].count(")")
        if opened > 0 and text[group.end : group.end + 1] == ")":
            group.end += 1
    out = [g for g in groups if not any(o.start <= g.start and g.end <= o.end for o in orgs)]
    for org in orgs:
        if not any(g.start < org.end and org.start < g.end for g in out):
            out.append(_Group(org.start, org.end, list(org.secrets), org))
    return sorted(out, key=lambda g: g.start)


def _replacement(group: _Group) -> str:
    if group.org is not None:
        return group.secrets[0].role or "the local authority"
    kinds = {s.what for s in group.secrets}
    if kinds == {"phone"}:
        return f"[{WITHHELD_PHONE}]"
    if "phone" in kinds:
        return f"[{WITHHELD_BOTH}]"
    return f"[{WITHHELD_ADDRESS}]"


def secrets(case: Case) -> list[Secret]:
    """Every confidential address part and phone number in the case, and any organisation
    whose name would say where a confidential address is."""
    return Finder(case).secrets


def scrubber(case: Case, recipient: Recipient) -> Callable[[str], str]:
    """Withholds confidential details from free text, for the court and the parties; the
    case's secrets are found once, not again for every string of a document."""
    if not withholds(recipient):
        return lambda text: text
    finder = Finder(case)

    def scrub(text: str) -> str:
        out, at = [], 0
        for group in finder.groups(text):
            out += [text[at : group.start], _replacement(group)]
            # "… at 14 Acacia Ave." — the abbreviation's dot ends the sentence too
            if text[group.end - 1] == "." and text[group.end : group.end + 1] in ("", " ", "\n"):
                out.append(".")
            at = group.end
        return "".join(out) + text[at:]

    return scrub


def _names(case: Case, secrets_: Iterable[Secret]) -> str:
    hidden = {n for s in secrets_ for n in s.hidden_from}
    ordered = [p.full_name for p in case.people if p.full_name in hidden]
    return " or ".join(dict.fromkeys(ordered)) or "the other party"


def marker(case: Case) -> Callable[[str], str]:
    """For children's social care: every confidential phrase in free text is followed, once,
    by whom it must not reach (issues 18, 27). A structured address already carrying the mark
    is left as it is; the local authority's own name is never marked."""
    finder = Finder(case)

    def mark(text: str) -> str:
        if MARK in text:
            return text
        out, at = [], 0
        for group in finder.groups(text, marking=True):
            out += [text[at : group.end], f" [{MARK} {_names(case, group.secrets)}]"]
            at = group.end
        return "".join(out) + text[at:]

    return mark


def address_for(case: Case, person: Person, address: Address | None, recipient: Recipient) -> str:
    if address is None or not address.one_line():
        return "not known"
    if not address.confidential:
        return address.one_line()
    if withholds(recipient):
        return WITHHELD_ADDRESS
    if recipient == "local_authority":
        return f"{address.one_line()} — {MARK} {other_parties(case, person, address)}"
    return f"{address.one_line()} (confidential)"


def phone_for(case: Case, person: Person, recipient: Recipient) -> str:
    if not person.phone:
        return "not known"
    if not person.phone_is_confidential:
        return person.phone
    if withholds(recipient):
        return WITHHELD_PHONE
    if recipient == "local_authority":
        return f"{person.phone} — {MARK} {other_parties(case, person)}"
    return f"{person.phone} (confidential)"


def assert_no_leak(text: str, case: Case, recipient: Recipient, title: str) -> None:
    """Refuse a finished court or party document that still holds a confidential detail."""
    if not withholds(recipient):
        return
    found = Finder(case).find(text)
    if found:
        secret = found[0]
        raise ConfidentialityError(
            f"{title} is for the {recipient.replace('_', ' ')} and would contain part of "
            f"{secret.owner}'s confidential {secret.what}; it was not written (¶3.83)"
        )
