"""Issue 21: the compliance review, checked against the framework's words with cases whose
histories are known, through `dutydesk review --json/--csv/--html` and `dutydesk stats`.

¶2.103: "The information given must be confirmed in writing, preferably first by fax, followed
up by post to Local Authority Children's Social Care *within one working day*."
¶2.104: "If the practitioner has not heard back … within three working days, the practitioner
must contact Local Authority Children's Social Care again in writing".
Working days are clear days and skip bank holidays: Monday 26 May 2025 was the Spring bank holiday.
"""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from dutydesk.domain.case.casefile import to_document
from dutydesk.domain.case.model import Referral
from tests.cli_helpers import run_cli
from tests.drafting.helpers import sample

Capsys = pytest.CaptureFixture[str]
NOW = "30/06/2025 12:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def case_file(tmp_path: Path, ref: str, referral: Referral | None, **info: Any) -> Path:
    case = sample("07", recommended=False)  # Yusuf; his father's address is confidential
    case.case.reference = ref
    case.referrals = [referral] if referral else []
    for name, value in info.items():
        setattr(case.case, name, value)
    path = tmp_path / f"{ref}.json"
    path.write_text(json.dumps(to_document(case)), encoding="utf-8")
    return path


def referral(phoned: str, **stamps: str) -> Referral:
    made = Referral(id="r1", kind="s47_protection", la="Cardiff Children's Services", children=["c1"])
    made.phoned_at = at(phoned)
    for name, value in stamps.items():
        setattr(made, name, at(value))
    return made


@pytest.fixture
def db(tmp_path: Path, capsys: Capsys) -> str:
    path = str(tmp_path / "review.sqlite3")
    histories = {
        # Phoned Monday 9 June, faxed Tuesday: on time (due Tue 10/06).
        "RV-ON-TIME": referral("2025-06-09T10:00:00+01:00", fax_sent_at="2025-06-10T09:00:00+01:00"),
        # Phoned Friday 23 May; Monday 26 May a bank holiday: due Tuesday 27 May; faxed Wednesday: 1 day late.
        "RV-LATE": referral("2025-05-23T15:00:00+01:00", fax_sent_at="2025-05-28T11:00:00+01:00"),
        # Phoned 16 June, never confirmed in writing: due 17 June, missed by 30 June.
        "RV-MISSED": referral("2025-06-16T11:00:00+01:00"),
        # Phoned on the morning of the review: due tomorrow, open.
        "RV-OPEN": referral("2025-06-30T09:30:00+01:00"),
        # No referral: the referral obligations do not apply.
        "RV-NONE": None,
    }
    for ref, made in histories.items():
        extra = {"without_notice": True} if ref == "RV-MISSED" else {}
        file = case_file(tmp_path, ref, made, **extra)
        assert run_cli(capsys, "--db", path, "import", str(file)).code == 0
    return path


def obligations(capsys: Capsys, db: str, *args: str) -> dict[str, dict[str, Any]]:
    done = run_cli(capsys, "--db", db, "review", "--now", NOW, "--json", *args)
    assert done.code == 0, done.err
    data = json.loads(done.out)
    return {c["reference"]: {o["key"]: o for o in c["obligations"]} for c in data["cases"]}


def test_written_confirmation_is_judged_by_the_framework(capsys: Capsys, db: str) -> None:
    found = obligations(capsys, db)
    written = {ref: o.get("written_confirmation:r1", o.get("written_confirmation")) for ref, o in found.items()}
    assert written["RV-ON-TIME"]["status"] == "on_time" and written["RV-ON-TIME"]["due"] == "2025-06-10"
    late = written["RV-LATE"]
    assert late["status"] == "late" and late["due"] == "2025-05-27" and late["days_late"] == 1
    assert "Spring bank holiday" in late["how"] or "26/05/2025" in late["how"]
    assert written["RV-MISSED"]["status"] == "missed" and written["RV-MISSED"]["done"] is None
    assert written["RV-OPEN"]["status"] == "open" and written["RV-OPEN"]["due"] == "2025-07-01"
    assert written["RV-NONE"]["status"] == "not_applicable"
    chase = found["RV-MISSED"]["chase_local_authority:r1"]  # ¶2.104: three working days after 16/06
    assert chase["status"] == "missed" and chase["due"] == "2025-06-19"


def test_scope_urgent_case_and_last(capsys: Capsys, db: str) -> None:
    assert list(obligations(capsys, db, "--urgent")) == ["RV-MISSED"]
    assert list(obligations(capsys, db, "--case", "RV-LATE")) == ["RV-LATE"]
    assert len(obligations(capsys, db, "--last", "2")) == 2
    officer = obligations(capsys, db, "--officer", "Test Officer")
    assert len(officer) == 5 and obligations(capsys, db, "--officer", "Nobody") == {}


def test_totals_csv_and_html(capsys: Capsys, db: str, tmp_path: Path) -> None:
    done = run_cli(capsys, "--db", db, "review", "--now", NOW, "--json")
    data = json.loads(done.out)
    statuses = [o["status"] for c in data["cases"] for o in c["obligations"]]
    totals = data["totals"]
    for status in ("on_time", "late", "missed", "open", "not_applicable"):
        assert totals[status] == statuses.count(status), status
    assert totals["cases"] == 5 and 1 in totals["days_late"]
    rows = list(csv.DictReader(io.StringIO(run_cli(capsys, "--db", db, "review", "--now", NOW, "--csv").out)))
    assert len(rows) == len(statuses) and {"reference", "obligation", "due", "done", "status"} <= set(rows[0])
    report = tmp_path / "review.html"
    assert run_cli(capsys, "--db", db, "review", "--now", NOW, "--html", str(report)).code == 0
    html = report.read_text(encoding="utf-8")
    assert "RV-LATE" in html and "Yusuf" in html and html.count("<svg") == 2
    for secret in ("Rahman", "Quiet Close", "CF24", "07700", "<script", "http://", "https://"):
        assert secret not in html.replace("http://www.w3.org", ""), secret
    again = run_cli(capsys, "--db", db, "review", "--now", NOW, "--html", str(report))
    assert again.code == 2 and "already exists" in again.err


def test_stats_by_month(capsys: Capsys, db: str) -> None:
    done = run_cli(capsys, "--db", db, "stats", "--by", "month", "--now", NOW, "--json")
    months = {m["month"]: m for m in json.loads(done.out)["months"]}
    june = months[next(iter(months))]
    assert june["applications_received"] == 5
    assert sum(m["referrals"].get("s47_protection", 0) for m in months.values()) == 4
    text = run_cli(capsys, "--db", db, "stats", "--now", NOW, "--csv").out
    assert text.splitlines()[0].startswith("month,applications_screened")
    # Plain cells a spreadsheet reads: nothing for none, never a dash or a word standing for it.
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "—" not in cells and "none" not in cells
    assert any("s47_protection=" in cell for cell in cells)
    both = run_cli(capsys, "--db", db, "stats", "--now", NOW, "--csv", "--json")
    assert both.code == 2 and both.out == ""


def test_the_review_across_processes_is_the_review_in_one(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large review runs in worker processes, results crossing as tuples; the answer must be
    the one a single process gives, case for case, obligation for obligation, in order."""
    from dutydesk.config.policy_files import load_policy
    from dutydesk.domain.time.dates import parse_instant
    from dutydesk.services import review as review_service
    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store
    from dutydesk.store.review_scope import Scope

    store = Store.open(Officer("Test Officer", "test"), db=Path(db))
    try:
        policy, now = load_policy(), parse_instant(NOW)
        alone = review_service.run_review(store, policy, now, Scope())
        monkeypatch.setattr(review_service, "PARALLEL_FROM", 1)
        monkeypatch.setattr(review_service, "CHUNK", 1)  # five chunks: some here, some in a worker
        monkeypatch.setattr(review_service.os, "cpu_count", lambda: 2)
        # Each chunk takes a moment, here and in the (forked) worker, so both take some.
        review = review_service._review_documents
        monkeypatch.setattr(review_service, "_review_documents", lambda *a: (time.sleep(0.3), review(*a))[1])
        crossed: list[object] = []
        unpack = review_service._unpack
        monkeypatch.setattr(review_service, "_unpack", lambda v: (crossed.append(v), unpack(v))[1])
        counted: list[int] = []
        together = review_service.run_review(store, policy, now, Scope(), advance=counted.append)
    finally:
        store.close()
    assert together == alone and len(alone) == 5
    assert sum(counted) == 5 and 0 < len(crossed) < 5  # some reviewed in a worker, some here
