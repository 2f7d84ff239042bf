"""The first page of every kind of document as a picture (PDF → PNG), for the README and for a
policy lead reviewing the letters: `dutydesk screenshots --letters` writes screens/letters/.

Drafted from the shipped samples with a sample office, at a fixed time, so the pictures change
only when a template, the base document or the drafting does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dutydesk.config.office import Office
from dutydesk.config.paths import data_dir
from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.casefile import parse_case
from dutydesk.domain.case.model import Case, Referral
from dutydesk.drafting.draft import draft
from dutydesk.drafting.kinds import KINDS
from dutydesk.errors import BadInput

if TYPE_CHECKING:
    from dutydesk.domain.policy.bundle import Policy

WHEN = datetime(2025, 6, 16, 9, 30, tzinfo=UTC)
OFFICER = "Priya Shah"
SAMPLE_OFFICE = Office(
    name="Cafcass, Birmingham office",
    address="Level 5, 10 Colmore Row, Birmingham, B3 2QD",
    phone="0300 456 4000",
    email="duty.birmingham@cafcass.gov.uk.cjsm.net",
    role="Family Court Adviser",
    direct_line="0300 456 4123",
)
# The sample each document is drafted from: one where the document applies.
SAMPLE_FOR = {"court_c1a_not_completed": "02", "s120_notification": "03", "court_s120_notification": "03"}


def _sample(prefix: str, kind: str) -> Case:
    path = next(p for p in sorted((data_dir() / "samples").glob("*.json")) if p.name.startswith(prefix))
    case = parse_case(json.loads(path.read_text(encoding="utf-8")))
    case.risk.recommendation = case.risk.recommendation or (
        "That the court does not make an interim order for unsupervised contact, and lists a fact-finding hearing."
    )
    case.risk.availability = case.risk.availability or "23, 24 and 27 June 2025, all day; 30 June 2025, mornings."
    # Each picture from a case the document applies to (a refusal says why elsewhere).
    case.case.emergency_without_screening = case.case.emergency_without_screening or kind == "court_no_screening"
    if kind == "involvement_ended":
        case.case.status, case.case.outcome = "closed", "Child arrangements order by consent."
    if kind == "social_worker_copy":
        for referral in case.referrals:
            referral.social_worker = referral.social_worker or "Amara Okafor, Birmingham Children's Trust"
    if "s120" in kind and not any(r.kind == "s120_notification" for r in case.referrals):
        case.referrals.append(
            Referral(
                id="r-s120",
                kind="s120_notification",
                la="Vale Children's Services",
                children=[c.id for c in case.children],
                phoned_at=datetime(2025, 6, 13, 15, 10, tzinfo=UTC),
            )
        )
    return case


def letter_pages(out: Path) -> Iterator[Path]:
    if shutil.which("pdftoppm") is None:
        raise BadInput("pictures of the letters need pdftoppm: install the package poppler-utils")
    out.mkdir(parents=True, exist_ok=True)
    for name in KINDS:
        case = _sample(SAMPLE_FOR.get(name, "04"), name)
        made = draft(case, name, _policy(), OFFICER, WHEN, office=SAMPLE_OFFICE)
        pdf = made.render("pdf")
        target = out / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", str(target)],
            input=pdf,
            check=True,
            capture_output=True,
        )
        yield target.with_suffix(".png")


def _policy() -> Policy:

    return load_policy()
