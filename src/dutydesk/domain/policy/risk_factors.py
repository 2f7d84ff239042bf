"""The risk identification factor list (data/risk_factors.toml), validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import field_validator

from dutydesk.domain.policy.schema import List, NonEmpty, Table, toml_doc, validated


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


class _Factor(Table):
    id: NonEmpty
    title: NonEmpty
    ref: NonEmpty
    hint: str | None = None
    scale: Literal["level", "cpp"] = "level"


class _Scores(Table):
    none: int
    low: int
    medium: int
    high: int


class _RiskFactorsFile(Table):
    scores: _Scores
    factor: List[_Factor] = ()

    @field_validator("factor")
    @classmethod
    def _keeps_other(cls, factors: tuple[_Factor, ...]) -> tuple[_Factor, ...]:
        seen: set[str] = set()
        for f in factors:
            if f.id in seen:
                raise ValueError(f"duplicate id {f.id!r}")
            seen.add(f.id)
        if "other" not in seen:
            raise ValueError("the list must keep 'other' (¶2.14: the list is not exclusive)")
        return factors


def parse_risk_factors(text: str, source: str) -> RiskFactors:
    doc = validated(_RiskFactorsFile, toml_doc(text, source), source)
    factors = {f.id: FactorDef(**f.model_dump()) for f in doc.factor}
    return RiskFactors(factors, doc.scores.model_dump())
