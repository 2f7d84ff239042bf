"""Run the real CLI entry point in-process and capture what a script would see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dutydesk.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    captured = capsys.readouterr()
    code = exc.value.code
    return Result(code if isinstance(code, int) else 1, captured.out, captured.err)
