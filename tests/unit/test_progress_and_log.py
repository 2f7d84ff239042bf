"""Issue 20: long work shows progress at a terminal and nothing in a pipe; the activity log says
what was done, to which case, by whom — never the case's content — owner-only, and -v echoes it."""

from __future__ import annotations

import io
import os
import pty
import stat
import sys
import time
from pathlib import Path

import pytest

from dutydesk.infra import log
from dutydesk.infra.progress import progress
from dutydesk.services.demo import sample_files
from tests.cli_helpers import run_cli


def test_a_bar_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    master, slave = pty.openpty()
    monkeypatch.setattr(sys, "stderr", os.fdopen(slave, "w", buffering=1))
    with progress("Importing the HMCTS feed", 3) as advance:
        for _ in range(3):
            advance(1)
            time.sleep(0.25)  # the bar redraws ten times a second
    sys.stderr.flush()
    shown = os.read(master, 65536).decode("utf-8", "replace")
    assert "Importing the HMCTS feed" in shown


def test_nothing_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with progress("Importing", 3) as advance:
        advance(3)
    assert pipe.getvalue() == ""


def test_the_log_names_what_and_whom_never_the_content(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    sample = next(p for p in sample_files() if "confidential" in p.stem)
    assert run_cli(capsys, "--db", str(db), "import", str(sample)).code == 0
    assert run_cli(capsys, "-v", "--db", str(db), "draft", "DD-2025-000107", "case_record", "--format", "txt").code == 0
    echoed = capsys.readouterr().err
    text = log.log_file().read_text(encoding="utf-8")
    assert "created case DD-2025-000107" in text and "drafted case_record for DD-2025-000107" in text
    assert "Test Officer" in text
    for secret in ("Quiet Close", "CF24", "07700", "Mohammed", "Rahman"):
        assert secret not in text, secret
    assert stat.S_IMODE(log.log_file().stat().st_mode) == 0o600
    done = run_cli(capsys, "--db", str(db), "audit", "verify", "-v")  # -v after the sub-command too
    assert done.code == 0 and "command audit" in done.err
    del echoed
