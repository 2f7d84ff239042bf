"""The risk identification factor list (data/risk_factors.toml), validated on load."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from dutydesk.errors import PolicyError

LEVELS = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class FactorDef:
    id: str
    title: str
    ref: str
    hint: str | None = None
    scale: str = "level"  # "cpp": high = currently on a plan, medium = previously


@dataclass(frozen=True)
class RiskFactors:
    factors: dict[str, FactorDef]
    scores: dict[str, int]


def parse_risk_factors(text: str, source: str) -> RiskFactors:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "(file)", f"not valid TOML: {exc}") from None
    scores = doc.get("scores")
    if not isinstance(scores, dict) or set(scores) != set(LEVELS):
        raise PolicyError(source, "scores", f"needs exactly the levels {list(LEVELS)}")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in scores.values()):
        raise PolicyError(source, "scores", "each score must be a whole number")
    factors: dict[str, FactorDef] = {}
    for i, table in enumerate(doc.get("factor", [])):
        key = f"factor[{i}]"
        if not isinstance(table, dict):
            raise PolicyError(source, key, "must be a table")
        for name in ("id", "title", "ref"):
            if not isinstance(table.get(name), str) or not table[name].strip():
                raise PolicyError(source, f"{key}.{name}", "a non-empty string is required")
        scale = table.get("scale", "level")
        if scale not in ("level", "cpp"):
            raise PolicyError(source, f"{key}.scale", f"{scale!r}: use 'level' or 'cpp'")
        if table["id"] in factors:
            raise PolicyError(source, f"{key}.id", f"duplicate id {table['id']!r}")
        factors[table["id"]] = FactorDef(table["id"], table["title"], table["ref"], table.get("hint"), scale)
    if "other" not in factors:
        raise PolicyError(source, "factor", "the list must keep 'other' (¶2.14: the list is not exclusive)")
    return RiskFactors(factors, dict(scores))
