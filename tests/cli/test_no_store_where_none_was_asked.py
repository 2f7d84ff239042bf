"""A mistyped store path is an error, not an empty caseload (issue 34): `--db` or DUTYDESK_DB
naming a folder that does not exist makes nothing and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run_cli


@pytest.mark.parametrize("how", ["--db", "DUTYDESK_DB"])
def test_a_store_in_a_folder_that_does_not_exist_is_refused_and_nothing_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    wanted = tmp_path / "no-such-dir" / "x.sqlite3"
    args = ["--db", str(wanted), "cases"] if how == "--db" else ["cases"]
    if how == "DUTYDESK_DB":
        monkeypatch.setenv("DUTYDESK_DB", str(wanted))
    result = run_cli(capsys, *args)
    assert result.code == 2 and result.out == ""
    assert "there is no folder" in result.err and "create the folder first" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not wanted.parent.exists()  # no folder, no store


def test_an_existing_folder_still_takes_a_new_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "--db", str(tmp_path / "new.sqlite3"), "cases")
    assert result.code == 0 and (tmp_path / "new.sqlite3").exists()


def test_two_ways_to_print_the_same_list_are_refused_alike(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.sqlite3")
    for argv in (["cases", "--json", "-q"], ["review", "--json", "--csv"], ["stats", "--json", "--csv"]):
        result = run_cli(capsys, "--db", db, *argv)
        assert result.code == 2 and result.out == "", (argv, result)
        assert "give one" in result.err or "choose one" in result.err, (argv, result)
        assert len(result.err.strip().splitlines()) == 1
