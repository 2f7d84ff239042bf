"""Time per keystroke: moving through 1,000 board rows, switching case steps, and typing a
character into a field; prints JSON.

Headless (Textual's run_test), two measures:
- `*_via_pilot`: from sending the key to the app being idle with the screen redrawn. This
  includes the test pilot's own waiting; the same measure on a bare Textual DataTable of 1,000
  rows, in the same run, shows that floor.
- `*_work`: the work the key causes, done directly — the action, the layout and the redraw of
  what changed — without the pilot (what an officer waits for when the app is otherwise idle).
Run: python benchmarks/latency.py [--rows 1000] [--keys 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
        "keys": len(ordered),
    }


async def timed_keys(pilot: Any, keys: list[str]) -> list[float]:
    out = []
    for key in keys:
        t0 = time.perf_counter()
        await pilot.press(key)
        out.append(time.perf_counter() - t0)
    return out


async def bare_rows(rows: int, keys: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable(cursor_type="row")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Case", "Children", "First hearing", "Most urgent", "Due", "Risk", "Police")
            for i in range(rows):
                table.add_row(f"DD-{i:06d}", "Child (5)", "01/01/26 3wd", "Something", "", "low", "required")
            table.focus()

    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        return await timed_keys(pilot, ["down"] * keys)


async def bare_steps(keys: int) -> list[float]:
    """Bare Textual showing one of ten steps of eleven labelled input rows each, by a digit key
    (a ContentSwitcher, the step list highlighted, the step focused): what Textual itself costs
    to show a step of the desk's size, beside the desk's own step switch."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import ContentSwitcher, Footer, Header, Input, Label, OptionList, Static

    class Step(VerticalScroll, can_focus=True):
        def __init__(self, index: int) -> None:
            super().__init__(id=f"step{index}")
            self.index = index

        def compose(self) -> ComposeResult:
            for row in range(11):
                with Vertical(classes="row"):
                    yield Label(f"Field {row} of step {self.index}")
                    with Horizontal():
                        yield Input(f"value {row}", compact=True)
                    yield Label("", classes="error")

    class BareSteps(App[None]):
        CSS = ".row { height: auto; margin-bottom: 1; } Horizontal { height: auto; } .error { display: none; }"
        CSS += " #steps { width: 24; } #right { width: 34; }"
        BINDINGS = [Binding(str((i + 1) % 10), f"step({i})", show=False) for i in range(10)]

        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal():
                yield OptionList(*(f"Step {i}" for i in range(10)), id="steps")
                with ContentSwitcher(initial="step0"):
                    yield from (Step(i) for i in range(10))
                yield Static("What's next", id="right")
            yield Footer()

        def action_step(self, index: int) -> None:
            self.query_one(ContentSwitcher).current = f"step{index}"
            self.query_one(OptionList).highlighted = index
            self.query_one(f"#step{index}").focus()

    async with BareSteps().run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        for key in "1234567890":
            await pilot.press(key)
        return await timed_keys(pilot, list("1234567890" * max(1, keys // 10)))


async def dutydesk_keys(db: Path, keys: int) -> tuple[list[float], list[float], list[float], list[float]]:
    from dutydesk.config.policy_files import load_policy
    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store
    from dutydesk.tui.app import DutydeskApp

    store = Store.open(Officer("Bench", "bench"), db=db)
    app = DutydeskApp(store, load_policy(), show_clock=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)
        board = await timed_keys(pilot, ["down"] * keys)
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        board_work = [direct(app, table.action_cursor_down) for _ in range(keys)]
        await pilot.press("home", "enter")
        await pilot.pause(1.0)
        for key in "1234567890":  # build every step once, as an officer would on first visit
            await pilot.press(key)
        await pilot.pause(0.5)
        steps = await timed_keys(pilot, list("1234567890" * max(1, keys // 10)))
        case_screen = app.screen
        steps_work = [direct(app, lambda i=i: case_screen.action_step(i % 10)) for i in range(keys)]  # type: ignore[attr-defined]
        typing, rules = typed_characters(app, case_screen, keys)
    store.close()
    return board, steps, board_work, steps_work, typing, rules


def typed_characters(app: Any, case_screen: Any, keys: int) -> tuple[list[float], list[float]]:
    """The work one typed character causes in a text field — the field's edit, parsing the text,
    recording it in the case, scheduling the save — and, separately, the rules refresh (the rules,
    What's next, every built step's derived text) that follows typing at most every 0.2 s."""
    from textual.widgets import TextArea

    from dutydesk.tui.widgets.fields import FieldRow

    case_screen.action_step(5)  # Risk: its analysis is a free-text field (a text area since issue 23)
    row = next(r for r in case_screen.query(FieldRow) if r.spec.path == "risk.analysis")
    editor = row.query_one(TextArea)
    text = "Father's threats at handover are escalating; the children are frightened. "
    typing = []
    for i in range(keys):
        ch = text[i % len(text)]

        def one_character(ch: str = ch) -> None:
            editor.insert(ch)
            row._written(TextArea.Changed(editor))  # parse, then post the field's change
            case_screen.apply("risk.analysis", editor.text)  # what the step does with it

        typing.append(direct(app, one_character))
    rules = [direct(app, case_screen.refresh_all) for _ in range(max(10, keys // 10))]
    return typing, rules


def direct(app: Any, action: Any) -> float:
    t0 = time.perf_counter()
    action()
    app.screen._refresh_layout()
    app.screen._compositor.render_update(full=False)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args()
    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store, create_many
    from dutydesk.tools.synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "latency.sqlite3"
        store = Store.open(Officer("Bench", "bench"), db=db)
        cases = generate(args.rows, seed=5, open_share=1.0)  # every case open: 1,000 board rows
        while batch := list(islice(cases, 1000)):
            create_many(store, batch)
        store.close()
        board, steps, board_work, steps_work, typing, rules = asyncio.run(dutydesk_keys(db, args.keys))
    bare = asyncio.run(bare_rows(args.rows, args.keys))
    bare_switch = asyncio.run(bare_steps(args.keys))
    step, key = summary(steps), summary(bare)
    print(
        json.dumps(
            {
                "benchmark": "latency",
                "board_rows": args.rows,
                "board_down_work": summary(board_work),
                "case_step_switch_work": summary(steps_work),
                "typed_character_work": summary(typing),
                "rules_refresh_after_typing_work": summary(rules),
                "board_down_via_pilot": summary(board),
                "case_step_switch_via_pilot": summary(steps),
                "bare_textual_datatable_down_via_pilot": key,
                "bare_textual_step_switch_via_pilot": summary(bare_switch),
                "step_switch_median_ratio_to_bare_key": round(step["median_ms"] / key["median_ms"], 2),
                "step_switch_p95_ratio_to_bare_key": round(step["p95_ms"] / key["p95_ms"], 2),
                "targets": {"median_ratio": 1.3, "p95_ratio": 2.0, "work_median_ms": 16},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
