"""Snapshots of every screen at 80×24 and 120×40 (pytest-textual-snapshot), from the demo
store at a fixed time; `dutydesk screenshots` writes the same screens to screens/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dutydesk.tui.capture import SCREENS, SIZES, demo_app


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_snapshot(name: str, size: tuple[int, int], snap_compare: Any, tmp_path: Path) -> None:
    app = demo_app(tmp_path)
    try:
        assert snap_compare(app, terminal_size=size, run_before=SCREENS[name])
    finally:
        app.store.close()
