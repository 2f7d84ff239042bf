"""Names as a matcher sees them: without accents, case or punctuation, split into parts, each
with the forms it is also known by (Bill for William, Shivaun for Siobhan) and their sound.

The nickname pairs are the `nicknames` dataset (carltonnorthern/nicknames, Apache-2.0);
spelling and transliteration groups are policy data in data/name_variants.toml.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import jellyfish
from nicknames import with_names_csv_path

from dutydesk.errors import PolicyError
from dutydesk.paths import data_dir

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


@dataclass(frozen=True)
class Variants:
    related: dict[str, frozenset[str]]  # a name -> its nicknames and the names it is a nickname of
    group: dict[str, frozenset[str]]  # a spelling -> every spelling in its group


@cache
def variants() -> Variants:
    related: dict[str, set[str]] = {}
    with with_names_csv_path() as path, open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("relationship") == "has_nickname":
                name, nick = fold(row["name1"]), fold(row["name2"])
                related.setdefault(nick, set()).add(name)
                related.setdefault(name, set()).add(nick)
    source = data_dir() / "name_variants.toml"
    try:
        table = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(str(source), "file", str(exc)) from exc
    groups: dict[str, set[str]] = {}
    for i, names in enumerate(table.get("groups", [])):
        if not isinstance(names, list) or not all(isinstance(n, str) and fold(n) for n in names) or len(names) < 2:
            raise PolicyError(str(source), f"groups[{i}]", "must be a list of two or more names")
        members = {fold(n) for n in names}
        for name in members:
            groups.setdefault(name, set()).update(members)
    return Variants({k: frozenset(v) for k, v in related.items()}, {k: frozenset(v) for k, v in groups.items()})


@lru_cache(maxsize=65536)
def forms(part: str) -> frozenset[str]:
    """The part and every form it may be recorded as: 'bill' -> {'bill', 'william', …}."""
    v = variants()
    out = {part, *v.related.get(part, ()), *v.group.get(part, ())}
    for f in list(out):
        out |= v.group.get(f, frozenset())
    return frozenset(out)


def same_name(a: str, b: str) -> str | None:
    """Why two parts are one name ("nickname", "spelling variant"), or None."""
    if a == b:
        return "same"
    v = variants()
    if b in v.group.get(a, ()):
        return "spelling variant"
    if b in v.related.get(a, ()) or a in v.related.get(b, ()):
        return "nickname"
    if forms(a) & forms(b):
        return "spelling variant"
    return None


@lru_cache(maxsize=65536)
def sound(part: str) -> str:
    """A sound key for blocking: metaphone, which hears Katherine and Kathryn alike."""
    return jellyfish.metaphone(part) or part


@lru_cache(maxsize=65536)
def sounds(part: str) -> frozenset[str]:
    return frozenset(sound(f) for f in forms(part))
