"""The board paints before the heavy half of dutydesk is imported (issue 31: imports at the top
except on the start-up path; issue 32: start-up at bare Textual's pace). What `dutydesk` imports
to paint the board must not pull in the database layer, the letter writers or the charts: the
store opens in the background after the first paint."""

from __future__ import annotations

import json
import subprocess
import sys

# Imported only after the board has painted (or when an officer asks for them).
HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "jinja2",
    "docx",
    "pygal",
    "plotext",
    "textual_plotext",
    "holidays",
    "tomlkit",
)
# What `dutydesk` with no command imports before the first paint (cli.root → tui.app → the board).
START_PATH = ("dutydesk.cli.root", "dutydesk.tui.app", "dutydesk.tui.screens.board")


def test_the_start_up_path_leaves_the_heavy_modules_for_later() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for m in {START_PATH!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    early = sorted({m.split(".")[0] for m in loaded} & set(HEAVY))
    assert not early, f"imported before the board paints: {early} (defer them, with the reason beside the import)"
