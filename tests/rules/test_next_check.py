"""A new check defaults to what screening most likely needs next (issue 29), never to a check the
record already holds.

¶2.18: "In all private law applications there will be screening of: Cafcass' previous knowledge of
the child and family ...; any information provided by the court about any previous or current
relevant court proceedings; whether the child is on the Child Protection Register or is subject of
a Child Protection Plan; Local Authority previous knowledge of the child and family".
¶2.19: "In addition to the screening in 2.18 (above) a police check ... will be made in: any
application where issues are raised as to risk of harm to the child (via the harm 'tick box' ...)".
"""

from __future__ import annotations

from typing import Any

from dutydesk.domain.rules.next_check import NOTHING_PRESUMED, NextCheck, next_check
from tests.rules.builders import case, run


def checks(*kinds: str | tuple[str, str]) -> list[dict[str, Any]]:
    out = []
    for i, kind in enumerate(kinds):
        k, subject = kind if isinstance(kind, tuple) else (kind, None)
        out.append({"id": f"k{i}", "kind": k, "subject": subject, "outcome": "no_concern"})
    return out


def test_nothing_recorded_the_first_source_of_2_18() -> None:
    c = case()
    assert next_check(c, run(c).required_checks) == NextCheck("cafcass_records", None, "¶2.18")


def test_cafcass_records_recorded_the_court_next_then_the_plan_then_the_la() -> None:
    c = case(checks=checks("cafcass_records"))
    assert next_check(c, run(c).required_checks).kind == "court_proceedings"
    c = case(checks=checks("cafcass_records", "court_proceedings", "child_protection_plan"))
    assert next_check(c, run(c).required_checks) == NextCheck("la_knowledge", None, "¶2.18")


def test_a_check_asked_for_but_not_answered_is_recorded_so_not_offered_again() -> None:
    pending = [{"id": "k1", "kind": "cafcass_records", "outcome": "pending", "requested_at": "2025-06-16T09:00:00Z"}]
    c = case(checks=pending)
    assert next_check(c, run(c).required_checks).kind == "court_proceedings"


def test_harm_ticked_the_police_check_on_each_party_after_the_2_18_sources() -> None:
    c = case(
        forms={"c1": {"harm_indicated": True}, "c7": {"harm_indicated": False}, "c1a": {}},
        checks=checks("cafcass_records", "court_proceedings", "child_protection_plan", "la_knowledge"),
    )
    assert run(c).police_check.status == "required"
    assert next_check(c, run(c).required_checks) == NextCheck("police", "p1", "¶2.19")
    c = case(
        forms={"c1": {"harm_indicated": True}, "c7": {"harm_indicated": False}, "c1a": {}},
        checks=checks(
            "cafcass_records", "court_proceedings", "child_protection_plan", "la_knowledge", ("police", "p1")
        ),
    )
    assert next_check(c, run(c).required_checks) == NextCheck("police", "p2", "¶2.19")


def test_no_police_check_where_2_19_does_not_make_one() -> None:
    c = case(checks=checks("cafcass_records", "court_proceedings", "child_protection_plan", "la_knowledge"))
    assert run(c).police_check.status != "required"
    assert next_check(c, run(c).required_checks) == NOTHING_PRESUMED


def test_every_required_check_recorded_nothing_is_presumed() -> None:
    c = case(
        forms={"c1": {"harm_indicated": True}, "c7": {"harm_indicated": False}, "c1a": {}},
        checks=checks(
            "cafcass_records",
            "court_proceedings",
            "child_protection_plan",
            "la_knowledge",
            ("police", "p1"),
            ("police", "p2"),
        ),
    )
    assert next_check(c, run(c).required_checks) == NOTHING_PRESUMED
    assert NOTHING_PRESUMED.kind == "other"
