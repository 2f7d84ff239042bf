"""`s` on the board with no office store configured says how to set one, and changes nothing (issue 33)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from dutydesk.config.policy_files import load_policy
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.quiet import until_quiet


def status(app: DutydeskApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_without_an_office_s_says_how_to_set_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUTYDESK_OFFICE_URL", raising=False)
    laptop = Store.open(Officer("Ann Able", "ann"), db=tmp_path / "laptop.sqlite3")
    app = DutydeskApp(laptop, load_policy())
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_quiet(pilot)
            await pilot.press("s")
            await until_quiet(pilot)
            said = [str(n.message) for n in app._notifications]
            assert any("office_url" in m for m in said), said
            assert "synced" not in status(app)
    finally:
        laptop.close()
