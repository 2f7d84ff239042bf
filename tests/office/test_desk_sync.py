"""The desk and the office (issue 33): `s` on the board syncs now, in the background — keys typed
meanwhile go where they were typed — the status line says when it last synced and how much is
left to send, and a case the office opened meanwhile is on the board after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Case, CaseInfo, Person
from dutydesk.store.audit import Officer
from dutydesk.store.engine import Location
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.quiet import until_quiet
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.screens.case import CaseScreen
from tests.cli_helpers import run_cli
from tests.office.conftest import PG_URL

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured (set DUTYDESK_TEST_PG_URL)"),
]


def status(app: DutydeskApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_s_syncs_in_the_background_and_the_status_line_says_so(
    office_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(capsys, "office-store", "init", office_url).code == 0
    hq = Store.open(Officer("Office", "office"), location=Location(office_url, None))
    made = hq.create(
        Case(
            case=CaseInfo(reference="", court="Family Court at Leeds"),
            people=[Person(id="pc", role="child", given_names="Maya")],
        )
    ).case.case.reference
    hq.close()
    monkeypatch.setenv("DUTYDESK_OFFICE_URL", office_url)
    laptop = Store.open(Officer("Ann Able", "ann"), db=tmp_path / "laptop.sqlite3")
    app = DutydeskApp(laptop, load_policy())
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await until_quiet(pilot)
            assert "not synced yet" in status(app)
            await pilot.press("s", "n", "enter")  # sync, and at once a new case: the keys are not held up
            await until_quiet(pilot, at_most=20)
            assert isinstance(app.screen, CaseScreen)  # the new case opened while the sync ran
            await pilot.press("escape")
            await until_quiet(pilot, at_most=20)
            assert isinstance(app.screen, BoardScreen)
            board = app.screen.query_one(DataTable)
            shown = {str(board.get_row_at(i)[0]) for i in range(board.row_count)}
            assert any(made in cell for cell in shown), shown  # the office's case came to the laptop
            assert "synced " in status(app) and "to send" in status(app), status(app)
            assert "to send" in status(app)[:78]  # seen at 80 columns, not cut off the end of the line
        again = DutydeskApp(laptop, load_policy())  # the desk started again: it knows when it last synced
        async with again.run_test(size=(120, 30)) as pilot:
            await pilot.pause(2.5)
            await until_quiet(pilot, at_most=20)
            assert "synced " in status(again) and "1 change to send" in status(again), status(again)
    finally:
        laptop.close()
