"""Sample cases and a fixed clock for drafting tests."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from dutydesk.config.paths import data_dir
from dutydesk.domain.case.casefile import parse_case
from dutydesk.domain.case.model import Case, Referral

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
            # ¶2.100: a family with an allocated social worker gets a copy of the written information.
            social_worker="Priya Shah, Vale Children's Services West Team",
        )
    )
    return case


def letter_samples() -> list[tuple[str, Case]]:
    """Every sample with a referral, and one closed with its outcome: the letter telling the local
    authority that Cafcass's involvement has ended is drafted only for a closed case."""
    out = [(p.name[:2], with_referral(sample(p.name[:2]))) for p in SAMPLES]
    closed = with_referral(sample("04"))
    closed.case.status = "closed"
    closed.case.outcome = "Child arrangements order by consent; contact supervised at a centre."
    # The section 120 letters only where past witnessing is the pathway; the no-screening letter
    # only where work was done without screening (each refused elsewhere, with the reason).
    past = sample("03")
    past.screening.harm_classification = "witnessing_past"
    past.case.emergency_without_screening = True
    return [*out, ("04-closed", closed), ("03-past-no-screening", past)]


def flat(text: str) -> str:
    """Words only: what a reader sees, whatever the layout."""
    text = re.sub(r"^=+$", "", text, flags=re.MULTILINE).replace("•", " ")
    return " ".join(text.split())


def sample_path(name: str) -> Path:
    return next(p for p in SAMPLES if p.name.startswith(name))
