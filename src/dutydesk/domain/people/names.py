"""Names as a matcher sees them: without accents, case or punctuation, split into parts, each
with the forms it is also known by (Bill for William, Shivaun for Siobhan) and their sound.

The nickname pairs are the `nicknames` dataset (carltonnorthern/nicknames, Apache-2.0);
spelling and transliteration groups are policy data in data/name_variants.toml. Both arrive as a
`Variants` table read by config/policy_files.py: the domain reads no file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jellyfish

from dutydesk.errors import PolicyError

# Letters NFKD does not take apart.
_FOLD = str.maketrans(
    {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_APOSTROPHES = re.compile("['’‘`´]")
_NOT_LETTER = re.compile(r"[^a-z]+")
# Titles and particles that are not a name part in their own right.
_SKIP = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})


def fold(text: str) -> str:
    """Lower case ASCII letters and spaces: 'Zoë O’Brien-Smyth' -> 'zoe obrien smyth'."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NOT_LETTER.sub(" ", text).split())


def parts(text: str | None) -> list[str]:
    """The name parts, hyphenated and double-barrelled names split: ['obrien', 'smyth']."""
    return list(_parts(text or ""))


@lru_cache(maxsize=262144)
def _parts(text: str) -> tuple[str, ...]:
    return tuple(p for p in fold(text).split() if p not in _SKIP)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cache key for forms()
class Variants:
    related: dict[str, frozenset[str]]  # a name -> its nicknames and the names it is a nickname of
    group: dict[str, frozenset[str]]  # a spelling -> every spelling in its group


def parse_variants(nickname_rows: Iterable[Mapping[str, str]], table: Mapping[str, Any], source: str) -> Variants:
    """The nickname pairs (rows of the `nicknames` CSV) and the spelling groups (a parsed
    name_variants.toml) as one table; read from disk by config/policy_files.py."""
    related: dict[str, set[str]] = {}
    for row in nickname_rows:
        if row.get("relationship") == "has_nickname":
            name, nick = fold(row["name1"]), fold(row["name2"])
            related.setdefault(nick, set()).add(name)
            related.setdefault(name, set()).add(nick)
    groups: dict[str, set[str]] = {}
    for i, names in enumerate(table.get("groups", [])):
        if not isinstance(names, list) or not all(isinstance(n, str) and fold(n) for n in names) or len(names) < 2:
            raise PolicyError(source, f"groups[{i}]", "must be a list of two or more names")
        members = {fold(n) for n in names}
        for name in members:
            groups.setdefault(name, set()).update(members)
    return Variants({k: frozenset(v) for k, v in related.items()}, {k: frozenset(v) for k, v in groups.items()})


@lru_cache(maxsize=65536)
def forms(part: str, v: Variants) -> frozenset[str]:
    """The part and every form it may be recorded as: 'bill' -> {'bill', 'william', …}."""
    out = {part, *v.related.get(part, ()), *v.group.get(part, ())}
    for f in list(out):
        out |= v.group.get(f, frozenset())
    return frozenset(out)


def same_name(a: str, b: str, v: Variants) -> str | None:
    """Why two parts are one name ("nickname", "spelling variant"), or None."""
    if a == b:
        return "same"
    if b in v.group.get(a, ()):
        return "spelling variant"
    if b in v.related.get(a, ()) or a in v.related.get(b, ()):
        return "nickname"
    if forms(a, v) & forms(b, v):
        return "spelling variant"
    return None


@lru_cache(maxsize=65536)
def sound(part: str) -> str:
    """A sound key for blocking: metaphone, which hears Katherine and Kathryn alike."""
    return jellyfish.metaphone(part) or part


@lru_cache(maxsize=65536)
def sounds(part: str, v: Variants) -> frozenset[str]:
    return frozenset(sound(f) for f in forms(part, v))
