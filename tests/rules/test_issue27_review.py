"""Issue 27 in the Service Manager's review (items 4 and 5): the new obligations with due, done and
status; an Imminent or High case's Service Manager discussion flagged and first (¶2.30, ¶2.81
"immediately"), not "open, due at the first hearing"; ¶2.83's context on a discussion after a
referral; and the charts' rates with their n, count axes in whole numbers. Each expectation is
the framework sentence quoted in its docstring."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.config.settings import Settings
from dutydesk.domain.case.casefile import to_document
from dutydesk.domain.case.model import Case
from dutydesk.domain.review.charts import count_ticks, on_time_by_month
from dutydesk.domain.review.review import CaseReview, Obligation, review_case
from dutydesk.domain.time.calendar import LONDON
from dutydesk.drafting.review_report import html_report
from tests.cli_helpers import run_cli
from tests.rules.builders import allegation, case

Capsys = pytest.CaptureFixture[str]
NOW = datetime(2025, 6, 16, 9, 0, tzinfo=LONDON)
AFTER_HEARING = datetime(2025, 7, 9, 9, 0, tzinfo=LONDON)
S47 = {
    "id": "r1",
    "kind": "s47_protection",
    "la": "Leeds Children's Social Care",
    "children": ["c1"],
    "phoned_at": "2025-06-13T16:10:00+01:00",
}


def reviewed(c: Case, now: datetime = NOW) -> dict[str, Obligation]:
    return {o.key: o for o in review_case(c, load_policy(Settings()), now).obligations}


def test_an_imminent_case_is_flagged_not_due_at_the_first_hearing() -> None:
    """¶2.30: "Where risks are judged 'high' or 'imminent', a discussion should immediately be held with
    the Service Manager"; ¶2.87: "the immediate and urgent priority is to secure the safety of the child".
    Not "open, due at the first hearing" with nothing flagged."""
    c = case(risk={"overall": "imminent", "completed_at": "2025-06-13T11:00:00+01:00"})
    found = reviewed(c)
    sm = found["sm_discussion"]
    assert sm.due is not None and sm.due.isoformat() == "2025-06-13"  # when the risk was judged, not 08/07
    assert sm.status == "missed" and sm.flag and "immediately" in sm.flag
    assert "immediately" in sm.how and "imminent" in sm.how
    urgent = found["urgent_actions"]
    assert urgent.flag and urgent.status in ("open", "missed") and urgent.ref == "¶2.87"
    # A high case with no time of judgement recorded: still flagged while open.
    high = reviewed(case(risk={"overall": "high"}))["sm_discussion"]
    assert high.flag and high.due is None and high.status == "open"
    assert reviewed(case(risk={"overall": "high"}))["urgent_actions"].status == "not_applicable"
    # Held: no flag.
    held = case(
        risk={"overall": "high"},
        discussions=[{"id": "d1", "kind": "service_manager", "at": "2025-06-13T12:00:00+01:00", "agreed": True}],
    )
    assert reviewed(held)["sm_discussion"].flag is None


def test_a_discussion_after_a_referral_says_what_2_83_asks(capsys: Capsys) -> None:
    """¶2.83: "In any situation when the practitioner has made a referral of possible significant harm to
    Local Authority Children's Social Care without prior consultation with his/her Service Manager, the
    practitioner must inform the Service Manager as soon as possible." The late discussion says so."""
    c = case(
        referrals=[{**S47, "sm_informed_at": "2025-06-13T16:40:00+01:00"}],
        discussions=[{"id": "d1", "kind": "service_manager", "at": "2025-06-14T10:00:00+01:00", "agreed": True}],
    )
    found = reviewed(c)
    sm = found["sm_discussion"]
    assert sm.status == "late"
    assert "¶2.83" in sm.how and "as soon as possible" in sm.how and "13/06/2025 16:40" in sm.how
    told = found["sm_informed:r1"]
    assert told.status == "on_time" and told.ref == "¶2.83"


def test_the_new_obligations_are_reviewed() -> None:
    """¶2.24 (advise the court of a more detailed safety assessment), ¶2.60 (parents asked about domestic
    violence "at the first meeting or interview"), ¶2.100 (a copy to "any allocated social worker"), App. III
    and ¶3.90 ("When Cafcass involvement ends, this should be notified"), App. II (the record reconciled)."""
    c = case(
        forms={
            "c1": {"harm_indicated": True},
            "c1a": {"completed": True, "allegations": [allegation(witnessed_by_children=True, ongoing=False)]},
        },
        referrals=[
            {
                **S47,
                "kind": "s17_needs",
                "fax_sent_at": "2025-06-13T17:00:00+01:00",
                "social_worker": "Jo Hart, Leeds CIN team 3",
            }
        ],
        findings=[
            {
                "id": "f1",
                "subject": "p2",
                "kind": "conviction",
                "offence": "Assault occasioning actual bodily harm",
                "section": "Section 47",
                "act": "Offences Against the Person Act 1861",
                "victim_age": "adult",
                "notes": "victim aged 13",
            }
        ],
    )
    c.people[0].da_asked, c.people[0].da_asked_at = "asked", datetime(2025, 6, 13, 12, tzinfo=LONDON)
    after = reviewed(c, AFTER_HEARING)
    assert after["safety_assessment"].status == "missed" and after["safety_assessment"].ref == "¶2.24"
    assert after["da_asked:p1"].status == "on_time" and after["da_asked:p2"].status == "missed"
    assert (
        after["da_asked:p2"].without_names == "The respondent asked about domestic violence, separately and in private"
    )
    assert after["social_worker_copy:r1"].status == "open" and after["social_worker_copy:r1"].ref == "¶2.100"
    assert after["finding_words:f1"].status == "missed" and "the victim was under 18" in after["finding_words:f1"].how
    assert after["involvement_end:r1"].status == "not_applicable"  # the case is open: not yet due
    c.case.status = "closed"
    assert reviewed(c, AFTER_HEARING)["involvement_end:r1"].status == "open"
    c.referrals[0].involvement_end_sent_at = AFTER_HEARING
    assert reviewed(c, AFTER_HEARING)["involvement_end:r1"].status == "on_time"


def test_risk_identification_after_the_hearing_is_missed_here_and_overdue_on_the_screen() -> None:
    """¶2.28: "risk identification will take place before the completion of the 1st court hearing"."""
    from tests.rules.builders import run

    c = case()
    assert reviewed(c, AFTER_HEARING)["risk_identification"].status == "missed"
    (item,) = [o for o in run(c, AFTER_HEARING).outstanding if "risk identification" in o.what]
    assert item.status == "overdue"


def _review(status: str, month: str = "2025-06") -> CaseReview:
    day = datetime.fromisoformat(f"{month}-02").date()
    return CaseReview("R", day, None, False, (), (Obligation("k", "w", "¶", status),))  # type: ignore[arg-type]


def test_the_charts_carry_their_n_and_count_in_whole_numbers() -> None:
    """A rate over one obligation is not a rate over a hundred: each month's on-time share says how many
    fell due (n), and the days-late axis counts obligations in whole numbers."""
    by_month = on_time_by_month([_review("on_time"), _review("open", "2025-05")])
    assert by_month == [("2025-05", None, 0), ("2025-06", 100.0, 1)]
    for top in (0, 1, 3, 7, 12, 60, 999):
        ticks = count_ticks(top)
        assert all(isinstance(t, int) for t in ticks) and ticks[0] == 0 and ticks[-1] >= top and len(ticks) <= 7
    page = html_report(
        [_review("on_time")], {k: 0 for k in _TOTALS} | {"on_time": 1, "cases": 1, "on_time_rate": 1.0}, "all", NOW
    )
    assert "(n=1)" in page and "100% on time (n = 1 due)" in page


_TOTALS = ("cases", "on_time", "late", "missed", "open", "not_applicable", "on_time_rate")


def test_the_review_command_flags_first(tmp_path: Path, capsys: Capsys) -> None:
    """¶2.81: "all practitioners must first discuss this with their Service Manager"; ¶2.30 "immediately":
    in `dutydesk review` the flagged obligation is marked in JSON and CSV and heads the table."""
    db = str(tmp_path / "r.sqlite3")
    for ref, overall in (("RV-A-CALM", None), ("RV-Z-IMMINENT", "imminent")):
        c = case()
        c.case.reference = ref
        c.case.received_at = datetime(2025, 6, 10, 9, tzinfo=LONDON)
        c.risk.overall = overall  # type: ignore[assignment]
        path = tmp_path / f"{ref}.json"
        path.write_text(json.dumps(to_document(c)), encoding="utf-8")
        assert run_cli(capsys, "--db", db, "import", str(path)).code == 0
    out = json.loads(run_cli(capsys, "--db", db, "review", "--now", "16/06/2025 09:00", "--json").out)
    flags: dict[str, Any] = {c["reference"]: [o for o in c["obligations"] if o["flag"]] for c in out["cases"]}
    assert not flags["RV-A-CALM"] and {o["key"] for o in flags["RV-Z-IMMINENT"]} == {"sm_discussion", "urgent_actions"}
    rows = list(
        csv.DictReader(io.StringIO(run_cli(capsys, "--db", db, "review", "--now", "16/06/2025 09:00", "--csv").out))
    )
    assert any(r["flag"] for r in rows)
    table = run_cli(capsys, "--db", db, "review", "--now", "16/06/2025 09:00").out
    first = next(line for line in table.splitlines() if "RV-" in line)
    assert "RV-Z-IMMINENT" in first and "!" in first
    assert "flagged" in table and "n = " in table
