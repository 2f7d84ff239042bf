"""One gate for every JSON that comes in — a case file (CLI or desk), HMCTS's feed, a recovery
file: size, nesting depth, number size, NaN/Infinity, duplicate keys and unpaired surrogates are
refused here, with the file and the place named, before anything reads the content.

Python's json accepts all of these silently (the last duplicate key wins; "1e999" is infinity;
a 5,000-digit integer raises a bare ValueError; 200,000 nested arrays raise RecursionError), so
each is turned into one plain-English BadInput.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dutydesk.errors import BadInput

MAX_BYTES = 20 * 1_048_576  # a case file with a long chronology is well under 1 MB
MAX_DEPTH = 32  # a case file is at most about 6 deep
MAX_DIGITS = 20  # HMCTS case ids are 16 digits; a 64-bit number is 19; a longer one is not data


class _Refused(ValueError):
    """Raised inside the parser's hooks; carries the plain-English reason."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {key!r} appears twice in one object (which one is meant is not clear)")
        out[key] = value
    return out


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number of {len(text.lstrip('-'))} digits is too large (at most {MAX_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 32:
        raise _Refused(f"a number written with {len(text)} characters is too long")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(f"the number {text[:20]} is too large")
    return value


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number JSON allows")


def _check_tree(value: Any, source: str) -> None:
    """Depth and text, walked without recursion (the tree may be as deep as the parser allowed)."""
    stack: list[tuple[Any, str, int]] = [(value, "$", 1)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadInput(f"{source}: nested more than {MAX_DEPTH} deep at {path}; a case file is not")
        if isinstance(item, dict):
            for key, child in item.items():
                _text(key, f"{path} (a key)", source)
                stack.append((child, f"{path}.{key}"[:200], depth + 1))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]"[:200], depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            _text(item, path, source)


def _text(text: str, path: str, source: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(f"{source}: {path} holds a broken character (an unpaired \\u escape)") from None


def loads(text: str, source: str) -> Any:
    """Parse JSON text through the gate."""
    if len(text) > MAX_BYTES:
        raise BadInput(f"{source} is over {MAX_BYTES // 1_048_576} MB; a case file or feed is much smaller")
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except _Refused as exc:
        raise BadInput(f"{source}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{source} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise BadInput(f"{source} is nested too deeply (more than {MAX_DEPTH} levels); a case file is not") from None
    except ValueError as exc:  # anything else the parser raises on hostile input
        raise BadInput(f"{source} cannot be read as JSON: {exc}") from None
    _check_tree(value, source)
    return value


def read(path: Path, what: str = "a case file") -> Any:
    """A JSON file through the gate: its size is checked before a byte is read."""
    try:
        if not path.is_file():
            raise BadInput(f"{path} is not a file; give {what} (JSON)")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadInput(f"{path} is {size / 1_048_576:.0f} MB; {what} is at most {MAX_BYTES // 1_048_576} MB")
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Notepad's) is allowed
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return loads(text, str(path))
