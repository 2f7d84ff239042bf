"""Sample cases and a fixed clock for drafting tests."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from dutydesk.domain.casefile import parse_case
from dutydesk.domain.model import Case, Referral
from dutydesk.paths import data_dir

NOW = datetime(2025, 6, 16, 9, 30, tzinfo=UTC)
SAMPLES = sorted((data_dir() / "samples").glob("*.json"))


RECOMMENDATION = "That the court lists a fact-finding hearing before any order for contact."
AVAILABILITY = "Available 23, 24 and 27 June 2025, all day; 30 June 2025 mornings only."


def sample(name: str, *, recommended: bool = True) -> Case:
    """A shipped sample; the samples stop before the officer's recommendation is written, so one
    is recorded here (with the reporter's availability) unless `recommended` is False."""
    path = next(p for p in SAMPLES if p.name.startswith(name))
    case = parse_case(json.loads(path.read_text(encoding="utf-8")))
    if recommended:
        case.risk.recommendation = case.risk.recommendation or RECOMMENDATION
        case.risk.availability = case.risk.availability or AVAILABILITY
    return case


def with_referral(case: Case, kind: str = "s47_protection", la: str = "Vale Children's Services") -> Case:
    case.referrals.append(
        Referral(
            id="r9",
            kind=kind,  # type: ignore[arg-type]
            la=la,
            children=[c.id for c in case.children],
            phoned_at=datetime(2025, 6, 13, 15, 10, tzinfo=UTC),
            spoke_to="Duty social worker C. Example",
            call_record="Told the duty social worker of the concern.",
        )
    )
    return case


def flat(text: str) -> str:
    """Words only: what a reader sees, whatever the layout."""
    text = re.sub(r"^=+$", "", text, flags=re.MULTILINE).replace("•", " ")
    return " ".join(text.split())


def sample_path(name: str) -> Path:
    return next(p for p in SAMPLES if p.name.startswith(name))
