"""A bug never puts case data on the terminal or in a file: the crash report names where it
happened, not what was in play (issue 9: "a traceback file never contains case data")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dutydesk.domain.case.model import Address, Case, CaseInfo, Person
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ("Zebedee", "Quartermaine", "17 Hiddenway Close")
REF = "DD-2026-000321"


def _store(db: Path) -> None:
    person = Person(
        id="p1", role="applicant", given_names="Zebedee", family_name="Quartermaine",
        addresses=[Address(line1="17 Hiddenway Close", town="Leeds", postcode="LS6 2AB")],
    )  # fmt: skip
    store = Store.open(Officer("J. Officer", "j"), db=db)
    store.create(Case(case=CaseInfo(reference=REF), people=[person]))
    store.close()


def _reports(data: Path) -> list[Path]:
    return sorted((data / "crash").glob("crash-*.txt"))


def _check_report(report: Path, kind: str, function: str) -> None:
    text = report.read_text()
    assert f"{kind} — traceback" in text and function in text
    assert not any(secret in text for secret in SECRETS), text
    assert report.stat().st_mode & 0o777 == 0o600
    assert report.parent.stat().st_mode & 0o777 == 0o700


def test_a_bug_in_the_app_prints_one_line_and_a_report_without_case_data(tmp_path: Path) -> None:
    db, data = tmp_path / "s.sqlite3", tmp_path / "data"
    _store(db)
    env = {**os.environ, "DUTYDESK_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "tests.hostile.crash_app", str(db), REF],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    shown = run.stdout + run.stderr
    assert run.returncode == 1
    assert "stopped on an unexpected error (ValueError in crash_app.py" in shown
    assert not any(secret in shown for secret in SECRETS), shown  # Textual would print the locals
    (report,) = _reports(data)
    assert str(report) in shown
    _check_report(report, "ValueError", "in boom")
    assert 'raise ValueError(f"cannot place {person.given_names}' in report.read_text()  # code, not values


def test_a_bug_in_a_command_prints_one_line_and_a_report_without_case_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dutydesk.config.paths import user_data_dir
    from dutydesk.store import repository

    db = tmp_path / "s.sqlite3"
    _store(db)
    original = repository.Store.load

    def buggy_export(self: repository.Store, reference: str) -> dict[str, object]:
        person = original(self, reference).case.people[0]
        raise RuntimeError(f"bad person {person.given_names} of {person.addresses[0].line1}")

    monkeypatch.setattr(repository.Store, "export", buggy_export)
    result = run_cli(capsys, "--db", str(db), "export", REF)
    assert result.code == 1
    assert result.err.count("\n") == 1 and "stopped on an unexpected error (RuntimeError" in result.err
    assert not any(secret in result.err + result.out for secret in SECRETS)
    (report,) = _reports(user_data_dir())
    _check_report(report, "RuntimeError", "in buggy_export")


def test_the_patched_textual_internals_are_still_there() -> None:
    """tui/crash_output.py overrides private methods of Textual's App (no public hook keeps case
    data out of a crash's output): the day Textual renames one, this fails before an officer's
    crash prints a traceback with a child's name in it."""
    import inspect

    from textual.app import App

    from dutydesk.tui.crash_output import PATCHED

    for name in PATCHED:
        assert callable(getattr(App, name, None)), f"Textual's App no longer has {name}"
    assert "_fatal_error" in inspect.getsource(App._handle_exception), "Textual no longer calls _fatal_error"
