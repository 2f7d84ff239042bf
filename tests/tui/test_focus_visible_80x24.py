"""Issue 29: at 80×24 the field with the focus is always on screen.

"Every dialog fits or scrolls with its focused input always visible." An officer at a laptop Tabs
through a step: wherever the focus goes, the widget that holds it must be where she can see it —
not below the fold of a step whose explanations grew (the Escalation step's reasons and the
referral made before the Service Manager was reached pushed "With (manager)" off screen, and Tab
went there unseen). Keys go in bursts; each Tab is checked by what the screen's compositor placed.
"""

from __future__ import annotations

import json
from typing import Any

from textual.errors import NoWidget

from dutydesk.services.demo import sample_files
from dutydesk.tui.screens.case import CaseScreen
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle

SMALL = (80, 24)


def on_screen(app: Any) -> str | None:
    """Why the focused widget is not visible, or None when its first line is on screen."""
    widget = app.focused
    if widget is None:
        return None
    try:
        geometry = app.screen.find_widget(widget)
    except NoWidget:
        return f"{widget!r} is not on screen at all"
    region, clip = geometry.region, geometry.clip
    if region.height == 0 or not (clip.y <= region.y < clip.bottom):
        return f"{widget!r} at {region} is outside what its container shows ({clip})"
    return None


# The sample with the most on each step: ongoing domestic abuse, referred under s47, escalated.
SAMPLE = "04-ongoing-da.json"


async def test_tab_through_every_step_never_leaves_the_focus_out_of_sight(store: Any) -> None:
    path = next(p for p in sample_files() if p.name == SAMPLE)
    reference = store.import_document(json.loads(path.read_text())).case.case.reference
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.open_case(reference)
        await settle(pilot)
        for step in range(2, 12):
            burst(app, f"f{step}")  # a step from anywhere, even from inside a field
            await keys_done(app, pilot)
            await settle(pilot, 0.3)
            assert isinstance(app.screen, CaseScreen)
            seen: set[int] = set()
            for tab in range(25):
                burst(app, "tab")
                await keys_done(app, pilot)
                await pilot.pause(0.05)
                problem = on_screen(app)
                assert problem is None, f"step {step}, Tab {tab + 1}: {problem}"
                if id(app.focused) in seen:
                    break  # round the step once
                seen.add(id(app.focused))
