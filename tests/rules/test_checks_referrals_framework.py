"""Checks and referrals through `dutydesk screen FILE --json`, each case written from the paragraph
it quotes before the code ran: ¶2.17 repeats, ¶3.72-3.76 relevant individuals and consent, ¶2.22
both halves, ¶2.106 after the first hearing, App. V on the Thursday before Christmas, ¶2.63(b)
consent, ¶2.99 parents' agreement."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dutydesk.domain.case.casefile import to_document
from tests.cli_helpers import run_cli
from tests.rules.builders import case

NOW = "2025-06-16T09:00:00+01:00"
FAMILY_CHECKS = [
    {
        "id": f"k{i}",
        "kind": kind,
        "outcome": "no_concern",
        "requested_at": "2025-06-13T10:00:00+01:00",
        "covered": ["name Ann Able", "address 1 Road, Leeds, LS1 1AA", "name Bob Able"],
    }
    for i, kind in enumerate(("cafcass_records", "court_proceedings", "child_protection_plan", "la_knowledge"))
]


def screen(tmp_path: Path, capsys: pytest.CaptureFixture[str], now: str = NOW, **doc: Any) -> dict[str, Any]:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(to_document(case(**doc))), encoding="utf-8")
    r = run_cli(capsys, "screen", str(path), "--now", now, "--json")
    assert r.code == 0, r.err
    return dict(json.loads(r.out))


def whats(out: dict[str, Any]) -> str:
    return " | ".join(f"{o['what']} ({o['ref']})" for o in out["outstanding"])


def people(*extra: dict[str, Any], bob: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The builder's family (Ann, Bob, Cat), Bob's details changed, others added."""
    doc: list[dict[str, Any]] = to_document(case())["people"]
    doc[1].update(bob or {})
    return [*doc, *extra]


def test_2_17_an_address_learned_after_the_family_checks_prompts_a_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """¶2.17: "It may be necessary to repeat the process ... if an adult has had more than one address
    over the last five years and the information was not known at the time of the initial check"."""
    before = screen(tmp_path, capsys, people=people(), checks=FAMILY_CHECKS)
    assert "¶2.17" not in whats(before)
    moved = {
        "addresses": [
            {"line1": "9 Mill Lane", "town": "Hull", "postcode": "HU1 1AA", "from": "2021-02-01", "to": "2024-03-01"}
        ],
        "previous_names": ["Robert Smith"],
    }
    after = screen(tmp_path, capsys, people=people(bob=moved), checks=FAMILY_CHECKS)
    text = whats(after)
    assert "Repeat the Cafcass records check on Bob Able" in text and "9 Mill Lane" in text and "Robert Smith" in text
    assert "Repeat the local authority's knowledge check on Bob Able" in text
    # An address left more than five years ago is outside ¶2.17's window.
    old = {"addresses": [{"line1": "3 Old Row", "town": "York", "from": "2015-01-01", "to": "2019-01-01"}]}
    assert "3 Old Row" not in whats(screen(tmp_path, capsys, people=people(bob=old), checks=FAMILY_CHECKS))


def test_3_72_to_3_75_a_new_partner_needs_checks_and_consent_even_for_the_police_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """¶3.72 "It will also be necessary to undertake additional checks if further, relevant individuals
    are identified"; ¶3.73 new partners; ¶3.75 "Before making additional or extended checks the
    written explicit consent of the individual concerned should be obtained unless there is a good
    reason not to do so ... Where consent is refused, consideration should be given to seeking
    direction from the court"."""
    lee = {"id": "p3", "role": "new_partner", "given_names": "Lee", "family_name": "Stone"}
    harm = {"c1": {"harm_indicated": True}}
    out = screen(tmp_path, capsys, people=people(lee), forms=harm)
    assert "it will be necessary to undertake additional checks" in whats(out)
    police = [c for c in out["required_checks"] if c["kind"] == "police"]
    assert [c["subject"] for c in police] == ["p1", "p2", "p3"]
    check = {"id": "k9", "kind": "police", "subject": "p3", "outcome": "pending"}
    out = screen(tmp_path, capsys, people=people(lee), forms=harm, checks=[check])
    assert "written explicit consent for the police check on Lee Stone" in whats(out)
    out = screen(tmp_path, capsys, people=people(lee), forms=harm, checks=[{**check, "consent": "refused"}])
    assert "consider seeking direction from the court (¶3.75)" in whats(out)
    # The parties' own police checks (¶3.68) need no consent.
    party = {"id": "k8", "kind": "police", "subject": "p2", "outcome": "pending"}
    assert "consent" not in whats(screen(tmp_path, capsys, forms=harm, checks=[party])).lower().replace(
        "consent of", ""
    )


def test_2_22_both_halves_are_owed_and_an_empty_event_clears_neither(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """¶2.22: "the court should be made aware of this in writing and a record kept by Cafcass of what
    happened and why"."""
    empty = {"at": "2025-06-13T12:00:00+01:00", "kind": "court_told_no_screening", "text": ""}
    out = screen(tmp_path, capsys, case={"emergency_without_screening": True}, events=[empty])
    text = whats(out)
    assert "tell the court in writing" in text and "record of what happened and why" in text
    told = {**empty, "text": "Sent: Letter to the court: work done without screening information"}
    out = screen(
        tmp_path,
        capsys,
        case={"emergency_without_screening": True, "emergency_record": "Heard urgently at 2pm; checks sent at 4pm"},
        events=[told],
    )
    assert "¶2.22" not in whats(out)


def _s47(**kw: Any) -> dict[str, Any]:
    return {"id": "r1", "kind": "s47_protection", "la": "Leeds", "children": ["c1"], **kw}


def test_2_106_after_the_first_hearing_is_owed_from_the_referral_not_dated_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """¶2.106: "Where a referral is made the court should be informed of the steps taken at the earliest
    convenient opportunity" — from the referral, whatever the hearing dates; any day allowed is local."""
    out = screen(
        tmp_path,
        capsys,
        now="2025-06-13T17:00:00+01:00",
        case={"first_hearing_at": "2025-06-02T10:00:00+01:00"},
        referrals=[_s47(phoned_at="2025-06-13T16:10:00+01:00")],
    )
    (court,) = [d for d in out["referrals"][0]["deadlines"] if d["rule"] == "court_informed_of_referral"]
    assert court["due"] >= "2025-06-13" and court["status"] == "upcoming"
    assert "local practice" in court["ref"] and "¶2.106" in court["ref"]


def test_app_v_on_the_thursday_before_christmas_is_a_fact_not_a_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """¶2.103 "confirmed in writing ... within one working day"; App. V supervision checks "this is
    followed up in writing within 24 hours". Called Thursday 24/12/2026 at 16:00: one working day is
    Tuesday 29/12 (Christmas Day, then Boxing Day's substitute Monday); 24 hours end on Christmas Day."""
    out = screen(
        tmp_path,
        capsys,
        now="2026-12-30T09:00:00+00:00",
        case={"first_hearing_at": "2027-01-20T10:00:00+00:00"},
        referrals=[_s47(phoned_at="2026-12-24T16:00:00+00:00", fax_sent_at="2026-12-29T10:00:00+00:00")],
    )
    (r,) = out["referrals"]
    written = [d for d in r["deadlines"] if d["ref"] == "¶2.103"]
    assert len(written) == 1 and written[0]["due"] == "2026-12-29" and written[0]["status"] == "done"
    assert not any(d["due"] == "2026-12-25" for d in r["deadlines"])
    assert r["supervision_24h"]["met"] is False and r["supervision_24h"]["ref"] == "App. V"
    # Only for s47 referrals.
    s17 = screen(tmp_path, capsys, referrals=[{**_s47(phoned_at="2025-06-13T16:10:00+01:00"), "kind": "s17_needs"}])
    assert s17["referrals"][0]["supervision_24h"] is None


def test_2_63_b_an_s17_phoned_without_consent_is_flagged_with_the_s47_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """¶2.63(b): "consent of the child, parent/s and the court is required. In situations where the
    child or parents are not in agreement then consideration needs to be given to whether the
    circumstances require a 'S47' referral"."""
    s17 = {**_s47(phoned_at="2025-06-13T16:10:00+01:00"), "kind": "s17_needs", "consent": {"parents": "given"}}
    out = screen(tmp_path, capsys, referrals=[s17])
    (flag,) = out["referrals"][0]["flags"]
    assert "made without required consent" in flag["text"] and "child, court" in flag["text"]
    assert "section 47" in flag["text"] and flag["ref"] == "¶2.63(b)"
    assert "made without required consent" in whats(out)


def test_2_99_whether_parents_agreed_is_asked_even_where_consent_is_not_required(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """¶2.99: "It should be recorded whether or not parents have been informed of and agreed to the
    referral"."""
    told = _s47(phoned_at="2025-06-13T16:10:00+01:00", parents_informed="yes", consent={"parents": "not_required"})
    out = screen(tmp_path, capsys, referrals=[told])
    asks = [o for o in out["outstanding"] if o["what"].startswith("Record whether the parents agreed to the referral")]
    assert len(asks) == 1 and asks[0]["ref"] == "¶2.99"
    out = screen(tmp_path, capsys, referrals=[{**told, "parents_agreed": False}])
    assert "Record whether the parents agreed" not in whats(out)


def test_app_ii_asks_once_however_many_findings_and_not_after_the_referral(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """App. II: "Where this information is identified, the Child Welfare (Protection) procedure must be
    followed" — one obligation for the case (issue 17 found it listed once per finding, beside the
    App. III referral item saying the same), met once the referral is phoned."""
    findings = [
        {
            "id": "f1",
            "subject": "p2",
            "kind": "conviction",
            "offence": "Cruelty to children",
            "section": "1",
            "act": "Children and Young Persons Act 1933",
        },
        {
            "id": "f2",
            "subject": "p2",
            "kind": "caution",
            "offence": "Sexual assault of a child under 13",
            "section": "7",
            "act": "Sexual Offences Act 2003",
        },
    ]
    before = whats(screen(tmp_path, capsys, findings=findings))
    assert before.count("Child Welfare (Protection) procedure") == 1, before
    after = whats(screen(tmp_path, capsys, findings=findings, referrals=[_s47(phoned_at="2025-06-13T16:10:00+01:00")]))
    assert "Child Welfare (Protection) procedure" not in after, after
