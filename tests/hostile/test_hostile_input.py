"""Hostile input wherever text enters: case files, HMCTS feeds, CLI arguments, typed fields and
letters. Each is stored as it was given or refused with a clear message; none reaches the
terminal as a control sequence, runs an action, or crashes anything."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.config.paths import data_dir
from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.casefile import parse_case, to_document
from dutydesk.drafting.draft import draft
from dutydesk.importers.hmcts import parse_feed
from dutydesk.infra.safe_text import CONTROL
from tests.cli_helpers import run_cli
from tests.conftest import FIXTURES
from tests.drafting.helpers import NOW

HOSTILE = [
    "[bold]X[/bold]",
    "[link=https://example.invalid]click[/link]",
    "[@click=app.quit]quit[/]",
    "\x1b[2J\x1b]0;retitled\x07\x1b[31m",
    "\x00\x01\x08\x7f\x9b31m",
    "\u202eevil\u202c and zero\u200bwidth\u2066",
    "# Heading\n! bold\n- bullet",
    "Robert'); DROP TABLE cases;--",
    "A" * 10_000,
]
RAW_TERMINAL = ("\x1b", "\x07", "\x9b", "\u202e", "\u200b", "\x00")


def sample(name: str = "01") -> dict[str, Any]:
    path = next((data_dir() / "samples").glob(f"{name}*.json"))
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def no_raw_controls(text: str) -> bool:
    return not any(c in text for c in RAW_TERMINAL)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_case_file_keeps_hostile_text_exactly_and_the_cli_never_prints_it_raw(
    value: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = sample()
    child = next(p for p in doc["people"] if p["role"] == "child")
    child["given_names"] = value
    doc.setdefault("events", []).append({"at": "2025-06-13T12:00:00+01:00", "kind": "note", "text": value})
    source = tmp_path / "case.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    db = str(tmp_path / "s.sqlite3")
    reference = doc["case"]["reference"]
    assert run_cli(capsys, "--db", db, "import", str(source)).code == 0
    exported = json.loads(run_cli(capsys, "--db", db, "export", reference).out)
    assert next(p for p in exported["people"] if p["role"] == "child")["given_names"] == value  # faithful
    assert exported["events"][-1]["text"] == value
    for args in (("cases",), ("audit", "show", reference)):
        r = run_cli(capsys, "--db", db, *args)
        assert r.code == 0 and no_raw_controls(r.out), args


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        ("first_hearing_at", "9999-12-31T10:00:00+00:00", "outside the years 1900-2100"),
        ("first_hearing_at", "0001-01-01T10:00:00+00:00", "outside the years 1900-2100"),
        ("received_at", "2025-02-30T10:00:00+00:00", "should be an ISO 8601 instant"),
    ],
)
def test_absurd_dates_are_refused_clearly(
    where: str, value: str, says: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = sample()
    doc["case"][where] = value
    source = tmp_path / "case.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    for args in (("--db", str(tmp_path / "s.sqlite3"), "import", str(source)), ("screen", str(source))):
        r = run_cli(capsys, *args)
        assert r.code == 2 and says in r.err and "Traceback" not in r.err


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"format": "dutydesk-case/1", "x": "\xff\xfe"}', "is not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b" " * (50 * 1024 * 1024), "a case file is at most 20 MB"),
        (b"{not json", "is not valid JSON"),
    ],
    ids=["invalid-utf8", "deeply-nested", "50MB", "not-json"],
)
def test_unreadable_files_are_refused_in_one_line(
    content: bytes, says: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    r = run_cli(capsys, "--db", str(tmp_path / "s.sqlite3"), "import", str(source))
    assert r.code == 2 and says in r.err and len(r.err.strip().splitlines()) == 1


def test_a_cli_argument_with_escapes_is_refused_without_echoing_them(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "deadline", "\x1b[2J\x1b]0;x\x07 13/06/2025", "-n", "1")
    assert r.code == 2 and no_raw_controls(r.err)


def test_an_hmcts_feed_with_hostile_names_is_imported_literally() -> None:
    feed = json.loads((FIXTURES / "hmcts" / "cafcass-search-response.json").read_text(encoding="utf-8"))
    applicant = feed["cases"][0]["case_data"]["applicants"][0]["value"]
    applicant["firstName"] = HOSTILE[2] + HOSTILE[3]
    first = parse_feed(feed)[0]
    names = [p.get("given_names") for p in first.people]
    assert HOSTILE[2] + HOSTILE[3] in names


text_values = st.text(st.characters(codec="utf-8"), max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=text_values, note=text_values)
def test_any_text_round_trips_and_drafts_without_reaching_the_terminal(name: str, note: str) -> None:
    doc = sample("04")
    doc["people"][0]["given_names"] = name
    doc["referrals"][0]["call_record"] = note
    doc["risk"]["recommendation"] = "Recommended: " + note  # required for the safeguarding letter
    doc["risk"]["availability"] = "Available: " + note
    case = parse_case(doc)
    assert parse_case(json.loads(json.dumps(to_document(case)))) == case
    for kind in ("referral_letter", "safeguarding_letter", "case_record"):
        made = draft(case, kind, load_policy(), "J. Officer", NOW)
        assert not CONTROL.search(made.text.replace("\n", "").replace("\t", ""))
