"""`dutydesk` alone opens the desk without click (cli/__init__.py); anything the command line
must judge goes to it, so the desk's quick path never changes what a bad store setting gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutydesk.cli import desk_only


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None)),
        (["--db", "x.sqlite3"], (True, "x.sqlite3")),
        (["--db=x.sqlite3"], (True, "x.sqlite3")),
        (["--db", ""], (False, None)),  # click says what is wrong with an empty path
        (["--db="], (False, None)),
        (["--db", "--help"], (False, None)),
        (["-v"], (False, None)),
        (["--help"], (False, None)),
        (["cases"], (False, None)),
        (["--db", "x.sqlite3", "cases"], (False, None)),
    ],
)
def test_only_the_plain_desk_takes_the_quick_path(argv: list[str], expected: tuple[bool, str | None]) -> None:
    assert desk_only(argv) == expected


def test_a_folder_given_as_the_store_goes_to_the_command_line_to_be_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a tester: DUTYDESK_DB naming a folder opened an empty board with a notification
    and exit 0; the command line refuses it in one line with exit 2, as it refuses --db."""
    assert desk_only(["--db", str(tmp_path)]) == (False, str(tmp_path))
    monkeypatch.setenv("DUTYDESK_DB", str(tmp_path))
    assert desk_only([])[0] is False
    monkeypatch.setenv("DUTYDESK_DB", str(tmp_path / "store.sqlite3"))
    assert desk_only([]) == (True, None)
