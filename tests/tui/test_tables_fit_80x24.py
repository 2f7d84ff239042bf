"""Issue 29: at 80×24 a step's table fits its pane — no column runs past the edge, where its last
characters were clipped without a mark ("ABCDEFGHIJKLMNOPQ" for the alphabet: the R, at the wrap,
was under the pane's edge; "Said on the phone" lost its full stop)."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from dutydesk.tui.screens.case import CaseScreen
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle


async def test_every_step_table_fits_its_pane_at_80_columns(demo_store: Any) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 1.0)
        app.open_case("DD-2025-000104")
        await settle(pilot)
        too_wide = []
        for step in range(2, 12):
            burst(app, f"f{step}")
            await keys_done(app, pilot)
            await settle(pilot, 0.3)
            assert isinstance(app.screen, CaseScreen)
            for table in app.screen.query(DataTable):
                if not table.display or not table.region:
                    continue
                needed = sum(c.get_render_width(table) for c in table.columns.values())
                if needed > table.scrollable_content_region.width:
                    too_wide.append(f"F{step} #{table.id}: {needed} > {table.scrollable_content_region.width}")
        assert not too_wide, too_wide
