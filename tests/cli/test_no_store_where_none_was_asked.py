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


def test_a_store_file_that_is_not_there_is_not_made_by_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typing slip in --db (`tpyo.sqlite3`) in a folder that exists: the reading commands say
    there is no store there, rather than answer "No open cases." from an empty one they made."""
    typo = tmp_path / "tpyo.sqlite3"
    for argv in (["cases"], ["review"], ["stats"], ["audit", "verify"], ["find", "Smith"], ["export", "DD-1"]):
        result = run_cli(capsys, "--db", str(typo), *argv)
        assert result.code == 2 and "there is no store at" in result.err and str(typo) in result.err, (argv, result)
        assert len(result.err.strip().splitlines()) == 1
        assert not typo.exists(), argv


def test_an_existing_folder_takes_a_new_store_by_an_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "--db", str(tmp_path / "new.sqlite3"), "import", "examples/case.json")
    assert result.code == 0 and (tmp_path / "new.sqlite3").exists()
    assert run_cli(capsys, "--db", str(tmp_path / "new.sqlite3"), "cases", "-q").out.split() == ["DD-2025-000107"]


def test_two_ways_to_print_the_same_list_are_refused_alike(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.sqlite3")
    for argv in (["cases", "--json", "-q"], ["review", "--json", "--csv"], ["stats", "--json", "--csv"]):
        result = run_cli(capsys, "--db", db, *argv)
        assert result.code == 2 and result.out == "", (argv, result)
        assert "different ways to print the same thing: give one of them" in result.err, (argv, result)
        assert len(result.err.strip().splitlines()) == 1
