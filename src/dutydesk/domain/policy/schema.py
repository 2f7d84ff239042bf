"""What every policy table's validation shares: the file read as TOML, a pydantic model that
declares the table's shape, and the first problem turned into one plain line naming the file,
the key path (`row[2].actions[0].done_by`) and what is accepted.

pydantic, not hand checks: each table's shape is declared once (types, allowed values, bounds,
unknown keys refused) instead of a dozen `isinstance` tests per table. Models are strict — TOML
already has types, and "3" where 3 belongs is a typo to report, not to coerce.
"""

from __future__ import annotations

import difflib
import tomllib
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from dutydesk.errors import PolicyError

M = TypeVar("M", bound=BaseModel)


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("a non-empty string is required")
    return value


NonEmpty = Annotated[str, AfterValidator(_non_empty)]

T = TypeVar("T")
# A TOML array, kept as a tuple (the tables are read-only); strict models take no list as a
# tuple, so the array alone is read leniently — its items keep their own strict checks.
List = Annotated[tuple[T, ...], Field(strict=False)]


class Table(BaseModel):
    """A table in a policy file: unknown keys are refused (a misspelt key would silently do
    nothing), values are not coerced, and the parsed table cannot be changed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


def toml_doc(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"not valid TOML: {exc}") from None


def where(loc: tuple[int | str, ...]) -> str:
    """('row', 2, 'actions', 0, 'done_by') -> 'row[2].actions[0].done_by'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def plain(error: Any, missing: list[str]) -> str:
    """One pydantic error as the sentence a policy lead reads; `missing`: keys the same table
    lacks, the likeliest meaning of an unknown one."""
    kind, message = error["type"], error["msg"]
    if kind == "value_error":  # our own validators' words, without pydantic's prefix
        return str(error["ctx"]["error"])
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(str(error["loc"][-1]), missing, n=1, cutoff=0.6)
        return "unknown key (misspelt?)" + (f"; did you mean {near[0]!r}?" if near else "")
    if kind in ("tuple_type", "list_type"):
        return f"{_show(error['input'])}: should be a list ([ … ], or [[table]] sections)"
    if kind == "literal_error":
        return f"{_show(error['input'])}: use one of {error['ctx']['expected']}"
    return f"{_show(error['input'])}: {message[0].lower()}{message[1:]}"


def validated(model: type[M], doc: object, source: str, prefix: tuple[int | str, ...] = ()) -> M:
    """The table as `model`, or PolicyError for its first problem."""
    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # A misspelt key shows twice — unknown, and the real one missing: name the typo.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        missing = [str(e["loc"][-1]) for e in errors if e["type"] == "missing" and e["loc"][:-1] == first["loc"][:-1]]
        if len(first["loc"]) == 1:  # a top-level key: any of the file's own keys is a candidate
            missing += [f.alias or name for name, f in model.model_fields.items()]
        raise PolicyError(source, where((*prefix, *first["loc"])), plain(first, missing)) from None
