"""`dutydesk backup` and `dutydesk restore` as a script sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from tests.cli_helpers import run_cli


def test_backup_then_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite3")
    assert run_cli(capsys, "--db", db, "import", str(sample_files()[0])).code == 0
    r = run_cli(capsys, "--db", db, "backup", "--out", str(tmp_path / "b.sqlite3"))
    assert r.code == 0 and "1 cases · audit chain verifies" in r.out
    r = run_cli(capsys, "--db", db, "restore", str(tmp_path / "b.sqlite3"))
    assert r.code == 0 and "restored 1 cases" in r.out and "kept at" in r.out


def test_restore_of_something_else_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite3")
    assert run_cli(capsys, "--db", db, "import", str(sample_files()[0])).code == 0
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello")
    r = run_cli(capsys, "--db", db, "restore", str(junk))
    assert r.code == 2 and "is not a dutydesk store" in r.err and len(r.err.strip().splitlines()) == 1
    r = run_cli(capsys, "--db", db, "backup", "--out", str(junk))
    assert r.code == 2 and "never overwrites" in r.err
