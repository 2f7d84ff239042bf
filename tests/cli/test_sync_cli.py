"""`dutydesk sync` refuses what it cannot use, at once and in plain words (issue 33)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run_cli


def test_sync_without_an_office_says_how_to_give_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYDESK_DB", str(tmp_path / "laptop.sqlite3"))
    monkeypatch.delenv("DUTYDESK_OFFICE_URL", raising=False)
    result = run_cli(capsys, "sync")
    assert result.code == 2 and "no office store" in result.err and "office_url" in result.err
    with_password = run_cli(capsys, "sync", "--office", "postgresql+psycopg://ann:secret@db/dutydesk")
    assert with_password.code == 2 and "password" in with_password.err


def test_sync_refuses_bad_references_and_an_empty_office_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYDESK_DB", str(tmp_path / "laptop.sqlite3"))
    url = "postgresql+psycopg://ann@127.0.0.1:1/office"
    for argv, says in (
        (["--office", url, "--fetch", "../../etc"], "not a case reference"),
        (["--office", url, "--fetch", ""], "not a case reference"),
        (["--office", ""], "--office is empty"),
        (["--office", url + "?password=hunter2"], "password"),
        (["--office", "postgresql+psycopg2://ann@db/office"], "psycopg 3"),
    ):
        result = run_cli(capsys, "sync", *argv)
        assert result.code == 2 and says in result.err and "hunter2" not in result.err, (argv, result)


def test_config_refuses_an_office_url_with_a_password_however_it_is_spelt(capsys: pytest.CaptureFixture[str]) -> None:
    for url in (
        "postgresql+psycopg://ann:hunter2@db/office",
        "postgresql+psycopg://ann@db/office?password=hunter2",
        "postgresql+psycopg://ann@db/office?PASSWORD=hunter2",
        "postgresql+psycopg://ann@db/office?pass%77ord=hunter2",
        "postgresql+psycopg://ann@db/office?%70assword=hunter2",
    ):
        result = run_cli(capsys, "config", "set", "office_url", url)
        assert result.code == 2 and "password" in result.err and "hunter2" not in result.err, (url, result)
        assert run_cli(capsys, "config", "get", "office_url").code == 1  # nothing was written
