"""Every command that reads has --json (issue 34): the office details, the document kinds, the
audit verdict, the settings — each parses, and says what the text says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli


def test_reading_commands_print_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.sqlite3")
    assert run_cli(capsys, "--db", db, "import", "examples/case.json").code == 0
    office = json.loads(run_cli(capsys, "office", "--json").out)
    assert set(office) >= {"name", "address", "phone", "email", "role", "direct_line"}
    kinds = json.loads(run_cli(capsys, "draft", "--list", "--json").out)
    assert {"referral_letter", "consent_to_checks"} <= {k["kind"] for k in kinds}
    verdict = run_cli(capsys, "--db", db, "audit", "verify", "--json")
    assert verdict.code == 0 and json.loads(verdict.out)["ok"] is True
    settings = json.loads(run_cli(capsys, "config", "list", "--json").out)
    assert {"key", "value", "source", "what"} == set(settings[0])
