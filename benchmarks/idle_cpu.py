"""What an open desk costs when nobody types: the CPU it uses over a minute on the duty board,
then over a minute in an open case (the Intake step, the cursor in the step list) — as a share
of one core, beside a bare Textual app (Header with its clock, DataTable, Footer) idling the
same way in the same run; prints JSON.

Each desk is a fresh process run headless as `dutydesk --db DB` runs it (the clock in the
header, the store opened in the background, the case's poll for another officer's changes);
the first seconds after start or opening are left out, and then whatever the desk started is
waited for (the store opening, the board screening every open case once).
On a laptop on battery this is what the desk costs while the officer is in court.
Run: python benchmarks/idle_cpu.py [--seconds 60] [--cases 1000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

SETTLE = 3.0  # seconds after start, and after opening the case, before measuring


def child(kind: str, db: str, seconds: float) -> None:
    from textual.app import App

    def measure(app: App[object], then: object) -> None:
        """Measure `seconds` of idle from now, print it, then call `then`."""
        start_cpu, start_wall = time.process_time(), time.perf_counter()

        def done() -> None:
            cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
            print(json.dumps({"cpu_s": round(cpu, 3), "wall_s": round(wall, 1)}), flush=True)
            then()  # type: ignore[operator]

        app.set_timer(seconds, done)

    if kind == "bare":
        from textual.app import ComposeResult
        from textual.widgets import DataTable, Footer, Header

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header(show_clock=True)
                yield DataTable()
                yield Footer()

            def on_mount(self) -> None:
                table = self.query_one(DataTable)
                table.add_columns("Case", "Children", "First hearing")
                for i in range(1000):
                    table.add_row(f"DD-{i:06d}", "Child (5)", "01/01/26")
                table.focus()
                self.set_timer(SETTLE, lambda: measure(self, self.exit))

        Bare().run(headless=True)
        return

    from dutydesk.config.identity import resolve_officer
    from dutydesk.store.location import resolve
    from dutydesk.tui.app import build_app

    officer, location = resolve_officer(), resolve(Path(db))

    def opener() -> object:
        from dutydesk.store.repository import Store

        return Store.open(officer, location=location)

    from dutydesk.tui.quiet import busy_with

    app = build_app(opener=opener, quick_path=location.path)  # type: ignore[arg-type]
    app.ask_name = False

    def when_quiet(then: object) -> None:
        """Idle is measured once the desk has finished what it started (the board screens every
        open case in the background: seconds of work once, not an idle cost)."""
        began = time.perf_counter()

        def check() -> None:
            if busy_with(app) is None:
                poll.stop()
                print(json.dumps({"quiet_after_s": round(time.perf_counter() - began, 2)}), flush=True)
                then()  # type: ignore[operator]

        poll = app.set_interval(0.1, check)

    def open_case() -> None:
        reference = next(iter(app.screen.rows))  # type: ignore[attr-defined]
        app.open_case(reference)
        app.set_timer(SETTLE, lambda: when_quiet(lambda: measure(app, app.exit)))

    def on_board() -> None:
        when_quiet(lambda: measure(app, open_case))

    app.call_later(lambda: app.set_timer(SETTLE, on_board))
    app.run(headless=True)
    if app.store is not None:
        app.store.close()


def run_child(kind: str, db: Path, seconds: float) -> list[dict[str, float]]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(db), "--seconds", str(seconds)],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds * 3 + 60,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith('{"cpu_s"')]


def share(sample: dict[str, float]) -> float:
    return round(100 * sample["cpu_s"] / sample["wall_s"], 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.seconds)
        return

    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store, create_many
    from dutydesk.tools.synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "idle.sqlite3"
        store = Store.open(Officer("Bench", "bench"), db=db)
        cases = generate(args.cases, seed=9, open_share=1.0)
        while batch := list(islice(cases, 1000)):
            create_many(store, batch)
        store.close()
        board, case = run_child("desk", db, args.seconds)
        (bare,) = run_child("bare", db, args.seconds)
    print(
        json.dumps(
            {
                "benchmark": "idle_cpu",
                "seconds": args.seconds,
                "board_cpu_percent_of_a_core": share(board),
                "case_cpu_percent_of_a_core": share(case),
                "bare_textual_cpu_percent_of_a_core": share(bare),
                "board": board,
                "case": case,
                "bare_textual": bare,
                "target": "within 1 point of bare Textual",
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
