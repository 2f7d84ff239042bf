"""Referrals: consent by kind (¶2.63), the ¶2.102 checklist, telling (¶2.91, ¶2.98), deadlines."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from dutydesk.domain.time.calendar import LONDON
from tests.rules.builders import case, run


def referral(**kw: Any) -> dict[str, Any]:
    return {
        "id": "r1",
        "kind": "s47_protection",
        "children": ["c1"],
        "phoned_at": "2025-06-13T16:10:00+01:00",
        "call_record": "Told the duty social worker about the bruising.",
        **kw,
    }


@pytest.mark.parametrize(
    ("kind", "consent", "missing"),
    [
        ("s47_protection", {}, []),
        ("s17_needs", {}, ["child", "parents", "court"]),
        ("s17_needs", {"child": "given", "parents": "given"}, ["court"]),
        ("s17_needs", {"child": "given", "parents": "given", "court": "given"}, []),
        ("promoting_welfare", {"child": "given"}, ["parents", "court"]),
        ("s120_notification", {}, []),
    ],
)
def test_para_2_63_consent_by_kind(kind: str, consent: dict[str, str], missing: list[str]) -> None:
    (r,) = run(case(referrals=[referral(kind=kind, consent=consent)])).referrals
    assert len(r.consent_missing) == len(missing)
    for party, reason in zip(missing, r.consent_missing, strict=True):
        assert party in reason.text and reason.ref.startswith("¶2.63")


def test_refused_s17_consent_points_to_s47() -> None:
    (r,) = run(
        case(referrals=[referral(kind="s17_needs", consent={"child": "given", "parents": "refused", "court": "given"})])
    ).referrals
    assert "section 47" in r.consent_missing[0].text


def test_para_2_102_missing_information_is_a_warning_naming_each_gap() -> None:
    s = run(case(referrals=[referral(call_record=None)]))
    (r,) = s.referrals
    texts = " ".join(m.text for m in r.information_missing)
    assert "exact nature of the concern" in texts and "Cat: date of birth" not in texts and "Cat: school" in texts
    assert all(m.ref == "¶2.102" for m in r.information_missing)
    # The gap is stated; the guidance to the officer is kept apart, so no letter prints it (issue 18).
    assert not any("must not delay" in m.text for m in r.information_missing)
    assert r.deadlines  # the referral itself stands: deadlines still run


def test_child_and_parents_told_or_reason_recorded() -> None:
    (r,) = run(case(referrals=[referral(child_informed="no", parents_informed="not_yet")])).referrals
    refs = {m.ref for m in r.telling}
    assert refs == {"¶2.91", "¶2.98-2.99"}
    (r,) = run(
        case(
            referrals=[
                referral(
                    child_informed="no", child_not_informed_reason="Age 3", parents_informed="yes", parents_agreed=True
                )
            ]
        )
    ).referrals
    assert r.telling == ()


DEADLINE_CASES = [
    # phoned, now, written confirmation due, chase due
    ("Friday call over a weekend", "2025-06-13T16:10:00+01:00", date(2025, 6, 16), date(2025, 6, 18)),
    (
        "Thursday before Good Friday and Easter Monday",
        "2025-04-17T11:00:00+01:00",
        date(2025, 4, 22),
        date(2025, 4, 24),
    ),
    ("Friday before the late summer bank holiday", "2025-08-22T15:00:00+01:00", date(2025, 8, 26), date(2025, 8, 28)),
    ("Christmas Eve", "2025-12-24T12:00:00+00:00", date(2025, 12, 29), date(2025, 12, 31)),
]


@pytest.mark.parametrize(("name", "phoned", "confirm", "chase"), DEADLINE_CASES, ids=[d[0] for d in DEADLINE_CASES])
def test_deadlines_across_weekends_and_bank_holidays(name: str, phoned: str, confirm: date, chase: date) -> None:
    (r,) = run(case(referrals=[referral(phoned_at=phoned)])).referrals
    due = {d.rule.id: d for d in r.deadlines}
    assert due["written_confirmation"].due.due == confirm and due["written_confirmation"].rule.ref == "¶2.103"
    assert due["service_manager_copy"].due.due == confirm and due["service_manager_copy"].rule.ref == "¶2.108"
    assert due["chase_local_authority"].due.due == chase and due["chase_local_authority"].rule.ref == "¶2.104"


def test_deadline_statuses_follow_what_was_recorded() -> None:
    c = case(referrals=[referral(fax_sent_at="2025-06-16T10:00:00+01:00", sm_copy_sent_at="2025-06-17T10:00:00+01:00")])
    (r,) = run(c, now=datetime(2025, 6, 19, 9, tzinfo=LONDON)).referrals
    status = {d.rule.id: d.status for d in r.deadlines}
    assert status["written_confirmation"] == "done"
    assert status["service_manager_copy"] == "done_late"
    assert status["chase_local_authority"] == "overdue"
    # ¶2.106 is owed from the call ("earliest convenient opportunity"); the one day allowed is local practice
    assert status["court_informed_of_referral"] == "overdue"


def test_whats_next_puts_overdue_first_then_due_today() -> None:
    s = run(case(referrals=[referral()]), now=datetime(2025, 6, 16, 9, tzinfo=LONDON))
    statuses = [o.status for o in s.outstanding if o.status]
    assert statuses == sorted(statuses, key=lambda x: {"overdue": 0, "due_today": 1}.get(x, 2))
    # App. V's 24 hours is a supervision check, not a deadline: nothing is overdue on Monday morning
    assert "overdue" not in statuses and statuses[0] == "due_today"


def test_court_directed_safeguarding_letter() -> None:
    c = case(case={"court_directions": [{"kind": "safeguarding_letter", "working_days": 10, "from": "2025-06-16"}]})
    (d, *_) = [d for d in run(c).case_deadlines if d.rule.id == "court_directed_safeguarding_letter"]
    assert d.due.due == date(2025, 6, 30)
