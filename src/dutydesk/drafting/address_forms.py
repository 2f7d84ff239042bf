"""Every way a person writes a confidential address or phone number, as one pattern each.

The officer types "14 Elm Rd" where the record says "14 Elm Road", leaves the number off, breaks
a line in the middle, writes the phone as +44 (0)7700 900123. A choke point that looks only for
the text as stored lets all of these through (issue 18). Here a street line is matched by its
name with its suffix in full or abbreviated, the house number optional; a house or flat name by
its words; a postcode in any spacing or case; a UK phone by its national number after 0, +44,
0044 or +44 (0), with any spaces, dashes, dots or brackets — and every gap may be a line break.
"""

from __future__ import annotations

import re

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
_BY_FORM = {form: full for full, short in SUFFIXES.items() for form in (full, *short)}
GAP = r"[\s,.\-]*"  # between parts of a line: spaces, a comma, a line break
_UNIT = re.compile(r"^(?:flat|apartment|apt|unit|room|no\.?)\s*\w{1,4}$", re.IGNORECASE)
MIN_NAME = 3  # a street or house name shorter than this ("A Road") is not searched for alone


def _suffix_pattern(full: str) -> str:
    forms = sorted((full, *SUFFIXES[full]), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + r")\.?"


def _words(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split())


def line_patterns(line: str) -> list[str]:
    """Regex sources for one address line, each part of it on its own (a flat number alone is
    not identifying and is left out)."""
    out = []
    for part in (p.strip() for p in line.split(",")):
        if not part or _UNIT.match(part):
            continue
        words = part.split()
        number = None
        if words and re.fullmatch(r"\d+[a-zA-Z]?", words[0]):
            number, words = words[0], words[1:]
        if not words:
            continue
        last = words[-1].lower().rstrip(".")
        if last in _BY_FORM and len(words) > 1:
            name = " ".join(words[:-1])
            if len(name) < MIN_NAME and number is None:
                continue
            street = _words(name) + r"\s+" + _suffix_pattern(_BY_FORM[last])
            lead = rf"(?:\b{re.escape(number)}[a-z]?{GAP})?" if number else ""
            out.append(lead + r"\b" + street + r"(?!\w)")
        elif len(" ".join(words)) >= MIN_NAME:
            lead = rf"(?:\b{re.escape(number)}{GAP})?" if number else ""
            out.append(lead + r"\b" + _words(" ".join(words)) + r"(?!\w)")
    return out


def postcode_pattern(postcode: str) -> str:
    chars = [re.escape(c) for c in postcode if c.isalnum()]
    return r"\b" + r"[\s\-.]*".join(chars) + r"(?!\w)"


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
    """A UK number in every form: 07700 900123, 07700-900-123, +44 7700 900123, 0044 7700 900123,
    +44 (0)7700 900123, (07700) 900123."""
    number = national_number(phone)
    if number is None:
        digits = [re.escape(c) for c in phone if c.isdigit()]
        return r"[\s\-.()]*".join(digits) if len(digits) >= 6 else None
    sep = r"[\s\-.()]*"
    lead = rf"(?:(?:\+|00){sep}44{sep}(?:\(?0\)?{sep})?|\(?0)"
    return r"(?<!\d)" + lead + sep + sep.join(re.escape(d) for d in number) + r"(?!\d)"
