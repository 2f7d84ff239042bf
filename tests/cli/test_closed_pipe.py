"""A reader that stops early (`dutydesk cases -q | head -n 1`) is not an error: every command
that prints ends quietly and successfully, whatever moment the pipe closes (issue 34)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

READ_COMMANDS = [
    ["cases"],
    ["cases", "-q"],
    ["cases", "--json"],
    ["calendar", "2026"],
    ["deadline", "2026-12-04", "--working-days", "5"],
    ["find", "Smith"],
    ["review", "--json"],
    ["audit", "verify"],
    ["config", "list"],
    ["config", "get", "cutoff"],
    ["paths"],
    ["stats", "--by", "month"],
    ["stats", "--by", "month", "--csv"],
    ["review", "--csv"],
    ["draft", "--list"],
    ["office"],
    ["screen", "{REF}"],
    ["screen", "{REF}", "--json"],
    ["export", "{REF}"],
    ["audit", "show", "{REF}"],
    ["audit", "verify", "--json"],
    ["--help"],
]


def _run_into_closed_pipe(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """The pipe's reading end is closed before dutydesk writes a byte: every write meets EPIPE,
    the moment `head` exits in the worst case."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "dutydesk", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # Module-scoped, so built before the per-test hermetic fixture: its own folders, set here.
    home = Path(tmp_path_factory.mktemp("pipe"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUTYDESK_")}
    env.update(
        DUTYDESK_CONFIG_DIR=str(home / "config"),
        DUTYDESK_DATA_DIR=str(home / "data"),
        DUTYDESK_CACHE_DIR=str(home / "cache"),
        DUTYDESK_STATE_DIR=str(home / "state"),
        DUTYDESK_OFFICER="Test Officer",
        DUTYDESK_DB=str(home / "store.sqlite3"),
    )
    subprocess.run(
        [sys.executable, "-m", "dutydesk", "import", "--hmcts", "tests/fixtures/hmcts/cafcass-search-response.json"],
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run([sys.executable, "-m", "dutydesk", "config", "set", "cutoff", "16:30"], env=env, check=True)
    return env


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=" ".join)
def test_a_closed_pipe_is_quiet_success(argv: list[str], demo_env: dict[str, str]) -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "dutydesk", "cases", "-q"], env=demo_env, capture_output=True, text=True, check=True
    )
    first = listed.stdout.split()[0]
    done = _run_into_closed_pipe([first if arg == "{REF}" else arg for arg in argv], demo_env)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
