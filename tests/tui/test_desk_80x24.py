"""Issue 17: the desk at 80×24 as an officer sees it. Every screen is read as text, the way a
person reads it: no internal identifier (snake_case words, the case file's ids) and no footer
key cut mid-word, on the board, every step, the item dialogs and the help."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.widgets import DataTable

from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.footer import DeskFooter
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bseed \d{3}\b")  # ids, and our sources by file name
STEP_KEYS = "1234567890"


def screen_text(app: DutydeskApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def internal_words(app: DutydeskApp, ids: set[str], text: str | None = None) -> list[str]:
    text = screen_text(app) if text is None else text
    found = SNAKE.findall(text)
    body = "\n".join(text.splitlines()[:-1])  # the footer's keys (f1) are not the case's ids
    found += [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", body)]
    return found


def footer_cut(app: DutydeskApp, text: str | None = None) -> list[str]:
    """A footer key shows whole or not at all: its words never end at the edge."""
    lines = (screen_text(app) if text is None else text).splitlines()
    bottom = lines[-1] if lines else ""
    cut = []
    for footer in app.screen.query(DeskFooter):
        for key in footer.keys:
            description = key.description
            shown = f"{key.display} {description}".strip()
            if description and shown not in bottom:  # drawn, but not whole
                cut.append(f"footer key cut: {shown!r} in {bottom!r}")
    return cut


def headings_cut(app: DutydeskApp, text: str | None = None) -> list[str]:
    """A heading or message on screen shows every word whole (wrapped, never clipped)."""
    lines = (screen_text(app) if text is None else text).splitlines()
    shown = " ".join(" ".join(line.split()) for line in lines)
    cut = []
    height = app.screen.size.height
    for label in app.screen.query(".section, .error.-shown"):
        region = label.region
        if region.height == 0 or region.y < 0 or region.bottom > height - 1:
            continue  # scrolled out of sight, or hidden: not what a person sees now
        text = str(label.render())
        cut += [f"heading cut: {word!r} of {text!r}" for word in text.split() if word not in shown]
    return cut


def read(app: DutydeskApp, ids: set[str]) -> list[str]:
    """Everything wrong with what is on the screen now, read once."""
    text = screen_text(app)
    return internal_words(app, ids, text) + footer_cut(app, text) + headings_cut(app, text)


def case_ids(store: Store, reference: str) -> set[str]:
    c = store.load(reference).case
    items: list[Any] = [*c.people, *c.referrals, *c.checks, *c.findings, *c.concerns, *c.discussions]
    return {i.id for i in items if i.id}


@pytest.mark.parametrize("reference", ["DD-2025-000104", "DD-2025-000106"])
async def test_every_step_and_dialog_at_80x24_speaks_plain_english(demo_store: Store, reference: str) -> None:
    ids = case_ids(demo_store, reference)
    problems: list[str] = []
    dialogs_read = 0
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        problems += [f"board: {w}" for w in read(app, ids)]
        app.open_case(reference)
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        for key in STEP_KEYS:
            await pilot.press(key)
            await settle(pilot, 0.3)
            step = app.screen.current
            problems += [f"{step}: {w}" for w in read(app, ids)]
            # Each table's first item opened in its dialog, read, and closed.
            pane = app.screen.query_one(f"#pane-{step}")  # this step's tables (earlier ones stay built)
            for table in list(pane.query(DataTable)):
                if table.row_count and table.id not in ("letters", "earlier-found"):
                    table.focus()
                    await pilot.press("enter")
                    await settle(pilot, 0.3)
                    if app.screen is not None and not isinstance(app.screen, CaseScreen):
                        problems += [f"{step} dialog: {w}" for w in read(app, ids)]
                        dialogs_read += 1
                        await pilot.press("escape")
                        await settle(pilot, 0.3)
        await pilot.press("f1")
        await settle(pilot)
        problems += [f"help: {w}" for w in internal_words(app, ids)]
    assert problems == [], problems
    assert dialogs_read >= 3  # the item dialogs were opened and read, not skipped
