"""Issue 20: settings read and written through tomlkit (comments and tables kept), each value
checked before the file changes, a typo never silent, and --db wherever it is typed."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from dutydesk.cli.run import global_options_first
from dutydesk.config.settings import load_settings
from tests.cli_helpers import run_cli

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DUTYDESK_CONFIG_DIR", str(tmp_path))
    path = tmp_path / "config.toml"
    path.write_text('# my settings\ncutoff = "16:00"   # the office shuts\n\n[office]\nname = "Cafcass"\n')
    return path


def test_set_get_unset_keep_the_file_as_it_was(capsys: Capsys, config: Path) -> None:
    assert run_cli(capsys, "config", "set", "idle_lock_minutes", "5").code == 0
    assert run_cli(capsys, "config", "set", "office.phone", "+44 300 456 4000").code == 0
    text = config.read_text(encoding="utf-8")
    assert "# my settings" in text and "# the office shuts" in text
    doc = tomllib.loads(text)
    assert doc["idle_lock_minutes"] == 5 and doc["office"] == {"name": "Cafcass", "phone": "+44 300 456 4000"}
    assert load_settings().idle_lock_minutes == 5  # at the top level, not inside [office]
    assert run_cli(capsys, "config", "get", "office.phone").out.strip() == "+44 300 456 4000"
    assert run_cli(capsys, "config", "unset", "cutoff").code == 0
    assert "cutoff" not in tomllib.loads(config.read_text(encoding="utf-8"))
    assert os.stat(config).st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["config", "set", "cutof", "16:30"], "did you mean 'cutoff'"),
        (["config", "set", "cutoff", "25:30"], "not a time of day"),
        (["config", "set", "office.phone", "12"], "UK telephone number"),
        (["config", "set", "office.fax", "0121 496 0000"], "did you mean"),
        (["config", "set", "lock_passphrase", "secret"], "lock-passphrase"),
        (["config", "get", "nonsense"], "not a setting"),
    ],
)
def test_a_wrong_key_or_value_changes_nothing(capsys: Capsys, config: Path, argv: list[str], says: str) -> None:
    before = config.read_bytes()
    done = run_cli(capsys, *argv)
    assert done.code == 2 and says in done.err and len(done.err.strip().splitlines()) == 1
    assert config.read_bytes() == before


def test_an_unknown_key_in_the_file_is_warned_about_by_every_command(capsys: Capsys, config: Path) -> None:
    config.write_text(config.read_text() + "\n[extra]\nidle_lock_minutess = 3\n")
    config.write_text("idle_lock_minuts = 3\n" + config.read_text())
    done = run_cli(capsys, "calendar", "--help")
    assert "'idle_lock_minuts' is not a setting" in done.err and "did you mean 'idle_lock_minutes'" in done.err


def test_the_passphrase_lands_at_the_top_level_after_a_table(
    capsys: Capsys, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    done = run_cli(capsys, "lock-passphrase")
    assert done.code == 0, done.err
    settings = load_settings()
    assert settings.lock_passphrase is not None and settings.lock_passphrase.startswith("scrypt:")
    assert "lock_passphrase" not in tomllib.loads(config.read_text())["office"]
    assert run_cli(capsys, "lock-passphrase", "--clear").code == 0 and load_settings().lock_passphrase is None


def test_db_is_accepted_after_the_sub_command(capsys: Capsys, tmp_path: Path) -> None:
    assert global_options_first(["cases", "--db", "x.sqlite3", "--json"]) == ["--db", "x.sqlite3", "cases", "--json"]
    assert global_options_first(["cases", "--db=x"]) == ["--db=x", "cases"]
    assert global_options_first(["--db", "x", "cases"]) == ["--db", "x", "cases"]
    db = tmp_path / "after.sqlite3"
    from dutydesk.services.demo import sample_files

    assert run_cli(capsys, "import", str(sample_files()[0]), "--db", str(db)).code == 0
    listed = run_cli(capsys, "cases", "--db", str(db), "--json")
    assert listed.code == 0 and "DD-2025-000101" in listed.out


def test_config_list_says_the_value_in_use_and_where_it_comes_from(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(capsys, "config", "set", "idle_lock_minutes", "5").code == 0
    monkeypatch.setenv("DUTYDESK_OFFICER", "Ann Able")
    listed = run_cli(capsys, "config", "list", "--json")
    assert listed.code == 0
    rows = {r["key"]: (r["value"], r["source"]) for r in json.loads(listed.out)}
    assert rows["idle_lock_minutes"] == (5, "config.toml")
    assert rows["officer_name"] == ("Ann Able", "DUTYDESK_OFFICER")
    assert rows["safeguarding_letter_days_before_hearing"] == (3, "default")
    assert rows["police_check_all_child_arrangements"] == (False, "default")
    assert rows["cutoff"][0] is None and rows["cutoff"][1].startswith("not set")
    text = run_cli(capsys, "config", "list").out
    assert "safeguarding_letter_days_before_hearing = 3    [default]" in text
    assert "police_check_all_child_arrangements = false    [default]" in text


def test_config_get_gives_the_default_and_says_when_nothing_is_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "config", "get", "safeguarding_letter_days_before_hearing").out == "3\n"
    unset = run_cli(capsys, "config", "get", "cutoff")
    assert unset.code == 1 and unset.out == "" and "cutoff is not set" in unset.err
