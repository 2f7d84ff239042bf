"""Every way a person writes a confidential address or phone number, and what an ordinary
letter writes that is not one.

The officer types "14 Elm Rd" where the record says "14 Elm Road", leaves the number off, breaks
a line in the middle, writes "she is on Acacia now", "Acacia Way" for Acacia Avenue,
"14 Acacia-Avenue", "Accacia", "Harrogat", "moved to LS18", the phone as 7700 900123 or
+44 (0)7700 900123. A choke point that looks only for the text as stored lets all of these
through (issues 18 and 27). Here an address is taken apart into what can be looked for — a
street (house number, name, suffix), a place (a house name, a district, a town, a county), a
postcode (whole, sector, district) and a phone number (its national number in any dress) — and
the words a matcher must never take for one are known: ordinary English words
(`data/english_words.txt`) and the counties and local authority areas of England and Wales
(`data/areas.txt`), both checked when read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from rapidfuzz.distance import DamerauLevenshtein

from dutydesk.config.paths import data_dir
from dutydesk.errors import PolicyError

# A street's kind, in full and as people shorten it.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "road": ("rd",),
    "street": ("st", "str"),
    "avenue": ("ave", "av", "avn"),
    "lane": ("ln",),
    "court": ("ct", "crt"),
    "crescent": ("cres", "cresc", "cr"),
    "drive": ("dr", "drv"),
    "close": ("cl",),
    "place": ("pl",),
    "gardens": ("gdns", "gardns"),
    "terrace": ("terr", "tce", "ter"),
    "grove": ("gr", "gro"),
    "square": ("sq",),
    "park": ("pk",),
    "way": ("wy",),
    "parade": ("pde",),
    "boulevard": ("blvd",),
    "green": ("grn",),
    "mews": (),
    "row": (),
    "walk": (),
    "hill": (),
    "vale": (),
    "view": (),
    "rise": (),
    "wynd": (),
}
BY_FORM = {form: full for full, short in SUFFIXES.items() for form in (full, *short)}
# A misspelt suffix ("Aveneu", "Stret") is recognised only for the longer ones: "Rd" one letter
# off is too many ordinary words.
FUZZY_SUFFIXES = tuple(s for s in SUFFIXES if len(s) >= 5)
MIN_NAME = 3  # a street or house name shorter than this ("A Road") is not searched for alone
MIN_FUZZY = 5  # a name is looked for one letter off only from five letters
MIN_SYLLABLES = 2  # …and two syllables: "Leeds" one letter off is "Needs"
_UNIT = re.compile(r"^(?:flat|apartment|apt|unit|room|no\.?)\s*\w{1,4}$", re.IGNORECASE)
_UNIT_LEAD = re.compile(r"^(?:flat|apartment|apt|unit|room)\s*\w{1,4}\s+", re.IGNORECASE)
HOUSE_NUMBER = re.compile(r"^\d{1,4}[a-z]?$", re.IGNORECASE)
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A postcode typed into a line of the address ("Harrogate HG1 5AB" as the town).
POSTCODE_IN_TEXT = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # lower case, apostrophes dropped: "Children’s" and "childrens" are one word

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def key(word: str) -> str:
    return word.lower().replace("'", "").replace("’", "")


_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # "AcaciaAvenue": two words typed without a space


def tokens(text: str) -> list[Token]:
    out = []
    for m in TOKEN.finditer(text):
        start, word = m.start(), m.group()
        cuts = [0, *(c.start() for c in _GLUED.finditer(word)), len(word)]
        for a, b in pairwise(cuts):
            out.append(Token(start + a, start + b, word[a:b], key(word[a:b])))
    return out


def words(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(text))


@dataclass(frozen=True)
class Street:
    """A street line: "14 Acacia Avenue" is number 14, name (acacia,), suffix avenue."""

    text: str
    number: str | None
    name: tuple[str, ...]
    suffix: str


@dataclass(frozen=True)
class Place:
    """A line that is not a street: a house name ("Hidden House"), a district, a town, a county.
    `area` says whether it names where the address is (a district, town or county): a local
    authority, school or GP whose name carries it says where the address is too."""

    text: str
    words: tuple[str, ...]
    area: bool


def _segments(part: str) -> list[tuple[str, bool]]:
    """A part written without commas, split where another line of the address starts: before a
    house number ("Harrogate House 14 Acacia Avenue") and after a street's suffix that more
    follows ("14 Acacia Avenue Harrogate"); each with whether it follows a street (then it is a
    district or town)."""
    found = tokens(part)
    cuts = {n for n, tok in enumerate(found) if n and HOUSE_NUMBER.match(tok.text)}
    suffixes = [n for n, tok in enumerate(found) if n and tok.key.rstrip(".") in BY_FORM]
    after_street = suffixes[-1] + 1 if suffixes and suffixes[-1] + 1 < len(found) else None
    if after_street is not None:
        cuts.add(after_street)
    if not cuts:
        return [(part, False)]
    bounds = [0, *sorted(cuts), len(found)]
    return [(part[found[a].start : found[b - 1].end], a == after_street) for a, b in pairwise(bounds) if a < b]


def address_parts(line: str, area: bool) -> list[Street | Place]:
    """One address field, each comma-separated part on its own (a flat number alone is not
    identifying and is left out). `area`: the field is a district, town or county (line2, town),
    so a part of it that is not a street names the area."""
    out: list[Street | Place] = []
    for raw in (p.strip() for p in POSTCODE_IN_TEXT.sub(",", line).split(",")):
        if not raw or _UNIT.match(raw):
            continue
        for part, follows_street in _segments(_UNIT_LEAD.sub("", raw)):
            found = tokens(part)
            number = None
            if found and HOUSE_NUMBER.match(found[0].text):
                number, found = found[0].text, found[1:]
            if not found:
                continue
            last = found[-1].key.rstrip(".")
            name = tuple(t.key for t in found[:-1])
            if last in BY_FORM and name and (len(" ".join(name)) >= MIN_NAME or number):
                out.append(Street(part, number, name, BY_FORM[last]))
            elif len(" ".join(t.key for t in found)) >= MIN_NAME:
                place_words = tuple(t.key for t in found)
                out.append(Place(part, place_words, area or follows_street or is_area_name(place_words)))
    return out


# -- postcodes ---------------------------------------------------------------------------------

POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)([A-Z]{2})$", re.IGNORECASE)

PC_GAP = r"[\s\-.]*"


def postcode_pattern(postcode: str) -> str:
    chars = [re.escape(c) for c in postcode if c.isalnum()]
    return r"\b" + PC_GAP.join(chars) + r"(?!\w)"


def postcode_district(postcode: str) -> str | None:
    """The district, "LS18" for LS18 5AB; None for a postcode not in the UK's shape."""
    match = POSTCODE.match(postcode.strip().replace(" ", ""))
    return match.group(1).upper() if match else None


def _district_source(district: str) -> str:
    letters = re.match(r"[A-Z]+", district)
    head = letters.group() if letters else ""
    return re.escape(head) + r"[\s\-.]?" + re.escape(district[len(head) :])


def postcode_part_patterns(postcode: str, district_too: bool) -> list[str]:
    """The postcode's sector ("LS18 5", with any unit after it) and, when `district_too`, its
    district alone ("LS18"). A district of two characters ("B3") is too like other things
    (a room, a road number) to look for alone."""
    match = POSTCODE.match(postcode.strip().replace(" ", ""))
    if not match:
        return []
    district, sector = match.group(1).upper(), match.group(2)
    head = r"\b" + _district_source(district)
    # "LS185" can only be LS18 5 (a district has at most two characters after its letters);
    # "HG15" is as like district HG15 as HG1 5, so there the sector needs its gap.
    letters = re.match(r"[A-Z]+", district)
    gap = r"[\s\-.]*" if len(district) - (letters.end() if letters else 0) >= 2 else r"[\s\-.]+"
    out = [head + gap + re.escape(sector) + r"(?:[A-Za-z]{2})?(?![A-Za-z0-9])"]
    if district_too and len(district) >= 3:
        out.append(head + r"(?![A-Za-z0-9])")
    return out


# -- phone numbers -----------------------------------------------------------------------------

PHONE_GAP = r"[\s\-./()]*"


def national_number(phone: str) -> str | None:
    """The digits after the trunk 0 or the +44 / 0044 country code ("7700900123"), or None for a
    number too short to be one."""
    digits = re.sub(r"\D", "", re.sub(r"\(0\)", "", phone))
    for prefix in ("0044", "44", "0"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 9:
            digits = digits[len(prefix) :]
            break
    return digits if len(digits) >= 9 else None


def phone_pattern(phone: str) -> str | None:
    """A UK number in every form: 07700 900123, 07700-900-123, 07700/900123, 07700.900.123,
    +44 7700 900123, 0044 7700 900123, +44 (0)7700 900123, (07700) 900123, and without its
    leading 0 (7700 900123)."""
    number = national_number(phone)
    if number is None:
        digits = [re.escape(c) for c in phone if c.isdigit()]
        return r"(?<!\d)" + PHONE_GAP.join(digits) + r"(?!\d)" if len(digits) >= 6 else None
    # +44, 0044 or a bare 44 before the number; the letter O typed for a zero ("O77OO 9OO123").
    zero = "[0Oo]"
    lead = rf"(?:(?:\+|00)?{PHONE_GAP}44{PHONE_GAP}(?:\(?{zero}\)?{PHONE_GAP})?|\(?{zero}{PHONE_GAP})?"
    body = PHONE_GAP.join(zero if d == "0" else re.escape(d) for d in number)
    return r"(?<![\d+])" + lead + body + r"(?![\dOo])"


# -- slips of the keyboard ---------------------------------------------------------------------


def syllables(word: str) -> int:
    """Vowel groups, a final silent e not counted: Harrogate 3, Acacia 3, Leeds 1, Close 1."""
    low = word.lower()
    groups = re.findall(r"[aeiouy]+", low)
    count = len(groups)
    if count > 1 and groups[-1] == "e" and low.endswith("e") and not low.endswith("le"):
        count -= 1
    return count


def fuzzable(word: str) -> bool:
    """Whether a street, house or place name is looked for one letter off: five letters or more,
    two syllables or more, and not itself an ordinary word."""
    return word.isalpha() and len(word) >= MIN_FUZZY and syllables(word) >= MIN_SYLLABLES and not is_english(word)


def one_edit(written: str, name: str) -> bool:
    """One letter added, dropped, changed, or two swapped (Damerau-Levenshtein distance 1)."""
    if written == name or abs(len(written) - len(name)) > 1:
        return False
    return bool(DamerauLevenshtein.distance(written, name, score_cutoff=1) <= 1)


# -- word lists --------------------------------------------------------------------------------


def _lines(name: str) -> list[tuple[int, str]]:
    path = data_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(name, "(file)", f"cannot be read: {exc.strerror or exc}") from None
    return [
        (n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")
    ]


@cache
def english_words() -> frozenset[str]:
    """Ordinary English words (data/english_words.txt), checked: lower-case letters only, one a
    line, no repeats, and enough of them to be a word list."""
    seen: set[str] = set()
    for n, word in _lines("english_words.txt"):
        if not re.fullmatch(r"[a-z]+", word):
            raise PolicyError("english_words.txt", f"line {n}", f"{word[:40]!r} is not a lower-case word a-z")
        if word in seen:
            raise PolicyError("english_words.txt", f"line {n}", f"{word!r} is listed twice")
        seen.add(word)
    if len(seen) < 10_000:
        raise PolicyError("english_words.txt", "(file)", f"holds {len(seen)} words; an English word list has far more")
    return frozenset(seen)


def is_english(word: str) -> bool:
    return key(word) in english_words()


AREA_NAME = re.compile(r"[A-Z][A-Za-z]*(?:[ \-'’][A-Za-z]+)*")


@cache
def area_names() -> frozenset[tuple[str, ...]]:
    """The counties and local authority areas of England and Wales (data/areas.txt), each as
    its words, checked: a name a line, letters with spaces, hyphens or apostrophes between,
    capitalised, no repeats."""
    seen: dict[tuple[str, ...], int] = {}
    for n, name in _lines("areas.txt"):
        if not AREA_NAME.fullmatch(name):
            raise PolicyError("areas.txt", f"line {n}", f"{name[:40]!r} is not a place name (letters, spaces, hyphens)")
        found = words(name)
        if found in seen:
            raise PolicyError("areas.txt", f"line {n}", f"{name!r} is already listed on line {seen[found]}")
        seen[found] = n
    if len(seen) < 100:
        raise PolicyError("areas.txt", "(file)", f"holds {len(seen)} names; England and Wales have far more areas")
    return frozenset(seen)


def is_area_name(place: tuple[str, ...]) -> bool:
    return place in area_names()


def trailing_area(place: tuple[str, ...]) -> tuple[str, ...] | None:
    """The county or area that ends a longer place written without a comma ("Harrogate North
    Yorkshire" → north yorkshire), if one does."""
    for start in range(1, len(place)):
        if place[start:] in area_names():
            return place[start:]
    return None
