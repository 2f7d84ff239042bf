"""`dutydesk screenshots` writes its demo stores' log lines to a scratch log, never the
officer's own (issue 34: 320 "created case … by J. Officer" lines landed in the real log)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from dutydesk.cli import screenshots_cmd
from dutydesk.infra import log
from tests.cli_helpers import run_cli


def test_the_captures_log_lines_go_to_a_scratch_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, str] = {}

    def fake_capture_all(out: Path) -> list[Path]:
        seen["data"] = os.environ["DUTYDESK_DATA_DIR"]
        logging.getLogger("dutydesk").info("created case DD-2025-000104 (audit row 1) by J. Officer")
        return []

    monkeypatch.setattr(screenshots_cmd, "capture_all", fake_capture_all)
    mine = log.log_file()
    assert run_cli(capsys, "screenshots", "--out", str(tmp_path / "screens")).code == 0
    assert not str(mine).startswith(seen["data"])
    assert "created case DD-2025-000104" not in (mine.read_text(encoding="utf-8") if mine.exists() else "")
    assert log.log_file() == mine  # the officer's own log again afterwards
    assert not Path(seen["data"]).exists()  # the scratch folder is gone
