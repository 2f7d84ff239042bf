"""`dutydesk screen` on each sample case gives the outcome its description states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from tests.cli_helpers import run_cli

SAMPLES = sample_files()
NOW = "2025-06-16T09:00:00+01:00"


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_screen_gives_the_samples_stated_outcome(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expect = json.loads(path.read_text())["sample"]["expect"]
    r = run_cli(capsys, "screen", str(path), "--now", NOW, "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["police_check"]["status"] == expect["police_check"]
    assert out["pathway"]["rows"] == expect["pathway_rows"]
    if "suggested_classification" in expect:
        assert out["pathway"]["suggested_classification"] == expect["suggested_classification"]
    assert len(out["risk_to_children"]) == expect["risk_to_children"]
    assert out["escalation"]["service_manager_discussion_required"] == expect["service_manager_discussion_required"]
    assert out["escalation"]["urgent_action"] == expect.get("urgent_action", False)
    for rule, due in expect.get("deadlines", {}).items():
        (deadline,) = [d for r in out["referrals"] for d in r["deadlines"] if d["rule"] == rule]
        assert deadline["due"] == due
    # Every result carries its paragraph.
    assert all(r["ref"] for r in out["police_check"]["reasons"])
    assert all(o["ref"] for o in out["outstanding"])


def test_screen_json_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    path = next(p for p in SAMPLES if "ongoing" in p.stem)
    out = json.loads(run_cli(capsys, "screen", str(path), "--now", NOW, "--json").out)
    assert set(out) >= {
        "police_check",
        "required_checks",
        "pathway",
        "risk_to_children",
        "escalation",
        "referrals",
        "outstanding",
        "language_prompts",
    }
    assert set(out["police_check"]) >= {"status", "reasons"}
    assert set(out["required_checks"][0]) >= {"kind", "subject", "status", "ref"}
    assert set(out["pathway"]) >= {"rows", "suggested_classification", "actions"}
    assert set(out["pathway"]["actions"][0]) >= {"text", "ref"}
    assert set(out["escalation"]) >= {"service_manager_discussion_required", "urgent_action", "ref"}
    assert set(out["referrals"][0]) >= {"id", "kind", "consent_missing", "information_missing", "deadlines"}
    assert set(out["referrals"][0]["deadlines"][0]) >= {"rule", "due", "status", "ref"}
    assert set(out["outstanding"][0]) >= {"what", "due", "ref"}


def test_screen_as_words(capsys: pytest.CaptureFixture[str]) -> None:
    path = next(p for p in SAMPLES if "ongoing" in p.stem)
    r = run_cli(capsys, "screen", str(path), "--now", NOW)
    assert "What's next:" in r.out and "due Mon 16/06/2025 [due today] (¶2.103)" in r.out


def test_screen_refuses_a_bad_file_and_a_bad_now(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dutydesk-case/1", "case": {"reference": "x", "law": "civil"}}')
    r = run_cli(capsys, "screen", str(bad))
    assert r.code == 2 and "$.case.law" in r.err
    r = run_cli(capsys, "screen", str(SAMPLES[0]), "--now", "last tuesday")
    assert r.code == 2 and "13/06/2025" in r.err  # the accepted form, by example


def test_screen_a_case_in_the_store_by_its_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same answer for a stored case as for its file; nothing is created or stored."""
    path = next(p for p in SAMPLES if "ongoing" in p.stem)
    db = str(tmp_path / "s.sqlite3")
    reference = run_cli(capsys, "--db", db, "import", str(path)).out.split()[0]
    from_file = run_cli(capsys, "screen", str(path), "--now", NOW, "--json")
    stored = run_cli(capsys, "--db", db, "screen", reference, "--now", NOW, "--json")
    assert stored.code == 0, stored.err
    assert json.loads(stored.out) == json.loads(from_file.out)
    missing = run_cli(capsys, "--db", db, "screen", "DD-1999-000001")
    assert missing.code == 2 and "neither a file nor a case in the store" in missing.err
    nowhere = tmp_path / "none.sqlite3"
    absent = run_cli(capsys, "--db", str(nowhere), "screen", reference)
    assert absent.code == 2 and "no store at" in absent.err and not nowhere.exists()
