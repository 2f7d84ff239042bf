"""The last hostile inputs (issue 30): each is one line on stderr and exit 2, and the store is
byte for byte as it was — never a crash report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES


def run(args: list[str], env: dict[str, str], stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dutydesk", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUTYDESK_")}
    env.update(
        DUTYDESK_CONFIG_DIR=str(tmp_path / "cfg"),
        DUTYDESK_DATA_DIR=str(tmp_path / "data"),
        DUTYDESK_CACHE_DIR=str(tmp_path / "cache"),
        DUTYDESK_STATE_DIR=str(tmp_path / "state"),
        DUTYDESK_OFFICER="Test Officer",
        DUTYDESK_DB=str(tmp_path / "store.sqlite3"),
    )
    done = run(["import", "--hmcts", str(FIXTURES / "hmcts" / "cafcass-search-response.json")], env)
    assert done.returncode == 0, done.stderr
    return env


def one_line_exit_2(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dutydesk: ") and "crash" not in lines[0], done.stderr
    return lines[0]


def test_a_deadline_past_the_calendar_s_years(home: dict[str, str]) -> None:
    line = one_line_exit_2(run(["deadline", "2026-12-04", "--working-days", "19500"], home))
    assert "past what the calendar knows" in line


def test_output_to_a_full_device(home: dict[str, str]) -> None:
    with open("/dev/full", "w") as full:
        line = one_line_exit_2(run(["calendar", "2026"], home, stdout=full))
    assert "No space left" in line


def test_a_backup_onto_a_dangling_symlink(home: dict[str, str], tmp_path: Path) -> None:
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nowhere")
    store = Path(home["DUTYDESK_DB"])
    before = store.read_bytes()
    assert "symbolic link" in one_line_exit_2(run(["backup", "--out", str(link)], home))
    assert not (tmp_path / "nowhere").exists() and store.read_bytes() == before


def test_a_duplicate_import_is_bad_input(home: dict[str, str], tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(run(["export", run(["cases", "-q"], home).stdout.split()[0]], home).stdout)
    store = Path(home["DUTYDESK_DB"])
    before = store.read_bytes()
    assert "already in the store" in one_line_exit_2(run(["import", str(case)], home))
    assert store.read_bytes() == before


def test_an_hmcts_entry_whose_case_data_is_not_an_object(home: dict[str, str], tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"cases": [{"id": "1661164783455399", "case_data": "x"}]}))
    store = Path(home["DUTYDESK_DB"])
    before = store.read_bytes()
    assert "case_data" in one_line_exit_2(run(["import", "--hmcts", str(feed)], home))
    assert store.read_bytes() == before


def test_an_empty_dutydesk_db_is_not_the_default_store(home: dict[str, str]) -> None:
    assert "set but empty" in one_line_exit_2(run(["cases"], {**home, "DUTYDESK_DB": ""}))


def test_a_huge_config_file_is_refused_at_once(home: dict[str, str]) -> None:
    config = Path(home["DUTYDESK_CONFIG_DIR"]) / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    with config.open("w") as fh:
        fh.write("# a config file grown by a runaway script\n")
        fh.truncate(5 * 1_048_576)
    without_officer = {k: v for k, v in home.items() if k != "DUTYDESK_OFFICER"}  # the name is read from it
    assert "at most 1,048,576 bytes" in one_line_exit_2(run(["cases"], without_officer))


def test_an_officer_name_with_a_line_break_writes_one_log_line(home: dict[str, str], tmp_path: Path) -> None:
    forged = "Eve\n2026-12-04 09:00:00,000 INFO created case DD-0000-000000 by Someone Else"
    done = run(["backup"], {**home, "DUTYDESK_OFFICER": forged})
    assert done.returncode == 0, done.stderr
    log = (Path(home["DUTYDESK_STATE_DIR"]) / "dutydesk.log").read_text(encoding="utf-8")
    assert "\n2026-12-04 09:00:00,000 INFO created case DD-0000-000000" not in log
    assert all(line[:4].isdigit() for line in log.splitlines())  # every line is an entry of its own
