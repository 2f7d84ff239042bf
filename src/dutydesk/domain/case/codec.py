"""Typed dataclasses <-> JSON for the case file, with errors that name the JSON path.

Each dataclass field maps to the JSON key of the same name (or `metadata["key"]` for names
Python reserves, like `from`). Keys a reader does not know are kept in `extra` and written
back, so a newer file survives a round trip through an older dutydesk — unless the key is a
slip for one it knows (`"confidental": true` beside an address): that is refused, naming the
key it was surely meant to be, because kept as an unknown key it would silently mean nothing
(an address not kept confidential, ¶3.83).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from dutydesk.domain.case.partial_date import PartialDate, decode_partial
from dutydesk.domain.time.calendar import FIRST_YEAR, LAST_YEAR

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Problems(Exception):
    """Every problem found in a document, each with its JSON path."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def json_key(f: dataclasses.Field[Any]) -> str:
    return str(f.metadata.get("key", f.name))


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _show(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 64:  # repr of a 5,000-digit int raises
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_SHAPES: dict[int, tuple[Any, tuple[Any, ...], bool]] = {}


def _shape(tp: Any) -> tuple[Any, tuple[Any, ...], bool]:
    """What `_decode` asks of a type, worked out once per type: a review decodes thousands of
    cases, and typing's introspection was most of the time. Keyed by identity: the model's
    types live as long as the program, and hashing a typing object walks its arguments."""
    found = _SHAPES.get(id(tp))
    if found is None:
        origin = get_origin(tp)
        args = get_args(tp)
        if origin in (Union, types.UnionType):
            args = tuple(a for a in args if a is not type(None))
        found = _SHAPES[id(tp)] = (origin, args, dataclasses.is_dataclass(tp))
        _KEEP.append(tp)  # the id stays this type's while the program runs
    return found


_KEEP: list[Any] = []


@cache
def _plan(cls: Any) -> tuple[tuple[str, str, Any, bool, Any], ...]:
    """(attribute, JSON key, type, required, bounds) per field, once per class."""
    hints = _hints(cls)
    return tuple(
        (f.name, json_key(f), hints[f.name], bool(f.metadata.get("required")), f.metadata.get("bounds"))
        for f in dataclasses.fields(cls)
        if f.name != "extra"
    )


def _decode(tp: Any, value: Any, path: str, problems: list[Problem], strict: bool = True) -> Any:
    origin, args, is_dataclass = _shape(tp)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        return _decode(args[0], value, path, problems, strict)
    if origin is Literal:
        allowed = args
        if value not in allowed:
            problems.append(Problem(path, f"{_show(value)} is not allowed; use one of: {', '.join(map(str, allowed))}"))
            return None
        return value
    if origin is list:
        if not isinstance(value, list):
            problems.append(Problem(path, f"{_show(value)} should be a list"))
            return []
        (item,) = args
        return [_decode(item, v, f"{path}[{i}]", problems, strict) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            problems.append(Problem(path, f"{_show(value)} should be an object"))
            return {}
        return dict(value)
    if tp is PartialDate:
        partial = decode_partial(value)
        if partial is None:
            problems.append(
                Problem(path, f"{_show(value)} should be a date YYYY-MM-DD, a month YYYY-MM or a year YYYY")
            )
        return partial
    if is_dataclass:
        if not isinstance(value, dict):
            problems.append(Problem(path, f"{_show(value)} should be an object"))
            return None
        return decode_into(typing.cast(type, tp), value, path, problems, strict)
    if tp is bool:
        if not isinstance(value, bool):
            problems.append(Problem(path, f"{_show(value)} should be true or false"))
            return None
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem(path, f"{_show(value)} should be a whole number"))
            return None
        if not -MAX_INT <= value <= MAX_INT:  # no field counts past a million; a huge one is an attack
            problems.append(Problem(path, f"{_show(value)} is out of range (at most {MAX_INT:,})"))
            return None
        return value
    if tp is str:
        if not isinstance(value, str):
            problems.append(Problem(path, f"{_show(value)} should be text"))
            return None
        return value
    if tp is datetime:
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            problems.append(
                Problem(
                    path, f"{_show(value)} should be an ISO 8601 instant with offset, e.g. 2025-06-13T16:10:00+01:00"
                )
            )
        if parsed and parsed.tzinfo and not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            problems.append(Problem(path, f"{_show(value)} is outside the years {FIRST_YEAR}-{LAST_YEAR}"))
            return None
        return parsed if parsed and parsed.tzinfo else None
    if tp is date:
        try:
            parsed_d = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            parsed_d = None
        if parsed_d is None:
            problems.append(Problem(path, f"{_show(value)} should be a date YYYY-MM-DD"))
        elif not FIRST_YEAR <= parsed_d.year <= LAST_YEAR:
            problems.append(Problem(path, f"{_show(value)} is outside the years {FIRST_YEAR}-{LAST_YEAR}"))
            return None
        return parsed_d
    if tp is Any or tp is object:
        return value
    raise TypeError(f"codec cannot decode {tp!r}")  # pragma: no cover - a programming error


MAX_INT = 1_000_000
# A known key shorter than this ("id", "to", "by", "la", "gp", "c1") is one letter from too many
# other words to call an unknown key a slip for it; only its case may differ ("ID").
MIN_KEY_FOR_SLIPS = 4


WORDY_KEY = 8  # a key this long has other spellings of the same flag worth catching


def misspelt(key: str, known: tuple[str, ...]) -> str | None:
    """The known key an unknown one is a slip for: the same but for its case, or one letter
    added, dropped, changed or two swapped (a known key of four letters or more); else None."""
    low = key.lower()
    best: tuple[int, str] | None = None
    # Another way of writing the same flag: "is_confidential", "confidentiality", "isConfidential".
    plain = re.sub(r"[^a-z0-9]", "", low)
    plain = re.sub(r"^(is|has)(?=[a-z]{6})", "", plain)
    plain = re.sub(r"(ity|flag)$", "", plain)
    for name in known:
        if low == name.lower():
            return name
        if len(name) >= WORDY_KEY and plain in (
            name.lower().replace("_", ""),
            name.lower().replace("_", "").removesuffix("ial"),
        ):
            return name
        if len(name) >= MIN_KEY_FOR_SLIPS and abs(len(low) - len(name)) <= 1:
            from rapidfuzz.distance import OSA  # noqa: PLC0415  (a misspelt key only: off the start path)

            distance = OSA.distance(low, name.lower(), score_cutoff=1)
            if distance <= 1 and (best is None or distance < best[0]):
                best = (distance, name)
    return best[1] if best else None


@cache
def _keys(cls: Any) -> tuple[str, ...]:
    return tuple(key for _, key, _, _, _ in _plan(cls))


def decode_into(cls: type[T], data: dict[str, Any], path: str, problems: list[Problem], strict: bool = True) -> T:
    """`strict`: an unknown key that is a slip for a known one is a problem (see `misspelt`);
    otherwise it is kept in `extra` like any unknown key."""
    kwargs: dict[str, Any] = {}
    known: set[str] = set()
    for name, key, hint, required, bounds in _plan(typing.cast(Any, cls)):
        known.add(key)
        if key in data and data[key] is not None:
            decoded = _decode(hint, data[key], f"{path}.{key}", problems, strict)
            if bounds and isinstance(decoded, int) and not bounds[0] <= decoded <= bounds[1]:
                problems.append(
                    Problem(f"{path}.{key}", f"{_show(decoded)} is out of range: {bounds[0]} to {bounds[1]}")
                )
                decoded = None
            if decoded is not None:
                kwargs[name] = decoded
        elif required:
            problems.append(Problem(f"{path}.{key}", "is required"))
    # Every model field has a default, so a partly invalid object can still be built while
    # the problems are collected.
    obj = cls(**kwargs)
    extra = {k: v for k, v in data.items() if k not in known}
    if extra and strict:
        for k in extra:
            meant = misspelt(str(k), _keys(typing.cast(Any, cls)))
            if meant is not None:
                problems.append(Problem(f"{path}.{k}", f"unknown key (misspelt?); did you mean {meant!r}?"))
    if extra and hasattr(obj, "extra"):
        obj.extra.update(extra)
    return obj


def decode(cls: type[T], data: Any, path: str = "$", strict: bool = True) -> T:
    """Decode or raise Problems listing everything wrong (with `strict`, an unknown key that is
    a slip for a known one among them)."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise Problems([Problem(path, "the document should be a JSON object")])
    obj = decode_into(cls, data, path, problems, strict)
    if problems:
        raise Problems(problems)
    return obj


@cache
def _encoding_plan(cls: Any) -> tuple[tuple[str, str], ...]:
    """(attribute, JSON key) per field, worked out once per class."""
    return tuple((f.name, json_key(f)) for f in dataclasses.fields(cls) if f.name != "extra")


def encode(value: Any, compact: bool = False) -> Any:
    """JSON-ready data: every known field (null when unknown), then the kept extras.

    `compact` leaves out known fields that are null or empty (the store keeps documents that
    way: a third of the size); extras are always written as they came.
    """
    kind: Any = type(value)
    if kind in (str, int, bool, float) or value is None:
        return value
    if kind is PartialDate:
        return value.iso()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for name, key in _encoding_plan(kind):
            item = encode(getattr(value, name), compact)
            if not compact or item not in (None, [], {}):
                out[key] = item
        for k, v in getattr(value, "extra", {}).items():
            out.setdefault(k, v)
        return out
    if kind is list:
        return [encode(v, compact) for v in value]
    if kind is dict:
        return {k: encode(v, compact) for k, v in value.items()}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
