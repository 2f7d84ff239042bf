"""Small case builders for rule tests: a valid case with only what each test is about."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dutydesk.config.policy_files import load_policy
from dutydesk.config.settings import Settings
from dutydesk.domain.case.casefile import parse_case
from dutydesk.domain.case.model import Case
from dutydesk.domain.rules.screening import Screening, screen_case
from dutydesk.domain.time.calendar import LONDON

NOW = datetime(2025, 6, 16, 9, 0, tzinfo=LONDON)


def case(**overrides: Any) -> Case:
    """A child arrangements case, C1/C7 answered no, no C1A; `overrides` merged by top-level key."""
    doc: dict[str, Any] = {
        "format": "dutydesk-case/1",
        "case": {
            "reference": "T-1",
            "applications": ["child_arrangements"],
            "first_hearing_at": "2025-07-08T10:00:00+01:00",
            "court": "Leeds Family Court",
            "court_case_number": "LS1",
        },
        "people": [
            {
                "id": "p1",
                "role": "applicant",
                "given_names": "Ann",
                "family_name": "Able",
                "relationship_to_children": "mother",
                "addresses": [{"line1": "1 Road", "town": "Leeds", "postcode": "LS1 1AA"}],
                "phone": "07700 900001",
            },
            {
                "id": "p2",
                "role": "respondent",
                "given_names": "Bob",
                "family_name": "Able",
                "relationship_to_children": "father",
            },
            {
                "id": "c1",
                "role": "child",
                "given_names": "Cat",
                "family_name": "Able",
                "date_of_birth": "2015-01-01",
                "lives_with": ["p1"],
            },
        ],
        "forms": {"c1": {"harm_indicated": False}, "c7": {"harm_indicated": False}, "c1a": {}},
    }
    for key, value in overrides.items():
        if key in ("case", "forms", "screening", "risk") and isinstance(value, dict):
            doc.setdefault(key, {}).update(value)
        else:
            doc[key] = value
    return parse_case(doc)


def run(c: Case, now: datetime = NOW, settings: Settings | None = None) -> Screening:
    return screen_case(c, load_policy(settings or Settings()), now)


def allegation(kind: str = "domestic_abuse", **kw: Any) -> dict[str, Any]:
    return {
        "by": "p1",
        "against": "p2",
        "kind": kind,
        "types": kw.pop("types", ["physical"]),
        "children_at_risk": ["c1"],
        **kw,
    }


def today() -> date:
    return NOW.date()
