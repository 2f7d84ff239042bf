"""`dutydesk paths` names every place dutydesk uses, each moved by its variable, and README lists
every environment variable the code reads (issue 34)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_every_path_follows_its_variable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        monkeypatch.setenv(f"DUTYDESK_{name}_DIR", str(tmp_path / name.lower()))
    done = run_cli(capsys, "--db", str(tmp_path / "mine.sqlite3"), "paths", "--json")
    assert done.code == 0
    rows = {r["what"]: r["path"] for r in json.loads(done.out)}
    assert rows["store"] == str(tmp_path / "mine.sqlite3")
    assert rows["log"] == str(tmp_path / "state" / "dutydesk.log")
    assert rows["settings"] == str(tmp_path / "config" / "config.toml")
    assert rows["bank holidays computed"].startswith(str(tmp_path / "cache"))
    for what in ("letters drafted (outbox)", "recovery files", "crash reports", "audit witness log"):
        assert rows[what].startswith(str(tmp_path / "data")), what
    assert not (tmp_path / "mine.sqlite3").exists()  # printing where things go makes nothing


def test_readme_documents_every_environment_variable_the_code_reads() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "dutydesk").rglob("*.py"))
    used = set(re.findall(r"\bDUTYDESK_[A-Z_]+[A-Z]\b", source))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(v for v in used if f"`{v}`" not in readme) == []
